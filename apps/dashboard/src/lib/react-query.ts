import type { DefaultOptions, UseMutationOptions } from '@tanstack/react-query';
import { ApiError } from './api-client.ts';

export const queryConfig = {
  queries: {
    refetchOnWindowFocus: false,
    staleTime: 60_000,
    // A 4xx will not change on a retry; a network error or a 5xx might.
    retry: (failureCount, error) =>
      !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
  },
} satisfies DefaultOptions;

type AnyFn = (...args: never[]) => Promise<unknown>;

/** Lets a feature's mutation hook accept the caller's extra options (onSuccess, …) without retyping them. */
export type MutationConfig<Fn extends AnyFn> = Omit<
  UseMutationOptions<Awaited<ReturnType<Fn>>, Error, Parameters<Fn>[0]>,
  'mutationFn'
>;
