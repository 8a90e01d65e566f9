import { useEffect, useEffectEvent, useRef } from 'react';
import type { CommentTarget } from '../../../../../src-shared/contracts';
import { parseTargetKey, rowTarget, sectionTarget, targetKey } from '../comment-targets';
import { stopAfter, type FocusStop, type StopMove } from './neighbours';
import { shortcutFor, type ReviewAction } from './review-shortcuts';
import { keyPlace } from './typing-guard';

/** The attributes that make an element a focus stop of the dialog (see focusStopProps). */
const STOP_ATTRIBUTE = 'data-review-stop';
/** On a comment box's element: the targetKey of what it comments on. */
export const BOX_ATTRIBUTE = 'data-comment-target';

/**
 * Props for a focus stop: J/K/N/P rove over these, one tabbable at a time (the one last focused), so Tab
 * enters the application where the reviewer left it instead of stopping at every field. Until then the
 * first section's heading is the tabbable one (`tabbable`).
 */
export function focusStopProps(target: CommentTarget, kind: FocusStop['kind'], tabbable = false) {
  return {
    [STOP_ATTRIBUTE]: targetKey(target),
    'data-review-section': target.sectionKey,
    'data-review-kind': kind,
    tabIndex: tabbable ? 0 : -1,
  };
}

/** The actions the dialog answers itself; the moves between fields and boxes are this hook's. */
export type DialogAction = Extract<
  ReviewAction,
  'nextApplication' | 'previousApplication' | 'approve' | 'return' | 'showShortcuts'
>;

function stopsIn(root: HTMLElement): { stops: FocusStop[]; elements: Map<string, HTMLElement> } {
  const stops: FocusStop[] = [];
  const elements = new Map<string, HTMLElement>();
  for (const element of root.querySelectorAll<HTMLElement>(`[${STOP_ATTRIBUTE}]`)) {
    const key = element.getAttribute(STOP_ATTRIBUTE) ?? '';
    stops.push({
      key,
      sectionKey: element.dataset['reviewSection'] ?? '',
      kind: element.dataset['reviewKind'] === 'section' ? 'section' : 'field',
    });
    elements.set(key, element);
  }
  return { stops, elements };
}

function boxTextArea(root: HTMLElement, key: string): HTMLTextAreaElement | null {
  for (const box of root.querySelectorAll<HTMLElement>(`[${BOX_ATTRIBUTE}]`)) {
    if (box.getAttribute(BOX_ATTRIBUTE) === key) return box.querySelector('textarea');
  }
  return null;
}

/** Makes `element` the one tabbable stop and focuses it (which scrolls it into view). */
function focusStop(root: HTMLElement, element: HTMLElement) {
  for (const other of root.querySelectorAll<HTMLElement>(`[${STOP_ATTRIBUTE}][tabindex="0"]`)) {
    if (other !== element) other.tabIndex = -1;
  }
  element.tabIndex = 0;
  element.focus();
}

/** The stop a box belongs to: its own field's, else its row's, else its section's. */
function stopOfBox(elements: Map<string, HTMLElement>, key: string): HTMLElement | undefined {
  const target = parseTargetKey(key);
  const candidates = [key];
  if (target.rowIndex !== null) candidates.push(targetKey(rowTarget(target.sectionKey, target.rowIndex)));
  candidates.push(targetKey(sectionTarget(target.sectionKey)));
  for (const candidate of candidates) {
    const found = elements.get(candidate);
    if (found) return found;
  }
  return undefined;
}

/** The wrapper of the topmost open modal: keys on the page's body count for the dialog only if it is ours. */
function isTopModal(wrap: HTMLElement): boolean {
  const open = [...document.querySelectorAll<HTMLElement>('.ant-modal-wrap')].filter(
    (element) => element.style.display !== 'none',
  );
  return open[open.length - 1] === wrap;
}

/**
 * The review dialog's keyboard: moves between fields and sections, opens and leaves comment boxes, and
 * passes the other shortcuts to the dialog. It listens on the document (not in React's tree), so keys in
 * the dialogs opened over it (portaled elsewhere) are theirs alone, and so that Esc leaving a box is
 * stopped before the dialog's own Esc (on the window) would close it.
 */
