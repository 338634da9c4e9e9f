import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { NotFound } from '../components/ui/not-found.tsx';
import { PageLoader } from '../components/ui/page-loader.tsx';
import { RouteError } from '../components/ui/route-error.tsx';
import { getSessionQueryOptions } from '../features/auth/api/get-session.ts';
import { getChannelsQueryOptions } from '../features/channels/api/get-channels.ts';
import { getMembersQueryOptions } from '../features/members/api/get-members.ts';
import { getConversationQueryOptions } from '../features/conversations/api/get-conversation.ts';
import { getConversationCountsQueryOptions } from '../features/conversations/api/get-conversation-counts.ts';
import { getConversationsQueryOptions } from '../features/conversations/api/get-conversations.ts';
import { getMessagesQueryOptions } from '../features/conversations/api/get-messages.ts';
import { countFilters, inboxFilters, parseInboxSearch, type InboxSearch } from '../features/conversations/utils/inbox-search.ts';
import { parseFaqsSearch, type FaqsSearch } from '../features/faqs/utils/faq-scope.ts';
import { safeRedirect } from '../lib/safe-redirect.ts';

export type RouterContext = {
  queryClient: QueryClient;
  /** Drops the signed-in state after a 401 (app.tsx owns it; the layout hands it to the realtime socket). */
  expireSession: () => void;
};

/**
 * Code-based routes. Every page component is a lazy chunk (route-level code splitting); loaders only
 * start the page's queries (bulletproof-react: the same queryOptions the page uses), so the data and
 * the chunk download in parallel and navigation never waits on a waterfall.
 */
const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/inbox' });
  },
});

type RedirectSearch = { redirect?: string };
const validateRedirect = (search: Record<string, unknown>): RedirectSearch => {
  const target = safeRedirect(search.redirect);
  return target ? { redirect: target } : {};
};

/** Signed-in visitors of the auth pages go where they were headed. */
const redirectIfSignedIn = async ({ context, search }: { context: RouterContext; search: RedirectSearch }) => {
  const session = await context.queryClient.ensureQueryData(getSessionQueryOptions());
  if (session) throw redirect({ href: search.redirect ?? '/inbox' });
};

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: validateRedirect,
  beforeLoad: redirectIfSignedIn,
  component: lazyRouteComponent(() => import('./routes/auth/login.tsx'), 'LoginRoute'),
});

const signupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/signup',
  validateSearch: validateRedirect,
  beforeLoad: redirectIfSignedIn,
  component: lazyRouteComponent(() => import('./routes/auth/signup.tsx'), 'SignupRoute'),
});

const acceptInviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/accept-invite',
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    typeof search.token === 'string' && search.token ? { token: search.token } : {},
  component: lazyRouteComponent(() => import('./routes/auth/accept-invite.tsx'), 'AcceptInviteRoute'),
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: lazyRouteComponent(() => import('./routes/auth/forgot-password.tsx'), 'ForgotPasswordRoute'),
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    typeof search.token === 'string' && search.token ? { token: search.token } : {},
  component: lazyRouteComponent(() => import('./routes/auth/reset-password.tsx'), 'ResetPasswordRoute'),
});

