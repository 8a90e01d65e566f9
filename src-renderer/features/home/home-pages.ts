import type { SessionUser } from '../../../src-shared/contracts';
import { unitCentreUnits } from '../unit-center/administered-units';

/** The pages of the 职称 home; which of them a person sees depends on what they administer. */
export type HomePage =
  'profile' | 'registerAdmin' | 'unitCenter' | 'subordinateReview' | 'manualReset' | 'holidays' | 'settings';

export const HOME_PAGE_LABELS: Readonly<Record<HomePage, string>> = {
  profile: '个人信息',
  registerAdmin: '注册管理员',
  unitCenter: '单位中心',
  subordinateReview: '下级单位注册审核',
  manualReset: '人工找回申请',
  holidays: '节假日安排',
  settings: '设置',
};

export function isHomePage(name: string): name is HomePage {
  return Object.hasOwn(HOME_PAGE_LABELS, name);
}

/** The pages outside the 职称 group of the menu: everyone has them. */
export const GENERAL_PAGES: readonly HomePage[] = ['profile', 'settings'];

export function availablePages(user: SessionUser): HomePage[] {
  const roles = new Set(user.memberships.map((m) => m.role));
  const pages: HomePage[] = ['profile', 'registerAdmin'];
  // Anyone may register a (further) unit; the other pages need an approved unit to act for.
  if (unitCentreUnits(user).length > 0) pages.push('unitCenter');
  if (roles.has('deptAdmin') || roles.has('titleOffice')) pages.push('subordinateReview');
  if (roles.has('titleOffice')) pages.push('manualReset', 'holidays');
  pages.push('settings');
  return pages;
}
