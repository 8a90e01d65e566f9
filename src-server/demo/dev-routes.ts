import type { ServerContext } from '../context';
import type { DeclareRoute } from '../http/route';

/** How many of each the outbox shows: enough for a training session, bounded for a long-running demo. */
const OUTBOX_LIMIT = 50;

/**
 * Demo mode only: the SMS messages the outbox gateway "sent" and the answers of the captchas issued,
 * newest first, so trainers and automated tests can complete registration and password reset without
 * a phone. Outside demo mode the route is not declared at all, so it answers like any unknown path.
 */
export function devRoutes(route: DeclareRoute, { config }: ServerContext) {
  if (!config.demo) return;
  route('devOutbox', async (_input, { db }) => {
    const sms = await db
      .selectFrom('sms_outbox')
      .select(['mobile', 'purpose', 'text', 'code', 'sent_at'])
      .orderBy('sent_at', 'desc')
      .orderBy('id')
      .limit(OUTBOX_LIMIT)
      .execute();
    const captchas = await db
      .selectFrom('captchas')
      .select(['id', 'answer', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(OUTBOX_LIMIT)
      .execute();
    return {
      sms: sms.map((message) => ({
        mobile: message.mobile,
        purpose: message.purpose,
        text: message.text,
        code: message.code,
        sentAt: message.sent_at,
      })),
      captchas: captchas.map((captcha) => ({
        captchaId: captcha.id,
        answer: captcha.answer,
        issuedAt: captcha.created_at,
      })),
    };
  });
}
