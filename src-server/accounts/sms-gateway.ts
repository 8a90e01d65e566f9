import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SmsConfig } from '../config';
import type { Database, SmsPurpose } from '../db/schema';

/**
 * The way out to phones. The platform never talks to a carrier itself: a deployment points it at its
 * SMS provider over HTTP, and the embedded default keeps the messages in a table instead.
 */

export interface SmsMessage {
  mobile: string;
  purpose: SmsPurpose;
  /** The code on its own, for the outbox; the provider gets only the text. */
  code: string;
  text: string;
}

export interface SmsGateway {
  /** Resolves once the message is accepted for delivery; throws when it was not. */
  send(message: SmsMessage): Promise<void>;
}

/** Keeps at most this much outbox history; older messages are of no use to a trainer or a test. */
const OUTBOX_KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * The default gateway: every message goes into `sms_outbox` and nowhere else. Demo mode shows the
 * table at GET /api/dev/outbox, so registration and reset can be completed without a phone.
 */
export class OutboxSmsGateway implements SmsGateway {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  async send(message: SmsMessage): Promise<void> {
    const now = this.now();
    await this.db
      .insertInto('sms_outbox')
      .values({
        id: randomUUID(),
        mobile: message.mobile,
        purpose: message.purpose,
        text: message.text,
        code: message.code,
        sent_at: now.toISOString(),
      })
      .execute();
    await this.db
      .deleteFrom('sms_outbox')
      .where('sent_at', '<', new Date(now.getTime() - OUTBOX_KEEP_MS).toISOString())
      .execute();
  }
}

/** A provider that does not answer within this long has failed; the user may try again. */
const HTTP_TIMEOUT_MS = 10_000;

/**
 * An SMS provider behind an HTTP endpoint: POST `{ "mobile": "139…", "text": "…" }` as JSON, any 2xx
 * means accepted. Providers with another shape sit behind a small relay that speaks this one.
 */
export class HttpSmsGateway implements SmsGateway {
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number = HTTP_TIMEOUT_MS,
  ) {}

  async send(message: SmsMessage): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mobile: message.mobile, text: message.text }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    // Drain the body either way so the connection can be reused.
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`SMS provider answered HTTP ${res.status}`);
  }
}

export function smsGatewayFor(
  provider: SmsConfig['provider'],
  db: Kysely<Database>,
  now: () => Date,
): SmsGateway {
  return provider.kind === 'http' ? new HttpSmsGateway(provider.url) : new OutboxSmsGateway(db, now);
}

const PURPOSE_LABELS: Record<SmsPurpose, string> = { register: '注册账号', reset: '重置密码' };

/** The template with `{code}`, `{purpose}` and `{minutes}` filled in. */
export function renderSmsText(template: string, code: string, purpose: SmsPurpose, minutes: number): string {
  return template
    .replaceAll('{code}', code)
    .replaceAll('{purpose}', PURPOSE_LABELS[purpose])
    .replaceAll('{minutes}', String(minutes));
}
