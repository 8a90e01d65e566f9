import type { Role } from './roles';

/**
 * Who may see an applicant's full 身份证号 (DOMAIN.md "The application"): lists, the 公示表 and logs mask it
 * for everyone, and it shows in full only inside 申请书审核, which the unit's and the department's
 * administrators open. The same roles may ask for it in an exported list; nobody else may, whatever they ask.
 */
export function seesFullIdNumbers(role: Role): boolean {
  return role === 'unitAdmin' || role === 'deptAdmin';
}
