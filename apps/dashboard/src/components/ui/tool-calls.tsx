import type { GeneratedReply } from '@helpstack/contracts';
import { Badge, Group, Text } from '@mantine/core';
import { IconTool } from '@tabler/icons-react';

const COLORS: Record<string, string> = { SUCCESS: 'teal', ERROR: 'red', BLOCKED: 'orange', TIMEOUT: 'yellow' };

/**
 * Which tools an AI suggestion called and how each ended (`toolCalls` of generate-reply), shown under the
 * suggestion so the agent can judge what it is based on. Renders nothing when no tool was called.
 */
export function ToolCalls({ calls }: { calls: GeneratedReply['toolCalls'] }) {
  if (calls.length === 0) return null;
  return (
    <Group gap={6} aria-label="Tools the AI called">
      <IconTool size={14} aria-hidden />
      <Text size="xs" c="dimmed">
        Used:
      </Text>
      {calls.map((c, i) => (
        <Badge key={`${c.name}-${i}`} size="sm" variant="light" color={COLORS[c.status] ?? 'gray'} title={c.status}>
          {c.name} · {c.status.toLowerCase()}
        </Badge>
      ))}
    </Group>
  );
}
