import type { MessagePort } from 'node:worker_threads';
import { appError, type AppEvent, type Result } from '../../src-shared/contracts';
import { AppEventHub } from '../core/app-api/app-event-hub';
import type { PortAnswer, PortCall } from '../core/core-host/port-messages';

/**
 * The web host's end of its window port to the core thread: what Electron's preload is to a window.
 * Calls go over as they come (the core's gate validates them there) and their Results come back; the
 * core's events are replayed to every page that subscribes, latest first, as the core's hub does.
 */
export interface CorePortClient {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  readonly events: AppEventHub;
  /** Answers every pending call with a failure: the core is gone and will not answer them. */
  fail(): void;
}

export function corePortClient(port: MessagePort): CorePortClient {
  const events = new AppEventHub();
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  let failed = false;

  port.on('message', (answer: PortAnswer) => {
    if (answer.type === 'result') {
      waiting.get(answer.id)?.(answer.result as Result<unknown>);
      waiting.delete(answer.id);
    } else {
      events.emit(answer.event as AppEvent);
    }
  });

  const failAll = () => {
    failed = true;
    for (const answer of waiting.values()) answer({ ok: false, error: appError('SERVER_ERROR') });
    waiting.clear();
  };
  port.on('close', failAll);

  return {
    events,
    call(method, input) {
      if (failed) return Promise.resolve({ ok: false, error: appError('SERVER_ERROR') });
      return new Promise((resolve) => {
        const call: PortCall = { id: nextId++, method, input };
        waiting.set(call.id, resolve);
        port.postMessage(call);
      });
    },
    fail: failAll,
  };
}
