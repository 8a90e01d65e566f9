/**
 * Whether a key press belongs to what the reviewer is typing or choosing, not to the dialog's shortcuts:
 * a reviewer who writes "jk" in a comment, or picks a date with the arrows, must never move the focus or
 * open a decision by accident.
 */

/** Input types that take text; a checkbox, radio or button does not. */
const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'radio',
  'submit',
  'reset',
  'range',
  'color',
  'file',
  'image',
]);

/** antd's popups and pickers (portaled to the body), and lists a combobox opened. */
const POPUP_SELECTOR = [
  '.ant-select-dropdown',
  '.ant-picker-dropdown',
  '.ant-dropdown',
  '.ant-popover',
  '.ant-mentions-dropdown',
  '.ant-cascader-dropdown',
  '[role="listbox"]',
  '[role="menu"]',
].join(',');

export type KeyPlace =
  /** On the application or a button: the dialog's shortcuts apply. */
  | 'free'
  /** In a text box: only Esc (leave the box) applies. */
  | 'typing'
  /** Composing with an input method, or in an open popup: nothing applies. */
  | 'blocked';

export interface GuardedKeyEvent {
  target: EventTarget | null;
  isComposing?: boolean;
  /** 229: the key went to an input method (some browsers leave isComposing false on the first key). */
  keyCode?: number;
  key: string;
}

export function isTextEntry(element: Element): boolean {
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(element.type);
  // jsdom has no isContentEditable: the attribute says the same.
  const editable = element.closest('[contenteditable]');
  return editable !== null && editable.getAttribute('contenteditable') !== 'false';
}

/** A combobox whose list is open (a phrase picker in a box, a select): its keys are the list's. */
function opensPopup(element: Element): boolean {
  return element.getAttribute('aria-expanded') === 'true' && element.getAttribute('role') === 'combobox';
}

export function keyPlace(event: GuardedKeyEvent): KeyPlace {
  if (event.isComposing === true || event.keyCode === 229 || event.key === 'Process') return 'blocked';
  const target = event.target;
  if (!(target instanceof Element)) return 'free';
  if (target.closest(POPUP_SELECTOR) !== null || opensPopup(target)) return 'blocked';
  return isTextEntry(target) ? 'typing' : 'free';
}
