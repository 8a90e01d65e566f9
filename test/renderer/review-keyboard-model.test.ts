// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import {
  applicationNeighbours,
  endOfListMessage,
  stopAfter,
  type FocusStop,
} from '../../src-renderer/features/application-review/review-dialog/keyboard/neighbours';
import {
  ariaKeyShortcuts,
  REVIEW_SHORTCUTS,
  shortcutFor,
  type KeyPress,
} from '../../src-renderer/features/application-review/review-dialog/keyboard/review-shortcuts';
import { keyPlace } from '../../src-renderer/features/application-review/review-dialog/keyboard/typing-guard';

/** The review dialog's keyboard, its pure parts: the key table, the typing guard and the order of moves. */

const press = (key: string, modifiers: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('the key table', () => {
  it('maps the review keys to their actions, whatever the case of the letter', () => {
    const action = (p: KeyPress) => shortcutFor(p, 'dialog')?.action ?? null;
    expect(action(press('j'))).toBe('nextField');
    expect(action(press('K', { shiftKey: true }))).toBe('previousField');
    expect(action(press('n'))).toBe('nextSection');
    expect(action(press('p'))).toBe('previousSection');
    expect(action(press('Enter'))).toBe('openComment');
    expect(action(press('ArrowDown', { altKey: true }))).toBe('nextApplication');
    expect(action(press('ArrowUp', { altKey: true }))).toBe('previousApplication');
    expect(action(press('t'))).toBe('approve');
    expect(action(press('h'))).toBe('return');
    expect(action(press('?', { shiftKey: true }))).toBe('showShortcuts');
    // A Chinese input method's question mark.
    expect(action(press('？'))).toBe('showShortcuts');
  });

  it('leaves other combinations to the system and to the widgets', () => {
    const action = (p: KeyPress) => shortcutFor(p, 'dialog')?.action ?? null;
    expect(action(press('t', { ctrlKey: true }))).toBeNull();
    expect(action(press('j', { metaKey: true }))).toBeNull();
    expect(action(press('j', { altKey: true }))).toBeNull();
    // Plain arrows scroll and move in lists; only Alt+arrows change the application.
    expect(action(press('ArrowDown'))).toBeNull();
    expect(action(press('Enter', { shiftKey: true }))).toBeNull();
    expect(action(press('x'))).toBeNull();
    // Esc closes the dialog as it always did; only in a box it means "back to the field".
    expect(action(press('Escape'))).toBeNull();
    expect(shortcutFor(press('Escape'), 'commentBox')?.action).toBe('leaveComment');
    expect(shortcutFor(press('j'), 'commentBox')).toBeNull();
  });

  it('lists every action once, with a Chinese label, and the picker of 常用意见 as listed only', () => {
    const actions = REVIEW_SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
    for (const shortcut of REVIEW_SHORTCUTS) expect(shortcut.label).toMatch(/[\u4e00-\u9fa5]/);
    const phrase = REVIEW_SHORTCUTS.find((s) => s.action === 'insertPhrase');
    expect(phrase).toMatchObject({ display: ['/'], label: '在意见框中插入常用意见', scope: 'listedOnly' });
    expect(shortcutFor(press('/'), 'dialog')).toBeNull();
    expect(shortcutFor(press('/'), 'commentBox')).toBeNull();
  });

  it('names the keys for aria-keyshortcuts', () => {
    expect(ariaKeyShortcuts('approve')).toBe('T');
    expect(ariaKeyShortcuts('nextApplication')).toBe('Alt+ArrowDown');
    expect(ariaKeyShortcuts('showShortcuts')).toBe('?');
  });
});

describe('the typing guard', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  function element(html: string, selector: string): Element {
    document.body.innerHTML = html;
    const found = document.querySelector(selector);
    if (!found) throw new Error(`no ${selector}`);
    return found;
  }

  it('treats text boxes, selects and editable text as typing', () => {
    for (const [html, selector] of [
      ['<textarea></textarea>', 'textarea'],
      ['<input type="text" />', 'input'],
      ['<input />', 'input'],
      ['<input type="search" />', 'input'],
      ['<select><option>a</option></select>', 'select'],
      ['<div contenteditable="true"><span id="in">x</span></div>', '#in'],
    ] as const) {
      expect(keyPlace({ key: 'j', target: element(html, selector) }), html).toBe('typing');
    }
  });

  it('lets shortcuts through on buttons, radios and the dialog itself', () => {
    for (const [html, selector] of [
      ['<button>意见</button>', 'button'],
      ['<input type="radio" />', 'input'],
      ['<input type="checkbox" />', 'input'],
      ['<section tabindex="-1">基本信息</section>', 'section'],
      ['<div contenteditable="false"><span id="in">x</span></div>', '#in'],
    ] as const) {
      expect(keyPlace({ key: 'j', target: element(html, selector) }), html).toBe('free');
    }
    expect(keyPlace({ key: 'j', target: null })).toBe('free');
  });

  it('blocks every key while an input method composes, and inside open popups and pickers', () => {
    const box = element('<textarea></textarea>', 'textarea');
    expect(keyPlace({ key: 'j', target: box, isComposing: true })).toBe('blocked');
    expect(keyPlace({ key: 'Escape', target: box, keyCode: 229 })).toBe('blocked');
    expect(keyPlace({ key: 'Process', target: box })).toBe('blocked');
    const button = element('<button>x</button>', 'button');
    expect(keyPlace({ key: 't', target: button, isComposing: true })).toBe('blocked');

    for (const [html, selector] of [
      ['<div class="ant-picker-dropdown"><button id="d">3</button></div>', '#d'],
      ['<div class="ant-select-dropdown"><div id="o" tabindex="0">a</div></div>', '#o'],
      ['<div class="ant-popover"><button id="ok">确定</button></div>', '#ok'],
      ['<ul role="listbox"><li id="l" tabindex="0">a</li></ul>', '#l'],
      ['<textarea role="combobox" aria-expanded="true"></textarea>', 'textarea'],
    ] as const) {
      expect(keyPlace({ key: 'Escape', target: element(html, selector) }), html).toBe('blocked');
    }
    // A combobox whose list is closed is a text box again.
    expect(
      keyPlace({
        key: 'Escape',
        target: element('<textarea role="combobox" aria-expanded="false"></textarea>', 'textarea'),
      }),
    ).toBe('typing');
  });
});

