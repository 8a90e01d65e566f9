import { rendererErrorReport, type AppApi, type RendererErrorKind } from '../../../src-shared/contracts';

/**
 * A window's failures go to the core, which writes them to the log scrubbed (the renderer has no file).
 * Where the window was is its path and hash, never its query; a report that cannot be sent is dropped,
 * since the only other place to say so would be a console nobody reads.
 */
export function reportRendererError(
  api: AppApi,
  kind: RendererErrorKind,
  error: unknown,
  componentStack: string | null = null,
): void {
  try {
    const screen = `${window.location.pathname}${window.location.hash}`;
    void api
      .reportRendererError(rendererErrorReport(kind, error, { componentStack, screen }))
      .catch(() => {});
  } catch {
    // Reporting never fails the window.
  }
}

/** The window's uncaught errors and unhandled rejections, reported; answers the function that stops it. */
export function installWindowErrorReporting(api: AppApi, target: Window = window): () => void {
  const onError = (event: ErrorEvent) => reportRendererError(api, 'error', event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) =>
    reportRendererError(api, 'unhandledrejection', event.reason);
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
