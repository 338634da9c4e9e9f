import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    presence: Presence;
  }
}

/**
 * Which agents have a live dashboard socket. Counts per user so several tabs are one presence.
 * The realtime hub reports connects and disconnects here; members and widget status read it.
 */
export class Presence {
  private readonly sockets = new Map<string, Map<string, number>>();

  connected(organizationId: string, userId: string) {
    const org = this.sockets.get(organizationId) ?? new Map<string, number>();
    this.sockets.set(organizationId, org);
    org.set(userId, (org.get(userId) ?? 0) + 1);
    return org.get(userId) === 1;
  }

  disconnected(organizationId: string, userId: string) {
    const org = this.sockets.get(organizationId);
    const n = (org?.get(userId) ?? 0) - 1;
    if (n > 0) org!.set(userId, n);
    else org?.delete(userId);
    return n <= 0;
  }

  isOnline(organizationId: string, userId: string) {
    return (this.sockets.get(organizationId)?.get(userId) ?? 0) > 0;
  }

  onlineUserIds(organizationId: string) {
    return [...(this.sockets.get(organizationId)?.keys() ?? [])];
  }
}

export default fp(async (app) => {
  app.decorate('presence', new Presence());
}, { name: 'presence' });
