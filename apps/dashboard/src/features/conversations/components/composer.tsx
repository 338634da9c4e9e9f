import type { GeneratedReply, Media, Member } from '@helpstack/contracts';
import { expandSavedReply, type SavedReplyValues } from '@helpstack/contracts/constants';
import { MAX_ATTACHMENTS, MESSAGE_MAX_CHARS } from '../../../lib/contract-constants.ts';
import { ActionIcon, Alert, Button, CloseButton, FileButton, Group, Progress, SegmentedControl, Text, Textarea, Tooltip } from '@mantine/core';
import { useMergedRef } from '@mantine/hooks';
import { IconAlertTriangle, IconCoin, IconLock, IconNote, IconPaperclip, IconSend, IconSparkles, IconWand } from '@tabler/icons-react';
import { forwardRef, useEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { ToolCalls } from '../../../components/ui/tool-calls.tsx';
import { formatBytes } from '../../../lib/file-size.ts';
import { messageOf } from '../../../lib/form-errors.ts';
import { fuzzyFilter } from '../../../lib/fuzzy-score.ts';
import { useSavedReplies } from '../../../lib/saved-replies.ts';
import { useSendTyping } from '../../../lib/realtime-context.tsx';
import { isAiNotConfigured, useGenerateReply } from '../api/generate-reply.ts';
import { useCreateNote } from '../api/create-note.ts';
import { useMessages } from '../api/get-messages.ts';
import { isOutOfTokens, startSend, useSendMessage } from '../api/send-message.ts';
import { uploadAttachment } from '../api/upload-attachment.ts';
import { insertMention, mentionedIds, triggerAt } from '../utils/composer-triggers.ts';
import { suggestionTargetId } from '../utils/suggestion-target.ts';
import { ComposerPicker, type PickerItem } from './composer-picker.tsx';

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
  /** The organization's members, offered on `@` in a note. */
  members: Member[];
  /** The conversation's channel: its saved replies and the organization-wide ones are offered on `/`. */
  channelId: string;
  /** What a saved reply's `{{…}}` variables become in this conversation. */
  variables: SavedReplyValues;
};

type Mode = 'reply' | 'note';
const PICKER_LIMIT = 8;

const IMPROVE_INSTRUCTIONS = (draft: string) =>
  `Rewrite this draft reply for spelling, clarity and our tone; keep its meaning and language. Answer with the rewritten reply only.\n\n${draft}`;

/**
 * The reply box: Enter sends, Shift+Enter breaks the line; files upload as soon as they are picked,
 * pasted or dropped (with progress) and go with the reply; typing is announced to the visitor and
 * other agents; running out of tokens is said plainly. The Note switch turns it into a private note
 * (CONTRACT §12) with @mentions of members; `/` at the start opens the saved replies.
 */
