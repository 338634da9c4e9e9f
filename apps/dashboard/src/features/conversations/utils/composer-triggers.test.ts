import { describe, expect, it } from 'vitest';
import { insertMention, mentionedIds, triggerAt } from './composer-triggers.ts';

describe('triggerAt', () => {
  it('opens saved replies on a leading slash, in both modes, until a space', () => {
    expect(triggerAt('/', 1, 'reply')).toEqual({ kind: 'saved-reply', query: '' });
    expect(triggerAt('/ref', 4, 'note')).toEqual({ kind: 'saved-reply', query: 'ref' });
    expect(triggerAt('/ref and more', 13, 'reply')).toBeNull();
    expect(triggerAt('a/b', 3, 'reply')).toBeNull();
  });

  it('opens members on @ in a note only, up to the caret', () => {
    expect(triggerAt('ask @gra', 8, 'note')).toEqual({ kind: 'mention', query: 'gra', start: 4 });
    expect(triggerAt('@', 1, 'note')).toEqual({ kind: 'mention', query: '', start: 0 });
    expect(triggerAt('ask @gra', 8, 'reply')).toBeNull();
    expect(triggerAt('mail me@x', 9, 'note')).toBeNull();
    expect(triggerAt('ask @grace later', 16, 'note')).toBeNull();
  });
});

describe('insertMention / mentionedIds', () => {
  it('replaces the typed query by the full name and keeps what follows', () => {
    expect(insertMention('ask @gra please', { start: 4 }, 8, 'Grace Hopper')).toEqual({ text: 'ask @Grace Hopper  please', caret: 18 });
  });

  it('forgets a picked member whose mention was edited away', () => {
    const picked = new Map([['u1', 'Grace Hopper'], ['u2', 'Ada']]);
    expect(mentionedIds('thanks @Grace Hopper', picked)).toEqual(['u1']);
  });
});
