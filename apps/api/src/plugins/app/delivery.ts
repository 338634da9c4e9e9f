import fp from 'fastify-plugin';

export interface Delivery {
  /** Hands an approved OUTBOUND message to its channel's adapter through the durable queue. */
  enqueue(message: { id: string; organizationId: string }): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    delivery: Delivery;
  }
}

/** Placeholder until the queue-backed delivery plugin lands: leaves messages PENDING. */
export default fp(async (app) => {
  app.decorate('delivery', { async enqueue() {} } satisfies Delivery);
}, { name: 'delivery' });
