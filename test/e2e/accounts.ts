import { randomInt } from 'node:crypto';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import SqliteDatabase from 'better-sqlite3';
import type { DevOutbox } from '../../src-shared/contracts';
import { idNumberCheckChar } from '../../src-shared/domain/validation';
import { expect, fileClient, fileDataDir } from './fixtures';

/**
 * What the e2e journeys of 用户注册 and 重置密码 need besides clicks: fresh people (the server's database
 * lives for the whole run), and the captcha answers and SMS codes from the demo outbox.
 */

export interface Person {
  account: string;
  password: string;
  name: string;
  idNumber: string;
  mobile: string;
}

const digits = (count: number) => Array.from({ length: count }, () => randomInt(10)).join('');
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂';
const pick = (chars: string) => chars.charAt(randomInt(chars.length));

/** A valid 身份证号 of someone born `year` (渝中区 500103, a random date and sequence). */
export function idNumberBornIn(year: number): string {
  const month = String(randomInt(1, 13)).padStart(2, '0');
  const day = String(randomInt(1, 29)).padStart(2, '0');
  const first17 = `500103${year}${month}${day}${digits(3)}`;
  return first17 + idNumberCheckChar(first17);
}

export function newPerson(): Person {
  return {
    account: `e2e_${Date.now().toString(36)}${digits(3)}`,
    password: 'Test@2026',
    name: pick(SURNAMES) + pick(GIVEN) + pick(GIVEN),
    idNumber: idNumberBornIn(randomInt(1970, 2000)),
    mobile: `19${randomInt(3, 10)}${digits(8)}`,
  };
}

export async function readOutbox(): Promise<DevOutbox> {
  const { serverUrl } = await fileClient();
  const response = await fetch(`${serverUrl}/api/dev/outbox`);
  if (!response.ok) throw new Error(`the demo outbox answered ${response.status}`);
  return (await response.json()) as DevOutbox;
}

/** The captcha image inside `scope`, once it shows a captcha other than `previousId`. */
export async function currentCaptchaId(scope: Page | Locator, previousId?: string): Promise<string> {
  const image = scope.getByRole('img', { name: '图片验证码,点击刷新' });
  let id: string | null = null;
  await expect(async () => {
    id = await image.getAttribute('data-captcha-id');
    expect(id).toBeTruthy();
    expect(id).not.toBe(previousId);
  }).toPass({ timeout: 10_000 });
  return id ?? '';
}

export async function captchaAnswer(captchaId: string): Promise<string> {
  let answer: string | undefined;
  await expect(async () => {
    answer = (await readOutbox()).captchas.find((c) => c.captchaId === captchaId)?.answer;
    expect(answer).toBeTruthy();
  }).toPass({ timeout: 10_000 });
  return answer ?? '';
}

/** Types the answer of the captcha shown in `scope` (after `previousId`, if given); answers its id. */
export async function solveCaptcha(scope: Page | Locator, previousId?: string): Promise<string> {
  const id = await currentCaptchaId(scope, previousId);
  await scope.getByPlaceholder('请输入图片验证码').fill(await captchaAnswer(id));
  return id;
}

/** A well-formed answer that is not the right one. */
export async function wrongCaptchaAnswer(captchaId: string): Promise<string> {
  const right = (await captchaAnswer(captchaId)).toLowerCase();
  return right === 'zzzz' ? 'yyyy' : 'zzzz';
}

/** The newest SMS code sent to `mobile` for `purpose` other than those in `seen`. */
export async function smsCode(
  mobile: string,
  purpose: string,
  seen: readonly string[] = [],
): Promise<string> {
  let code: string | undefined;
  await expect(async () => {
    code = (await readOutbox()).sms.find(
      (m) => m.mobile === mobile && m.purpose === purpose && !seen.includes(m.code),
    )?.code;
    expect(code).toBeTruthy();
  }).toPass({ timeout: 10_000 });
  return code ?? '';
}

/** Fills 基本信息 (everything but the captcha, the SMS code and the agreement). */
export async function fillBasics(page: Page, person: Person): Promise<void> {
  await page.getByLabel('用户账号').fill(person.account);
  await page.getByLabel('登录密码').fill(person.password);
  await page.getByLabel('确认密码').fill(person.password);
  await page.getByLabel('用户姓名').fill(person.name);
  await page.getByLabel('身份证号码').fill(person.idNumber);
  await page.getByLabel('手机号').fill(person.mobile);
}

/** Solves the captcha, sends the code and types it in; answers the code. */
export async function getRegistrationCode(page: Page, mobile: string, seen: readonly string[] = []) {
  await solveCaptcha(page);
  await page.getByRole('button', { name: '获取短信验证码' }).click();
  await expect(page.getByRole('button', { name: /秒后重新获取/ })).toBeDisabled();
  const code = await smsCode(mobile, 'register', seen);
  await page.getByLabel('短信验证码').fill(code);
  return code;
}

/** 用户注册 through all three steps, from the login screen to 注册成功. */
export async function register(page: Page, person: Person): Promise<void> {
  await page.getByRole('button', { name: '用户注册' }).click();
  await fillBasics(page, person);
  await getRegistrationCode(page, person.mobile);
  await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByText(person.name, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '开始实名认证' }).click();
  await expect(
    page.getByText(`您的账号 ${person.account} 已注册并通过实名认证`, { exact: false }),
  ).toBeVisible();
}

/**
 * The server's side of a minute passing for one phone: its last SMS is moved a minute (and a second)
 * into the past in the embedded server's database, so the next send is allowed without waiting out the
 * real minute. The browser's side is the page's clock (page.clock.fastForward).
 */
export async function passSmsCooldown(mobile: string): Promise<void> {
  const database = new SqliteDatabase(path.join(await fileDataDir(), 'server', 'platform.sqlite'));
  try {
    database.pragma('busy_timeout = 5000');
    const moved = database
      .prepare('update sms_phone_quota set last_sent_at = ? where mobile = ?')
      .run(new Date(Date.now() - 61_000).toISOString(), mobile);
    expect(moved.changes, `an SMS was sent to ${mobile}`).toBe(1);
  } finally {
    database.close();
  }
}
