import { AGENT_TOOL_PARAMETERS_MAX_BYTES } from '@helpstack/contracts';

export const EMPTY_PARAMETERS = JSON.stringify({ type: 'object', properties: {}, required: [] }, null, 2);

/**
 * The JSON Schema editor's own check, before the server's full one (ajv): valid JSON, an object schema,
 * `properties` an object, `required` an array of its names, within 8 KB.
 */
export function parseParameters(text: string): { value: Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { error: `Not valid JSON: ${(err as Error).message}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'Must be a JSON object' };
  const schema = value as Record<string, unknown>;
  if (schema.type !== 'object') return { error: 'The schema needs "type": "object"' };
  if (schema.properties !== undefined && (typeof schema.properties !== 'object' || schema.properties === null || Array.isArray(schema.properties))) {
    return { error: '"properties" must be an object' };
  }
  if (schema.required !== undefined && (!Array.isArray(schema.required) || schema.required.some((r) => typeof r !== 'string'))) {
    return { error: '"required" must be an array of property names' };
  }
  if (new TextEncoder().encode(JSON.stringify(schema)).byteLength > AGENT_TOOL_PARAMETERS_MAX_BYTES) return { error: 'At most 8 KB' };
  return { value: schema };
}

export type SchemaProperty = { name: string; type: string; description?: string; required: boolean };

/** The top-level properties, for the test console's argument inputs. */
export function propertiesOf(schema: Record<string, unknown>): SchemaProperty[] {
  const props = (schema.properties ?? {}) as Record<string, { type?: unknown; description?: unknown }>;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return Object.entries(props).map(([name, p]) => ({
    name,
    type: typeof p?.type === 'string' ? p.type : 'string',
    description: typeof p?.description === 'string' ? p.description : undefined,
    required: required.includes(name),
  }));
}
