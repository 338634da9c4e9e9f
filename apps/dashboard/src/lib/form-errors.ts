import { useEffect, type RefObject } from 'react';
import { ApiError, type FieldErrors } from './api-client.ts';

export type FormErrors = {
  /** Messages for the form's own inputs, keyed by input name (dotted API paths like `credentials.host`). */
  fields: FieldErrors;
  /** What to say above the form, or null when the field messages say it all. */
  message: string | null;
};

/** A human sentence for any error (ApiError's message, or a generic one). */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again.';
}

/** Splits a failed submit into per-input messages and one form-level message. */
export function getFormErrors(error: unknown, fieldNames: readonly string[]): FormErrors {
  if (!error) return { fields: {}, message: null };
  if (!(error instanceof ApiError)) return { fields: {}, message: messageOf(error) };

  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const [key, messages] of Object.entries(error.fields)) {
    if (fieldNames.includes(key)) fields[key] = messages;
    else other.push(...messages.map((m) => (key ? `${key}: ${m}` : m)));
  }
  const explained = error.code === 'VALIDATION_ERROR' && Object.keys(fields).length > 0 && other.length === 0;
  return { fields, message: explained ? null : [error.message, ...other].join(' ') };
}

/** The first message of a field, for a Mantine input's `error` prop. */
export const fieldError = (errors: FormErrors, name: string) => errors.fields[name]?.join(' ');

/**
 * After a failed submit, move focus to the first invalid input, or else to the form's alert,
 * so keyboard and screen-reader users land on what needs fixing.
 */
export function useFocusOnError(formRef: RefObject<HTMLFormElement | null>, error: unknown) {
  useEffect(() => {
    if (!error || !formRef.current) return;
    const target = formRef.current.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]');
    target?.focus();
  }, [error, formRef]);
}