export const Composer = forwardRef<HTMLTextAreaElement, Props>(function Composer({ conversationId, customerLabel, tokenBalance, draftRequest, members, channelId, variables }, ref) {
  const [draft, setDraftState] = useState(() => drafts.get(conversationId) ?? '');
  const [mode, setMode] = useState<Mode>('reply');
  const [caret, setCaret] = useState(0);
  const [pickerIndex, setPickerIndex] = useState(0);
  /** The draft the picker was closed on with Escape: it stays closed until the text changes. */
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  /** Members picked from the @ list: id → name, kept while their `@Name` stays in the text. */
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(new Map());
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const mergedRef = useMergedRef(ref, inputRef);
  const createNote = useCreateNote();
  const savedReplies = useSavedReplies();
  const note = mode === 'note';
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
    // A note is between agents: the visitor must not even see "typing…" for it.
    if (value.trim() && mode === 'reply') {
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
    if (mode === 'note') return; // notes are text only
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

  const trigger = dismissedAt === draft ? null : triggerAt(draft, caret, mode);
  const savedItems = useMemo(() => {
    if (trigger?.kind !== 'saved-reply') return [];
    const offered = (savedReplies.data?.items ?? []).filter((r) => r.channelId === null || r.channelId === channelId);
    return fuzzyFilter(offered, trigger.query, (r) => [r.shortcut, r.title]).slice(0, PICKER_LIMIT);
  }, [trigger?.kind, trigger?.query, savedReplies.data, channelId]);
  const memberItems = useMemo(() => {
    if (trigger?.kind !== 'mention') return [];
    return fuzzyFilter(members, trigger.query, (m) => [m.name, m.email]).slice(0, PICKER_LIMIT);
  }, [trigger?.kind, trigger?.query, members]);
  const pickerItems: PickerItem[] =
    trigger?.kind === 'saved-reply'
      ? savedItems.map((r) => ({ id: r.id, primary: `/${r.shortcut} · ${r.title}`, secondary: r.content }))
      : trigger?.kind === 'mention'
        ? memberItems.map((m) => ({ id: m.userId, primary: m.name, secondary: m.email }))
        : [];
  const activeIndex = Math.min(pickerIndex, Math.max(0, pickerItems.length - 1));

  const placeCaret = (at: number) =>
    requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.setSelectionRange(at, at);
      setCaret(at);
    });

  const pick = (index: number) => {
    if (trigger?.kind === 'saved-reply') {
      const reply = savedItems[index];
      if (!reply) return;
      const text = expandSavedReply(reply.content, variables);
      onInput(text);
      placeCaret(text.length);
    } else if (trigger?.kind === 'mention') {
      const member = memberItems[index];
      if (!member) return;
      const next = insertMention(draft, trigger, caret, member.name);
      setPicked((current) => new Map(current).set(member.userId, member.name));
      onInput(next.text);
      placeCaret(next.caret);
    }
    setPickerIndex(0);
  };

  const submitNote = () => {
    if (!draft.trim() || draft.length > MESSAGE_MAX_CHARS || createNote.isPending) return;
    createNote.mutate(
      { conversationId, content: draft, mentions: mentionedIds(draft, picked) },
      {
        onSuccess: () => {
          setDraft('');
          setPicked(new Map());
        },
      },
    );
  };

  const submit = () => {
    if (note) return submitNote();
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
    if (trigger && !event.nativeEvent.isComposing) {
      const count = pickerItems.length;
      if (event.key === 'ArrowDown' && count) {
        event.preventDefault();
        setPickerIndex((activeIndex + 1) % count);
        return;
      }
      if (event.key === 'ArrowUp' && count) {
        event.preventDefault();
        setPickerIndex((activeIndex - 1 + count) % count);
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && count) {
        event.preventDefault();
        pick(activeIndex);
        return;
      }
      if (event.key === 'Escape') {
        // Handled here: the inbox's Escape (leave the field) must not run too.
        event.preventDefault();
        setDismissedAt(draft);
        return;
      }
    }
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
      data-mode={mode}
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
      {createNote.error && (
        <Text size="xs" c="red" mb={6} role="alert">
          <IconAlertTriangle size={12} /> Your note was not saved: {messageOf(createNote.error)}
        </Text>
      )}
      {trigger && (trigger.kind === 'mention' || savedReplies.isSuccess) && (
        <ComposerPicker
          id={trigger.kind === 'mention' ? 'mention' : 'saved-reply'}
          label={trigger.kind === 'mention' ? 'Mention a teammate' : 'Saved replies'}
          items={pickerItems}
          active={activeIndex}
          empty={trigger.kind === 'mention' ? 'No member matches' : savedReplies.data?.items.length ? 'No saved reply matches' : 'No saved replies yet — add them in Settings → Saved replies'}
          onPick={pick}
        />
      )}
      <div className="composer-box">
        {note && (
          <Text size="xs" fw={600} className="composer-note-label">
            <IconLock size={12} aria-hidden="true" /> Private note · only your team sees it
          </Text>
        )}
        <Textarea
          ref={mergedRef}
          aria-label={note ? 'Private note' : `Reply to ${customerLabel}`}
          placeholder={note ? 'Write a private note… @ to mention a teammate' : `Reply to ${customerLabel}… (/ for saved replies)`}
          aria-controls={trigger && pickerItems.length ? (trigger.kind === 'mention' ? 'mention' : 'saved-reply') : undefined}
          aria-activedescendant={trigger && pickerItems.length ? `${trigger.kind === 'mention' ? 'mention' : 'saved-reply'}-${activeIndex}` : undefined}
          aria-autocomplete="list"
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          autosize
          minRows={2}
          maxRows={10}
          value={draft}
          onChange={(event) => {
            setCaret(event.currentTarget.selectionStart);
            setPickerIndex(0);
            onInput(event.currentTarget.value);
          }}
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
            <SegmentedControl
              size="xs"
              aria-label="Reply or private note"
              value={mode}
              onChange={(value) => {
                if (value === 'note') stopTyping();
                setMode(value as Mode);
                inputRef.current?.focus();
              }}
              data={[
                { value: 'reply', label: 'Reply' },
                { value: 'note', label: 'Note' },
              ]}
            />
            {!note && (
              <>
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
              </>
            )}
          </Group>
          {note ? (
            <Tooltip label="Enter to save · Shift+Enter for a new line" withArrow>
              <Button size="xs" color="yellow.8" rightSection={<IconNote size={14} />} onClick={submitNote} loading={createNote.isPending} disabled={!draft.trim() || draft.length > MESSAGE_MAX_CHARS}>
                Add note
              </Button>
            </Tooltip>
          ) : (
            <Tooltip label="Enter to send · Shift+Enter for a new line" withArrow>
              <Button size="xs" rightSection={<IconSend size={14} />} onClick={submit} disabled={!canSend}>
                Send
              </Button>
            </Tooltip>
          )}
        </Group>
      </div>
    </div>
  );
});
