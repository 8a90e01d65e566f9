import { z } from 'zod';
import { loginCredentialsSchema, sessionUserSchema } from './identity';
import type { Result } from './errors';

/**
 * The app API between the renderer and the core. The renderer sees it as `window.api` (Electron
 * preload) or the web host's client; both expose exactly these named methods, and both adapters
 * validate every call's input against these schemas before the core sees it.
 */

export const connectionSchema = z.object({
  serverUrl: z.string(),
  /** Server mode: the embedded server started with the client, or a central server's URL. */
  mode: z.enum(['embedded', 'remote']),
  demo: z.boolean(),
  reachable: z.boolean(),
});
export type ConnectionInfo = z.infer<typeof connectionSchema>;

export const sessionStateSchema = z.object({
  user: sessionUserSchema.nullable(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

const noInput = z.undefined();

export const APP_METHODS = {
  /** The current session, if the core holds a valid token. */
  getSession: { input: noInput, output: sessionStateSchema },
  login: { input: loginCredentialsSchema, output: sessionStateSchema },
  logout: { input: noInput, output: sessionStateSchema },
  getConnection: { input: noInput, output: connectionSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type AppMethodName = keyof typeof APP_METHODS;
export const APP_METHOD_NAMES = Object.keys(APP_METHODS) as AppMethodName[];

export type AppInput<M extends AppMethodName> = z.input<(typeof APP_METHODS)[M]['input']>;
export type AppOutput<M extends AppMethodName> = z.infer<(typeof APP_METHODS)[M]['output']>;

/** What the core implements: plain async methods that may throw an `AppFailure`. */
export type AppApiHandlers = {
  [M in AppMethodName]: (input: z.infer<(typeof APP_METHODS)[M]['input']>) => Promise<AppOutput<M>>;
};

/** What the renderer calls: every method answers a Result and never throws across the boundary. */
export type AppApi = {
  [M in AppMethodName]: AppInput<M> extends undefined
    ? () => Promise<Result<AppOutput<M>>>
    : (input: AppInput<M>) => Promise<Result<AppOutput<M>>>;
};

export function isAppMethodName(name: unknown): name is AppMethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(APP_METHODS, name);
}
