import type { NotificationDelivery, NotificationIntegration } from '@helpstack/contracts';
import { Badge, Group, Modal, Pagination, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { useIntegrationDeliveries } from '../api/integrations.ts';

// Filled with dark shades: white text on them is above 4.5:1 (WCAG AA); Mantine's light badges are not.
const STATUS_COLORS: Record<NotificationDelivery['status'], string> = { PENDING: 'gray.7', SUCCEEDED: 'teal.9', FAILED: 'red.9' };

/** The integration's last attempts, newest first: what was sent, how it went, and why not. */
export function IntegrationDeliveriesModal({ integration, onClose }: { integration: NotificationIntegration | null; onClose: () => void }) {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [integration]);
  const deliveries = useIntegrationDeliveries(integration?.id ?? null, page);

  return (
    <Modal opened={integration !== null} onClose={onClose} title={`Deliveries of ${integration?.name ?? ''}`} size="xl" closeButtonProps={{ 'aria-label': 'Close' }}>
      {deliveries.isPending ? (
        <Stack gap="xs">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={36} />
          ))}
        </Stack>
      ) : deliveries.isError ? (
        <QueryError error={deliveries.error} onRetry={() => void deliveries.refetch()} title="Could not load the deliveries" />
      ) : deliveries.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing sent yet. Use “Send test”, or wait for one of its events.
        </Text>
      ) : (
        <Stack gap="sm">
          <Table.ScrollContainer minWidth={620}>
            <Table verticalSpacing="xs" aria-label="Deliveries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Attempt</Table.Th>
                  <Table.Th>Response</Table.Th>
                  <Table.Th>Error</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deliveries.data.items.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      <Text size="xs">{new Date(d.createdAt).toLocaleString()}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace">
                        {d.event}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ minWidth: 110 }}>
                      <Badge color={STATUS_COLORS[d.status]} variant="filled" size="sm">
                        {d.status.toLowerCase()}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{d.attempt}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{d.responseCode ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td maw={280}>
                      <Text size="xs" c={d.error ? 'red' : 'dimmed'} lineClamp={3} style={{ wordBreak: 'break-word' }}>
                        {d.error ?? '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {deliveries.data.pagination.totalPages > 1 && (
            <Group justify="center">
              <Pagination total={deliveries.data.pagination.totalPages} value={page} onChange={setPage} size="sm" />
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}
