import type { MessageAttachmentView } from '@helpstack/contracts';
import { Anchor, Button, Group, Loader, Text, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconChecks, IconClock, IconDownload, IconEdit, IconFile, IconLanguage, IconLock, IconRefresh } from '@tabler/icons-react';
import { memo, useState } from 'react';
import { InitialsAvatar } from '../../../components/ui/initials-avatar.tsx';
import { formatBytes } from '../../../lib/file-size.ts';
import { languageName } from '../../../lib/languages.ts';
import { clockTime, dayLabel, fullDateTime } from '../../../lib/relative-time.ts';
import type { ChatMessage } from '../utils/cache-updates.ts';
import { LinkedText } from '../../../components/ui/linked-text.tsx';
import { mentionParts } from '../utils/mention-parts.ts';
import { EmailBody } from './email-body.tsx';

export type MessageActions = {
  canAct: boolean;
  onApprove: (m: ChatMessage) => void;
  /** Puts a waiting reply's text into the reply box to send a corrected one. */
  onEdit: (m: ChatMessage) => void;
  onRetranslate: (m: ChatMessage) => void;
  onRetry: (m: ChatMessage) => void;
  onResend: (m: ChatMessage) => void;
  onDiscard: (m: ChatMessage) => void;
  busyIds: ReadonlySet<string>;
};

type Props = {
  message: ChatMessage;
  senderName: string;
  senderKey: string;
  /** First of its day: show the day separator above. */
  showDay: boolean;
  /** Same sender as the previous message, close in time: tighter spacing, no repeated avatar. */
  continued: boolean;
  actions: MessageActions;
  /** Members by user id: a note's mentions are highlighted by name. */
  memberNameById?: ReadonlyMap<string, string>;
};

function DeliveryStatus({ message }: { message: ChatMessage }) {
  if (message.local?.state === 'sending') return <Status icon={<IconClock size={13} />} label="Sending…" />;
  if (message.local?.state === 'failed') return <Status icon={<IconAlertCircle size={13} />} label="Not sent" tone="failed" />;
  if (!message.approved) return <Status icon={<IconClock size={13} />} label="Waiting for approval" tone="waiting" />;
  switch (message.status) {
    case 'PENDING':
      return <Status icon={<IconClock size={13} />} label="Queued" />;
    case 'SENT':
      return <Status icon={<IconCheck size={13} />} label="Sent" />;
    case 'DELIVERED':
      return <Status icon={<IconChecks size={13} />} label="Delivered" />;
    case 'READ':
      return <Status icon={<IconChecks size={13} />} label="Read" tone="read" />;
    case 'FAILED':
      return <Status icon={<IconAlertCircle size={13} />} label="Failed" tone="failed" />;
  }
}

/** `tone` colours come from styles.css, a shade per colour scheme that keeps 4.5:1 against the page. */
function Status({ icon, label, color, tone }: { icon: React.ReactNode; label: string; color?: string; tone?: 'waiting' | 'read' | 'failed' }) {
  return (
    <Text component="span" size="xs" c={tone ? undefined : (color ?? 'dimmed')} className="msg-status" data-tone={tone}>
      {icon}
      {label}
    </Text>
  );
}

function Attachment({ attachment }: { attachment: MessageAttachmentView }) {
  const isImage = attachment.mimeType.startsWith('image/') && !attachment.mimeType.includes('svg');
  const href = attachment.url;
  if (isImage) {
    return (
      <a href={href} className="msg-image" target="_blank" rel="noreferrer" title={`${attachment.name} (${formatBytes(attachment.size)})`}>
        <img src={href} alt={attachment.name} loading="lazy" decoding="async" />
      </a>
    );
  }
  return (
    <a href={href} className="msg-file" download={attachment.name}>
      <IconFile size={20} stroke={1.6} aria-hidden="true" />
      <span className="msg-file-body">
        <Text component="span" size="sm" fw={500} truncate>
          {attachment.name}
        </Text>
        <Text component="span" size="xs" c="dimmed">
          {formatBytes(attachment.size)}
        </Text>
      </span>
      <IconDownload size={16} aria-hidden="true" />
      <span className="visually-hidden">Download</span>
    </a>
  );
}