describe('the order of moves', () => {
  const stops: FocusStop[] = [
    { key: 'a||', sectionKey: 'a', kind: 'section' },
    { key: 'a||x', sectionKey: 'a', kind: 'field' },
    { key: 'a||y', sectionKey: 'a', kind: 'field' },
    { key: 'b||', sectionKey: 'b', kind: 'section' },
    { key: 'c||', sectionKey: 'c', kind: 'section' },
    { key: 'c|0|', sectionKey: 'c', kind: 'field' },
    { key: 'c|1|', sectionKey: 'c', kind: 'field' },
  ];
  const to = (current: string | null, move: Parameters<typeof stopAfter>[2]) =>
    stopAfter(stops, current, move)?.key ?? null;

  it('moves J/K over fields and rows across sections, skipping sections without any', () => {
    expect(to(null, 'nextField')).toBe('a||x');
    expect(to(null, 'previousField')).toBe('c|1|');
    expect(to('a||x', 'nextField')).toBe('a||y');
    expect(to('a||y', 'nextField')).toBe('c|0|');
    expect(to('c|0|', 'previousField')).toBe('a||y');
    expect(to('b||', 'nextField')).toBe('c|0|');
    expect(to('c|1|', 'nextField')).toBeNull();
    expect(to('a||x', 'previousField')).toBeNull();
  });

  it('moves N/P between sections; P from a field goes to the start of its own section first', () => {
    expect(to(null, 'nextSection')).toBe('a||');
    expect(to('a||x', 'nextSection')).toBe('b||');
    expect(to('b||', 'nextSection')).toBe('c||');
    expect(to('c|1|', 'previousSection')).toBe('c||');
    expect(to('c||', 'previousSection')).toBe('b||');
    expect(to('c|0|', 'nextSection')).toBeNull();
    expect(to('a||', 'previousSection')).toBeNull();
    // A stop that is gone (a row removed by a sync) starts over.
    expect(to('z||', 'nextSection')).toBe('a||');
  });

  it('finds the applications before and after one in the order of the list', () => {
    const order = ['app-1', 'app-2', 'app-3'];
    expect(applicationNeighbours(order, 'app-2')).toEqual({ previous: 'app-1', next: 'app-3' });
    expect(applicationNeighbours(order, 'app-1')).toEqual({ previous: null, next: 'app-2' });
    expect(applicationNeighbours(order, 'app-3')).toEqual({ previous: 'app-2', next: null });
    expect(applicationNeighbours(order, 'app-9')).toEqual({ previous: null, next: null });
    expect(endOfListMessage('next', false)).toBe('已是列表中最后一份');
    expect(endOfListMessage('previous', false)).toBe('已是列表中第一份');
    expect(endOfListMessage('next', true)).toBe('已是本页最后一份,请在列表中翻到下一页');
  });
});
