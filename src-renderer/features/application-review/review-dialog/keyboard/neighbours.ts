/**
 * Where J/K, N/P and Alt+↓/↑ lead: pure functions over what the dialog shows in order, so the order is
 * tested without a browser.
 */

/** A place the focus can rest on in the dialog's content: a section's heading, or a field (or row). */
export interface FocusStop {
  key: string;
  sectionKey: string;
  kind: 'section' | 'field';
}

export type StopMove = 'nextField' | 'previousField' | 'nextSection' | 'previousSection';

/**
 * The stop a move leads to from `current` (null: nothing focused yet), or null when there is none that
 * way. Fields skip the headings; from a field, P goes to its own section's heading first, as a reader
 * goes back to the start of what they are reading.
 */
export function stopAfter(
  stops: readonly FocusStop[],
  current: string | null,
  move: StopMove,
): FocusStop | null {
  const index = current === null ? -1 : stops.findIndex((stop) => stop.key === current);
  const forward = move === 'nextField' || move === 'nextSection';
  const wanted: FocusStop['kind'] = move === 'nextField' || move === 'previousField' ? 'field' : 'section';
  if (index < 0) {
    const candidates = stops.filter((stop) => stop.kind === wanted);
    return (forward ? candidates[0] : candidates[candidates.length - 1]) ?? null;
  }
  const step = forward ? 1 : -1;
  for (let i = index + step; i >= 0 && i < stops.length; i += step) {
    const stop = stops[i];
    if (stop?.kind === wanted) return stop;
  }
  return null;
}

/** The applications before and after `currentId` in the list's order on screen. */
export function applicationNeighbours(
  order: readonly string[],
  currentId: string,
): { previous: string | null; next: string | null } {
  const index = order.indexOf(currentId);
  if (index < 0) return { previous: null, next: null };
  return { previous: order[index - 1] ?? null, next: order[index + 1] ?? null };
}

/** What to say when there is no application that way. */
export function endOfListMessage(direction: 'next' | 'previous', morePages: boolean): string {
  if (direction === 'next') return morePages ? '已是本页最后一份,请在列表中翻到下一页' : '已是列表中最后一份';
  return morePages ? '已是本页第一份,请在列表中翻到上一页' : '已是列表中第一份';
}
