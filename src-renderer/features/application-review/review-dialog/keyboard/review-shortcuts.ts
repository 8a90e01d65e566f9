/**
 * The review dialog's keyboard shortcuts: one table that the key handler, the hints on the buttons and the
 * 键盘快捷键 overlay all read, so what is shown is always what works.
 */

export type ReviewAction =
  | 'nextField'
  | 'previousField'
  | 'nextSection'
  | 'previousSection'
  | 'openComment'
  | 'leaveComment'
  | 'nextApplication'
  | 'previousApplication'
  | 'approve'
  | 'return'
  | 'showShortcuts'
  | 'insertPhrase';

/**
 * Where a shortcut works: on the application (focus not in a box), inside a comment box, or in a box by a
 * part of the dialog other than the key handler (listed so the overlay is complete).
 */
export type ShortcutScope = 'dialog' | 'commentBox' | 'listedOnly';

export interface Shortcut {
  action: ReviewAction;
  /** The key as KeyboardEvent.key names it (letters in lower case). */
  key: string;
  alt?: boolean;
  /** Keys as shown to the reviewer, one <kbd> each. */
  display: readonly string[];
  label: string;
  group: '浏览' | '修改意见' | '申请书' | '审核' | '帮助';
  scope: ShortcutScope;
}

export const REVIEW_SHORTCUTS: readonly Shortcut[] = [
  { action: 'nextField', key: 'j', display: ['J'], label: '下一个字段', group: '浏览', scope: 'dialog' },
  { action: 'previousField', key: 'k', display: ['K'], label: '上一个字段', group: '浏览', scope: 'dialog' },
  { action: 'nextSection', key: 'n', display: ['N'], label: '下一部分', group: '浏览', scope: 'dialog' },
  { action: 'previousSection', key: 'p', display: ['P'], label: '上一部分', group: '浏览', scope: 'dialog' },
  {
    action: 'openComment',
    key: 'Enter',
    display: ['Enter'],
    label: '打开当前字段(或部分)的意见框',
    group: '修改意见',
    scope: 'dialog',
  },
  {
    action: 'leaveComment',
    key: 'Escape',
    display: ['Esc'],
    label: '离开意见框,回到字段(再按一次关闭对话框)',
    group: '修改意见',
    scope: 'commentBox',
  },
  {
    action: 'insertPhrase',
    key: '/',
    display: ['/'],
    label: '在意见框中插入常用意见',
    group: '修改意见',
    scope: 'listedOnly',
  },
  {
    action: 'nextApplication',
    key: 'ArrowDown',
    alt: true,
    display: ['Alt', '↓'],
    label: '下一份申请书(按列表顺序)',
    group: '申请书',
    scope: 'dialog',
  },
  {
    action: 'previousApplication',
    key: 'ArrowUp',
    alt: true,
    display: ['Alt', '↑'],
    label: '上一份申请书(按列表顺序)',
    group: '申请书',
    scope: 'dialog',
  },
  {
    action: 'approve',
    key: 't',
    display: ['T'],
    label: '审核通过(先打开确认框)',
    group: '审核',
    scope: 'dialog',
  },
  {
    action: 'return',
    key: 'h',
    display: ['H'],
    label: '审核不通过,回退(先打开确认框)',
    group: '审核',
    scope: 'dialog',
  },
  {
    action: 'showShortcuts',
    key: '?',
    display: ['?'],
    label: '显示键盘快捷键',
    group: '帮助',
    scope: 'dialog',
  },
];

export const SHORTCUT_GROUPS = ['浏览', '修改意见', '申请书', '审核', '帮助'] as const;

/** What a shortcut lookup needs of a key event (a DOM or React KeyboardEvent, or a plain object in tests). */
export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** A Chinese input method's full-width question mark is the same key. */
function normalizedKey(key: string): string {
  if (key === '？') return '?';
  return key.length === 1 ? key.toLowerCase() : key;
}

/**
 * The shortcut this key press is, in the given scope, or null. Ctrl and Meta combinations are left to the
 * system and the browser (copy, paste, ...). Shift is ignored for letters and `?` (which needs it on most
 * layouts) but not for Enter and the arrows.
 */
export function shortcutFor(press: KeyPress, scope: Exclude<ShortcutScope, 'listedOnly'>): Shortcut | null {
  if (press.ctrlKey || press.metaKey) return null;
  const key = normalizedKey(press.key);
  const printable = key.length === 1;
  for (const shortcut of REVIEW_SHORTCUTS) {
    if (shortcut.scope !== scope || shortcut.key !== key) continue;
    if (Boolean(shortcut.alt) !== press.altKey) continue;
    if (!printable && press.shiftKey) continue;
    return shortcut;
  }
  return null;
}

export function shortcutOf(action: ReviewAction): Shortcut {
  const found = REVIEW_SHORTCUTS.find((shortcut) => shortcut.action === action);
  if (!found) throw new Error(`no shortcut for ${action}`);
  return found;
}

/** The aria-keyshortcuts value of a button that an action's key also presses ("T", "Alt+ArrowDown"). */
export function ariaKeyShortcuts(action: ReviewAction): string {
  const shortcut = shortcutOf(action);
  const key = shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key;
  return shortcut.alt ? `Alt+${key}` : key;
}
