import websocket from '@fastify/websocket';
import fp from 'fastify-plugin';

/** Largest frame a client may send; `ws` closes the socket (1009) beyond it. Routes bound their own frames tighter. */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

/** WebSocket upgrades go through the normal router, so onRequest hooks (auth, CSRF) run before the 101. */
export default fp(async (app) => {
  await app.register(websocket, {
    options: { maxPayload: MAX_CLIENT_FRAME_BYTES, perMessageDeflate: false },
  });
}, { name: 'websocket' });
