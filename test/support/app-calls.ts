import { AppFailure, type AppApiHandlers, type Result } from '../../src-shared/contracts';
import { APP_METHOD_NAMES } from '../../src-shared/contracts/app-method-names';

/**
 * Typed app methods over a Result-answering call (the web host's path to its core thread): each method
 * answers its value, or throws the AppFailure the core answered, as the core's own handlers would.
 */
export function handlersOver(
  call: (method: string, input: unknown) => Promise<Result<unknown>>,
): AppApiHandlers {
  return Object.fromEntries(
    APP_METHOD_NAMES.map((method) => [
      method,
      async (input: unknown) => {
        const result = await call(method, input);
        if (!result.ok) {
          const { code, message, fields, ...extras } = result.error;
          throw new AppFailure(code, message, fields, extras);
        }
        return result.value;
      },
    ]),
  ) as unknown as AppApiHandlers;
}
