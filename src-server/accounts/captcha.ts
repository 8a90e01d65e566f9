import { randomBytes, randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import type { ConfigObject } from 'svg-captcha';
import type { Captcha } from '../../src-shared/contracts/accounts';
import { AppFailure } from '../../src-shared/contracts/errors';
import type { Database } from '../db/schema';

/**
 * Image captchas: four characters drawn by svg-captcha, good for one guess within two minutes, compared
 * without regard to case. They live in the database, so any server instance can check any captcha.
 */

export const CAPTCHA_TTL_SECONDS = 120;
const CAPTCHA_LENGTH = 4;
/** Letters and digits without the ones people confuse on a noisy image: 0 o O, 1 i l I. */
const CAPTCHA_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

type RenderCaptcha = (text: string, options?: ConfigObject) => string;

/**
 * svg-captcha is loaded from node_modules at run time rather than bundled: it reads its font from its
 * own package folder when it loads, which a bundle's __dirname would point elsewhere. Loading it (and
 * parsing that font) takes tens of milliseconds, so it waits for the first captcha instead of delaying
 * every start; resolving its path here still makes a build that lacks it fail at start rather than at
 * the first login form. Its main export renders given text (`svgCaptcha(text, options)` in its README);
 * its typings only declare `create`, which picks the text with Math.random, and captcha text should not
 * be predictable from earlier ones.
 */
const requireFromHere = createRequire(import.meta.url);
const svgCaptchaPath = requireFromHere.resolve('svg-captcha');
let renderCaptchaText: RenderCaptcha | undefined;

function renderCaptcha(text: string): string {
  renderCaptchaText ??= requireFromHere(svgCaptchaPath) as RenderCaptcha;
  return renderCaptchaText(text, {
    width: 120,
    height: 40,
    fontSize: 44,
    noise: 2,
    color: true,
    background: '#f4f6f9',
  });
}

function randomCaptchaText(): string {
  let text = '';
  for (let i = 0; i < CAPTCHA_LENGTH; i += 1)
    text += CAPTCHA_ALPHABET.charAt(randomInt(CAPTCHA_ALPHABET.length));
  return text;
}

export async function issueCaptcha(db: Kysely<Database>, now: Date): Promise<Captcha> {
  const text = randomCaptchaText();
  const captchaId = randomBytes(24).toString('base64url');
  const at = now.toISOString();
  // Expired captchas are useless; clearing them here keeps the table as small as the traffic of two minutes.
  await db.deleteFrom('captchas').where('expires_at', '<=', at).execute();
  await db
    .insertInto('captchas')
    .values({
      id: captchaId,
      answer: text,
      created_at: at,
      expires_at: new Date(now.getTime() + CAPTCHA_TTL_SECONDS * 1000).toISOString(),
      used_at: null,
    })
    .execute();
  return { captchaId, svg: renderCaptcha(text), expiresInSeconds: CAPTCHA_TTL_SECONDS };
}

/**
 * Spends the captcha and says whether the answer was right. The first attempt uses it up whatever the
 * answer, in one conditional UPDATE, so a captcha cannot be guessed at twice, not even by two requests
 * racing each other.
 */
export async function consumeCaptcha(
  db: Kysely<Database>,
  captchaId: string,
  answer: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const row = await db
    .updateTable('captchas')
    .set({ used_at: at })
    .where('id', '=', captchaId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returning('answer')
    .executeTakeFirst();
  return row !== undefined && row.answer.toLowerCase() === answer.trim().toLowerCase();
}

export const CAPTCHA_INVALID_MESSAGE = '图片验证码错误或已过期,请重新输入';

/** Spends the captcha of a form, or throws CAPTCHA_INVALID (naming the field) when it was not solved. */
export async function requireCaptcha(
  db: Kysely<Database>,
  input: { captchaId: string; captchaAnswer: string },
  now: Date,
): Promise<void> {
  if (!(await consumeCaptcha(db, input.captchaId, input.captchaAnswer, now))) {
    throw new AppFailure('CAPTCHA_INVALID', CAPTCHA_INVALID_MESSAGE, {
      captchaAnswer: CAPTCHA_INVALID_MESSAGE,
    });
  }
}
