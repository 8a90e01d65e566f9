import { APP_METHODS, AppFailure, appError, isAppMethodName } from '../../../src-shared/contracts';
import type { AppApiHandlers, AppError, Result } from '../../../src-shared/contracts';
import { noteAppCall } from './last-call';

/**
 * The one gate every renderer call passes, whichever host carries it (Electron IPC or the web host):
 * the method must be a declared one, the input must match its schema, and whatever happens the
 * caller gets a Result, never a thrown error with internals in it.
 */
export async function dispatchAppCall(
  handlers: AppApiHandlers,
  method: unknown,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isAppMethodName(method)) {
    return { ok: false, error: appError('INVALID_CALL', '未知的调用') };
  }
  noteAppCall(method);
  const parsed = APP_METHODS[method].input.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: invalidInput(parsed.error.issues) };
  }
  try {
    // The handler table is indexed by a union; each handler accepts exactly its parsed input.
    const handler = handlers[method] as (value: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toAppError(error) };
  }
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.error;
  // Unknown failures are bugs: keep their details out of the UI, which shows a generic message.
  console.error('[core] unexpected failure', error);
  return appError('SERVER_ERROR', '程序内部错误,请稍后重试');
}

function invalidInput(issues: readonly { path: readonly PropertyKey[]; message: string }[]): AppError {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = Object.values(fields)[0];
  return appError('INVALID_CALL', first ?? undefined, fields);
}
