import { useState } from 'react';
import { focusIsLost } from './focus-lost';

/**
 * A modal opened with `value` (closed when null) that stays rendered until it has closed, with the last
 * value: antd gives the focus back to the element the modal was opened from when its closing is over
 * (focusTriggerAfterClose), which a modal removed at once never reaches, leaving the focus on the page.
 * When that element is gone by then (a confirmation's 确定, a toolbar a change took away) or can no
 * longer take the focus (disabled), `fallback` names where it goes instead.
 */
export function useLingeringModal<T>(
  value: T | null,
  fallback: () => HTMLElement | null | undefined,
): { shown: T | null; open: boolean; afterClose(): void } {
  const [shown, setShown] = useState<T | null>(value);
  // Taken from the props while rendering (not in an effect): the modal opens in the same render.
  if (value !== null && value !== shown) setShown(value);
  return {
    shown: value ?? shown,
    open: value !== null,
    afterClose: () => {
      setShown(null);
      if (focusIsLost()) fallback()?.focus();
    },
  };
}
