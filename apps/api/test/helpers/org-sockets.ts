import { buildTestApp, twoOrganizations, type Org, type TestApp } from './app.ts';
import { listen, openSocket, type TestSocket } from './instances.ts';

/**
 * The set-up of the realtime event tests: two organizations on a listening app, a socket of A's agent
 * (must receive A's events) and one of B's admin (must never receive them).
 */
export async function twoOrganizationsWithSockets(): Promise<{ t: TestApp; A: Org; B: Org; base: string; agent: TestSocket; foreign: TestSocket }> {
  const t = await buildTestApp();
  const { A, B } = await twoOrganizations(t.app);
  const base = await listen(t.app);
  const origin = base.replace('ws:', 'http:');
  const agent = await openSocket(base, { cookie: A.AGENT.cookie, origin });
  const foreign = await openSocket(base, { cookie: B.ADMIN.cookie, origin });
  await agent.ready();
  await foreign.ready();
  return { t, A, B, base, agent, foreign };
}

/** Closes what twoOrganizationsWithSockets opened (safe when its set-up failed half-way). */
export async function closeOrganizationsWithSockets(s: { t?: TestApp; agent?: TestSocket; foreign?: TestSocket }) {
  await s.agent?.close();
  await s.foreign?.close();
  await s.t?.close();
}
