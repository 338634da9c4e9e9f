import type { List } from '@helpstack/contracts';

/** The list shape of CONTRACT §1 from one page of items and the total count. */
export function pageOf<T>(items: T[], opts: { page: number; pageSize: number; total: number; totalIsEstimate?: boolean; nextCursor?: string | null }): List<T> {
  return {
    items,
    pagination: {
      page: opts.page,
      pageSize: opts.pageSize,
      total: opts.total,
      totalPages: Math.max(1, Math.ceil(opts.total / opts.pageSize)),
      nextCursor: opts.nextCursor ?? null,
      // Only when true: an exact total is the rule (CONTRACT §1), an estimate the documented exception.
      ...(opts.totalIsEstimate ? { totalIsEstimate: true } : {}),
    },
  };
}

export const offsetOf = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;
