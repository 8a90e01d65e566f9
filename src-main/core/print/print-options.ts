import { isIsoDate } from '../../../src-shared/domain/calendar';
import { beijingDateOf } from '../../../src-shared/time/beijing-time';
import { formatDay } from './publicity-form-values';

/** Settings of a print run that are not part of any application; shared by the 公示表 and the 公示名单. */
export interface PublicityPrintOptions {
  /**
   * 受理(监督)部门及电话 as the unit posts it, e.g. '单位人事科 023-63891234'. A unit setting that does not
   * exist yet; absent or blank, the form leaves the space to be written in by hand.
   */
  supervisingPhone?: string | null;
  /** 公示地点, e.g. '门诊楼一楼公示栏'; absent or blank, left to be written in. */
  publicityPlace?: string | null;
  /** The date under 单位(盖章), YYYY-MM-DD; default today in Beijing time. */
  printedOn?: string;
  /** The folder holding the font file (a packaged app's resources); default the file in node_modules. */
  fontsDir?: string;
}

/** The options with their defaults applied: what gets printed. */
export interface ResolvedPrintOptions {
  readonly supervisingPhone: string;
  readonly publicityPlace: string;
  readonly printedOn: string;
}

export function resolvePrintOptions(options: PublicityPrintOptions, now = new Date()): ResolvedPrintOptions {
  const printedOn = options.printedOn ?? beijingDateOf(now);
  if (!isIsoDate(printedOn)) throw new RangeError(`printedOn is not a YYYY-MM-DD date: ${printedOn}`);
  return {
    supervisingPhone: options.supervisingPhone?.trim() ?? '',
    publicityPlace: options.publicityPlace?.trim() ?? '',
    printedOn,
  };
}

/** The spaces of a date written in by hand. */
const BLANK_DAY = '        年    月    日';

/** 公示时间 as 'YYYY年MM月DD日 至 YYYY年MM月DD日', or blanks to write the dates in. */
export function publicityPeriodText(period: { start: string; end: string } | null): string {
  if (period === null) return `${BLANK_DAY} 至 ${BLANK_DAY}`;
  return `${formatDay(period.start)} 至 ${formatDay(period.end)}`;
}

/** The date under 单位(盖章). */
export function printedOnText(printedOn: string): string {
  return formatDay(printedOn);
}
