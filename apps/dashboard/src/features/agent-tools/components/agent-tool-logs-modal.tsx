import type { AgentTool } from '@helpstack/contracts';
import { Code, Group, Modal, Pagination, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { useAgentToolLogs } from '../api/get-agent-tool-logs.ts';
import { ToolStatusBadge } from './tool-status-badge.tsx';

/** Every call of a tool (tests and the AI's), newest first. */
export function AgentToolLogsModal({ tool, onClose }: { tool: AgentTool | null; onClose: () => void }) {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [tool]);
  const logs = useAgentToolLogs(tool?.id ?? null, page);

  return (
    <Modal opened={tool !== null} onClose={onClose} title={`Calls of ${tool?.name ?? ''}`} size="90%">
      {logs.isPending ? (
        <Stack gap="xs">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={36} />
          ))}
        </Stack>
      ) : logs.isError ? (
        <QueryError error={logs.error} onRetry={() => void logs.refetch()} title="Could not load the calls" />
      ) : logs.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No calls yet. Use Test, or let the AI call it while suggesting a reply.
        </Text>
      ) : (
        <Stack gap="sm">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>Arguments</Table.Th>
                  <Table.Th>Response / error</Table.Th>
                  <Table.Th>From</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {logs.data.items.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      <Text size="xs">{new Date(l.createdAt).toLocaleString()}</Text>
                    </Table.Td>
                    <Table.Td>
                      <ToolStatusBadge status={l.status} httpStatus={l.httpStatus} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{l.durationMs} ms</Text>
                    </Table.Td>
                    <Table.Td>
                      <Code>{JSON.stringify(l.arguments)}</Code>
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text size="xs" lineClamp={3} style={{ wordBreak: 'break-all' }} c={l.error ? 'red' : undefined}>
                        {l.error ?? l.responsePreview}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{l.conversationId ? 'AI reply' : 'Test'}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {logs.data.pagination.totalPages > 1 && (
            <Group justify="center">
              <Pagination total={logs.data.pagination.totalPages} value={page} onChange={setPage} size="sm" />
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}
