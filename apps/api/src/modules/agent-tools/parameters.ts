import { AGENT_TOOL_PARAMETERS_MAX_BYTES } from '@helpstack/contracts';
import { Ajv, type ErrorObject } from 'ajv';

// strict: false — schemas come from users and may carry keywords (e.g. `examples`) Ajv's strict mode rejects.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

const describe = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');

/** Why `parameters` is not a usable JSON Schema object for a tool's arguments (CONTRACT §9), or null. */
export function parametersProblem(schema: Record<string, unknown>): string | null {
  if (Buffer.byteLength(JSON.stringify(schema)) > AGENT_TOOL_PARAMETERS_MAX_BYTES) return `must be at most ${AGENT_TOOL_PARAMETERS_MAX_BYTES / 1024} KB`;
  if (schema.type !== 'object') return 'must be a JSON Schema with type "object"';
  if (!ajv.validateSchema(schema)) return `is not a valid JSON Schema: ${describe(ajv.errors)}`;
  try {
    ajv.compile(schema);
  } catch (err) {
    return `is not a valid JSON Schema: ${(err as Error).message}`;
  } finally {
    ajv.removeSchema(schema);
  }
  return null;
}

/** Why `args` do not match the tool's schema, or null: checked before any request leaves. */
export function argumentsProblem(schema: Record<string, unknown>, args: unknown): string | null {
  try {
    const validate = ajv.compile(schema);
    return validate(args) ? null : `the arguments do not match the tool's parameters: ${describe(validate.errors)}`;
  } finally {
    ajv.removeSchema(schema);
  }
}
