import type { Faq } from '@helpstack/contracts';
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { ActionIcon, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconGripVertical, IconPencil, IconTrash } from '@tabler/icons-react';

type Props = {
  faqs: Faq[];
  canEdit: boolean;
  onReorder: (ids: string[]) => void;
  onEdit: (faq: Faq) => void;
  onDelete: (faq: Faq) => void;
};

function SortableFaq({ faq, index, canEdit, onEdit, onDelete }: { faq: Faq; index: number; canEdit: boolean; onEdit: (f: Faq) => void; onDelete: (f: Faq) => void }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: faq.id, disabled: !canEdit });
  const style = {
    transform: transform ? `translate3d(${Math.round(transform.x)}px, ${Math.round(transform.y)}px, 0)` : undefined,
    transition,
  };
  return (
    <li ref={setNodeRef} style={style} className="faq-item" data-dragging={isDragging || undefined}>
      {canEdit ? (
        <ActionIcon
          ref={setActivatorNodeRef}
          variant="subtle"
          color="gray"
          className="faq-handle"
          {...attributes}
          {...listeners}
          aria-label={`Move “${faq.question}” (position ${index + 1}). Press space, then the arrow keys.`}
        >
          <IconGripVertical size={16} />
        </ActionIcon>
      ) : (
        <Text size="sm" c="dimmed" w={28} ta="center">
          {index + 1}
        </Text>
      )}
      <div style={{ flex: 1, minWidth: 0 }}>
        <Text fw={600} size="sm">
          {faq.question}
        </Text>
        <Text size="sm" c="dimmed" lineClamp={2} style={{ whiteSpace: 'pre-wrap' }}>
          {faq.answer}
        </Text>
      </div>
      {canEdit && (
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Edit" withArrow>
            <ActionIcon variant="subtle" color="gray" onClick={() => onEdit(faq)} aria-label={`Edit “${faq.question}”`}>
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Delete" withArrow>
            <ActionIcon variant="subtle" color="red" onClick={() => onDelete(faq)} aria-label={`Delete “${faq.question}”`}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      )}
    </li>
  );
}

/** FAQs in display order; drag the handle (or focus it and use space + arrows) to reorder. */
export function SortableFaqList({ faqs, canEdit, onReorder, onEdit, onDelete }: Props) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = faqs.map((f) => f.id);
    onReorder(arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))));
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements: {
          onDragStart: ({ active }) => `Picked up ${faqs.find((f) => f.id === active.id)?.question ?? 'FAQ'}.`,
          onDragOver: ({ over }) => (over ? `Over position ${faqs.findIndex((f) => f.id === over.id) + 1}.` : 'Not over a position.'),
          onDragEnd: ({ over }) => (over ? `Dropped at position ${faqs.findIndex((f) => f.id === over.id) + 1}.` : 'Dropped.'),
          onDragCancel: () => 'Reordering cancelled.',
        },
      }}
    >
      <SortableContext items={faqs.map((f) => f.id)} strategy={verticalListSortingStrategy}>
        <Stack gap="xs" component="ol" className="plain-list" aria-label="FAQs in display order">
          {faqs.map((faq, index) => (
            <SortableFaq key={faq.id} faq={faq} index={index} canEdit={canEdit} onEdit={onEdit} onDelete={onDelete} />
          ))}
        </Stack>
      </SortableContext>
    </DndContext>
  );
}
