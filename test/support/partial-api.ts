import { APP_METHOD_NAMES, appError } from '../../src-shared/contracts';
import type { AppApi, AppApiHandlers } from '../../src-shared/contracts';

/**
 * Test doubles at the app API boundary (the renderer's or the IPC adapter's view of the core), with
 * only the methods a test cares about; any other call fails loudly instead of passing silently.
 */
export function handlersWith<T extends Partial<AppApiHandlers>>(given: T): AppApiHandlers & T {
  const rest = Object.fromEntries(
    APP_METHOD_NAMES.map((name) => [
      name,
      async () => {
        throw new Error(`unexpected core call: ${name}`);
      },
    ]),
  );
  return { ...rest, ...given } as AppApiHandlers & T;
}

export function apiWith<T extends Partial<AppApi>>(given: T): AppApi & T {
  const rest = Object.fromEntries(
    APP_METHOD_NAMES.map((name) => [
      name,
      async () => ({ ok: false, error: appError('INVALID_CALL', `unexpected app API call: ${name}`) }),
    ]),
  );
  return { ...rest, ...given } as AppApi & T;
}
