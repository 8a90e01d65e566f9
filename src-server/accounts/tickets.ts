import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppFailure } from '../../src-shared/contracts/errors';
import type { Database, TicketRow, TicketStep } from '../db/schema';

/**
 * Step tickets of the registration and reset flows. A ticket is 32 random bytes (base64url) handed to
 * the client; the table keeps its SHA-256, the step it opens and what it is bound to (an account, or a
 * pending registration), so a ticket cannot be reused, replayed at another step or turned against
 * another account.
 */

export const TICKET_TTL_SECONDS = 10 * 60;
const TICKET_BYTES = 32;
/** base64url of 32 bytes; anything else cannot be ours and skips the database. */
const TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const ticketInvalid = () => new AppFailure('TICKET_INVALID');

function hashTicket(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex');
}

export async function issueTicket(
  db: Kysely<Database>,
  step: TicketStep,
  binding: { userId: string } | { payload: unknown },
  now: Date,
): Promise<string> {
  const ticket = randomBytes(TICKET_BYTES).toString('base64url');
  const at = now.toISOString();
  // Expired tickets open nothing; clearing them here bounds the table (and the registration payloads
  // it holds) to ten minutes of traffic.
  await db.deleteFrom('tickets').where('expires_at', '<=', at).execute();
  await db
    .insertInto('tickets')
    .values({
      token_hash: hashTicket(ticket),
      step,
      user_id: 'userId' in binding ? binding.userId : null,
      payload: 'payload' in binding ? JSON.stringify(binding.payload) : null,
      created_at: at,
      expires_at: new Date(now.getTime() + TICKET_TTL_SECONDS * 1000).toISOString(),
      used_at: null,
    })
    .execute();
  return ticket;
}

/** The live ticket of this step, without using it up; TICKET_INVALID when there is none. */
export async function peekTicket(
  db: Kysely<Database>,
  ticket: string,
  step: TicketStep,
  now: Date,
): Promise<TicketRow> {
  if (!TICKET_PATTERN.test(ticket)) throw ticketInvalid();
  const row = await db
    .selectFrom('tickets')
    .selectAll()
    .where('token_hash', '=', hashTicket(ticket))
    .where('step', '=', step)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (row === undefined) throw ticketInvalid();
  return row;
}

/**
 * Uses the ticket up and returns it; TICKET_INVALID when it is unknown, of another step, expired or
 * already used. One conditional UPDATE decides, so of two requests racing with one ticket only one
 * gets a row back.
 */
export async function consumeTicket(
  db: Kysely<Database>,
  ticket: string,
  step: TicketStep,
  now: Date,
): Promise<TicketRow> {
  if (!TICKET_PATTERN.test(ticket)) throw ticketInvalid();
  const at = now.toISOString();
  const row = await db
    .updateTable('tickets')
    .set({ used_at: at })
    .where('token_hash', '=', hashTicket(ticket))
    .where('step', '=', step)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) throw ticketInvalid();
  return row;
}

/** The account a reset ticket is bound to. */
export function ticketUserId(row: TicketRow): string {
  if (row.user_id === null) throw ticketInvalid();
  return row.user_id;
}
