import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { FormModalFooter } from './form-modal-footer.tsx';

const html = (props: { pending?: boolean; disabled?: boolean }) =>
  renderToStaticMarkup(
    <MantineProvider>
      <FormModalFooter submitLabel="Add tag" pending={props.pending ?? false} disabled={props.disabled} onCancel={() => {}} />
    </MantineProvider>,
  );
const buttons = (s: string) => s.match(/<button [^>]*>/g) ?? [];

describe('FormModalFooter', () => {
  test('Cancel is a plain button, then the submit button says what it does', () => {
    const out = html({});
    const [cancel, submit] = buttons(out);
    expect(cancel).toContain('type="button"');
    expect(submit).toContain('type="submit"');
    expect(out.indexOf('Cancel')).toBeLessThan(out.indexOf('Add tag'));
    expect(submit).not.toMatch(/disabled|data-loading/);
  });

  test('a save under way or a form that cannot be sent disables the submit button only', () => {
    for (const out of [html({ pending: true }), html({ disabled: true })]) {
      const [cancel, submit] = buttons(out);
      expect(cancel).not.toContain('disabled');
      expect(submit).toContain('disabled');
    }
    expect(buttons(html({ pending: true }))[1]).toContain('data-loading');
  });
});
