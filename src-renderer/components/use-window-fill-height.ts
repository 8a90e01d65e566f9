import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The height left for a list's scrolling body between where the list starts and the window's bottom,
 * less `reserve` (the list's own header and pagination, and the padding below it), so the whole list
 * fits the window and only its rows scroll: at 1366×768 the header and pagination stay on screen.
 * Never less than `min`: in a very low window the page scrolls instead of a list of two rows.
 *
 * Measured again when the window is resized and when what is above the list grows or shrinks (an
 * offline banner, the batch-print bar), which moves where the list starts.
 */
export function useWindowFillHeight(reserve: number, min = 240) {
  const [height, setHeight] = useState(min);
  const observer = useRef<ResizeObserver | null>(null);
  const element = useRef<HTMLElement | null>(null);

  const measure = useCallback(() => {
    const node = element.current;
    if (node === null) return;
    const top = node.getBoundingClientRect().top + window.scrollY;
    setHeight(Math.max(min, Math.floor(window.innerHeight - top - reserve)));
  }, [min, reserve]);

  const ref = useCallback(
    (node: HTMLElement | null) => {
      observer.current?.disconnect();
      element.current = node;
      if (node === null) return;
      measure();
      // The parent grows when something is added above the list; jsdom has no ResizeObserver.
      if (typeof ResizeObserver !== 'undefined' && node.parentElement !== null) {
        observer.current = new ResizeObserver(measure);
        observer.current.observe(node.parentElement);
      }
    },
    [measure],
  );

  useEffect(() => {
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('resize', measure);
      observer.current?.disconnect();
    };
  }, [measure]);

  return { ref, height };
}
