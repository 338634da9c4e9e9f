import type { GeneratedFaqs } from '@helpstack/contracts';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCoin, IconSparkles, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { messageOf } from '../../../lib/form-errors.ts';
import { useCreateFaq } from '../api/create-faq.ts';
import { useGenerateFaqs } from '../api/generate-faqs.ts';

type Proposal = GeneratedFaqs['items'][number] & { key: number };

type Props = {
  /** Proposals are drawn from this channel's closed conversations (null: every channel) and saved there. */
  channelId: string | null;
  tokenBalance?: number;
};

let proposalCounter = 0;

/** "Generate from conversations": AI proposals the admin accepts (saved as FAQs) or rejects, one by one. */
export function FaqProposals({ channelId, tokenBalance }: Props) {
  const generate = useGenerateFaqs();
  const create = useCreateFaq();
  const [proposals, setProposals] = useState<Proposal[]>([]);
  const [saving, setSaving] = useState<number | null>(null);
  const noTokens = tokenBalance !== undefined && tokenBalance <= 0;
  const drop = (key: number) => setProposals((list) => list.filter((p) => p.key !== key));

  const run = () =>
    generate.mutate(channelId ? { channelId } : {}, {
      onSuccess: (data) => {
        setProposals(data.items.map((p) => ({ ...p, key: proposalCounter++ })));
        if (!data.items.length) notifications.show({ color: 'gray', message: 'No new questions found in recent closed conversations.' });
      },
    });

  const accept = (p: Proposal) => {
    setSaving(p.key);
    create.mutate(
      { channelId, question: p.question, answer: p.answer },
      {
        onSettled: () => setSaving(null),
        onSuccess: () => {
          drop(p.key);
          notifications.show({ color: 'teal', message: 'FAQ added' });
        },
        onError: (error) => notifications.show({ color: 'red', title: 'Could not add the FAQ', message: messageOf(error) }),
      },
    );
  };

  const outOfTokens = generate.error instanceof ApiError && generate.error.status === 402;
  return (
    <Stack gap="sm" mb="md" className="faq-proposals">
      <Group gap="sm">
        <Button variant="light" leftSection={<IconSparkles size={16} />} loading={generate.isPending} disabled={noTokens} onClick={run}>
          Generate from conversations
        </Button>
        {tokenBalance !== undefined && (
          <Text size="xs" c={noTokens ? 'red.9' : 'dimmed'}>
            <IconCoin size={12} aria-hidden="true" /> {tokenBalance.toLocaleString()} tokens left
          </Text>
        )}
      </Group>
      {generate.error && (
        <Alert color={outOfTokens ? 'orange' : 'red'} variant="light" role="alert" withCloseButton closeButtonLabel="Dismiss" onClose={() => generate.reset()}>
          {outOfTokens ? 'The organization is out of tokens: AI features are paused until an admin adds more.' : messageOf(generate.error)}
        </Alert>
      )}
      {proposals.length > 0 && (
        <Paper withBorder radius="lg" p="md">
          <Title order={3} size="h5" mb="sm">
            Proposed FAQs
          </Title>
          <Stack gap="sm">
            {proposals.map((p) => (
              <Paper key={p.key} withBorder radius="md" p="sm" className="faq-proposal">
                <Text fw={600} size="sm">
                  {p.question}
                </Text>
                <Text size="sm" c="dimmed" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  {p.answer}
                </Text>
                <Group gap="xs" mt="xs" justify="flex-end">
                  <Button size="compact-sm" variant="default" leftSection={<IconX size={14} />} onClick={() => drop(p.key)} disabled={saving === p.key}>
                    Reject
                  </Button>
                  <Button size="compact-sm" leftSection={<IconCheck size={14} />} loading={saving === p.key} onClick={() => accept(p)}>
                    Accept
                  </Button>
                </Group>
              </Paper>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
