import type { Conversation, Priority } from '@helpstack/contracts';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { NAV_ITEMS } from '../components/layout/nav-rail.tsx';
import { CommandPalette } from '../components/ui/command-palette.tsx';
import { getConversationQueryOptions } from '../features/conversations/api/get-conversation.ts';
import { searchConversationsQueryOptions } from '../features/conversations/api/search-conversations.ts';
import { useUpdateConversation } from '../features/conversations/api/update-conversation.ts';
import { customerName, PRIORITY_LABELS, STATUS_LABELS } from '../features/conversations/components/status-badge.tsx';
import type { InboxSearch } from '../features/conversations/utils/inbox-search.ts';
import { getCustomerConversations } from '../features/customers/api/get-customer-conversations.ts';
import { searchCustomersQueryOptions } from '../features/customers/api/search-customers.ts';
import { useTags } from '../lib/tags.ts';
import { snoozeCommands, tagCommands, type PaletteStep } from './palette-steps.ts';
import { isPaletteShortcut, rankCommands, type PaletteCommand } from '../lib/command-palette.ts';
import { PRIORITIES } from '../lib/contract-constants.ts';
import { messageOf } from '../lib/form-errors.ts';
import { useViewer } from '../lib/viewer.tsx';

/** Server search starts at this many characters (one letter would match half the inbox). */
const MIN_SEARCH = 2;

const VIEWS: { label: string; search: InboxSearch; keywords?: string[] }[] = [
  { label: 'Open conversations', search: {}, keywords: ['inbox'] },
  { label: 'Pending conversations', search: { status: 'PENDING' } },
  { label: 'Closed conversations', search: { status: 'CLOSED' }, keywords: ['done', 'resolved'] },
  { label: 'Archived conversations', search: { status: 'ARCHIVED' } },
  { label: 'Assigned to me', search: { assignee: 'me' }, keywords: ['mine'] },
  { label: 'Unassigned', search: { assignee: 'none' } },
  { label: 'Unread', search: { unread: true }, keywords: ['new'] },
];

/**
 * Cmd/Ctrl+K anywhere in the signed-in app: jump to a conversation, a customer, an inbox view or a settings page,
 * or act on the open conversation. Composed here because it spans features (conversations, customers, pages).
 */
