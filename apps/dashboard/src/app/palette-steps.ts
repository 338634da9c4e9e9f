import type { Conversation, Tag, UpdateConversationBody } from '@helpstack/contracts';
import { snoozePresets } from '../features/conversations/utils/snooze-presets.ts';
import type { PaletteCommand } from '../lib/command-palette.ts';

/**
 * The second steps of the palette's "Snooze…" and "Tag…" actions on the open conversation: each command
 * is a change (a PATCH body) and the notice shown once it is saved. Free of React so it can be tested.
 */
export type PaletteStep = 'snooze' | 'tag';
export type Change = (patch: UpdateConversationBody, done: string) => void;

const when = (d: Date) => d.toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** The snooze menu's presets (the conversation header's), and Unsnooze while snoozed. */
export function snoozeCommands(c: Pick<Conversation, 'snoozedUntil'>, who: string, change: Change, now: Date = new Date()): PaletteCommand[] {
  const commands: PaletteCommand[] = snoozePresets(now).map((p) => ({
    id: `snooze:${p.key}`,
    group: 'Actions',
    label: p.label,
    hint: when(p.until),
    run: () => change({ snoozedUntil: p.until.toISOString() }, `Snoozed until ${when(p.until)}: ${who}`),
  }));
  if (c.snoozedUntil) {
    commands.push({ id: 'snooze:off', group: 'Actions', label: 'Unsnooze (reopen now)', keywords: ['wake'], run: () => change({ snoozedUntil: null }, `Unsnoozed: ${who}`) });
  }
  return commands;
}

/** One command per tag of the organization: it adds the tag, or removes it when the conversation has it. */
export function tagCommands(c: Pick<Conversation, 'tags'>, tags: readonly Pick<Tag, 'id' | 'name'>[], who: string, change: Change): PaletteCommand[] {
  const on = new Set(c.tags.map((t) => t.id));
  return tags.map((tag) => {
    const has = on.has(tag.id);
    const tagIds = has ? [...on].filter((id) => id !== tag.id) : [...on, tag.id];
    return {
      id: `tag:${tag.id}`,
      group: 'Actions',
      label: tag.name,
      hint: has ? 'Tagged — removes it' : 'Adds the tag',
      run: () => change({ tagIds }, `${has ? 'Untagged' : 'Tagged'} ${tag.name}: ${who}`),
    };
  });
}