/** Everything behind the session: no session, no render — straight to login, and back afterwards. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(getSessionQueryOptions());
    if (!session) throw redirect({ to: '/login', search: { redirect: location.href } });
    return { session };
  },
  // What every signed-in page shows (channel names, teammates, the unread badge) starts loading
  // with the layout's code, not after it.
  loader: ({ context: { queryClient } }) => {
    void queryClient.prefetchQuery(getChannelsQueryOptions());
    void queryClient.prefetchQuery(getMembersQueryOptions());
  },
  pendingComponent: PageLoader,
  component: lazyRouteComponent(() => import('./routes/app/app-layout.tsx'), 'AppLayout'),
});

const inboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'inbox',
  validateSearch: (search: Record<string, unknown>): InboxSearch => parseInboxSearch(search),
  loaderDeps: ({ search }) => ({ filters: inboxFilters(search), counts: countFilters(search) }),
  loader: ({ context: { queryClient }, deps }) => {
    void queryClient.prefetchInfiniteQuery(getConversationsQueryOptions(deps.filters));
    void queryClient.prefetchQuery(getConversationCountsQueryOptions(deps.counts));
  },
  component: lazyRouteComponent(() => import('./routes/app/inbox.tsx'), 'InboxRoute'),
});

const inboxIndexRoute = createRoute({
  getParentRoute: () => inboxRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./routes/app/inbox.tsx'), 'NoConversationSelected'),
});

const conversationRoute = createRoute({
  getParentRoute: () => inboxRoute,
  path: '$conversationId',
  loader: ({ context: { queryClient }, params: { conversationId } }) => {
    void queryClient.prefetchQuery(getConversationQueryOptions(conversationId, queryClient));
    void queryClient.prefetchInfiniteQuery(getMessagesQueryOptions(conversationId));
  },
  component: lazyRouteComponent(() => import('./routes/app/conversation.tsx'), 'ConversationRoute'),
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings',
  component: Outlet,
});

const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/settings/channels' });
  },
});

const channelsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'channels',
  component: lazyRouteComponent(() => import('./routes/settings/channels.tsx'), 'ChannelsRoute'),
});

const channelRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'channels/$channelId',
  component: lazyRouteComponent(() => import('./routes/settings/channel.tsx'), 'ChannelRoute'),
});

const faqsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'faqs',
  validateSearch: (search: Record<string, unknown>): FaqsSearch => parseFaqsSearch(search),
  component: lazyRouteComponent(() => import('./routes/settings/faqs.tsx'), 'FaqsRoute'),
});

const savedRepliesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'saved-replies',
  component: lazyRouteComponent(() => import('./routes/settings/saved-replies.tsx'), 'SavedRepliesRoute'),
});

const tagsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'tags',
  component: lazyRouteComponent(() => import('./routes/settings/tags.tsx'), 'TagsRoute'),
});

const aiProvidersRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'ai-providers',
  component: lazyRouteComponent(() => import('./routes/settings/ai-providers.tsx'), 'AiProvidersRoute'),
});

const agentToolsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'agent-tools',
  component: lazyRouteComponent(() => import('./routes/settings/agent-tools.tsx'), 'AgentToolsRoute'),
});

const notificationsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'notifications',
  component: lazyRouteComponent(() => import('./routes/settings/notifications.tsx'), 'NotificationPreferencesRoute'),
});

const integrationsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'integrations',
  component: lazyRouteComponent(() => import('./routes/settings/integrations.tsx'), 'IntegrationsRoute'),
});

const teamRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'team',
  component: lazyRouteComponent(() => import('./routes/settings/team.tsx'), 'TeamRoute'),
});

const organizationRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'organization',
  component: lazyRouteComponent(() => import('./routes/settings/organization.tsx'), 'OrganizationRoute'),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  loginRoute,
  signupRoute,
  acceptInviteRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  appRoute.addChildren([
    inboxRoute.addChildren([inboxIndexRoute, conversationRoute]),
    settingsRoute.addChildren([settingsIndexRoute, channelsRoute, channelRoute, faqsRoute, savedRepliesRoute, tagsRoute, aiProvidersRoute, agentToolsRoute, notificationsRoute, integrationsRoute, teamRoute, organizationRoute]),
  ]),
]);

export function createAppRouter(context: RouterContext) {
  return createRouter({
    routeTree,
    context,
    defaultPreload: 'intent',
    // React Query owns freshness; the router must not hold its own cached loader results.
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: PageLoader,
    // Most navigations finish well within this: no spinner flash, and no minimum spinner time.
    defaultPendingMs: 400,
    defaultPendingMinMs: 0,
    defaultErrorComponent: RouteError,
    scrollRestoration: false,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
