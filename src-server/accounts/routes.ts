import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { z } from '../../src-shared/contracts/zod-chinese';
import { AppFailure } from '../../src-shared/contracts/errors';
import { maskIdNumber, maskMobile, maskName } from '../../src-shared/domain/masking';
import { isUniqueViolation } from '../db/errors';
import type { Database } from '../db/schema';
import type { DeclareRoute } from '../http/route';
import { clearLoginFailures, userSubject } from '../identity/login-guard';
import { hashPassword } from '../identity/passwords';
import { revokeUserSessions } from '../identity/sessions';
import { findUserById, findUserByLoginIdentifier } from '../identity/users';
import { issueCaptcha, requireCaptcha } from './captcha';
import { maskAccount } from './masking';
import { consumeSmsCode, sendSmsCode, verifySmsCode } from './sms-codes';
import { consumeTicket, issueTicket, peekTicket, TICKET_TTL_SECONDS, ticketUserId } from './tickets';

/**
 * Image captcha, SMS codes, 用户注册 (manual 2.2) and 重置密码 (manual 2.3). Each step of a flow hands the
 * client a ticket for the next one (see tickets.ts), so a step cannot be skipped, repeated or carried
 * over to another account.
 */
export function accountRoutes(route: DeclareRoute) {
  route('getCaptcha', async (_input, { db, now }) => issueCaptcha(db, now()), { rateLimit: 'captcha' });

  // The captcha is spent here; the form that uses the code then needs only the code.
  route(
    'sendSmsCode',
    async (input, ctx) => {
      const now = ctx.now();
      await requireCaptcha(ctx.db, input, now);
      let mobile: string;
      if (input.purpose === 'register') {
        mobile = input.mobile;
      } else {
        // A reset code goes to the account's own phone, never to a number the client names. The
        // ticket stays valid: the step it opens is the one that checks the code.
        const ticket = await peekTicket(ctx.db, input.ticket, 'reset.verify', now);
        const user = await findUserById(ctx.db, ticketUserId(ticket));
        if (user === undefined) throw new AppFailure('TICKET_INVALID');
        mobile = user.mobile;
      }
      const sent = await sendSmsCode(ctx, mobile, input.purpose, now);
      return { maskedMobile: maskMobile(mobile), ...sent };
    },
    { rateLimit: 'sms' },
  );

  // --- 用户注册 -------------------------------------------------------------------------------------------

  route(
    'registerBasic',
    async (input, { db, now: clock }) => {
      const now = clock();
      // The code proves the phone. It is used up only once the rest has passed, so that a taken account
      // name can be changed and the form sent again with the same code.
      const codeId = await verifySmsCode(
        db,
        { mobile: input.mobile, purpose: 'register', code: input.smsCode },
        now,
        { consume: false },
      );
      const conflicts = await registrationConflicts(db, input);
      if (conflicts !== null) throw conflictFailure(conflicts);
      await consumeSmsCode(db, codeId, now);
      const registration: PendingRegistration = {
        account: input.account,
        name: input.name,
        idNumber: input.idNumber,
        mobile: input.mobile,
        // The password is hashed now, so the pending registration never holds it as typed.
        passwordHash: await hashPassword(input.password),
      };
      const ticket = await issueTicket(db, 'register.verify', { payload: registration }, now);
      return {
        ticket,
        name: input.name,
        maskedIdNumber: maskIdNumber(input.idNumber),
        expiresInSeconds: TICKET_TTL_SECONDS,
      };
    },
    { rateLimit: 'flows' },
  );

  route(
    'registerVerify',
    async ({ ticket }, { db, now: clock, realName }) => {
      const now = clock();
      const row = await consumeTicket(db, ticket, 'register.verify', now);
      const parsed = pendingRegistrationSchema.safeParse(JSON.parse(row.payload ?? 'null'));
      if (!parsed.success) throw new AppFailure('TICKET_INVALID');
      const registration = parsed.data;

      const verdict = await realName.verify({ name: registration.name, idNumber: registration.idNumber });
      if (!verdict.ok) throw new AppFailure('REAL_NAME_FAILED', `实名认证未通过:${verdict.reason}`);

      const at = now.toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          // Checked again: another registration may have taken the account, phone or ID number since
          // step 1. The unique indexes are the last word (caught below) when two commit at once.
          const conflicts = await registrationConflicts(trx, registration);
          if (conflicts !== null) throw conflictFailure(conflicts);
          // The ID number is bound here for good ("一经绑定将不能修改", manual 2.2): no route changes
          // users.id_number, and none may be added; a wrong binding is corrected by 职改办, not by users.
          await trx
            .insertInto('users')
            .values({
              id: randomUUID(),
              account: registration.account,
              name: registration.name,
              id_number: registration.idNumber,
              mobile: registration.mobile,
              password_hash: registration.passwordHash,
              created_at: at,
              updated_at: at,
            })
            .execute();
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw conflictFailure((await registrationConflicts(db, registration)) ?? {});
      }
      return { account: registration.account, name: registration.name };
    },
    { rateLimit: 'flows' },
  );

  // --- 重置密码 -------------------------------------------------------------------------------------------

  route(
    'resetStart',
    async ({ identifier, captchaId, captchaAnswer }, { db, now: clock }) => {
      const now = clock();
      // The captcha first: without a solved one nothing is looked up, so the answer below (which does
      // say whether the account exists, as the manual's step 2 must) costs a captcha per question.
      await requireCaptcha(db, { captchaId, captchaAnswer }, now);
      const user = await findUserByLoginIdentifier(db, identifier);
      if (user === undefined) throw new AppFailure('ACCOUNT_NOT_FOUND');
      const ticket = await issueTicket(db, 'reset.method', { userId: user.id }, now);
      return {
        ticket,
        maskedAccount: maskAccount(user.account),
        maskedMobile: maskMobile(user.mobile),
        maskedName: maskName(user.name),
        maskedIdNumber: maskIdNumber(user.id_number),
        expiresInSeconds: TICKET_TTL_SECONDS,
      };
    },
    { rateLimit: 'flows' },
  );

  route(
    'resetChooseMethod',
    async ({ ticket }, { db, now: clock }) => {
      const now = clock();
      const userId = ticketUserId(await consumeTicket(db, ticket, 'reset.method', now));
      const user = await findUserById(db, userId);
      if (user === undefined) throw new AppFailure('TICKET_INVALID');
      // 'phone' is the only method the contract accepts (face recognition lives in the mobile app).
      return {
        ticket: await issueTicket(db, 'reset.verify', { userId }, now),
        maskedMobile: maskMobile(user.mobile),
        expiresInSeconds: TICKET_TTL_SECONDS,
      };
    },
    { rateLimit: 'flows' },
  );

  route(
    'resetVerify',
    async ({ ticket, smsCode }, { db, now: clock }) => {
      const now = clock();
      // A wrong code does not cost the ticket (a typo should not send the user back to step 1); the
      // code itself dies after five wrong tries, which bounds guessing. The ticket is used up only with
      // a right code.
      const userId = ticketUserId(await peekTicket(db, ticket, 'reset.verify', now));
      const user = await findUserById(db, userId);
      if (user === undefined) throw new AppFailure('TICKET_INVALID');
      await verifySmsCode(db, { mobile: user.mobile, purpose: 'reset', code: smsCode }, now, {
        consume: true,
      });
      await consumeTicket(db, ticket, 'reset.verify', now);
      return {
        ticket: await issueTicket(db, 'reset.password', { userId }, now),
        expiresInSeconds: TICKET_TTL_SECONDS,
      };
    },
    { rateLimit: 'flows' },
  );

  route(
    'resetPassword',
    async ({ ticket, password }, { db, now: clock }) => {
      const now = clock();
      const userId = ticketUserId(await consumeTicket(db, ticket, 'reset.password', now));
      const passwordHash = await hashPassword(password);
      const at = now.toISOString();
      const account = await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('users')
          .set({ password_hash: passwordHash, updated_at: at })
          .where('id', '=', userId)
          .returning('account')
          .executeTakeFirst();
        if (updated === undefined) throw new AppFailure('TICKET_INVALID');
        // Whoever knew the old password (or held a token) is out on every device, and the lock that
        // may have sent the owner here is lifted.
        await revokeUserSessions(trx, userId, now);
        await clearLoginFailures(trx, userSubject(userId));
        return updated.account;
      });
      return { account };
    },
    { rateLimit: 'flows' },
  );
}

