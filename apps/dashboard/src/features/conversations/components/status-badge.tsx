import type { ConversationStatus, Priority } from '@helpstack/contracts';
import { Badge } from '@mantine/core';

export const STATUS_LABELS: Record<ConversationStatus, string> = { OPEN: 'Open', PENDING: 'Pending', CLOSED: 'Closed', ARCHIVED: 'Archived' };
const STATUS_COLORS: Record<ConversationStatus, string> = { OPEN: 'blue', PENDING: 'yellow', CLOSED: 'gray', ARCHIVED: 'gray' };

export function StatusBadge({ status }: { status: ConversationStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size="sm" radius="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export const PRIORITY_LABELS: Record<Priority, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', URGENT: 'Urgent' };
const PRIORITY_COLORS: Record<Priority, string> = { LOW: 'gray', MEDIUM: 'gray', HIGH: 'orange', URGENT: 'red' };

/** Only HIGH and URGENT are worth a badge in a list; the rest is noise. */
export function PriorityBadge({ priority, always = false }: { priority: Priority; always?: boolean }) {
  if (!always && (priority === 'LOW' || priority === 'MEDIUM')) return null;
  return (
    <Badge color={PRIORITY_COLORS[priority]} variant="light" size="xs" radius="sm">
      {PRIORITY_LABELS[priority]}
    </Badge>
  );
}

export const customerName = (c: { customer: { name: string | null; email: string | null; phone: string | null } | null }) =>
  c.customer?.name || c.customer?.email || c.customer?.phone || 'Anonymous visitor';
