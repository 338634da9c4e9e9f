import { Alert } from '@mantine/core';

/** The form-level error; focusable so a failed submit can move focus to it. */
export function FormAlert({ message, title }: { message: string | null; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert" tabIndex={-1} title={title}>
      {message}
    </Alert>
  );
}