export function useReviewKeyboard({
  anchor,
  onAction,
  openBox,
  onLeaveBox,
}: {
  /** Any element inside the review dialog; null while it is not rendered. */
  anchor: HTMLElement | null;
  onAction(action: DialogAction): void;
  /** Shows the box of a field or row (opened with 意见). */
  openBox(target: CommentTarget): void;
  /** The focus left this box with Esc. */
  onLeaveBox(target: CommentTarget): void;
}) {
  // The latest callbacks, without re-attaching the listeners on every render.
  const act = useEffectEvent(onAction);
  const open = useEffectEvent(openBox);
  const left = useEffectEvent(onLeaveBox);
  // The stop the reviewer was on, for moves made while the focus is elsewhere (a button, the dialog).
  const lastStop = useRef<string | null>(null);

  /**
   * The stop the reviewer was on (or the first): where the focus comes back to after a dialog over this one
   * closed and took the element it was opened from with it (the 公示表 preview opened from 审核通过's
   * confirmation). Focusing it makes it the tabbable one (onFocusIn).
   */
  const stopToReturnTo = (): HTMLElement | undefined => {
    if (!anchor) return undefined;
    const { stops, elements } = stopsIn(dialogRootOf(anchor));
    const key = lastStop.current ?? stops[0]?.key;
    return key === undefined ? undefined : elements.get(key);
  };

  useEffect(() => {
    if (!anchor) return;
    const root = dialogRootOf(anchor);
    let pendingFrame = 0;

    const focusBoxSoon = (key: string, attempts: number) => {
      const area = boxTextArea(root, key);
      if (area) {
        area.focus();
        return;
      }
      if (attempts > 0) pendingFrame = requestAnimationFrame(() => focusBoxSoon(key, attempts - 1));
    };

    const move = (to: StopMove) => {
      const { stops, elements } = stopsIn(root);
      const active = document.activeElement;
      const current =
        active instanceof HTMLElement && active.hasAttribute(STOP_ATTRIBUTE) && root.contains(active)
          ? active.getAttribute(STOP_ATTRIBUTE)
          : lastStop.current;
      const next = stopAfter(stops, current, to);
      const element = next && elements.get(next.key);
      if (element) focusStop(root, element);
    };

    const onFocusIn = (event: FocusEvent) => {
      const target = event.target;
      if (target instanceof HTMLElement && target.hasAttribute(STOP_ATTRIBUTE) && root.contains(target)) {
        lastStop.current = target.getAttribute(STOP_ATTRIBUTE);
        // Clicked or tabbed to: it is the one Tab comes back to.
        focusStop(root, target);
      }
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target;
      const inside = target instanceof Node && root.contains(target);
      if (!inside && !(target === document.body && isTopModal(root))) return;
      const place = keyPlace(event);
      if (place === 'blocked') return;

      if (place === 'typing') {
        if (shortcutFor(event, 'commentBox')?.action !== 'leaveComment' || !(target instanceof Element))
          return;
        const box = target.closest(`[${BOX_ATTRIBUTE}]`);
        const key = box?.getAttribute(BOX_ATTRIBUTE);
        if (!key) return;
        const stop = stopOfBox(stopsIn(root).elements, key);
        if (!stop) return;
        // Not the dialog's Esc (on the window): the first Esc only leaves the box.
        event.stopPropagation();
        event.preventDefault();
        focusStop(root, stop);
        left(parseTargetKey(key));
        return;
      }

      const shortcut = shortcutFor(event, 'dialog');
      if (!shortcut) return;
      switch (shortcut.action) {
        case 'nextField':
        case 'previousField':
        case 'nextSection':
        case 'previousSection':
          event.preventDefault();
          move(shortcut.action);
          return;
        case 'openComment': {
          // Enter keeps its meaning on buttons and links; on a stop it opens the box (not 意见's toggle).
          const key = target instanceof HTMLElement ? target.getAttribute(STOP_ATTRIBUTE) : null;
          if (key === null) return;
          event.preventDefault();
          const area = boxTextArea(root, key);
          if (area) {
            area.focus();
          } else {
            open(parseTargetKey(key));
            focusBoxSoon(key, 10);
          }
          return;
        }
        case 'nextApplication':
        case 'previousApplication':
        case 'approve':
        case 'return':
        case 'showShortcuts':
          event.preventDefault();
          act(shortcut.action);
          return;
        case 'leaveComment':
        case 'insertPhrase':
          return;
      }
    };

    document.addEventListener('keydown', onKeyDown);
    root.addEventListener('focusin', onFocusIn);
    return () => {
      cancelAnimationFrame(pendingFrame);
      document.removeEventListener('keydown', onKeyDown);
      root.removeEventListener('focusin', onFocusIn);
    };
  }, [anchor]);

  return { stopToReturnTo };
}

/** The review dialog's whole window (its wrap), where the stops and the keys live. */
function dialogRootOf(anchor: HTMLElement): HTMLElement {
  return anchor.closest<HTMLElement>('.ant-modal-wrap') ?? anchor;
}
