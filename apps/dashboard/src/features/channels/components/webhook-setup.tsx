import type { Channel, ChannelType } from '@helpstack/contracts';
import { Alert, Code, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { CopyField } from '../../../components/ui/copy-field.tsx';
import { metaWebhookUrl, META_SUBSCRIPTIONS } from '../utils/webhook-setup.ts';

type Props = { type: ChannelType; channel?: Pick<Channel, 'id' | 'credentials'> };

/** What the admin does on the provider's side: what to paste into Meta's console, or that nothing is needed. */
export function WebhookSetup({ type, channel }: Props) {
  if (type === 'FACEBOOK' || type === 'INSTAGRAM' || type === 'WHATSAPP') {
    const ownToken = channel?.credentials.hasVerifyToken === true;
    return (
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} title="Paste into Meta's app dashboard (Webhooks)">
        <Stack gap="xs">
          <div>
            <Text size="sm" fw={500} mb={4}>
              Callback URL
            </Text>
            <CopyField label="Callback URL" value={metaWebhookUrl(window.location.origin, type)} />
          </div>
          <Text size="sm">
            <strong>Verify token:</strong>{' '}
            {ownToken
              ? 'the Webhook verify token saved on this channel (stored encrypted; enter a new one below to change it).'
              : <>the server's <Code>META_VERIFY_TOKEN</Code> (ask whoever runs HelpStack), or set this channel's own Webhook verify token below and paste that.</>}
          </Text>
          <Text size="sm">
            <strong>Subscribe to:</strong> {META_SUBSCRIPTIONS[type]}. Signatures are checked with the channel's App secret, or the server's{' '}
            <Code>META_APP_SECRET</Code> when it has none.
          </Text>
        </Stack>
      </Alert>
    );
  }
  if (type === 'TELEGRAM') {
    return (
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} title="Nothing to paste">
        HelpStack registers its webhook with Telegram (setWebhook) itself when the channel is saved; the server needs{' '}
        <Code>PUBLIC_URL</Code> set so Telegram can reach it.
      </Alert>
    );
  }
  if (type === 'EMAIL') {
    return (
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} title="Nothing to paste">
        New mail is fetched from the IMAP mailbox as it arrives; replies go out through the SMTP server. Without an IMAP host the channel only sends.
      </Alert>
    );
  }
  return null;
}
