import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { type SettingsRowActions, SettingsTable } from './settings-table.tsx';

type Row = { id: string; name: string };
const rows: Row[] = [
  { id: 'a', name: 'Billing' },
  { id: 'b', name: 'Bug' },
];
const noop = () => {};

const html = (actions: Partial<SettingsRowActions<Row>>, minWidth?: number) =>
  renderToStaticMarkup(
    <MantineProvider>
      <SettingsTable rows={rows} minWidth={minWidth} columns={[{ header: 'Name', cell: (r) => r.name }]} actions={{ canEdit: true, onEdit: noop, onDelete: noop, ...actions }} />
    </MantineProvider>,
  );
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('SettingsTable', () => {
  test('editors get Edit and Delete on every row; read-only viewers an empty actions cell', () => {
    const editor = html({});
    expect(count(editor, />Edit</g)).toBe(2);
    expect(count(editor, />Delete</g)).toBe(2);
    const viewer = html({ canEdit: false });
    expect(viewer).not.toMatch(/>Edit<|>Delete</);
    expect(count(viewer, /<th /g)).toBe(2);
  });

  test('the page’s own buttons come first and stay for viewers when they say so', () => {
    const viewer = html({ canEdit: false, extra: (r) => <button type="button">Logs of {r.name}</button> });
    expect(viewer).toContain('Logs of Billing');
    const editor = html({ extra: () => <button type="button">Logs</button> });
    expect(editor.indexOf('Logs')).toBeLessThan(editor.indexOf('>Edit<'));
  });

  test('editorsOnly: no actions column at all for viewers, a labelled one for editors', () => {
    expect(count(html({ canEdit: false, editorsOnly: true }), /<th /g)).toBe(1);
    expect(html({ editorsOnly: true })).toMatch(/<th [^>]*aria-label="Actions"/);
  });

  test('named buttons say which row they act on', () => {
    const out = html({ name: (r) => r.name });
    expect(out).toContain('aria-label="Edit Billing"');
    expect(out).toContain('aria-label="Delete Bug"');
    expect(html({})).not.toContain('aria-label="Edit');
  });

  test('scrolls sideways only when given a minimum width', () => {
    expect(html({}, 640)).toContain('TableScrollContainer');
    expect(html({})).not.toContain('TableScrollContainer');
  });
});
