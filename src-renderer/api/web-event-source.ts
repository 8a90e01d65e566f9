import { APP_EVENTS_PATH } from '../../src-shared/contracts/app-channels';
import type { AppEvent, AppEventSource } from '../../src-shared/contracts';

/** How long to wait before reading the stream again after it ended or failed (the web host restarted). */
export const EVENTS_RETRY_MS = 2000;

/**
 * The web host's event stream (GET ./app-api/events, text/event-stream) as an AppEventSource. One
 * connection serves every listener; it opens with the first and closes with the last, so a page that
 * shows no live data holds no connection. The host's session cookie goes with the request (same origin).
 */
export function createWebEventSource(
  fetchImpl: typeof fetch = fetch.bind(globalThis),
  options: { retryMs?: number } = {},
): AppEventSource {
  const retryMs = options.retryMs ?? EVENTS_RETRY_MS;
  const listeners = new Set<(event: AppEvent) => void>();
  let abort: AbortController | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const dispatch = (event: AppEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One failing screen must not stop the others from hearing about the sync.
        console.error('[events] listener failed', error);
      }
    }
  };

  const connect = () => {
    retryTimer = null;
    const controller = new AbortController();
    abort = controller;
    void readStream(fetchImpl, controller.signal, dispatch).finally(() => {
      if (abort !== controller) return;
      abort = null;
      // The host went away or closed the stream: try again while someone still listens.
      if (listeners.size > 0) retryTimer = setTimeout(connect, retryMs);
    });
  };

  const disconnect = () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    const controller = abort;
    abort = null;
    controller?.abort();
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!abort && !retryTimer) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) disconnect();
      };
    },
  };
}

/** Reads one connection to its end; never throws (an ended or failed stream is retried by the caller). */
async function readStream(
  fetchImpl: typeof fetch,
  signal: AbortSignal,
  dispatch: (event: AppEvent) => void,
): Promise<void> {
  try {
    const response = await fetchImpl(`./${APP_EVENTS_PATH}`, {
      method: 'GET',
      credentials: 'same-origin',
      headers: { accept: 'text/event-stream' },
      signal,
    });
    if (!response.ok || !response.body) return;
    // The events' schemas (and zod with them) load with the first stream, which only a signed-in page
    // opens, not with the login screen.
    const { createEventStreamParser } = await import('./event-stream-parser');
    const parser = createEventStreamParser(dispatch);
    // stream: true keeps a character split between two chunks for the next one.
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
  } catch {
    // Refused connection, aborted read or a broken stream: all end this connection the same way.
  }
}
