import { z } from '../../../src-shared/contracts/zod-chinese';

/**
 * What a host and the core it runs off its own event loop (serve-core.ts: Electron's utilityProcess,
 * the web host's worker thread) say to each other over the core's parent port, and what a window says
 * to the core over its MessagePort. Every message is checked on arrival: a window's port carries
 * whatever a compromised page sends.
 */

/**
 * The services only the host can provide: where the session token is kept (safeStorage in Electron),
 * the window's printers and the print dialog (Electron only: see `nativePrinting`).
 */
export const HOST_OPS = ['vault.load', 'vault.save', 'vault.clear', 'printers.list', 'print.pdf'] as const;
export type HostOp = (typeof HOST_OPS)[number];

export const mainToCoreSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    dataDir: z.string().min(1),
    /** The 公示表's fonts beside the installation; null: the core's default (a checkout's). */
    fontsDir: z.string().min(1).nullable(),
    configFile: z.string().min(1).nullable(),
    /** Whether the host answers 'printers.list' and 'print.pdf' (a browser prints the PDF itself). */
    nativePrinting: z.boolean(),
    /** See ClientSettings.holdServerForFirstScreenMs; null: the server starts at once. */
    holdServerForFirstScreenMs: z.number().int().positive().nullable(),
  }),
  /** A window's end of a new channel travels with this message (the transfer list). */
  z.object({ type: z.literal('connect-window'), windowId: z.number().int() }),
  z.object({ type: z.literal('server-url'), url: z.string().url() }),
  z.object({ type: z.literal('server-failed'), reason: z.string() }),
  z.object({
    type: z.literal('host-reply'),
    id: z.number().int(),
    ok: z.boolean(),
    value: z.unknown().optional(),
    error: z.string().optional(),
  }),
  z.object({ type: z.literal('shutdown') }),
]);
export type MainToCore = z.infer<typeof mainToCoreSchema>;

export const coreToMainSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), mode: z.enum(['embedded', 'remote']), serverUrl: z.string() }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('start-server') }),
  z.object({
    type: z.literal('host-request'),
    id: z.number().int(),
    op: z.enum(HOST_OPS),
    args: z.array(z.unknown()),
  }),
]);
export type CoreToMain = z.infer<typeof coreToMainSchema>;

/** A window's call on its port; the method and input are checked again by the dispatch gate. */
export const portCallSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  // Absent for methods without input (a JSON hop drops an undefined field).
  input: z.unknown().optional(),
});

/**
 * A message as it arrives, checked against its schema: a malformed one is reported with `refusal` and
 * dropped (null), never acted on.
 */
export function checkedMessage<T>(schema: z.ZodType<T>, raw: unknown, refusal: string): T | null {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  console.warn(refusal);
  return null;
}
