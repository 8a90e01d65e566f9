import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

function prefersReducedMotion(): boolean {
  return window.matchMedia(QUERY).matches;
}

/**
 * Whether the system asks for less motion (Windows: 设置 → 辅助功能 → 动画效果 off), followed live.
 * The end-to-end journeys ask for it too: a dialog's button that is still zooming in can move between
 * the moment a click is aimed and the moment it lands, on a busy machine.
 */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, prefersReducedMotion);
}
