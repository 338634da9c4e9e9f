import { describe, expect, it } from 'vitest';
import { isEditableElement, shortcutFor } from './keyboard-shortcuts.ts';

describe('shortcutFor', () => {
  it.each([
    ['j', 'next-conversation'],
    ['k', 'previous-conversation'],
    ['r', 'focus-reply'],
    ['e', 'close-conversation'],
    ['/', 'focus-search'],
    ['?', 'show-help'],
  ] as const)('maps %s to %s outside text fields', (key, action) => {
    expect(shortcutFor({ key, inEditable: false })).toBe(action);
  });

  it('maps x to toggle-select (bulk selection) outside text fields', () => {
    expect(shortcutFor({ key: 'x', inEditable: false })).toBe('toggle-select');
    expect(shortcutFor({ key: 'x', inEditable: true })).toBeNull();
  });

  it('ignores unmapped keys and upper-case letters', () => {
    expect(shortcutFor({ key: 'q', inEditable: false })).toBeNull();
    expect(shortcutFor({ key: 'J', inEditable: false })).toBeNull();
    expect(shortcutFor({ key: 'X', inEditable: false })).toBeNull();
    expect(shortcutFor({ key: 'Escape', inEditable: false })).toBeNull();
  });

  it('never fires with a modifier (browser and OS shortcuts win)', () => {
    expect(shortcutFor({ key: 'r', ctrlKey: true, inEditable: false })).toBeNull();
    expect(shortcutFor({ key: 'k', metaKey: true, inEditable: false })).toBeNull();
    expect(shortcutFor({ key: 'e', altKey: true, inEditable: false })).toBeNull();
  });

  it('lets letters be text while typing, except Escape which leaves the field', () => {
    expect(shortcutFor({ key: 'j', inEditable: true })).toBeNull();
    expect(shortcutFor({ key: '/', inEditable: true })).toBeNull();
    expect(shortcutFor({ key: '?', inEditable: true })).toBeNull();
    expect(shortcutFor({ key: 'Escape', inEditable: true })).toBe('leave-field');
  });

  it('stays out of an IME composition', () => {
    expect(shortcutFor({ key: 'j', isComposing: true, inEditable: false })).toBeNull();
  });
});

describe('isEditableElement', () => {
  it('treats text inputs, textareas, selects and contenteditable as editable', () => {
    expect(isEditableElement({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isEditableElement({ tagName: 'input', type: 'search' })).toBe(true);
    expect(isEditableElement({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isEditableElement({ tagName: 'SELECT' })).toBe(true);
    expect(isEditableElement({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });

  it('does not treat buttons, checkboxes or plain elements as editable', () => {
    expect(isEditableElement({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isEditableElement({ tagName: 'BUTTON' })).toBe(false);
    expect(isEditableElement({ tagName: 'A' })).toBe(false);
    expect(isEditableElement(null)).toBe(false);
  });
});
