import { APP_EVENTS, isAppEventName } from '../../src-shared/contracts';
import type { AppEvent } from '../../src-shared/contracts';

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
