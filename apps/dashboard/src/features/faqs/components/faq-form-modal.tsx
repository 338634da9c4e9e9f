import type { Faq } from '@helpstack/contracts';
import { Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { FormModalFooter } from '../../../components/ui/form-modal-footer.tsx';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { useCreateFaq } from '../api/create-faq.ts';
import { useUpdateFaq } from '../api/update-faq.ts';

const ORG_WIDE = '__all__';
const fieldNames = ['question', 'answer', 'channelId'] as const;

type Props = {
  opened: boolean;
  onClose: () => void;
  /** Editing this FAQ; absent: creating one. */
  faq?: Faq | null;
  defaultChannelId: string | null;
  channels: { value: string; label: string }[];
};

export function FaqFormModal({ opened, onClose, faq, defaultChannelId, channels }: Props) {
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [channelId, setChannelId] = useState<string>(ORG_WIDE);
  const create = useCreateFaq();
  const update = useUpdateFaq();
  const mutation = faq ? update : create;
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(mutation.error, fieldNames);
  useFocusOnError(formRef, mutation.error);

  useEffect(() => {
    if (!opened) return;
    setQuestion(faq?.question ?? '');
    setAnswer(faq?.answer ?? '');
    setChannelId((faq ? faq.channelId : defaultChannelId) ?? ORG_WIDE);
    create.reset();
    update.reset();
  }, [opened, faq]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const scope = channelId === ORG_WIDE ? null : channelId;
    const done = () => {
      notifications.show({ color: 'teal', message: faq ? 'FAQ updated' : 'FAQ added' });
      onClose();
    };
    if (faq) {
      update.mutate({ id: faq.id, body: { question, answer, ...(scope !== faq.channelId ? { channelId: scope } : {}) } }, { onSuccess: done });
    } else {
      create.mutate({ question, answer, channelId: scope }, { onSuccess: done });
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={faq ? 'Edit FAQ' : 'New FAQ'} size="lg">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormAlert message={errors.message} />
          <TextInput label="Question" required maxLength={500} value={question} onChange={(e) => setQuestion(e.currentTarget.value)} error={errors.fields.question?.join(' ')} data-autofocus />
          <Textarea label="Answer" required autosize minRows={4} maxRows={12} maxLength={5000} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} error={errors.fields.answer?.join(' ')} />
          <Select
            label="Shown on"
            data={[{ value: ORG_WIDE, label: 'Every channel' }, ...channels]}
            value={channelId}
            onChange={(v) => setChannelId(v ?? ORG_WIDE)}
            allowDeselect={false}
            error={errors.fields.channelId?.join(' ')}
          />
          <FormModalFooter submitLabel={faq ? 'Save' : 'Add FAQ'} pending={mutation.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
