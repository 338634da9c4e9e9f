import { describe, expect, it } from 'vitest';
import { createOutbox } from './outbox.ts';
import { memoryStore, visitorIdFor } from './storage.ts';
import type { OutboxItem } from './types.ts';

const item = (id: string, content = `text ${id}`): OutboxItem => ({ clientMessageId: id, content, createdAt: '2026-01-01T00:00:00.000Z' });

describe('outbox', () => {
  it('keeps messages in order until removed', () => {
    const store = memoryStore();
    const box = createOutbox(store, 'ch1');
    box.add(item('a'));
    box.add(item('b'));
    box.add(item('c'));
    expect(box.list().map((i) => i.clientMessageId)).toEqual(['a', 'b', 'c']);
    expect(box.remove('b')).toBe(true);
    expect(box.remove('b')).toBe(false);
    expect(box.list().map((i) => i.clientMessageId)).toEqual(['a', 'c']);
    expect(box.has('a')).toBe(true);
    expect(box.has('b')).toBe(false);
  });

  it('survives a reload: a new outbox over the same storage sees the same items', () => {
    const store = memoryStore();
    createOutbox(store, 'ch1').add(item('a', 'hello'));
    const again = createOutbox(store, 'ch1');
    expect(again.list()).toEqual([item('a', 'hello')]);
    expect(store.getItem('helpstack:ch1:outbox')).toContain('hello');
  });

  it('is per channel', () => {
    const store = memoryStore();
    createOutbox(store, 'ch1').add(item('a'));
    expect(createOutbox(store, 'ch2').list()).toEqual([]);
  });

  it('adding the same clientMessageId twice keeps one copy', () => {
    const box = createOutbox(memoryStore(), 'ch1');
    box.add(item('a', 'one'));
    box.add(item('a', 'two'));
    expect(box.list()).toEqual([item('a', 'two')]);
  });

  it('clears its key when empty and ignores garbage in storage', () => {
    const store = memoryStore();
    const box = createOutbox(store, 'ch1');
    box.add(item('a'));
    box.remove('a');
    expect(store.getItem('helpstack:ch1:outbox')).toBeNull();
    store.setItem('helpstack:ch1:outbox', '{not json');
    expect(box.list()).toEqual([]);
    store.setItem('helpstack:ch1:outbox', JSON.stringify([{ nope: 1 }, item('x')]));
    expect(box.list().map((i) => i.clientMessageId)).toEqual(['x']);
  });

  it('sees another tab acknowledging a message (reads go to storage)', () => {
    const store = memoryStore();
    const tab1 = createOutbox(store, 'ch1');
    const tab2 = createOutbox(store, 'ch1');
    tab1.add(item('a'));
    tab2.remove('a');
    expect(tab1.has('a')).toBe(false);
  });
});

describe('visitorIdFor', () => {
  it('creates the id once and keeps it per channel', () => {
    const store = memoryStore();
    let n = 0;
    const make = () => `visitor-${String(++n).padStart(12, '0')}`;
    const first = visitorIdFor(store, 'ch1', make);
    expect(visitorIdFor(store, 'ch1', make)).toBe(first);
    expect(store.getItem('helpstack:ch1:visitor')).toBe(first);
    expect(visitorIdFor(store, 'ch2', make)).not.toBe(first);
  });

  it('replaces a stored value the server would refuse', () => {
    const store = memoryStore();
    store.setItem('helpstack:ch1:visitor', 'short');
    expect(visitorIdFor(store, 'ch1', () => '0123456789abcdef0123')).toBe('0123456789abcdef0123');
  });
});
