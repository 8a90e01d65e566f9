import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppFailure } from '../../src-shared/contracts/errors';
import { maskMobile } from '../../src-shared/domain/masking';
import { beijingDateOf, msUntilBeijingMidnight } from '../../src-shared/time/beijing-time';
import type { ServerContext } from '../context';
import type { Database, SmsPurpose } from '../db/schema';
import { renderSmsText } from './sms-gateway';

/**
 * SMS verification codes: six random digits, stored only as a hash, valid for five minutes and one
 * use, dead after five wrong tries. A phone gets at most one code a minute and a bounded number a day.
 * Each rule is one conditional statement in the database, so several server instances enforce it
 * together and two racing requests cannot both slip through.
 */

export const SMS_CODE_TTL_SECONDS = 5 * 60;
export const SMS_RESEND_SECONDS = 60;
export const SMS_MAX_WRONG_TRIES = 5;

function hashCode(id: string, code: string): Buffer {
  return createHash('sha256').update(`${id}:${code}`).digest();
}

export interface SentSmsCode {
  cooldownSeconds: number;
  expiresInSeconds: number;
}

/** Sends a fresh code for (mobile, purpose) through the configured gateway, within the phone's limits. */
export async function sendSmsCode(
  ctx: Pick<ServerContext, 'db' | 'sms'>,
  mobile: string,
  purpose: SmsPurpose,
  now: Date,
): Promise<SentSmsCode> {
  const { db, sms } = ctx;
  await reservePhoneQuota(db, mobile, sms.dailyLimitPerPhone, now);

  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const id = randomUUID();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    // A new code replaces the phone's earlier ones for this purpose: only the latest message counts.
    await trx
      .updateTable('sms_codes')
      .set({ consumed_at: at })
      .where('mobile', '=', mobile)
      .where('purpose', '=', purpose)
      .where('consumed_at', 'is', null)
      .execute();
    await trx.deleteFrom('sms_codes').where('expires_at', '<=', at).execute();
    await trx
      .insertInto('sms_codes')
      .values({
        id,
        mobile,
        purpose,
        code_hash: hashCode(id, code).toString('hex'),
        created_at: at,
        expires_at: new Date(now.getTime() + SMS_CODE_TTL_SECONDS * 1000).toISOString(),
        attempts: 0,
        consumed_at: null,
      })
      .execute();
  });

  const text = renderSmsText(sms.template, code, purpose, SMS_CODE_TTL_SECONDS / 60);
  try {
    await sms.gateway.send({ mobile, purpose, code, text });
  } catch (error) {
    // The code never reached the phone, so it must not be usable. The minute's cooldown stays: it
    // also keeps a failing provider from being hammered.
    await db.deleteFrom('sms_codes').where('id', '=', id).execute();
    console.error(
      `[server] SMS to ${maskMobile(mobile)} failed:`,
      error instanceof Error ? error.message : String(error),
    );
    throw new AppFailure('SERVER_ERROR', '短信发送失败,请稍后重试');
  }
  return { cooldownSeconds: SMS_RESEND_SECONDS, expiresInSeconds: SMS_CODE_TTL_SECONDS };
}

/**
 * Takes one send from the phone's allowance: at most one per SMS_RESEND_SECONDS and `dailyLimit` per
 * day in China. The upsert only updates a row whose limits allow it, so whether a send may happen is
 * decided by the database in one statement.
 */
