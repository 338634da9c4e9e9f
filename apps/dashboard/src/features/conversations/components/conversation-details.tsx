import type { Conversation, Member, UpdateConversationBody } from '@helpstack/contracts';
import { CONVERSATION_STATUSES as conversationStatuses, PRIORITIES as priorities } from '../../../lib/contract-constants.ts';
import { Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { languageName, languageOptions } from '../../../lib/languages.ts';
import { messageOf } from '../../../lib/form-errors.ts';
import { fullDateTime } from '../../../lib/relative-time.ts';
import { useViewer } from '../../../lib/viewer.tsx';
import { useUpdateConversation } from '../api/update-conversation.ts';
import { PRIORITY_LABELS, PriorityBadge, STATUS_LABELS, StatusBadge } from './status-badge.tsx';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="detail-field">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" className="detail-label">
        {label}
      </Text>
      {children}
    </div>
  );
}

/**
 * Status, priority, assignee, language and notes. Changes apply optimistically and are saved at once
 * (notes when the field is left). A VIEWER sees the values, not the controls.
 */
export function ConversationDetails({ conversation: c, members, channelName }: { conversation: Conversation; members: Member[]; channelName: string | undefined }) {
  const viewer = useViewer();
  const update = useUpdateConversation();
  const [notes, setNotes] = useState(c.notes ?? '');
  useEffect(() => setNotes(c.notes ?? ''), [c.id, c.notes]);

  const save = (patch: UpdateConversationBody, what: string) =>
    update.mutate(
      { id: c.id, patch },
      {
        onSuccess: () => notifications.show({ message: `${what} updated`, color: 'teal', autoClose: 1500 }),
        onError: (error) => notifications.show({ color: 'red', title: `Could not update ${what.toLowerCase()}`, message: messageOf(error) }),
      },
    );

  const assignee = members.find((m) => m.userId === c.assignedToId);
  const memberOptions = [
    { value: '', label: 'Unassigned' },
    ...members
      .filter((m) => m.role !== 'VIEWER' || m.userId === c.assignedToId)
      .map((m) => ({ value: m.userId, label: m.userId === viewer.userId ? `${m.name} (you)` : m.name })),
  ];

  if (!viewer.canAct) {
    return (
      <Stack gap="md">
        <Field label="Status">
          <div>
            <StatusBadge status={c.status} />
          </div>
        </Field>
        <Field label="Priority">
          <div>
            <PriorityBadge priority={c.priority} always />
          </div>
        </Field>
        <Field label="Assignee">
          <Text size="sm">{assignee?.name ?? 'Unassigned'}</Text>
        </Field>
        <Field label="Language">
          <Text size="sm">{languageName(c.language) ?? 'Unknown'}</Text>
        </Field>
        <Field label="Notes">
          <Text size="sm" c={c.notes ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
            {c.notes || 'No notes'}
          </Text>
        </Field>
        <Meta conversation={c} channelName={channelName} />
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      <Select
        label="Status"
        size="xs"
        data={conversationStatuses.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        value={c.status}
        onChange={(value) => value && value !== c.status && save({ status: value as Conversation['status'] }, 'Status')}
        allowDeselect={false}
      />
      <Select
        label="Priority"
        size="xs"
        data={priorities.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
        value={c.priority}
        onChange={(value) => value && value !== c.priority && save({ priority: value as Conversation['priority'] }, 'Priority')}
        allowDeselect={false}
      />
      <Select
        label="Assignee"
        size="xs"
        data={memberOptions}
        value={c.assignedToId ?? ''}
        onChange={(value) => (value ?? '') !== (c.assignedToId ?? '') && save({ assignedToId: value || null }, 'Assignee')}
        searchable
        allowDeselect={false}
        nothingFoundMessage="No teammate by that name"
      />
      <Select
        label="Language"
        size="xs"
        placeholder="Unknown"
        data={languageOptions(c.language)}
        value={c.language}
        onChange={(value) => value !== c.language && save({ language: value }, 'Language')}
        searchable
        clearable
      />
      <Textarea
        label="Notes"
        description="Only your team sees these."
        size="xs"
        autosize
        minRows={3}
        maxRows={10}
        value={notes}
        onChange={(event) => setNotes(event.currentTarget.value)}
        onBlur={() => notes !== (c.notes ?? '') && save({ notes: notes || null }, 'Notes')}
        placeholder="Add a note for your team"
        data-escape-blur
      />
      <Meta conversation={c} channelName={channelName} />
    </Stack>
  );
}

function Meta({ conversation: c, channelName }: { conversation: Conversation; channelName: string | undefined }) {
  return (
    <Text size="xs" c="dimmed" mt={4}>
      {channelName ? `${channelName} · ` : ''}Started {fullDateTime(c.createdAt)}
    </Text>
  );
}
