export interface BackoffOptions {
  /** First delay, ms. */
  base?: number;
  /** Upper bound of any delay, ms. */
  cap?: number;
  /** Returns [0, 1); injected so tests are deterministic. */
  random?: () => number;
}

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential, capped, with "equal jitter" —
 * half of the window is fixed, half random — so a server restart does not get every visitor back
 * in the same millisecond, yet no retry comes sooner than half the nominal delay.
 */
export function backoffDelay(attempt: number, { base = 500, cap = 30_000, random = Math.random }: BackoffOptions = {}): number {
  const nominal = Math.min(cap, base * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(nominal / 2 + random() * (nominal / 2));
}
