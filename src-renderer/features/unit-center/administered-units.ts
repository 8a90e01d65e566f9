import type { SessionUser, UnitMembership } from '../../../src-shared/contracts';

/**
 * The units whose 单位中心 the person may open: those they administer as 单位管理员 or 主管部门管理员. The
 * 职改办 reviews through its own pages, not a 单位中心.
 */
export function unitCentreUnits(user: SessionUser): UnitMembership[] {
  return user.memberships.filter((m) => m.role === 'unitAdmin' || m.role === 'deptAdmin');
}

/** The chosen unit, or the first one when nothing (or a unit no longer administered) was chosen. */
export function currentUnit(
  units: readonly UnitMembership[],
  chosenId: string | null,
): UnitMembership | null {
  return units.find((m) => m.unitId === chosenId) ?? units[0] ?? null;
}
