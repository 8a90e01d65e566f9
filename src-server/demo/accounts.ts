import type { UnitMembership } from '../../src-shared/contracts/identity';
import type { UnitKind } from '../../src-shared/domain/roles';

/**
 * The demo data's people and units, in one place: the seed writes them, the tests log in with them,
 * and the README's table lists them. The ID numbers, mobiles and credit codes are valid but invented.
 */

export type DemoUnitKey = 'titleOffice' | 'healthCommission' | 'hospital';

export interface DemoUnit {
  key: DemoUnitKey;
  kind: UnitKind;
  name: string;
  creditCode: string | null;
  parent: DemoUnitKey | null;
}

export const DEMO_UNITS: readonly DemoUnit[] = [
  { key: 'titleOffice', kind: 'titleOffice', name: '重庆市职称改革办公室', creditCode: null, parent: null },
  {
    key: 'healthCommission',
    kind: 'department',
    name: '重庆市卫生健康委员会',
    creditCode: '11500000MB1541968X',
    parent: 'titleOffice',
  },
  {
    key: 'hospital',
    kind: 'unit',
    name: '重庆市示例人民医院',
    creditCode: '12500000MB1600219D',
    parent: 'healthCommission',
  },
];

export interface DemoAccount {
  account: string;
  password: string;
  name: string;
  mobile: string;
  idNumber: string;
  role: UnitMembership['role'];
  /** The unit this person administers; null for a 个人用户. */
  unit: DemoUnitKey | null;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    account: 'unitadmin',
    password: 'Unit@2026',
    name: '李明',
    mobile: '13800000001',
    idNumber: '500103198503120020',
    role: 'unitAdmin',
    unit: 'hospital',
  },
  {
    account: 'deptadmin',
    password: 'Dept@2026',
    name: '王芳',
    mobile: '13800000002',
    idNumber: '500102199007183418',
    role: 'deptAdmin',
    unit: 'healthCommission',
  },
  {
    account: 'newuser',
    password: 'User@2026',
    name: '张伟',
    mobile: '13800000003',
    idNumber: '500224198801011217',
    role: 'individual',
    unit: null,
  },
  {
    account: 'cqadmin',
    password: 'Admin@2026',
    name: '陈静',
    mobile: '13800000004',
    idNumber: '500108197911200035',
    role: 'titleOffice',
    unit: 'titleOffice',
  },
];
