import { describe, expect, it } from 'vitest';
import { localTimeIn } from './local-time.ts';

describe('localTimeIn', () => {
  it('shows the wall-clock time in the visitor\'s zone with the zone', () => {
    const at = new Date('2026-07-01T12:32:00Z');
    expect(localTimeIn('Europe/Berlin', at, 'en-GB')).toBe('14:32 (Europe/Berlin)');
    expect(localTimeIn('America/New_York', at, 'en-GB')).toBe('08:32 (America/New_York)');
  });
  it('answers null for an unknown zone', () => {
    expect(localTimeIn('Mars/Olympus', new Date())).toBeNull();
  });
});