export const MessageBubble = memo(function MessageBubble({ message: m, senderName, senderKey, showDay, continued, actions, memberNameById }: Props) {
  const outbound = m.direction === 'OUTBOUND';
  const system = m.senderType === 'SYSTEM';
  /** A private note (CONTRACT §12): the team's own, never sent — no delivery state. */
  const note = m.private && !system;
  const failed = m.status === 'FAILED' && !m.local;
  const busy = actions.busyIds.has(m.id);
  const [showTranslation, setShowTranslation] = useState(true);
  const translating = m.translationStatus === 'PENDING';
  const waiting = !m.approved && !m.local;
  const translationLabel = m.translatedContent
    ? outbound
      ? `${m.approved ? 'Sent as' : 'Will be sent as'}${m.translatedLanguage ? ` (${languageName(m.translatedLanguage)})` : ''}`
      : `Translation${m.translatedLanguage ? ` (${languageName(m.translatedLanguage)})` : ''}`
    : null;

  return (
    <div className="msg" data-direction={m.direction} data-continued={continued || undefined} data-system={system || undefined} data-note={note || undefined}>
      {showDay && (
        <div className="msg-day" role="separator" aria-label={dayLabel(m.createdAt)}>
          <span>{dayLabel(m.createdAt)}</span>
        </div>
      )}
      {system ? (
        <Text size="xs" c="dimmed" ta="center" className="msg-system" data-activity={m.private || undefined}>
          {m.content} · {clockTime(m.createdAt)}
        </Text>
      ) : (
        <article className="msg-row" aria-label={`${note ? 'Private note by ' : ''}${senderName}, ${fullDateTime(m.createdAt)}`}>
          {!outbound && <div className="msg-avatar">{!continued && <InitialsAvatar name={senderName} colorKey={senderKey} size={30} />}</div>}
          <div className="msg-column">
            {!continued && (
              <Text size="xs" c="dimmed" className="msg-sender">
                {note && (
                  <span className="msg-note-label">
                    <IconLock size={11} aria-hidden="true" /> Private note ·{' '}
                  </span>
                )}
                <span className="msg-sender-name">{senderName}</span>
                <span aria-hidden="true"> · </span>
                <time dateTime={m.createdAt} title={fullDateTime(m.createdAt)}>
                  {clockTime(m.createdAt)}
                </time>
              </Text>
            )}
            <div
              className="msg-bubble"
              data-pending={!m.approved || m.local?.state === 'sending' || undefined}
              data-failed={failed || m.local?.state === 'failed' || undefined}
              data-ai={m.senderType === 'AI' || undefined}
              data-note={note || undefined}
            >
              {m.email?.subject && (
                <Text component="span" size="xs" fw={700} className="msg-email-subject">
                  {m.email.subject}
                </Text>
              )}
              {m.email?.html ? <EmailBody html={m.email.html} /> : m.content && (
                <div className="msg-text">
                  {note && m.mentions.length
                    ? mentionParts(m.content, m.mentions.map((id) => memberNameById?.get(id) ?? '')).map((part, i) =>
                        part.mention ? (
                          <mark key={i} className="msg-mention">
                            {part.text}
                          </mark>
                        ) : (
                          <LinkedText key={i} text={part.text} />
                        ),
                      )
                    : <LinkedText text={m.content} />}
                </div>
              )}
              {m.translatedContent && showTranslation && (
                <div className="msg-translation">
                  <Text component="span" size="xs" fw={600} className="msg-translation-label">
                    <IconLanguage size={13} aria-hidden="true" />
                    {translationLabel}
                  </Text>
                  <div className="msg-text">
                    <LinkedText text={m.translatedContent} />
                  </div>
                </div>
              )}
              {m.translationStatus === 'PENDING' && (
                <Text component="span" size="xs" className="msg-translation-label msg-translating" mt={6}>
                  <Loader size={10} color="currentColor" aria-hidden="true" /> Translating…
                </Text>
              )}
              {m.translationStatus === 'FAILED' && !m.translatedContent && (
                <Text component="span" size="xs" className="msg-translation-label" mt={6}>
                  <IconAlertCircle size={13} aria-hidden="true" /> Not translated
                </Text>
              )}
              {m.attachments.length > 0 && (
                <div className="msg-attachments">
                  {m.attachments.map((a) => (
                    <Attachment key={a.id} attachment={a} />
                  ))}
                </div>
              )}
            </div>
            {(m.translatedContent || (!outbound && actions.canAct && m.translationStatus === 'FAILED')) && (
              <Group gap={8} className="msg-translation-tools" justify={outbound ? 'flex-end' : 'flex-start'}>
                {m.language && (
                  <Text component="span" size="xs" c="dimmed">
                    Written in {languageName(m.language)}
                  </Text>
                )}
                {m.translatedContent && (
                  <Anchor component="button" type="button" size="xs" onClick={() => setShowTranslation((v) => !v)} aria-pressed={showTranslation}>
                    {showTranslation ? 'Hide translation' : 'Show translation'}
                  </Anchor>
                )}
                {!outbound && actions.canAct && (
                  <Anchor component="button" type="button" size="xs" c="dimmed" onClick={() => actions.onRetranslate(m)} disabled={busy}>
                    Translate again
                  </Anchor>
                )}
              </Group>
            )}
            {outbound && !note && (
              <Group gap={8} justify="flex-end" className="msg-footer" wrap="wrap">
                <DeliveryStatus message={m} />
                {(failed || m.local?.state === 'failed') && (m.error || m.local?.error) && (
                  <Tooltip label={m.local?.error ?? m.error} withArrow multiline maw={320}>
                    <Text component="span" size="xs" truncate maw={240} className="msg-error">
                      {m.local?.error ?? m.error}
                    </Text>
                  </Tooltip>
                )}
                {actions.canAct && failed && (
                  <Button size="compact-xs" variant="filled" color="red.9" leftSection={<IconRefresh size={12} />} loading={busy} onClick={() => actions.onRetry(m)}>
                    Retry
                  </Button>
                )}
                {actions.canAct && m.local?.state === 'failed' && (
                  <>
                    <Button size="compact-xs" variant="filled" color="red.9" leftSection={<IconRefresh size={12} />} onClick={() => actions.onResend(m)}>
                      Retry
                    </Button>
                    <Anchor component="button" type="button" size="xs" c="dimmed" onClick={() => actions.onDiscard(m)}>
                      Discard
                    </Anchor>
                  </>
                )}
                {actions.canAct && waiting && (
                  <>
                    <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconEdit size={12} />} onClick={() => actions.onEdit(m)} disabled={busy}>
                      Edit
                    </Button>
                    <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconLanguage size={12} />} onClick={() => actions.onRetranslate(m)} disabled={busy || translating}>
                      Retranslate
                    </Button>
                    <Tooltip label="Waiting for the translation" disabled={!translating} withArrow>
                      <Button
                        size="compact-xs"
                        variant="filled"
                        loading={busy || translating}
                        loaderProps={{ 'aria-label': translating ? 'Translating' : 'Sending' } as object}
                        disabled={translating}
                        onClick={() => actions.onApprove(m)}
                      >
                        Approve &amp; send
                      </Button>
                    </Tooltip>
                  </>
                )}
              </Group>
            )}
          </div>
        </article>
      )}
    </div>
  );
});
