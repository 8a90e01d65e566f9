import type { ETHNIC_GROUPS } from '../../../src-shared/domain/catalog-options';
import { idNumberCheckChar } from '../../../src-shared/domain/validation';
import { type Random, weighted } from './random';

/**
 * Made-up people of Chongqing for the demo applications: names, gender, 民族, a 身份证号 that passes
 * GB 11643 and agrees with the birth date and gender, and a mobile number. Names are drawn from real
 * frequencies so that lists look like a real unit's staff, not like a test fixture.
 */

export type Gender = '男' | '女';
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];

export interface Person {
  name: string;
  gender: Gender;
  /** 'YYYY-MM-DD'. */
  birthDate: string;
  ethnicity: EthnicGroup;
  idNumber: string;
  mobile: string;
}

// The ~100 most common surnames with their approximate share in percent (national figures, with 谭, 向,
// 冉 and 覃 a little more frequent here than nationally), so that 王李张刘陈 fill a fifth of any list.
const SURNAMES = weighted<string>([
  ...[
    ['王', 7.1],
    ['李', 7.0],
    ['张', 6.7],
    ['刘', 5.4],
    ['陈', 4.6],
    ['杨', 3.2],
    ['黄', 2.4],
  ],
  ...[
    ['赵', 2.2],
    ['吴', 2.1],
    ['周', 1.9],
    ['徐', 1.5],
    ['孙', 1.4],
    ['马', 1.3],
    ['朱', 1.3],
  ],
  ...[
    ['胡', 1.2],
    ['郭', 1.1],
    ['何', 1.1],
    ['林', 1.0],
    ['高', 1.0],
    ['罗', 1.0],
    ['郑', 0.8],
  ],
  ...[
    ['梁', 0.7],
    ['谢', 0.7],
    ['宋', 0.6],
    ['唐', 0.7],
    ['许', 0.6],
    ['韩', 0.6],
    ['冯', 0.6],
  ],
  ...[
    ['邓', 0.6],
    ['曹', 0.5],
    ['彭', 0.5],
    ['曾', 0.5],
    ['肖', 0.5],
    ['田', 0.5],
    ['董', 0.5],
  ],
  ...[
    ['袁', 0.5],
    ['潘', 0.4],
    ['于', 0.4],
    ['蒋', 0.4],
    ['蔡', 0.4],
    ['余', 0.4],
    ['杜', 0.4],
  ],
  ...[
    ['叶', 0.4],
    ['程', 0.4],
    ['苏', 0.4],
    ['魏', 0.35],
    ['吕', 0.34],
    ['丁', 0.33],
    ['任', 0.32],
  ],
  ...[
    ['沈', 0.31],
    ['姚', 0.3],
    ['卢', 0.3],
    ['姜', 0.29],
    ['崔', 0.28],
    ['钟', 0.28],
    ['谭', 0.4],
  ],
  ...[
    ['陆', 0.27],
    ['汪', 0.26],
    ['范', 0.25],
    ['金', 0.25],
    ['石', 0.24],
    ['廖', 0.24],
    ['贾', 0.23],
  ],
  ...[
    ['夏', 0.23],
    ['韦', 0.22],
    ['付', 0.22],
    ['方', 0.21],
    ['白', 0.21],
    ['邹', 0.2],
    ['孟', 0.2],
  ],
  ...[
    ['熊', 0.2],
    ['秦', 0.19],
    ['邱', 0.19],
    ['江', 0.19],
    ['尹', 0.18],
    ['薛', 0.18],
    ['闫', 0.17],
  ],
  ...[
    ['段', 0.17],
    ['雷', 0.17],
    ['侯', 0.16],
    ['龙', 0.16],
    ['史', 0.16],
    ['陶', 0.15],
    ['黎', 0.15],
  ],
  ...[
    ['贺', 0.15],
    ['顾', 0.14],
    ['毛', 0.14],
    ['郝', 0.14],
    ['龚', 0.13],
    ['邵', 0.13],
    ['万', 0.13],
  ],
  ...[
    ['钱', 0.12],
    ['严', 0.12],
    ['覃', 0.15],
    ['武', 0.12],
    ['戴', 0.11],
    ['莫', 0.11],
    ['孔', 0.11],
  ],
  ...[
    ['向', 0.2],
    ['冉', 0.15],
    ['汤', 0.1],
  ],
] as const);

const MALE_CHARS = Array.from(
  '伟强磊军勇杰涛斌超刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国峰东成海亮兵博毅坤彬锋晨伦江川松洪勋',
);
const FEMALE_CHARS = Array.from(
  '芳娜敏静丽艳娟霞燕玲婷雪慧莹琳晶倩洁颖琴云红梅兰英萍丹蓉薇璐佳欣怡悦琦妍婧雯露瑶菲媛娅岚',
);
const NEUTRAL_CHARS = Array.from('晓小文子雨思嘉明春秋家永新天志德世安清宏立远');

