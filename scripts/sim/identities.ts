import { creditCodeCheckChar, idNumberCheckChar } from '../../src-shared/domain/validation';

/**
 * Valid, distinct identities for the simulated province: every generated value passes the same checks
 * the forms and the server apply (ID and credit code checksums, mobile prefixes, account rules), so a
 * registration fails only for what the simulation tests, never for its own made-up data.
 * `run` keeps two simulations on one database (or a rerun) apart; `n` numbers people within a run.
 */

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建文斌宇浩凯';

export const SIM_PASSWORD = 'Sim@2026x';

export interface SimPerson {
  account: string;
  name: string;
  idNumber: string;
  mobile: string;
}

export function simPerson(run: number, n: number): SimPerson {
  const surname = SURNAMES[n % SURNAMES.length] ?? '王';
  const given =
    (GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length] ?? '伟') + (GIVEN[n % GIVEN.length] ?? '');
  return {
    account: `sim${run}_${n}`,
    name: surname + given,
    idNumber: idNumberOf(run, n),
    mobile: `13${String(run % 100).padStart(2, '0')}${String(n).padStart(7, '0')}`,
  };
}

/** A Chongqing (渝中区) ID number, born on a day in the 1980s picked by `n`, with a valid check character. */
export function idNumberOf(run: number, n: number): string {
  const birth = new Date(Date.UTC(1980, 0, 1) + (n % 3650) * 86_400_000);
  const date = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const sequence = String((Math.floor(n / 3650) * 100 + (run % 100)) % 1000).padStart(3, '0');
  const first17 = `500103${date}${sequence}`;
  return first17 + idNumberCheckChar(first17);
}

/** A 统一社会信用代码 of a 事业单位-like registrar, unique per run and n. */
export function creditCodeOf(run: number, n: number): string {
  const first17 = `12500000MB${String(run % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}