export function AppCommandPalette() {
  const [opened, setOpened] = useState(false);
  const [query, setQuery] = useState('');
  /** A second step of an action ("Snooze…", "Tag…") on the open conversation; null: every command. */
  const [step, setStep] = useState<PaletteStep | null>(null);
  const [search] = useDebouncedValue(query.trim(), 200);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const viewer = useViewer();
  const { conversationId } = useParams({ strict: false });

  useEffect(() => {
    // Capture phase and even inside text fields: the palette is reachable from the composer too.
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isPaletteShortcut(event)) return;
      event.preventDefault();
      setOpened((open) => {
        if (!open) {
          setQuery('');
          setStep(null);
        }
        return !open;
      });
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, []);

  const searching = opened && !step && search.length >= MIN_SEARCH;
  const conversations = useQuery({ ...searchConversationsQueryOptions(search), enabled: searching });
  const customers = useQuery({ ...searchCustomersQueryOptions(search), enabled: searching });
  const open = useQuery({ ...getConversationQueryOptions(conversationId ?? '', queryClient), enabled: opened && Boolean(conversationId) });
  const update = useUpdateConversation();
  const tags = useTags();
  const refetchTags = tags.refetch;

  const commands = useMemo(() => {
    const list: PaletteCommand[] = [];
    const current = conversationId ? open.data : undefined;
    if (step) {
      if (!current || !viewer.canAct) return list;
      const who = customerName(current);
      return step === 'snooze' ? snoozeCommands(current, who, change) : tagCommands(current, tags.data?.items ?? [], who, change);
    }
    if (current && viewer.canAct) list.push(...conversationActions(current));
    if (searching) {
      for (const c of conversations.data?.items ?? []) {
        list.push({
          id: `conversation:${c.id}`,
          group: 'Conversations',
          label: c.subject ? `${customerName(c)} — ${c.subject}` : customerName(c),
          hint: [STATUS_LABELS[c.status], c.lastMessagePreview].filter(Boolean).join(' · '),
          searched: true,
          run: () => openConversation(c),
        });
      }
      for (const customer of customers.data?.items ?? []) {
        const name = customer.name ?? customer.email ?? customer.phone ?? 'Customer';
        list.push({
          id: `customer:${customer.id}`,
          group: 'Customers',
          label: name,
          hint: [customer.email, customer.phone].filter((x) => x && x !== name).join(' · ') || undefined,
          searched: true,
          run: () => void openCustomer(customer.id, name),
        });
      }
    }
    for (const view of VIEWS) {
      list.push({ id: `view:${view.label}`, group: 'Views', label: view.label, keywords: view.keywords, run: () => void navigate({ to: '/inbox', search: view.search }) });
    }
    for (const item of NAV_ITEMS) {
      if (item.to === '/inbox') continue;
      list.push({ id: `page:${item.to}`, group: 'Settings', label: item.label, keywords: ['settings'], run: () => void navigate({ to: item.to }) });
    }
    return list;

    /** Saves a change of the open conversation and says so. */
    function change(patch: Parameters<typeof update.mutate>[0]['patch'], done: string) {
      if (!current) return;
      update.mutate(
        { id: current.id, patch },
        {
          onSuccess: () => notifications.show({ color: 'teal', message: done, autoClose: 2500 }),
          onError: (error) => notifications.show({ color: 'red', title: 'Could not change the conversation', message: messageOf(error) }),
        },
      );
    }
    /** Opens a second step in place of the command list. */
    function enter(next: PaletteStep) {
      setQuery('');
      setStep(next);
      // Tags made elsewhere (another tab, a colleague) since the list was read are offered too.
      if (next === 'tag') void refetchTags();
    }

    function conversationActions(c: Conversation): PaletteCommand[] {
      const actions: PaletteCommand[] = [];
      const who = customerName(c);
      if (c.assignedToId !== viewer.userId) {
        actions.push({ id: 'action:assign-me', group: 'Actions', label: 'Assign to me', keywords: ['claim', 'take'], hint: who, run: () => change({ assignedToId: viewer.userId }, `Assigned to you: ${who}`) });
      }
      if (c.status === 'OPEN' || c.status === 'PENDING') {
        actions.push({ id: 'action:close', group: 'Actions', label: 'Close conversation', keywords: ['done', 'resolve', 'archive'], hint: who, run: () => change({ status: 'CLOSED' }, `Closed: ${who}`) });
      } else {
        actions.push({ id: 'action:reopen', group: 'Actions', label: 'Reopen conversation', keywords: ['open'], hint: who, run: () => change({ status: 'OPEN' }, `Reopened: ${who}`) });
      }
      actions.push({ id: 'action:snooze', group: 'Actions', label: 'Snooze…', keywords: ['later', 'remind', 'pending'], hint: who, keepOpen: true, run: () => enter('snooze') });
      actions.push({ id: 'action:tag', group: 'Actions', label: 'Tag…', keywords: ['label', 'untag'], hint: who, keepOpen: true, run: () => enter('tag') });
      for (const priority of PRIORITIES as readonly Priority[]) {
        if (priority === c.priority) continue;
        actions.push({
          id: `action:priority-${priority}`,
          group: 'Actions',
          label: `Set priority: ${PRIORITY_LABELS[priority]}`,
          keywords: ['priority', PRIORITY_LABELS[priority]],
          hint: who,
          run: () => change({ priority }, `Priority ${PRIORITY_LABELS[priority]}: ${who}`),
        });
      }
      return actions;
    }
  }, [step, conversationId, open.data, viewer, searching, conversations.data, customers.data, navigate, update, tags.data, refetchTags]);

  function openConversation(c: Pick<Conversation, 'id' | 'status'>) {
    // In the tab of its status, so the list beside it contains it.
    void navigate({ to: '/inbox/$conversationId', params: { conversationId: c.id }, search: c.status === 'OPEN' ? {} : { status: c.status } });
  }

  /** There is no customer page: a customer opens their latest conversation (its side panel shows them). */
  async function openCustomer(id: string, name: string) {
    try {
      const latest = (await getCustomerConversations(id)).items[0];
      if (latest) openConversation(latest);
      else notifications.show({ color: 'gray', message: `No conversations with ${name} yet` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not open the customer', message: messageOf(error) });
    }
  }

  // A step lists all of its choices (an organization may have many tags).
  const sections = useMemo(() => rankCommands(commands, query, step ? 50 : undefined), [commands, query, step]);
  return (
    <CommandPalette
      opened={opened}
      onClose={() => {
        setOpened(false);
        setStep(null);
      }}
      query={query}
      onQueryChange={setQuery}
      sections={sections}
      searching={searching && (conversations.isFetching || customers.isFetching)}
      placeholder={step === 'snooze' ? 'Snooze until…' : step === 'tag' ? 'Add or remove a tag…' : undefined}
    />
  );
}