/** A given name of one or two characters; two-character names are the majority in these age groups. */
function givenName(rng: Random, gender: Gender): string {
  const own = gender === '男' ? MALE_CHARS : FEMALE_CHARS;
  if (rng.chance(0.3)) return rng.pick(own);
  const first = rng.chance(0.5) ? rng.pick(NEUTRAL_CHARS) : rng.pick(own);
  let second = rng.pick(own);
  // 叠字 like 婷婷 are common, 强强 less so; allow it only for women.
  if (second === first && gender === '男') second = rng.pick(NEUTRAL_CHARS);
  return first + second;
}

export function personName(rng: Random, gender: Gender): string {
  return SURNAMES.pick(rng) + givenName(rng, gender);
}

/** 曾用名: the same surname with another given name, as after a change of name in childhood. */
export function formerNameFor(rng: Random, name: string, gender: Gender): string {
  const surname = Array.from(name)[0] ?? '';
  for (;;) {
    const former = surname + givenName(rng, gender);
    if (former !== name) return former;
  }
}

// 行政区划代码 as ID numbers carry them: current Chongqing districts, the 5002xx county codes that
// people registered before the districts were formed still have, and a few neighbours' codes for people
// who came from Sichuan or Guizhou.
const HAN_REGIONS = weighted<string>([
  ...(['500101', '500102', '500103', '500104', '500105', '500106', '500107', '500108'] as const).map(
    (code) => [code, 6] as const,
  ),
  ...(['500109', '500110', '500112', '500113', '500115', '500116', '500117', '500118'] as const).map(
    (code) => [code, 3] as const,
  ),
  ...(['500222', '500223', '500224', '500225', '500226', '500227', '500228', '500229'] as const).map(
    (code) => [code, 1] as const,
  ),
  ...(['500230', '500231', '500233', '500234', '500235', '500236', '500237', '500238'] as const).map(
    (code) => [code, 1] as const,
  ),
  ...(['510107', '511602', '510522', '520302'] as const).map((code) => [code, 1] as const),
]);
/** 黔江 and the autonomous counties 石柱, 秀山, 酉阳, 彭水, where most of Chongqing's 土家族 and 苗族 live. */
const MINORITY_REGIONS = ['500114', '500240', '500241', '500242', '500243'] as const;

const ETHNICITY = weighted<EthnicGroup>([
  ['汉族', 91],
  ['土家族', 5.5],
  ['苗族', 2.5],
  ['回族', 0.5],
  ['彝族', 0.5],
]);

const MOBILE_PREFIXES = [
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139'],
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'],
  ...['166', '173', '176', '177', '178', '180', '181', '182', '183', '184'],
  ...['185', '186', '187', '188', '189', '191', '198', '199'],
] as const;

export function mobileNumber(rng: Random): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

/**
 * A 身份证号 for someone registered in `regionCode` ('500103') and born on `birthDate` ('YYYY-MM-DD'):
 * the 17th digit is odd for men and even for women, and the check character comes from validation.ts.
 */
export function idNumberFor(rng: Random, regionCode: string, birthDate: string, gender: Gender): string {
  // 顺序码 001-999; its last digit carries the gender, so draw the other two first.
  const head = rng.int(0, 99);
  const parityDigit = 2 * rng.int(0, 4) + (gender === '男' ? 1 : 0);
  const sequence = head === 0 && parityDigit === 0 ? '002' : String(head * 10 + parityDigit).padStart(3, '0');
  const first17 =
    regionCode + birthDate.slice(0, 4) + birthDate.slice(5, 7) + birthDate.slice(8, 10) + sequence;
  return first17 + idNumberCheckChar(first17);
}

/** A person born on `birthDate`; gender is drawn unless given. */
export function generatePerson(rng: Random, birthDate: string, gender?: Gender): Person {
  const g: Gender = gender ?? (rng.chance(0.5) ? '男' : '女');
  const ethnicity = ETHNICITY.pick(rng);
  const minority = ethnicity === '土家族' || ethnicity === '苗族';
  const region = minority && rng.chance(0.8) ? rng.pick(MINORITY_REGIONS) : HAN_REGIONS.pick(rng);
  return {
    name: personName(rng, g),
    gender: g,
    birthDate,
    ethnicity,
    idNumber: idNumberFor(rng, region, birthDate, g),
    mobile: mobileNumber(rng),
  };
}
