import { Anchor, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { CopyField } from '../../../components/ui/copy-field.tsx';
import { QueryError } from '../../../components/ui/query-error.tsx';
import { useWidgetScript } from '../api/get-widget-script.ts';

export function EmbedSnippet({ channelId }: { channelId: string }) {
  const script = useWidgetScript(channelId, true);
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="snippet-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="snippet-title">
          Install on your website
        </Title>
        <Text size="sm" c="dimmed">
          Paste this before <code>&lt;/body&gt;</code> on every page where the chat should appear. It loads asynchronously and never slows your page down.
        </Text>
        {script.isPending ? (
          <Skeleton height={56} />
        ) : script.isError ? (
          <QueryError error={script.error} onRetry={() => void script.refetch()} title="Could not load the snippet" />
        ) : (
          <CopyField value={script.data.snippet} label="Embed snippet" multiline />
        )}
        <Anchor href={`/demo/widget?channelId=${encodeURIComponent(channelId)}`} target="_blank" rel="noreferrer" size="sm">
          <IconExternalLink size={14} style={{ verticalAlign: '-2px' }} /> Try it on a demo page
        </Anchor>
      </Stack>
    </Paper>
  );
}
