import type { AiFeature } from '@helpstack/contracts';
import { Group, Paper, SegmentedControl, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { useAiUsage } from '../api/get-ai-usage.ts';

const FEATURE_LABELS: Record<AiFeature, string> = {
  TRANSLATION: 'Translation',
  ENHANCEMENT: 'Improve draft',
  SUGGESTION: 'Reply suggestion',
  AUTO_REPLY: 'Auto-reply',
  FAQ_GENERATION: 'FAQ generation',
  PROVIDER_TEST: 'Provider test',
};
const labelOf = (feature: string) => FEATURE_LABELS[feature as AiFeature] ?? feature;
const n = (v: number) => v.toLocaleString();

/** AI usage per day and feature: what the plan tokens went on. */
export function AiUsageTable() {
  const [days, setDays] = useState('30');
  const usage = useAiUsage(Number(days));
  const items = usage.data?.items ?? [];
  const totalPlan = items.reduce((t, r) => t + r.planTokens, 0);
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="ai-usage-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="ai-usage-title">
            AI usage
          </Title>
          <SegmentedControl
            size="xs"
            aria-label="Period"
            value={days}
            onChange={setDays}
            data={[
              { value: '7', label: '7 days' },
              { value: '30', label: '30 days' },
              { value: '90', label: '90 days' },
            ]}
          />
        </Group>
        {usage.isPending ? (
          <Skeleton height={120} radius="md" />
        ) : usage.isError ? (
          <QueryError error={usage.error} onRetry={() => void usage.refetch()} title="Could not load AI usage" />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No AI calls in this period.
          </Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {n(totalPlan)} plan tokens over {n(items.reduce((t, r) => t + r.calls, 0))} calls.
            </Text>
            <Table.ScrollContainer minWidth={520}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Day</Table.Th>
                    <Table.Th>Feature</Table.Th>
                    <Table.Th ta="right">Calls</Table.Th>
                    <Table.Th ta="right">Model tokens</Table.Th>
                    <Table.Th ta="right">Plan tokens</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((r) => (
                    <Table.Tr key={`${r.day}-${r.feature}`}>
                      <Table.Td>{r.day}</Table.Td>
                      <Table.Td>{labelOf(r.feature)}</Table.Td>
                      <Table.Td ta="right">{n(r.calls)}</Table.Td>
                      <Table.Td ta="right">{n(r.totalTokens)}</Table.Td>
                      <Table.Td ta="right">{n(r.planTokens)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}
