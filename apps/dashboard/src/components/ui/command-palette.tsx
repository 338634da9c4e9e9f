import { Kbd, Loader, Modal, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { flattenSections, moveActive, type PaletteCommand, type PaletteSection } from '../../lib/command-palette.ts';

const LIST_ID = 'command-palette-list';
const optionId = (index: number) => `command-palette-option-${index}`;

/**
 * The Cmd/Ctrl+K dialog: a search box driving a grouped list (↑/↓ to move, Enter to run, Esc to close; a click
 * runs too). It only renders what it is given — the app decides which commands exist and searches the server.
 */
export function CommandPalette({ opened, onClose, query, onQueryChange, sections, searching, placeholder }: {
  opened: boolean;
  onClose: () => void;
  query: string;
  onQueryChange: (query: string) => void;
  sections: PaletteSection[];
  /** The server search for this query is still running. */
  searching?: boolean;
  /** The search box's placeholder (a second step names what it picks). */
  placeholder?: string;
}) {
  const rows = flattenSections(sections);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  // A new query starts at the best match; results arriving later keep the highlight in range.
  useEffect(() => setActive(0), [query, placeholder]);
  const current = rows.length ? Math.min(Math.max(active, 0), rows.length - 1) : -1;
  useEffect(() => {
    listRef.current?.querySelector(`#${optionId(current)}`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    if (!command.keepOpen) onClose();
    command.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(moveActive(current, event.key === 'ArrowDown' ? 1 : -1, rows.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(rows[current]);
    }
  };

  let index = -1;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      withCloseButton={false}
      title={<span className="visually-hidden">Command palette</span>}
      size="lg"
      padding={0}
      yOffset="12vh"
      classNames={{ header: 'visually-hidden' }}
      data-testid="command-palette"
    >
      <div className="command-palette">
        <TextInput
          data-autofocus
          size="md"
          variant="unstyled"
          className="command-palette-input"
          leftSection={searching ? <Loader size={16} /> : <IconSearch size={18} aria-hidden="true" />}
          rightSection={<Kbd size="xs">Esc</Kbd>}
          rightSectionWidth={48}
          placeholder={placeholder ?? 'Search conversations, customers, views, settings or actions…'}
          value={query}
          onChange={(event) => onQueryChange(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-label="Command palette search"
          aria-expanded
          aria-controls={LIST_ID}
          aria-autocomplete="list"
          aria-activedescendant={current >= 0 ? optionId(current) : undefined}
        />
        <div ref={listRef} id={LIST_ID} role="listbox" aria-label="Commands" className="command-palette-list">
          {sections.map((section) => (
            <div key={section.group} role="group" aria-labelledby={`command-palette-group-${section.group}`}>
              <Text id={`command-palette-group-${section.group}`} size="xs" fw={600} c="dimmed" tt="uppercase" className="command-palette-group" role="presentation">
                {section.group}
              </Text>
              {section.commands.map((command) => {
                index += 1;
                const at = index;
                return (
                  <div
                    key={command.id}
                    id={optionId(at)}
                    role="option"
                    aria-selected={at === current}
                    className="command-palette-option"
                    onMouseMove={() => at !== current && setActive(at)}
                    // mousedown, not click: the search box keeps the focus until the command runs.
                    onMouseDown={(event) => {
                      event.preventDefault();
                      run(command);
                    }}
                  >
                    <Text span size="sm" fw={500} lineClamp={1}>
                      {command.label}
                    </Text>
                    {command.hint && (
                      <Text span size="xs" c="dimmed" lineClamp={1}>
                        {command.hint}
                      </Text>
                    )}
                  </div>
                );
              })}
            </div>
          ))}
          {!rows.length && (
            <Text size="sm" c="dimmed" px="md" py="sm">
              {searching ? 'Searching…' : 'Nothing matches'}
            </Text>
          )}
        </div>
      </div>
    </Modal>
  );
}
