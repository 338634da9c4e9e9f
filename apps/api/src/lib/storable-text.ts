/**
 * Text PostgreSQL cannot store: a NUL character (text columns refuse it, "invalid byte sequence") and
 * lone UTF-16 surrogates (they have no UTF-8 form, so the driver sends bytes PostgreSQL refuses).
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export const isStorableText = (text: string) => !UNSTORABLE.test(text);

/** For text that must land anyway (a provider's message): NUL dropped, lone surrogates become U+FFFD. */
export const toStorableText = (text: string) =>
  isStorableText(text) ? text : text.replace(UNSTORABLE_ALL, (c) => (c === '\u0000' ? '' : '\uFFFD'));

/** The same, through every string of a JSON-like value (keys included); other values are kept. */
export function toStorableValue<T>(value: T): T {
  if (typeof value === 'string') return toStorableText(value) as T;
  if (Array.isArray(value)) return value.map(toStorableValue) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [toStorableText(k), toStorableValue(v)])) as T;
  }
  return value;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Buffer.isBuffer(value) && !(value instanceof Date) && !ArrayBuffer.isView(value);

/**
 * Dotted paths of every string (value or key) in `value` that cannot be stored, at most `limit`.
 * Iterative, so a deeply nested body cannot overflow the stack; Buffers (raw webhook bodies) are skipped.
 */
export function unstorablePaths(value: unknown, limit = 20): string[] {
  interface Item { value: unknown; key?: string; parent?: Item }
  const pathOf = (item: Item) => {
    const keys: string[] = [];
    for (let at: Item | undefined = item; at?.key !== undefined; at = at.parent) keys.push(toStorableText(at.key));
    return keys.reverse().join('.');
  };
  const found: string[] = [];
  const stack: Item[] = [{ value }];
  while (stack.length && found.length < limit) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (!isStorableText(item.value)) found.push(pathOf(item));
      continue;
    }
    if (!Array.isArray(item.value) && !isPlainObject(item.value)) continue;
    for (const [key, child] of Object.entries(item.value)) {
      const next = { value: child, key, parent: item };
      if (!isStorableText(key)) found.push(pathOf(next));
      stack.push(next);
    }
  }
  return found;
}