/** A registration between step 1 and 实名认证, carried by the ticket. */
const pendingRegistrationSchema = z.object({
  account: z.string(),
  name: z.string(),
  idNumber: z.string(),
  mobile: z.string(),
  passwordHash: z.string(),
});
type PendingRegistration = z.infer<typeof pendingRegistrationSchema>;

/**
 * Which of account (any case), mobile and ID number an existing user already has, as field messages;
 * null when none.
 */
async function registrationConflicts(
  db: Kysely<Database>,
  registration: { account: string; mobile: string; idNumber: string },
): Promise<Record<string, string> | null> {
  const taken = await db
    .selectFrom('users')
    .select(['account', 'mobile', 'id_number'])
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(account)`, '=', sql<string>`lower(${registration.account})`),
        eb('mobile', '=', registration.mobile),
        eb('id_number', '=', registration.idNumber),
      ]),
    )
    .execute();
  const fields: Record<string, string> = {};
  for (const user of taken) {
    if (user.account.toLowerCase() === registration.account.toLowerCase())
      fields.account = '该用户账号已被注册';
    if (user.mobile === registration.mobile) fields.mobile = '该手机号已被注册';
    if (user.id_number === registration.idNumber) fields.idNumber = '该身份证号码已被注册';
  }
  return Object.keys(fields).length > 0 ? fields : null;
}

function conflictFailure(fields: Record<string, string>): AppFailure {
  const messages = Object.values(fields);
  return new AppFailure(
    'CONFLICT',
    messages.length > 0 ? `${messages.join(';')},请修改后重新提交` : undefined,
    messages.length > 0 ? fields : undefined,
  );
}
