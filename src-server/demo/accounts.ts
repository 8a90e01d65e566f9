import type { UnitMembership } from '../../src-shared/contracts/identity';
import type { UnitKind } from '../../src-shared/domain/roles';
import type { Industry, UnitNature } from '../../src-shared/domain/units';

/**
 * The demo data's people and units, in one place: the seed writes them, the tests log in with them,
 * and the README's table lists them. The ID numbers, mobiles and credit codes are valid but invented.
 */

export type DemoUnitKey =
  'titleOffice' | 'healthCommission' | 'educationCommission' | 'hospital' | 'communityCentre';

/** What the unit's registration form said (manual 3.1). */
export interface DemoRegistration {
  nature: UnitNature;
  industry: Industry;
  districtCode: string;
  address: string;
  leaderName: string;
  contactPhone: string;
  /** The account that registered the unit, or null when no demo account did. */
  registeredBy: string | null;
  /** 联系人 when `registeredBy` is null; otherwise the registrant's name is used. */
  contactName?: string;
  /** The file name of the seeded scan (a one-page PDF). */
  licenceFileName: string;
}

export interface DemoUnit {
  key: DemoUnitKey;
  kind: UnitKind;
  name: string;
  creditCode: string | null;
  parent: DemoUnitKey | null;
  status: 'approved' | 'pending';
  /** Null for the title office, which the admin command creates instead of a registration. */
  registration: DemoRegistration | null;
}

export const DEMO_UNITS: readonly DemoUnit[] = [
  {
    key: 'titleOffice',
    kind: 'titleOffice',
    name: '重庆市职称改革办公室',
    creditCode: null,
    parent: null,
    status: 'approved',
    registration: null,
  },
  {
    key: 'healthCommission',
    kind: 'department',
    name: '重庆市卫生健康委员会',
    creditCode: '11500000MB1541968X',
    parent: 'titleOffice',
    status: 'approved',
    registration: {
      nature: '机关',
      industry: '公共管理、社会保障和社会组织',
      districtCode: '500103',
      address: '重庆市渝中区示例路6号',
      leaderName: '周建国',
      contactPhone: '023-67706001',
      registeredBy: 'deptadmin',
      licenceFileName: '统一社会信用代码证书.pdf',
    },
  },
  {
    key: 'educationCommission',
    kind: 'department',
    name: '重庆市教育委员会',
    creditCode: '11500000MB16294756',
    parent: 'titleOffice',
    status: 'approved',
    registration: {
      nature: '机关',
      industry: '公共管理、社会保障和社会组织',
      districtCode: '500107',
      address: '重庆市九龙坡区示例路18号',
      leaderName: '吴文华',
      contactPhone: '023-63862001',
      registeredBy: null,
      contactName: '刘洋',
      licenceFileName: '统一社会信用代码证书.pdf',
    },
  },
  {
    key: 'hospital',
    kind: 'unit',
    name: '重庆市示例人民医院',
    creditCode: '12500000MB1600219D',
    parent: 'healthCommission',
    status: 'approved',
    registration: {
      nature: '事业单位',
      industry: '卫生和社会工作',
      districtCode: '500106',
      address: '重庆市沙坪坝区示例街100号',
      leaderName: '孙志刚',
      contactPhone: '023-65301001',
      registeredBy: 'unitadmin',
      licenceFileName: '事业单位法人证书.pdf',
    },
  },
  {
    key: 'communityCentre',
    kind: 'unit',
    name: '重庆市示例社区卫生服务中心',
    creditCode: '12500108MB0P35261K',
    parent: 'healthCommission',
    status: 'pending',
    registration: {
      nature: '事业单位',
      industry: '卫生和社会工作',
      districtCode: '500108',
      address: '重庆市南岸区示例路66号',
      leaderName: '钱丽',
      contactPhone: '13800000005',
      registeredBy: 'zhaoqiang',
      licenceFileName: '事业单位法人证书.pdf',
    },
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

/** The four documented accounts of the README, one per role. */
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

/**
 * People the demo data needs besides the documented accounts, kept apart so that whatever walks
 * DEMO_ACCOUNTS (the README table, the login journeys) still sees one account per role. 赵强 has
 * registered 重庆市示例社区卫生服务中心, which waits for deptadmin's review.
 */
export const DEMO_OTHER_ACCOUNTS: readonly DemoAccount[] = [
  {
    account: 'zhaoqiang',
    password: 'Demo@2026',
    name: '赵强',
    mobile: '13800000005',
    idNumber: '500108199205062818',
    role: 'individual',
    unit: null,
  },
];
