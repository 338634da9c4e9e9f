import { MutationCache, QueryCache, QueryClient, type DefaultOptions, type UseMutationOptions } from '@tanstack/react-query';
import { ApiError } from './api-client.ts';

export const queryConfig = {
  queries: {
    refetchOnWindowFocus: false,
    staleTime: 60_000,
    // A 4xx will not change on a retry; a network error or a 5xx might.
    retry: (failureCount, error) =>
      !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
  },
  mutations: { retry: false },
} satisfies DefaultOptions;

/**
 * The one QueryClient. Any 401 from any query or mutation means the session is gone (expired, revoked,
 * logged out elsewhere): `onUnauthorized` sends the agent to log in and back.
 */
export function createQueryClient({ onUnauthorized }: { onUnauthorized: (error: ApiError) => void }) {
  const check = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) onUnauthorized(error);
  };
  return new QueryClient({
    defaultOptions: queryConfig,
    queryCache: new QueryCache({ onError: check }),
    mutationCache: new MutationCache({ onError: check }),
  });
}

type AnyFn = (...args: never[]) => Promise<unknown>;

/** Lets a feature's mutation hook accept the caller's extra options (onSuccess, …) without retyping them. */
export type MutationConfig<Fn extends AnyFn> = Omit<
  UseMutationOptions<Awaited<ReturnType<Fn>>, Error, Parameters<Fn>[0]>,
  'mutationFn'
>;
