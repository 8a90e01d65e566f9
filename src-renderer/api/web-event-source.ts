import { APP_EVENTS, APP_EVENTS_PATH, isAppEventName } from '../../src-shared/contracts';
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

/**
 * The text/event-stream framing, fed text as it arrives (a chunk may end in the middle of a line): `data:`
 * lines are collected and a blank line dispatches them as one event. Comments (`:` keep-alives) and other
 * fields are ignored, as is an event that is not a known, well-formed AppEvent.
 */
export function createEventStreamParser(dispatch: (event: AppEvent) => void) {
  let pending = '';
  let data: string[] = [];

  const finishEvent = () => {
    if (data.length === 0) return;
    const event = parseAppEvent(data.join('\n'));
    data = [];
    if (event) dispatch(event);
  };

  const line = (text: string) => {
    if (text === '') return finishEvent();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
  };

  return {
    push(chunk: string) {
      let text = pending + chunk;
      // A chunk may end between the \r and \n of one line end; read as two line ends, the \n would be an
      // empty line and end the event early. Keep that line unread until the next chunk shows which it is.
      const heldCr = text.endsWith('\r');
      if (heldCr) text = text.slice(0, -1);
      const lines = text.split(/\r\n|\r|\n/);
      // The last piece has no line end yet (or is empty): keep it for the next chunk.
      pending = (lines.pop() ?? '') + (heldCr ? '\r' : '');
      for (const l of lines) line(l);
    },
  };
}

function parseAppEvent(json: string): AppEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { name, payload } = value as { name?: unknown; payload?: unknown };
  if (!isAppEventName(name)) return null;
  const parsed = APP_EVENTS[name].safeParse(payload);
  return parsed.success ? ({ name, payload: parsed.data } as AppEvent) : null;
}
