/** Resolves after the event loop has had a turn: long work in the core yields to the windows' calls. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
