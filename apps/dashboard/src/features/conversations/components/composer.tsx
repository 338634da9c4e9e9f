import type { GeneratedReply, Media } from '@helpstack/contracts';
import { MAX_ATTACHMENTS, MESSAGE_MAX_CHARS } from '../../../lib/contract-constants.ts';
import { ActionIcon, Alert, Button, CloseButton, FileButton, Group, Progress, Text, Textarea, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCoin, IconPaperclip, IconSend, IconSparkles, IconWand } from '@tabler/icons-react';
import { forwardRef, useEffect, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { ToolCalls } from '../../../components/ui/tool-calls.tsx';
import { formatBytes } from '../../../lib/file-size.ts';
import { messageOf } from '../../../lib/form-errors.ts';
import { useSendTyping } from '../../../lib/realtime-context.tsx';
import { isAiNotConfigured, useGenerateReply } from '../api/generate-reply.ts';
import { useMessages } from '../api/get-messages.ts';
import { isOutOfTokens, startSend, useSendMessage } from '../api/send-message.ts';
import { uploadAttachment } from '../api/upload-attachment.ts';
import { suggestionTargetId } from '../utils/suggestion-target.ts';

type PendingFile = {
  key: string;
  file: File;
  progress: number;
  media?: Media;
  error?: string;
  abort: AbortController;
};

/** Drafts survive switching conversations (j/k) within the session. */
const drafts = new Map<string, string>();
const TYPING_REFRESH_MS = 2_500;
const TYPING_IDLE_MS = 3_000;

let fileCounter = 0;

type Props = {
  conversationId: string;
  customerLabel: string;
  /** The organization's plan tokens; every AI call costs some. */
  tokenBalance?: number;
  /** Text to put in the reply box (e.g. a waiting reply to correct); a new object each time. */
  draftRequest?: { text: string } | null;
};

const IMPROVE_INSTRUCTIONS = (draft: string) =>
  `Rewrite this draft reply for spelling, clarity and our tone; keep its meaning and language. Answer with the rewritten reply only.\n\n${draft}`;

/**
 * The reply box: Enter sends, Shift+Enter breaks the line; files upload as soon as they are picked,
 * pasted or dropped (with progress) and go with the reply; typing is announced to the visitor and
 * other agents; running out of tokens is said plainly.
 */
export const Composer = forwardRef<HTMLTextAreaElement, Props>(function Composer({ conversationId, customerLabel, tokenBalance, draftRequest }, ref) {
  const [draft, setDraftState] = useState(() => drafts.get(conversationId) ?? '');
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [outOfTokens, setOutOfTokens] = useState(false);
  const [dragging, setDragging] = useState(false);
  const send = useSendMessage();
  const generate = useGenerateReply();
  const [toolCalls, setToolCalls] = useState<GeneratedReply['toolCalls']>([]);
  const messages = useMessages(conversationId);
  const lastMessageId = suggestionTargetId(messages.data);
  const noTokens = tokenBalance !== undefined && tokenBalance <= 0;
  const sendTyping = useSendTyping();
  const typing = useRef({ active: false, lastSent: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });

  const setDraft = (value: string) => {
    setDraftState(value);
    if (value) drafts.set(conversationId, value);
    else drafts.delete(conversationId);
  };

  const stopTyping = () => {
    clearTimeout(typing.current.idle);
    if (typing.current.active) sendTyping(conversationId, false);
    typing.current.active = false;
  };

  // Leaving the conversation: the others should not see "typing…" linger.
  useEffect(() => () => stopTyping(), [conversationId]);

  useEffect(() => {
    if (!send.error) return;
    if (isOutOfTokens(send.error)) setOutOfTokens(true);
  }, [send.error]);

  useEffect(() => {
    if (draftRequest) setDraft(draftRequest.text);
  }, [draftRequest]);

  const askAi = (mode: 'suggest' | 'improve') => {
    if (!lastMessageId) return;
    generate.mutate(
      { messageId: lastMessageId, body: mode === 'improve' ? { instructions: IMPROVE_INSTRUCTIONS(draft) } : {} },
      {
        onSuccess: (reply) => {
          setDraft(reply.content);
          setToolCalls(reply.toolCalls);
        },
      },
    );
  };

  const onInput = (value: string) => {
    setDraft(value);
    const now = Date.now();
    if (value.trim()) {
      if (!typing.current.active || now - typing.current.lastSent > TYPING_REFRESH_MS) {
        sendTyping(conversationId, true);
        typing.current.active = true;
        typing.current.lastSent = now;
      }
      clearTimeout(typing.current.idle);
      typing.current.idle = setTimeout(stopTyping, TYPING_IDLE_MS);
    } else {
      stopTyping();
    }
  };

  const addFiles = (list: File[]) => {
    const room = MAX_ATTACHMENTS - files.length;
    for (const file of list.slice(0, Math.max(0, room))) {
      const entry: PendingFile = { key: `f${fileCounter++}`, file, progress: 0, abort: new AbortController() };
      setFiles((current) => [...current, entry]);
      const update = (patch: Partial<PendingFile>) => setFiles((current) => current.map((f) => (f.key === entry.key ? { ...f, ...patch } : f)));
      uploadAttachment(file, { signal: entry.abort.signal, onProgress: (progress) => update({ progress }) }).then(
        (media) => update({ media, progress: 1 }),
        (error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          update({ error: error instanceof ApiError ? error.message : 'Upload failed' });
        },
      );
    }
  };

  const removeFile = (key: string) => {
    setFiles((current) => {
      current.find((f) => f.key === key)?.abort.abort();
      return current.filter((f) => f.key !== key);
    });
  };

  const uploading = files.some((f) => !f.media && !f.error);
  const ready = files.filter((f) => f.media).map((f) => f.media!);
  const canSend = !uploading && (draft.trim().length > 0 || ready.length > 0) && draft.length <= MESSAGE_MAX_CHARS;

  const submit = () => {
    if (!canSend) return;
    const content = draft.trim() ? draft : ready.map((m) => m.name).join(', ');
    startSend(send.mutate, { conversationId, content, attachments: ready });
    setDraft('');
    setFiles((current) => current.filter((f) => !f.media));
    stopTyping();
    setOutOfTokens(false);
    setToolCalls([]);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = [...event.clipboardData.files];
    if (pasted.length) {
      event.preventDefault();
      addFiles(pasted);
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    addFiles([...event.dataTransfer.files]);
  };

  return (
    <div
      className="composer"
      data-dragging={dragging || undefined}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) {
          event.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {outOfTokens && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconCoin size={18} />}
          title="Your organization is out of tokens"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setOutOfTokens(false)}
          mb="xs"
          role="alert"
        >
          Replies can’t be sent until an admin adds tokens. Your reply is kept below the conversation — retry once the balance is topped up.
        </Alert>
      )}
      {generate.error && (
        <Alert
          color={isOutOfTokens(generate.error) ? 'orange' : 'red'}
          variant="light"
          icon={isOutOfTokens(generate.error) ? <IconCoin size={18} /> : <IconAlertTriangle size={18} />}
          title={isOutOfTokens(generate.error) ? 'Out of tokens: AI is paused' : isAiNotConfigured(generate.error) ? 'AI is not set up' : 'The AI could not answer'}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => generate.reset()}
          mb="xs"
          role="alert"
          className="composer-ai-error"
        >
          {isOutOfTokens(generate.error)
            ? 'Suggestions need tokens. An admin can add tokens to the organization.'
            : isAiNotConfigured(generate.error)
              ? 'Add an AI provider in Settings → AI providers, or pick one for this channel.'
              : messageOf(generate.error)}
        </Alert>
      )}
      {send.error && !isOutOfTokens(send.error) && (
        <Text size="xs" c="red" mb={6} role="alert">
          <IconAlertTriangle size={12} /> Your last reply was not sent: {messageOf(send.error)}
        </Text>
      )}
      <div className="composer-box">
        <Textarea
          ref={ref}
          aria-label={`Reply to ${customerLabel}`}
          placeholder={`Reply to ${customerLabel}…`}
          autosize
          minRows={2}
          maxRows={10}
          value={draft}
          onChange={(event) => onInput(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={stopTyping}
          variant="unstyled"
          className="composer-input"
          data-escape-blur
          error={draft.length > MESSAGE_MAX_CHARS ? `At most ${MESSAGE_MAX_CHARS.toLocaleString()} characters` : undefined}
        />
        {toolCalls.length > 0 && (
          <Group gap={6} className="composer-tool-calls">
            <ToolCalls calls={toolCalls} />
            <CloseButton size="xs" aria-label="Hide tool calls" onClick={() => setToolCalls([])} />
          </Group>
        )}
        {files.length > 0 && (
          <ul className="composer-files" aria-label="Attachments">
            {files.map((f) => (
              <li key={f.key} className="composer-file" data-error={f.error ? true : undefined}>
                <IconPaperclip size={14} aria-hidden="true" />
                <div className="composer-file-body">
                  <Text size="xs" fw={500} truncate>
                    {f.file.name}
                  </Text>
                  {f.error ? (
                    <Text size="xs" c="red">
                      {f.error}
                    </Text>
                  ) : f.media ? (
                    <Text size="xs" c="dimmed">
                      {formatBytes(f.file.size)}
                    </Text>
                  ) : (
                    <Progress value={f.progress * 100} size="xs" aria-label={`Uploading ${f.file.name}`} animated />
                  )}
                </div>
                <CloseButton size="xs" aria-label={`Remove ${f.file.name}`} onClick={() => removeFile(f.key)} />
              </li>
            ))}
          </ul>
        )}
        <Group justify="space-between" gap="xs" className="composer-actions">
          <Group gap={4}>
            <FileButton onChange={(picked) => addFiles(picked)} multiple>
              {(props) => (
                <Tooltip label="Attach files" withArrow>
                  <ActionIcon {...props} variant="subtle" color="gray" aria-label="Attach files" disabled={files.length >= MAX_ATTACHMENTS}>
                    <IconPaperclip size={18} />
                  </ActionIcon>
                </Tooltip>
              )}
            </FileButton>
            <Tooltip label={noTokens ? 'Out of tokens' : 'Draft a reply with AI'} withArrow>
              <Button
                size="compact-sm"
                variant="subtle"
                leftSection={<IconSparkles size={15} />}
                onClick={() => askAi('suggest')}
                loading={generate.isPending && !generate.variables?.body?.instructions}
                disabled={!lastMessageId || noTokens || (generate.isPending && !!generate.variables?.body?.instructions)}
              >
                Suggest reply
              </Button>
            </Tooltip>
            <Tooltip label={noTokens ? 'Out of tokens' : 'Rewrite the draft for spelling, clarity and tone'} withArrow>
              <Button
                size="compact-sm"
                variant="subtle"
                leftSection={<IconWand size={15} />}
                onClick={() => askAi('improve')}
                loading={generate.isPending && !!generate.variables?.body?.instructions}
                disabled={!lastMessageId || noTokens || !draft.trim() || (generate.isPending && !generate.variables?.body?.instructions)}
              >
                Improve
              </Button>
            </Tooltip>
            {tokenBalance !== undefined && (
              <Text size="xs" c={noTokens ? 'red.9' : 'dimmed'} className="composer-tokens" aria-label={`${tokenBalance} tokens left`}>
                <IconCoin size={12} aria-hidden="true" /> {tokenBalance.toLocaleString()}
              </Text>
            )}
          </Group>
          <Tooltip label="Enter to send · Shift+Enter for a new line" withArrow>
            <Button size="xs" rightSection={<IconSend size={14} />} onClick={submit} disabled={!canSend}>
              Send
            </Button>
          </Tooltip>
        </Group>
      </div>
    </div>
  );
});
