import type { AppEvent, AppEventName } from '../../../src-shared/contracts';

type Listener = (event: AppEvent) => void;

/**
 * Fans the core's events out to whoever listens (the Electron window, the web host's event streams) and
 * keeps the latest event of each name, so a window that connects late starts from the current state.
 */
export class AppEventHub {
  private readonly listeners = new Set<Listener>();
  private readonly latest = new Map<AppEventName, AppEvent>();

  emit(event: AppEvent): void {
    this.latest.set(event.name, event);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken listener (a closed window) must not keep the others from hearing the event.
        console.error('[core] event listener failed', error);
      }
    }
  }

  /** Calls `listener` with the latest event of each name at once, then with every new event. */
  subscribe(listener: Listener): () => void {
    for (const event of this.latest.values()) listener(event);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
