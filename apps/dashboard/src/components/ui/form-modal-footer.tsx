import { Button, Group, type MantineSpacing } from '@mantine/core';

/**
 * The end of a form in a modal: Cancel, then the submit button that says what it does ("Save", "Add tag").
 * The form-level error is `FormAlert` at the top of the same form.
 */
export function FormModalFooter({ submitLabel, pending, disabled, onCancel, mt = 'xs' }: {
  submitLabel: string;
  /** The save is under way: the submit button spins (and cannot be pressed twice). */
  pending: boolean;
  /** The form cannot be sent as it is (e.g. nothing chosen yet). */
  disabled?: boolean;
  onCancel: () => void;
  mt?: MantineSpacing;
}) {
  return (
    <Group justify="flex-end" mt={mt}>
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={pending} disabled={disabled}>
        {submitLabel}
      </Button>
    </Group>
  );
}
