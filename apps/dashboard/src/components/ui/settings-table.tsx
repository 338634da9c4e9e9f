import { Button, Group, Paper, Table } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';

export interface SettingsColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  style?: CSSProperties;
}

export interface SettingsRowActions<T> {
  /** Edit and Delete are offered only to those who may change the list. */
  canEdit: boolean;
  onEdit: (row: T) => void;
  onDelete: (row: T) => void;
  /** Buttons before Edit / Delete (a test, a log); each decides itself who may see it. */
  extra?: (row: T) => ReactNode;
  /** An accessible name for Edit / Delete (`Edit ${name}`), where the rows hold nothing else to tell them apart by. */
  name?: (row: T) => string;
  /** Read-only viewers get no actions column at all, rather than an empty one (nothing in it is theirs). */
  editorsOnly?: boolean;
}

/**
 * A settings list as a table: the columns each page names, then one actions column (the page's own buttons,
 * then Edit / Delete). Loading, error and empty states are `ListStates` around it; Delete only asks — the page
 * confirms with `ConfirmDeleteModal`.
 */
export function SettingsTable<T extends { id: string }>({ rows, columns, actions, minWidth }: {
  rows: T[];
  columns: SettingsColumn<T>[];
  actions: SettingsRowActions<T>;
  /** Below this width the table scrolls sideways; without it, it never does. */
  minWidth?: number;
}) {
  const { canEdit, onEdit, onDelete, extra, name, editorsOnly = false } = actions;
  const showActions = canEdit || !editorsOnly;
  const table = (
    <Table verticalSpacing="sm" highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          {columns.map((c) => (
            <Table.Th key={c.header}>{c.header}</Table.Th>
          ))}
          {showActions && (editorsOnly ? <Table.Th aria-label="Actions" /> : <Table.Th />)}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => {
          const own = extra?.(row);
          return (
            <Table.Tr key={row.id}>
              {columns.map((c) => (
                <Table.Td key={c.header} style={c.style}>
                  {c.cell(row)}
                </Table.Td>
              ))}
              {showActions && (
                <Table.Td>
                  {(canEdit || own) && (
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      {own}
                      {canEdit && (
                        <>
                          <Button size="xs" variant="subtle" onClick={() => onEdit(row)} aria-label={name && `Edit ${name(row)}`}>
                            Edit
                          </Button>
                          <Button size="xs" variant="subtle" color="red" onClick={() => onDelete(row)} aria-label={name && `Delete ${name(row)}`}>
                            Delete
                          </Button>
                        </>
                      )}
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
  return (
    <Paper withBorder radius="lg">
      {minWidth === undefined ? table : <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer>}
    </Paper>
  );
}
