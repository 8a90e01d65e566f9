// jsdom lacks what antd measures with; these stand in for the browser, not for our code.
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/dom';
import { afterEach, beforeAll } from 'vitest';
import { preloadLazyScreens } from '../../src-renderer/app/lazy-screens';

// The system asks for less motion (as the journeys do): antd then shows and hides at once instead of
// animating, which jsdom only half does.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: query === '(prefers-reduced-motion: reduce)',
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

window.getComputedStyle = (
  (getComputedStyle) => (element: Element) =>
    getComputedStyle(element)
)(window.getComputedStyle);

// Role queries do not first ask whether each candidate and every ancestor is hidden: that asked jsdom
// for a computed style thousands of times per query in the review dialog (a third of a profiled renderer
// test), and the renderer files took 120 s instead of 167 s without it, side by side. What a test
// must not see is asserted as such (toBeVisible, not.toBeInTheDocument); a query that now also finds a
// hidden twin fails as ambiguous rather than passing.
configure({ defaultHidden: true });

class ResizeObserverStandIn {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStandIn;

// The screens the app loads on demand (src-renderer/app/lazy-screens.ts) are loaded before each file's
// tests, as in a page that has had time to preload them: tests then see each screen as soon as it is
// opened. The loading state itself is tested in test/renderer/lazy-screen.test.tsx.
beforeAll(() => preloadLazyScreens());

// Each test is a new window: a place remembered by the last one (src-renderer/components/place-storage.ts)
// would otherwise open the next one where that left off, as a reload would.
afterEach(() => window.sessionStorage.clear());
