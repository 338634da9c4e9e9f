import type { Invitation, Role } from '@helpstack/contracts';
import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { CopyField } from '../../../components/ui/copy-field.tsx';
import { FormAlert } from '../../../components/ui/form-alert.tsx';
import { ROLES } from '../../../lib/contract-constants.ts';
import { getFormErrors, useFocusOnError } from '../../../lib/form-errors.ts';
import { fullDateTime } from '../../../lib/relative-time.ts';
import { acceptInviteUrl, useCreateInvitation } from '../api/create-invitation.ts';
import { ROLE_HELP, ROLE_LABELS } from '../../../lib/role-labels.ts';

/** Invites by email and shows the accept link at once (the token is only ever in this answer). */
export function InviteMember() {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('AGENT');
  const [created, setCreated] = useState<Invitation | null>(null);
  const invite = useCreateInvitation();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = getFormErrors(invite.error, ['email', 'role']);
  useFocusOnError(formRef, invite.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (invitation) => {
          setCreated(invitation);
          setEmail('');
        },
      },
    );
  };

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="invite-title">
      <Title order={2} size="h4" id="invite-title" mb="sm">
        Invite a teammate
      </Title>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormAlert message={errors.message} />
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <TextInput
              label="Email"
              type="email"
              placeholder="name@company.com"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.fields.email?.join(' ')}
              style={{ flex: 1 }}
            />
            <Select
              label="Role"
              data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              value={role}
              onChange={(v) => setRole((v as Role) ?? 'AGENT')}
              allowDeselect={false}
              w={150}
              error={errors.fields.role?.join(' ')}
            />
          </Group>
          <Text size="xs" c="dimmed">
            {ROLE_LABELS[role]}: {ROLE_HELP[role]}.
          </Text>
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconMailForward size={16} />} loading={invite.isPending}>
              Create invitation
            </Button>
          </Group>
        </Stack>
      </form>
      {created && (
        <Alert color="teal" variant="light" mt="md" title={`Invitation for ${created.email} is ready`} withCloseButton closeButtonLabel="Dismiss" onClose={() => setCreated(null)}>
          <Stack gap={8}>
            <Text size="sm">We e-mailed them this link; you can also send it yourself. It works once and expires {fullDateTime(created.expiresAt)}. Inviting the same address again replaces it.</Text>
            <CopyField value={acceptInviteUrl(created.token)} label="Invitation link" />
          </Stack>
        </Alert>
      )}
    </Paper>
  );
}
