import { describe, expect, test } from 'vitest';
import { parseParameters, propertiesOf } from './parameters-schema.ts';

describe('the parameters editor check', () => {
  test('accepts an object schema and lists its properties for the test console', () => {
    const r = parseParameters('{"type":"object","properties":{"orderId":{"type":"string","description":"Id"},"qty":{"type":"integer"}},"required":["orderId"]}');
    expect('value' in r).toBe(true);
    if (!('value' in r)) return;
    expect(propertiesOf(r.value)).toEqual([
      { name: 'orderId', type: 'string', description: 'Id', required: true },
      { name: 'qty', type: 'integer', description: undefined, required: false },
    ]);
  });

  test.each([
    ['{', 'Not valid JSON'],
    ['[]', 'JSON object'],
    ['{"type":"string"}', '"type": "object"'],
    ['{"type":"object","properties":"nope"}', '"properties"'],
    ['{"type":"object","required":"a"}', '"required"'],
    [JSON.stringify({ type: 'object', description: 'x'.repeat(9000) }), '8 KB'],
  ])('refuses %s', (text, message) => {
    const r = parseParameters(text);
    expect('error' in r && r.error).toContain(message);
  });
});
