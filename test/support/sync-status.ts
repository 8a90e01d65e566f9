import type { AppCore } from '../../src-main/core/app-core';
import type { SyncStatus } from '../../src-shared/contracts';

/**
 * The first sync status the core reports that `accept` takes. Subscribed from the moment of the call,
 * so call it before the step that causes the status.
 */
export function waitForStatus(core: AppCore, accept: (status: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const unsubscribe = core.events.subscribe((event) => {
      if (event.name === 'syncStatus' && accept(event.payload)) {
        queueMicrotask(() => unsubscribe());
        resolve(event.payload);
      }
    });
  });
}
