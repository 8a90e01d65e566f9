import type { AppMethodName } from '../../../src-shared/contracts';

/**
 * The last app method a window called in this process, for the context of a failure in the log: "what was
 * the user doing". Only the name: the arguments hold what the user typed (a password, a comment).
 * The reports about failures themselves are left out, or every failure would say it followed one.
 */
const NOT_TRACKED: ReadonlySet<AppMethodName> = new Set(['reportRendererError', 'exportDiagnostics']);

let last: AppMethodName | null = null;

export function noteAppCall(method: AppMethodName): void {
  if (!NOT_TRACKED.has(method)) last = method;
}

export function lastAppMethod(): AppMethodName | null {
  return last;
}
