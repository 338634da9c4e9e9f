import { EmptyState, Paper, Skeleton, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryError } from './query-error.tsx';

export interface EmptyContent {
  icon: ReactNode;
  title: string;
  description: string;
  /** Shown only to those who may act (e.g. "Add a provider"). */
  action?: ReactNode;
}

/**
 * The four states of a settings list — loading skeletons, a retryable error, an empty state that says what
 * to do, and the list itself — so each page only says what its list is.
 */
export function ListStates<T>({ query, rows = 2, rowHeight = 56, errorTitle, isEmpty, empty, children }: {
  query: UseQueryResult<T>;
  rows?: number;
  rowHeight?: number;
  errorTitle: string;
  isEmpty: (data: T) => boolean;
  empty: EmptyContent;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <Stack gap="xs">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} height={rowHeight} radius="md" />
        ))}
      </Stack>
    );
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} title={errorTitle} />;
  if (isEmpty(query.data)) {
    return (
      <Paper withBorder radius="lg" p="xl">
        <EmptyState icon={empty.icon} withIndicatorBackground title={empty.title} description={empty.description}>
          {empty.action && <EmptyState.Actions>{empty.action}</EmptyState.Actions>}
        </EmptyState>
      </Paper>
    );
  }
  return <>{children(query.data)}</>;
}
