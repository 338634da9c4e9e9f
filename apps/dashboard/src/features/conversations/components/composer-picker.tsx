import { Text } from '@mantine/core';
import { useEffect, useRef } from 'react';

export type PickerItem = { id: string; primary: string; secondary?: string };

/**
 * The list the composer opens above the reply box (saved replies on `/`, members on `@`). The textarea
 * keeps the focus and drives it with ↑/↓/Enter/Escape; a click picks too.
 */
export function ComposerPicker({ id, label, items, active, empty, onPick }: {
  id: string;
  label: string;
  items: PickerItem[];
  active: number;
  /** Shown when nothing matches. */
  empty: string;
  onPick: (index: number) => void;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  return (
    <div className="composer-picker" data-testid={`${id}-picker`}>
      <Text size="xs" c="dimmed" fw={600} className="composer-picker-label">
        {label} <span aria-hidden="true">· ↑↓ to choose, Enter to insert, Esc to close</span>
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" px="sm" py={6}>
          {empty}
        </Text>
      ) : (
        <ul ref={listRef} id={id} role="listbox" aria-label={label} className="composer-picker-list">
          {items.map((item, index) => (
            <li
              key={item.id}
              id={`${id}-${index}`}
              role="option"
              aria-selected={index === active}
              className="composer-picker-item"
              // mousedown, not click: the textarea must not lose the focus first.
              onMouseDown={(event) => {
                event.preventDefault();
                onPick(index);
              }}
            >
              <Text span size="sm" fw={500}>
                {item.primary}
              </Text>
              {item.secondary && (
                <Text span size="xs" c="dimmed" lineClamp={1} className="composer-picker-secondary">
                  {item.secondary}
                </Text>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
