import type { Conversation, VisitorContext } from '@helpstack/contracts';
import { Anchor, Badge, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconMail, IconPhone, IconWorld } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { RelativeTime } from '../../../components/ui/relative-time.tsx';
import { languageName } from '../../../lib/languages.ts';
import { useViewer } from '../../../lib/viewer.tsx';
import { fullDateTime, timeAgo } from '../../../lib/relative-time.ts';
import { useCustomer } from '../api/get-customer.ts';
import { useCustomerConversations } from '../api/get-customer-conversations.ts';
import { EditCustomer } from './edit-customer.tsx';
import { VisitorContextCard } from './visitor-context.tsx';

const STATUS_COLOR: Record<Conversation['status'], string> = { OPEN: 'blue', PENDING: 'yellow', CLOSED: 'gray', ARCHIVED: 'gray' };

/** Who the customer is and what else they wrote about. */
export function CustomerPanel({ customerId, currentConversationId, context = null, onCustomerChanged }: {
  customerId: string | undefined;
  currentConversationId: string;
  context?: VisitorContext | null;
  /** After an agent edited the customer: the route refreshes what else shows them. */
  onCustomerChanged?: () => void;
}) {
  const customer = useCustomer(customerId);
  const viewer = useViewer();
  const conversations = useCustomerConversations(customerId);

  if (!customerId) {
    return (
      <Text size="sm" c="dimmed">
        Anonymous visitor — no contact details yet.
      </Text>
    );
  }
  if (customer.isPending) {
    return (
      <Stack gap={8}>
        <Skeleton height={12} width="60%" />
        <Skeleton height={10} width="80%" />
        <Skeleton height={10} width="40%" />
      </Stack>
    );
  }
  if (customer.isError) return <QueryError error={customer.error} onRetry={() => void customer.refetch()} title="Could not load the customer" />;

  const c = customer.data;
  const others = (conversations.data?.items ?? []).filter((x) => x.id !== currentConversationId);
  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Group justify="space-between" gap={6} wrap="nowrap">
          <Text fw={600} truncate>{c.name || c.email || c.phone || 'Anonymous visitor'}</Text>
          {viewer.canAct && <EditCustomer customer={c} onSaved={onCustomerChanged} />}
        </Group>
        {c.email && (
          <Group gap={6} wrap="nowrap">
            <IconMail size={14} aria-hidden="true" />
            <Anchor href={`mailto:${c.email}`} size="sm" truncate>
              {c.email}
            </Anchor>
          </Group>
        )}
        {c.phone && (
          <Group gap={6} wrap="nowrap">
            <IconPhone size={14} aria-hidden="true" />
            <Anchor href={`tel:${c.phone}`} size="sm">
              {c.phone}
            </Anchor>
          </Group>
        )}
        {c.language && (
          <Group gap={6} wrap="nowrap">
            <IconWorld size={14} aria-hidden="true" />
            <Text size="sm">{languageName(c.language)}</Text>
          </Group>
        )}
        <Text size="xs" c="dimmed" title={fullDateTime(c.createdAt)}>
          First contact {timeAgo(c.createdAt)}
        </Text>
      </Stack>
      <VisitorContextCard context={context} />
      <div>
        <Title order={3} size="xs" tt="uppercase" c="dimmed" mb={6}>
          Other conversations
        </Title>
        {conversations.isPending ? (
          <Skeleton height={32} />
        ) : others.length === 0 ? (
          <Text size="sm" c="dimmed">
            None — this is their first.
          </Text>
        ) : (
          <Stack gap={4} component="ul" className="plain-list">
            {others.slice(0, 6).map((x) => (
              <li key={x.id}>
                <Link to="/inbox/$conversationId" params={{ conversationId: x.id }} search={(prev: Record<string, unknown>) => prev} className="other-conversation">
                  <Group justify="space-between" gap={6} wrap="nowrap">
                    <Text size="sm" truncate>
                      {x.subject || x.lastMessagePreview || 'Conversation'}
                    </Text>
                    <Badge size="xs" variant="light" color={STATUS_COLOR[x.status]}>
                      {x.status.toLowerCase()}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    <RelativeTime iso={x.lastMessageAt} />
                  </Text>
                </Link>
              </li>
            ))}
          </Stack>
        )}
      </div>
    </Stack>
  );
}
