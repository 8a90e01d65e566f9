/** The roles of DOMAIN.md "Who uses it" and the kinds of unit that give them. */

export const ROLES = ['individual', 'unitAdmin', 'deptAdmin', 'titleOffice', 'applicant'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  individual: '个人用户',
  unitAdmin: '单位管理员',
  deptAdmin: '主管部门管理员',
  titleOffice: '职改办',
  applicant: '申报人',
};

/** 单位类别: a 主管部门 is itself a unit; the 职改办 is the root that approves the 主管部门. */
export const UNIT_KINDS = ['unit', 'department', 'titleOffice'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Readonly<Record<UnitKind, string>> = {
  unit: '单位',
  department: '主管部门',
  titleOffice: '职改办',
};

/** The role an approved administrator of a unit of this kind holds there. */
export function roleForUnitKind(kind: UnitKind): Role {
  switch (kind) {
    case 'unit':
      return 'unitAdmin';
    case 'department':
      return 'deptAdmin';
    case 'titleOffice':
      return 'titleOffice';
  }
}
