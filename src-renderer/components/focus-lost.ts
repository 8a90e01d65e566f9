/**
 * Nothing the reader can see has the focus: it rests on the page, or on an element taken away (Chromium
 * does not move the focus anywhere when the focused element is removed or disabled).
 */
export function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected;
}
