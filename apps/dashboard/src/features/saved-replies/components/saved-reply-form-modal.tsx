import type { SavedReply } from '@helpstack/contracts';
import { SAVED_REPLY_VARIABLES } from '@helpstack/contracts/constants';
import { Code, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { FormModalFooter } from '../../../components/ui/form-modal-footer.tsx';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useCreateSavedReply, useUpdateSavedReply } from '../api/save-saved-reply.ts';

const ORG_WIDE = '__all__';
const fieldNames = ['shortcut', 'title', 'content', 'channelId'] as const;

type Props = {
  opened: boolean;
  onClose: () => void;
  /** Editing this reply; null: creating one. */
  reply: SavedReply | null | undefined;
  channels: { value: string; label: string }[];
};

export function SavedReplyFormModal({ opened, onClose, reply, channels }: Props) {
  const [shortcut, setShortcut] = useState('');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [channelId, setChannelId] = useState<string>(ORG_WIDE);
  const create = useCreateSavedReply();
  const update = useUpdateSavedReply();
  const mutation = reply ? update : create;
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(mutation.error, fieldNames);
  useFocusOnError(formRef, mutation.error);

  useEffect(() => {
    if (!opened) return;
    setShortcut(reply?.shortcut ?? '');
    setTitle(reply?.title ?? '');
    setContent(reply?.content ?? '');
    setChannelId(reply?.channelId ?? ORG_WIDE);
    create.reset();
    update.reset();
  }, [opened, reply]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const scope = channelId === ORG_WIDE ? null : channelId;
    const body = { shortcut: shortcut.replace(/^\//, ''), title, content, channelId: scope };
    const done = () => {
      notifications.show({ color: 'teal', message: reply ? 'Saved reply updated' : 'Saved reply added' });
      onClose();
    };
    if (reply) update.mutate({ id: reply.id, body }, { onSuccess: done });
    else create.mutate(body, { onSuccess: done });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={reply ? 'Edit saved reply' : 'New saved reply'} size="lg">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormAlert message={errors.message} />
          <TextInput
            label="Shortcut"
            description="Type / and this in the reply box to insert it"
            leftSection={<Text size="sm">/</Text>}
            required
            maxLength={32}
            value={shortcut}
            onChange={(e) => setShortcut(e.currentTarget.value)}
            error={errors.fields.shortcut?.join(' ')}
            data-autofocus
          />
          <TextInput label="Title" required maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.fields.title?.join(' ')} />
          <Textarea
            label="Content"
            description={
              <>
                Variables: {SAVED_REPLY_VARIABLES.map((v) => <Code key={v} mr={4}>{`{{${v}}}`}</Code>)}
              </>
            }
            required
            autosize
            minRows={4}
            maxRows={12}
            maxLength={5000}
            value={content}
            onChange={(e) => setContent(e.currentTarget.value)}
            error={errors.fields.content?.join(' ')}
          />
          <Select
            label="Offered on"
            data={[{ value: ORG_WIDE, label: 'Every channel' }, ...channels]}
            value={channelId}
            onChange={(v) => setChannelId(v ?? ORG_WIDE)}
            allowDeselect={false}
            error={errors.fields.channelId?.join(' ')}
          />
          <FormModalFooter submitLabel={reply ? 'Save' : 'Add saved reply'} pending={mutation.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