async function reservePhoneQuota(db: Kysely<Database>, mobile: string, dailyLimit: number, now: Date) {
  const at = now.toISOString();
  const today = beijingDateOf(now);
  const cooledDownBefore = new Date(now.getTime() - SMS_RESEND_SECONDS * 1000).toISOString();
  const reserved = await db
    .insertInto('sms_phone_quota')
    .values({ mobile, last_sent_at: at, day: today, day_count: 1 })
    .onConflict((oc) =>
      oc
        .column('mobile')
        .doUpdateSet((eb) => ({
          last_sent_at: at,
          day: today,
          day_count: eb
            .case()
            .when('sms_phone_quota.day', '=', today)
            .then(eb('sms_phone_quota.day_count', '+', 1))
            .else(1)
            .end(),
        }))
        .where('sms_phone_quota.last_sent_at', '<=', cooledDownBefore)
        .where((eb) =>
          eb.or([eb('sms_phone_quota.day', '<>', today), eb('sms_phone_quota.day_count', '<', dailyLimit)]),
        ),
    )
    .returning('day_count')
    .executeTakeFirst();
  if (reserved !== undefined) return;

  const quota = await db
    .selectFrom('sms_phone_quota')
    .selectAll()
    .where('mobile', '=', mobile)
    .executeTakeFirstOrThrow();
  const waitMs = Date.parse(quota.last_sent_at) + SMS_RESEND_SECONDS * 1000 - now.getTime();
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new AppFailure('SMS_TOO_FREQUENT', `短信验证码已发送,请${seconds}秒后再重新获取`, undefined, {
      retryAfterSeconds: seconds,
    });
  }
  throw new AppFailure(
    'SMS_TOO_FREQUENT',
    `该手机号今天已获取${dailyLimit}次短信验证码,达到每日上限,请明天再试`,
    undefined,
    { retryAfterSeconds: Math.ceil(msUntilBeijingMidnight(now) / 1000) },
  );
}

function smsCodeInvalid(message = '短信验证码错误或已过期,请重新获取'): AppFailure {
  return new AppFailure('SMS_CODE_INVALID', message, { smsCode: message });
}

/**
 * Checks the latest live code for (mobile, purpose) and returns its id. With `consume` it is used up
 * at once; without, the caller uses it up later with `consumeSmsCode` (registration first checks
 * uniqueness, so a taken account name does not cost the user their code).
 *
 * A try is counted before the comparison and given back when the code was right, so parallel guesses
 * cannot all be compared before any of them is counted.
 */
export async function verifySmsCode(
  db: Kysely<Database>,
  target: { mobile: string; purpose: SmsPurpose; code: string },
  now: Date,
  options: { consume: boolean },
): Promise<string> {
  const at = now.toISOString();
  const live = await db
    .selectFrom('sms_codes')
    .select(['id', 'code_hash'])
    .where('mobile', '=', target.mobile)
    .where('purpose', '=', target.purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', at)
    .where('attempts', '<', SMS_MAX_WRONG_TRIES)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (live === undefined) throw smsCodeInvalid();

  const counted = await db
    .updateTable('sms_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', live.id)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', at)
    .where('attempts', '<', SMS_MAX_WRONG_TRIES)
    .returning('attempts')
    .executeTakeFirst();
  if (counted === undefined) throw smsCodeInvalid();

  if (!timingSafeEqual(hashCode(live.id, target.code), Buffer.from(live.code_hash, 'hex'))) {
    const left = SMS_MAX_WRONG_TRIES - Number(counted.attempts);
    throw left > 0
      ? smsCodeInvalid(`短信验证码错误,还可再试${left}次`)
      : smsCodeInvalid('短信验证码错误次数过多,已失效,请重新获取');
  }

  const settled = await db
    .updateTable('sms_codes')
    .set((eb) => ({
      attempts: eb('attempts', '-', 1),
      ...(options.consume ? { consumed_at: at } : {}),
    }))
    .where('id', '=', live.id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  if (Number(settled.numUpdatedRows) !== 1) throw smsCodeInvalid();
  return live.id;
}

/** Uses up a code that `verifySmsCode` accepted; SMS_CODE_INVALID if it has died or been used since. */
export async function consumeSmsCode(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  const at = now.toISOString();
  const result = await db
    .updateTable('sms_codes')
    .set({ consumed_at: at })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', at)
    .where('attempts', '<', SMS_MAX_WRONG_TRIES)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw smsCodeInvalid();
}
