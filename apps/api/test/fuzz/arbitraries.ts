import fc from 'fast-check';

/** The part of JSON Schema (as @fastify/swagger emits it from zod) that the generators read. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

/**
 * A very long string that prints as its recipe: a failing case stays readable in the report,
 * while JSON.stringify (the request body) still sends every character.
 */
class Huge {
  readonly char: string;
  readonly length: number;
  constructor(char: string, length: number) {
    this.char = char;
    this.length = length;
  }
  toJSON() {
    return this.char.repeat(this.length);
  }
  toString() {
    return this.toJSON();
  }
  [fc.toStringMethod]() {
    return `${JSON.stringify(this.char)}.repeat(${this.length})`;
  }
}

/** Text PostgreSQL cannot store, and text that is merely unusual. */
const nasties = fc.oneof(
  fc.string({ maxLength: 8 }).map((s) => `${s}\u0000${s}`),
  fc.constantFrom('\u0000', '\ud800', 'a\udc00b', '\udfff\ud800', '😀\ud83d', '\ud83d'),
  fc.constantFrom('', ' ', '\n', '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --", '%00', '\u202e', '\ufeff', 'Ω≈ç√'),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const hugeString = fc.oneof(
  fc.integer({ min: 5_000, max: 300_000 }).map((n) => new Huge('x', n)),
  fc.constant(new Huge('é', 600_000)),
  // Over the 1 MiB body limit once serialised.
  fc.constant(new Huge('z', 1_100_000)),
);

const oddNumbers = fc.constantFrom(0, -0, -1, 1.5, -1.5, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 2 ** 64, 1e-320, 99999999999999999999);

/** Nested `depth` levels of arrays or objects, built without recursion. */
function nested(depth: number, leaf: unknown, asObject: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

/** Any value in a place that expects something else. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nasties },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: oddNumbers },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, '0', 'null', 'true', '1e999', '-1') },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 50, max: 400 }), fc.boolean()).map(([d, o]) => nested(d, '\u0000', o)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A plausible value for `schema`: the shape the route expects, so the request gets past the outer checks. */
export function plausible(schema: Schema | undefined, resolve: (ref: string) => Schema, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 1 });
  if (schema.$ref) return plausible(resolve(schema.$ref), resolve, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => plausible(s, resolve, depth + 1)));
  if (schema.allOf?.length) return plausible(Object.assign({}, ...schema.allOf), resolve, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => plausible({ ...schema, type: t }, resolve, depth)));
  switch (type[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1000), max: Math.min(schema.maximum ?? 1000, 1000) });
    case 'number':
      return fc.double({ min: Math.max(schema.minimum ?? -1000, -1000), max: Math.min(schema.maximum ?? 1000, 1000), noNaN: true });
    case 'string': {
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date-time') return fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.pattern) {
        try {
          return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 1000));
        } catch {
          // A pattern fast-check cannot generate from: plain strings below.
        }
      }
      const minLength = schema.minLength ?? 0;
      return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)) });
    }
    case 'array':
      return fc.array(plausible(schema.items, resolve, depth + 1), { maxLength: 3 });
    case 'object': {
      const props = schema.properties ?? {};
      if (!Object.keys(props).length) return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      const required = (schema.required ?? []).filter((k) => k in props);
      return fc.record(Object.fromEntries(Object.entries(props).map(([k, s]) => [k, plausible(s, resolve, depth + 1)])), { requiredKeys: required });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A plausible object with some fields wrong, missing, or added; or a wrong value altogether. */
export function mangled(schema: Schema | undefined, resolve: (ref: string) => Schema): fc.Arbitrary<unknown> {
  const base = plausible(schema, resolve);
  const edits = fc.array(
    fc.record({
      key: fc.oneof(fc.constantFrom('name', 'email', 'content', 'id', 'type', 'credentials', '__proto__', 'constructor', 'x\u0000', '\ud800'), fc.string({ maxLength: 12 })),
      value: hostileValue,
      action: fc.constantFrom('set', 'set', 'delete'),
    }),
    { minLength: 1, maxLength: 4 },
  );
  const applyEdits = fc.tuple(base, edits, fc.integer({ min: 0, max: 100 })).map(([value, list, pick]) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(out);
    for (const e of list) {
      // Mostly the schema's own fields, so the wrong value lands where the route reads.
      const key = keys.length && pick % 3 !== 0 ? keys[(pick + list.indexOf(e)) % keys.length]! : e.key;
      if (e.action === 'delete') delete out[key];
      else Object.defineProperty(out, key, { value: e.value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  });
  return fc.oneof({ weight: 2, arbitrary: base }, { weight: 5, arbitrary: applyEdits }, { weight: 2, arbitrary: hostileValue });
}

/** Bodies that are not the JSON they claim to be, or not JSON at all. */
export const rawBody = fc.oneof(
  fc.record({
    type: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data', 'application/octet-stream', ''),
    payload: fc.oneof(
      fc.constantFrom('', '{', '{"a":', 'null', '[]', '"\\u0000"', '{"a":"\\ud800"}', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":1,"a":2}', 'NaN', '1e999', '\u0000', 'a=%zz&b=%00'),
      fc.integer({ min: 1_000, max: 100_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
      fc.integer({ min: 1_000, max: 60_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
      fc.string({ unit: 'binary', maxLength: 200 }),
    ),
  }),
  fc.record({ type: fc.constant('application/json'), payload: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.concat([Buffer.from('{"a":"'), Buffer.from(b), Buffer.from([0xff, 0xfe]), Buffer.from('"}')])) }),
);

/** Path segments a URL may carry instead of an id: raw, not encoded again. */
export const junkSegment = fc.oneof(
  fc.constantFrom('%00', 'a%00b', '%zz', '%', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%FF', '..', '%2e%2e', '%2F', '%20', '-1', '0', 'null', 'undefined', '%F0%9F%98%80', 'x'.repeat(101), 'y'.repeat(4000)),
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 30 }).map(encodeSafely),
);

/** encodeURIComponent, except that text with lone surrogates (which it refuses) goes raw. */
export function encodeSafely(value: string) {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A query value: a plausible one as text, or something hostile. */
export const junkQueryValue = fc.oneof(
  fc.constantFrom('%00', 'a%00', '%zz', '%', '%ED%A0%80', '', '-1', '1e999', '99999999999999999999999', 'true', '[]', '{}'),
  hostileValue.filter((v) => typeof v !== 'object' || v === null).map((v) => encodeSafely(String(v))),
);

export const rawQuery = fc.constantFrom('%00', 'a=%zz', '=', '&&&', 'page=1&page=2', 'page[]=1', 'search=%ED%A0%80', '__proto__=1', 'constructor[prototype][x]=1', 'pageSize=-1', 'page=0', 'page=1.5', 'cursor=%00');

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

/** multipart/form-data bodies: good ones with odd names, and every way of being malformed. */
export function multipartBody(visitorId: string) {
  const CRLF = '\r\n';
  const part = (b: string, disposition: string, bytes: Buffer | string, type = 'image/png') =>
    Buffer.concat([Buffer.from(`--${b}${CRLF}content-disposition: ${disposition}${CRLF}content-type: ${type}${CRLF}${CRLF}`), Buffer.from(bytes), Buffer.from(CRLF)]);
  const filename = fc.oneof(
    fc.constantFrom('a.png', 'a\u0000.png', '\u0000', '', '../../x.png', 'x'.repeat(2000) + '.png', 'é😀.png', '"quoted".png', 'a;b=c.png'),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
  const boundary = fc.constantFrom('X-BOUNDARY', 'b', 'x'.repeat(70));
  return fc.oneof(
    // Well-formed, with odd file names and fields (the visitorId field comes first).
    fc.tuple(boundary, filename, fc.constantFrom(visitorId, '\u0000', 'short', ''), fc.constantFrom('file', 'other', 'file\u0000')).map(([b, name, vid, field]) => ({
      type: `multipart/form-data; boundary=${b}`,
      payload: Buffer.concat([part(b, 'form-data; name="visitorId"', vid, 'text/plain'), part(b, `form-data; name="${field}"; filename="${name}"`, PNG), Buffer.from(`--${b}--${CRLF}`)]),
    })),
    fc.constantFrom(
      { type: 'multipart/form-data', payload: Buffer.concat([part('b', 'form-data; name="file"; filename="a.png"', PNG), Buffer.from(`--b--${CRLF}`)]) },
      { type: 'multipart/form-data; boundary=expected', payload: Buffer.concat([part('other', 'form-data; name="file"; filename="a.png"', PNG), Buffer.from(`--other--${CRLF}`)]) },
      { type: 'multipart/form-data; boundary=b', payload: part('b', 'form-data; name="file"; filename="a.png"', PNG) },
      { type: 'multipart/form-data; boundary=b', payload: Buffer.from(`--b${CRLF}content-disposition: form-data; name="file"; filen`) },
      { type: 'multipart/form-data; boundary=b', payload: Buffer.alloc(0) },
      { type: 'multipart/form-data; boundary=', payload: Buffer.from('--\r\n\r\n') },
      { type: `multipart/form-data; boundary=${'q'.repeat(300)}`, payload: Buffer.from('x') },
      { type: 'multipart/form-data; boundary=b', payload: Buffer.from(`--b${CRLF}${CRLF}no headers${CRLF}--b--${CRLF}`) },
      { type: 'multipart/form-data; boundary=b', payload: Buffer.concat([part('b', 'form-data; name="file"; filename="a.png"', PNG), part('b', 'form-data; name="file"; filename="b.png"', PNG), Buffer.from(`--b--${CRLF}`)]) },
    ),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ type: 'multipart/form-data; boundary=b', payload: Buffer.concat([Buffer.from(`--b${CRLF}`), Buffer.from(bytes)]) })),
  );
}
