/** The form-level error; focusable so a failed submit can move focus to it. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="form-alert" role="alert" tabIndex={-1}>
      {message}
    </p>
  );
}
