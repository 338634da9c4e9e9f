import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import channelAgentToolsRoutes from './agent-tools/channel-routes.ts';
import agentToolsRoutes from './agent-tools/routes.ts';
import activitySubscriber from './activity/subscriber.ts';
import aiAssistSubscriber from './ai-assist/subscriber.ts';
import aiProvidersRoutes from './ai-providers/routes.ts';
import authRoutes from './auth/routes.ts';
import channelsRoutes from './channels/routes.ts';
import conversationsRoutes from './conversations/routes.ts';
import customersRoutes from './customers/routes.ts';
import demoRoutes from './demo/routes.ts';
import faqsRoutes from './faqs/routes.ts';
import healthRoutes from './health/routes.ts';
import invitationRoutes from './invitations/routes.ts';
import mediaRoutes from './media/routes.ts';
import membersRoutes from './members/routes.ts';
import messagesRoutes from './messages/routes.ts';
import notificationsModule from './notifications/plugin.ts';
import organizationRoutes from './organization/routes.ts';
import notesRoutes from './notes/routes.ts';
import realtimeRoutes from './realtime/routes.ts';
import savedRepliesRoutes from './saved-replies/routes.ts';
import tagsRoutes from './tags/routes.ts';
import webhooksRoutes from './channels/providers/webhook-routes.ts';
import widgetRoutes from './widget/routes.ts';

/** Every resource under /api, by its prefix: adding a module is one line here. */
const apiModules: ReadonlyArray<readonly [FastifyPluginAsyncZod, string]> = [
  [healthRoutes, ''],
  [authRoutes, '/auth'],
  [organizationRoutes, '/organization'],
  [membersRoutes, '/members'],
  [invitationRoutes, '/invitations'],
  [channelsRoutes, '/channels'],
  [customersRoutes, '/customers'],
  [conversationsRoutes, '/conversations'],
  [notesRoutes, '/conversations'],
  [messagesRoutes, '/messages'],
  [mediaRoutes, '/media'],
  [realtimeRoutes, '/realtime'],
  [faqsRoutes, '/faqs'],
  [aiProvidersRoutes, '/ai-providers'],
  [agentToolsRoutes, '/agent-tools'],
  [channelAgentToolsRoutes, '/channels'],
  [savedRepliesRoutes, '/saved-replies'],
  [tagsRoutes, '/tags'],
  [aiAssistSubscriber, ''],
  [activitySubscriber, ''],
  [notificationsModule, '/notifications'],
  [widgetRoutes, '/widget'],
  [webhooksRoutes, '/webhooks'],
];

/** The API's modules, registered under `/api` by app.ts. */
export const apiRoutes: FastifyPluginAsync = async (api) => {
  for (const [routes, prefix] of apiModules) await api.register(routes, prefix ? { prefix } : {});
};

/** Modules outside /api (the demo page). */
export const rootRoutes: FastifyPluginAsync = async (app) => {
  await app.register(demoRoutes);
};
