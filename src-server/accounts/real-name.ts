import { birthDateFromIdNumber, checkIdNumber, checkPersonName } from '../../src-shared/domain/validation';
import { beijingDateOf } from '../../src-shared/time/beijing-time';

/**
 * 实名认证: does this name belong to this ID number? The real answer comes from the public-security
 * service a deployment contracts; the platform sees it through this interface. The local verifier
 * below checks what can be checked without that service.
 */
export interface RealNameVerifier {
  verify(person: { name: string; idNumber: string }): Promise<{ ok: true } | { ok: false; reason: string }>;
}

export const MIN_REGISTRATION_AGE = 16;
export const MAX_PLAUSIBLE_AGE = 100;

/** Full years from an ISO birth date to an ISO date. */
function ageOn(birth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? years - 1 : years;
}

/**
 * Format and checksum of both values, and a birth date that makes the holder between 16 and 100 years
 * old today (in China): younger people cannot hold a professional title, and older ones are nearly
 * always a mistyped year. It cannot know whether the name is the holder's; a deployment plugs in a
 * verifier that can.
 */
export function localRealNameVerifier(now: () => Date): RealNameVerifier {
  return {
    async verify({ name, idNumber }) {
      const nameCheck = checkPersonName(name);
      if (!nameCheck.ok) return { ok: false, reason: nameCheck.message };
      const today = now();
      const idCheck = checkIdNumber(idNumber, today);
      if (!idCheck.ok) return { ok: false, reason: idCheck.message };
      const birth = birthDateFromIdNumber(idCheck.value);
      if (birth === null) return { ok: false, reason: '身份证号码中的出生日期不存在' };
      const age = ageOn(birth, beijingDateOf(today));
      if (age < MIN_REGISTRATION_AGE) {
        return {
          ok: false,
          reason: `按身份证号码,持证人出生于${birth},今年${age}周岁,未满${MIN_REGISTRATION_AGE}周岁不能注册;请核对身份证号码`,
        };
      }
      if (age > MAX_PLAUSIBLE_AGE) {
        return {
          ok: false,
          reason: `按身份证号码,持证人出生于${birth},已${age}周岁,超过${MAX_PLAUSIBLE_AGE}周岁;请核对身份证号码中的出生年份`,
        };
      }
      return { ok: true };
    },
  };
}
