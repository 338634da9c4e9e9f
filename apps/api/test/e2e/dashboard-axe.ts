import type { Page } from 'playwright-core';
// @axe-core/playwright is a dashboard dev dependency; imported by path so the API package needs no copy.
import { AxeBuilder } from '../../../dashboard/node_modules/@axe-core/playwright/dist/index.mjs';

type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] };

export type AxeFinding = { id: string; impact: string; help: string; targets: string[] };

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) on the page as it is and answers the serious and critical
 * violations, each with the elements it found them on, so a failure says what to fix.
 */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = result.violations as unknown as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}
