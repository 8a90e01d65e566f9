import { type Random, weighted, type WeightedChoice } from './random';

/**
 * What people apply for: 系列/专业/资格 triples with the title held before, the committee that reviews
 * them, their 专业方向 and 评委会专业组, and the education and jobs that lead there. The data is
 * plausible rather than official: Chongqing's committees and groups change from year to year.
 */

/** Where in the ladder the applied qualification is: 中级, 副高级 or 正高级. */
export type TitleLevel = 'intermediate' | 'deputy' | 'full';

/** Which pool of titles, journals and awards the applicant's achievements come from (texts.ts). */
export type Domain = 'health' | 'nursing' | 'business' | 'engineering' | 'it' | 'education';

export interface School {
  name: string;
  /** 学校代码, the first five digits of its 毕业证书 numbers. */
  code: string;
}

export interface Direction {
  /** 申请资格专业方向. */
  direction: string;
  /** 评委会专业组. */
  group: string;
  /** The 本科 major when it depends on the direction (teachers), else the profile's majors apply. */
  major?: string;
  /** The 硕士/博士 major. */
  advancedMajor: string;
}

export interface EducationProfile {
  schools: readonly School[];
  majors: readonly string[];
  /** 5 for 临床医学 and 中医学. */
  bachelorYears: number;
  /** For 护理 and 医学技术: 大学专科 and then 专升本 is a common way in. */
  juniorCollege?: { schools: readonly School[]; major: string };
  /** Highest degree: 本科 only, 硕士, 博士, or 专科 then 专升本. */
  paths: WeightedChoice<EducationPath>;
}

export type EducationPath = 'bachelor' | 'master' | 'doctor' | 'juniorCollege';

export interface Track {
  key: string;
  series: string;
  specialty: string;
  qualification: string;
  level: TitleLevel;
  /** 现任专业技术职务 of someone applying by 正常晋升: the level below. */
  currentTitle: string;
  committee: string;
  directions: readonly Direction[];
  domain: Domain;
  education: EducationProfile;
  /** 职务/岗位 in 工作经历, from the first job to the current one. */
  positions: readonly string[];
  /** The prefix of the 资格证书 numbers this series issues in the demo. */
  certificatePrefix: string;
}

const school = (name: string, code: string): School => ({ name, code });

const CQMU = school('重庆医科大学', '10631');
const ARMY_MEDICAL = school('陆军军医大学', '90031');
const NORTH_SICHUAN_MEDICAL = school('川北医学院', '10634');
const ZUNYI_MEDICAL = school('遵义医科大学', '10661');
const SCU = school('四川大学', '10610');
const SWMU = school('西南医科大学', '10632');
const CDUTCM = school('成都中医药大学', '10633');
const CQ_MEDICAL_COLLEGE = school('重庆医药高等专科学校', '14007');
const SANXIA_MEDICAL_COLLEGE = school('重庆三峡医药高等专科学校', '12608');
const CQU = school('重庆大学', '10611');
const SWU = school('西南大学', '10635');
const CTBU = school('重庆工商大学', '11799');
const SWUFE = school('西南财经大学', '10651');
const SWUPL = school('西南政法大学', '10652');
const CQUT = school('重庆理工大学', '11660');
const CQJTU = school('重庆交通大学', '10618');
const CQUST = school('重庆科技大学', '11551');
const SWJTU = school('西南交通大学', '10613');
const CQUPT = school('重庆邮电大学', '10617');
const UESTC = school('电子科技大学', '10614');
const CQNU = school('重庆师范大学', '10637');
const YANGTZE_NORMAL = school('长江师范学院', '10647');
const CQ_ARTS_SCIENCES = school('重庆文理学院', '10642');
const SANXIA_UNIVERSITY = school('重庆三峡学院', '10643');
const SICNU = school('四川师范大学', '10636');

const paths = (bachelor: number, master: number, doctor: number, juniorCollege = 0) =>
  weighted<EducationPath>([
    ['bachelor', bachelor],
    ['master', master],
    ['doctor', doctor],
    ['juniorCollege', juniorCollege],
  ]);

const MEDICINE: EducationProfile = {
  schools: [CQMU, CQMU, ARMY_MEDICAL, NORTH_SICHUAN_MEDICAL, ZUNYI_MEDICAL, SCU, SWMU],
  majors: ['临床医学'],
  bachelorYears: 5,
  paths: paths(40, 45, 15),
};
const TCM: EducationProfile = {
  schools: [CDUTCM, CDUTCM, CQMU, SWMU],
  majors: ['中医学', '针灸推拿学', '中西医临床医学'],
  bachelorYears: 5,
  paths: paths(55, 40, 5),
};
const NURSING: EducationProfile = {
  schools: [CQMU, ARMY_MEDICAL, NORTH_SICHUAN_MEDICAL, ZUNYI_MEDICAL, SWMU],
  majors: ['护理学'],
  bachelorYears: 4,
  juniorCollege: { schools: [CQ_MEDICAL_COLLEGE, SANXIA_MEDICAL_COLLEGE], major: '护理' },
  paths: paths(50, 10, 0, 40),
};
const PHARMACY: EducationProfile = {
  schools: [CQMU, SCU, SWMU, ZUNYI_MEDICAL],
  majors: ['药学', '临床药学'],
  bachelorYears: 4,
  paths: paths(50, 45, 5),
};
const MEDICAL_TECHNOLOGY: EducationProfile = {
  schools: [CQMU, NORTH_SICHUAN_MEDICAL, SWMU, ZUNYI_MEDICAL],
  majors: ['医学检验技术', '医学影像技术'],
  bachelorYears: 4,
  juniorCollege: { schools: [CQ_MEDICAL_COLLEGE, SANXIA_MEDICAL_COLLEGE], major: '医学检验技术' },
  paths: paths(55, 20, 0, 25),
};
const BUSINESS: EducationProfile = {
  schools: [CQU, SWU, CTBU, CTBU, SWUFE, SWUPL, CQUT],
  majors: ['工商管理', '市场营销', '经济学', '国际经济与贸易', '人力资源管理', '金融学'],
  bachelorYears: 4,
  paths: paths(55, 40, 5),
};
const ACCOUNTING: EducationProfile = {
  schools: [CTBU, CTBU, SWUFE, CQUT, CQU, SWU],
  majors: ['会计学', '财务管理', '审计学'],
  bachelorYears: 4,
  paths: paths(60, 38, 2),
};
const CIVIL: EducationProfile = {
  schools: [CQU, CQJTU, CQJTU, CQUST, SWJTU],
  majors: ['土木工程', '道路桥梁与渡河工程', '工程管理', '建筑环境与能源应用工程'],
  bachelorYears: 4,
  paths: paths(60, 35, 5),
};
const ELECTRONICS: EducationProfile = {
  schools: [CQUPT, CQUPT, CQU, UESTC, SWU],
  majors: ['计算机科学与技术', '通信工程', '软件工程', '电子信息工程'],
  bachelorYears: 4,
  paths: paths(55, 40, 5),
};
const TEACHING: EducationProfile = {
  schools: [SWU, CQNU, CQNU, YANGTZE_NORMAL, CQ_ARTS_SCIENCES, SANXIA_UNIVERSITY, SICNU],
  majors: ['汉语言文学'],
  bachelorYears: 4,
  paths: paths(75, 25, 0),
};

const directions = (group: string, entries: readonly (readonly [string, string])[]): Direction[] =>
  entries.map(([direction, advancedMajor]) => ({ direction, group, advancedMajor }));

const PHYSICIAN_DIRECTIONS: readonly Direction[] = [
  ...directions('内科组', [
    ['心血管内科', '内科学'],
    ['消化内科', '内科学'],
    ['呼吸与危重症医学科', '内科学'],
    ['内分泌科', '内科学'],
    ['肾内科', '内科学'],
    ['神经内科', '神经病学'],
  ]),
  ...directions('外科组', [
    ['普通外科', '外科学'],
    ['骨科', '外科学'],
    ['泌尿外科', '外科学'],
    ['神经外科', '外科学'],
    ['胸心外科', '外科学'],
  ]),
  ...directions('妇产科组', [['妇产科', '妇产科学']]),
  ...directions('儿科组', [['儿科', '儿科学']]),
  ...directions('麻醉科组', [['麻醉科', '麻醉学']]),
  ...directions('急诊与重症医学组', [
    ['急诊医学科', '急诊医学'],
    ['重症医学科', '重症医学'],
  ]),
  ...directions('五官科组', [
    ['眼科', '眼科学'],
    ['耳鼻咽喉科', '耳鼻咽喉科学'],
  ]),
  ...directions('全科医学组', [['全科医学科', '全科医学']]),
];

const NURSE_DIRECTIONS = directions('护理组', [
  ['内科护理', '护理学'],
  ['外科护理', '护理学'],
  ['妇产科护理', '护理学'],
  ['儿科护理', '护理学'],
  ['急危重症护理', '护理学'],
  ['手术室护理', '护理学'],
  ['护理管理', '护理学'],
]);

const HEALTH_SENIOR = '重庆市卫生高级职称评审委员会';
const ECONOMICS_SENIOR = '重庆市经济系列高级职称评审委员会';

const TEACHER_SUBJECTS: readonly (readonly [string, string, string, string])[] = [
  // direction, group, 本科 major, 硕士 major
  ['中学语文', '语文组', '汉语言文学', '学科教学(语文)'],
  ['中学数学', '数学组', '数学与应用数学', '学科教学(数学)'],
  ['中学英语', '英语组', '英语', '学科教学(英语)'],
  ['中学物理', '物理组', '物理学', '学科教学(物理)'],
  ['中学化学', '化学组', '化学', '学科教学(化学)'],
  ['中学生物', '生物组', '生物科学', '学科教学(生物)'],
  ['中学历史', '历史组', '历史学', '学科教学(历史)'],
  ['中学思想政治', '政治组', '思想政治教育', '学科教学(思政)'],
  ['中学体育与健康', '体育组', '体育教育', '体育教学'],
];
const PRIMARY_SUBJECTS: readonly (readonly [string, string, string, string])[] = [
  ['小学语文', '语文组', '汉语言文学', '小学教育'],
  ['小学数学', '数学组', '数学与应用数学', '小学教育'],
  ['小学英语', '英语组', '英语', '学科教学(英语)'],
  ['小学科学', '科学组', '科学教育', '小学教育'],
  ['小学音乐', '艺术组', '音乐学', '音乐'],
  ['小学美术', '艺术组', '美术学', '美术'],
];
const subjects = (entries: typeof TEACHER_SUBJECTS): Direction[] =>
  entries.map(([direction, group, major, advancedMajor]) => ({ direction, group, major, advancedMajor }));

const CIVIL_DIRECTIONS: readonly Direction[] = [
  ...directions('建筑工程组', [
    ['建筑结构设计', '结构工程'],
    ['建筑施工', '结构工程'],
  ]),
  ...directions('岩土工程组', [['岩土工程', '岩土工程']]),
  ...directions('市政工程组', [
    ['市政道路工程', '道路与铁道工程'],
    ['桥梁工程', '桥梁与隧道工程'],
  ]),
  ...directions('工程管理组', [['工程造价', '管理科学与工程']]),
];
const IT_DIRECTIONS: readonly Direction[] = [
  ...directions('计算机组', [
    ['计算机应用技术', '计算机技术'],
    ['软件工程', '软件工程'],
    ['网络与信息安全', '网络空间安全'],
  ]),
  ...directions('通信组', [['通信工程', '通信与信息系统']]),
  ...directions('电子组', [['电子技术', '电子科学与技术']]),
];
const BUSINESS_DIRECTIONS = directions('工商管理组', [
  ['企业管理', '工商管理'],
  ['市场营销', '工商管理'],
  ['运营管理', '管理科学与工程'],
]);
const ACCOUNTING_DIRECTIONS = directions('会计组', [
  ['财务管理', '会计'],
  ['管理会计', '会计学'],
  ['审计', '审计'],
  ['成本管理', '会计学'],
]);

type TrackData = Omit<Track, 'key'>;

function withKeys<K extends string>(data: Record<K, TrackData>): Readonly<Record<K, Track>> {
  const tracks = {} as Record<K, Track>;
  for (const key of Object.keys(data) as K[]) tracks[key] = { key, ...data[key] };
  return tracks;
}

export const TRACKS = withKeys({
  physicianDeputy: {
    series: '卫生',
    specialty: '临床医学',
    qualification: '副主任医师',
    level: 'deputy',
    currentTitle: '主治医师',
    committee: HEALTH_SENIOR,
    directions: PHYSICIAN_DIRECTIONS,
    domain: 'health',
    education: MEDICINE,
    positions: ['住院医师', '住院医师', '主治医师'],
    certificatePrefix: 'WS',
  },
  physicianFull: {
    series: '卫生',
    specialty: '临床医学',
    qualification: '主任医师',
    level: 'full',
    currentTitle: '副主任医师',
    committee: HEALTH_SENIOR,
    directions: PHYSICIAN_DIRECTIONS,
    domain: 'health',
    education: MEDICINE,
    positions: ['主治医师', '副主任医师', '副主任医师、科室副主任'],
    certificatePrefix: 'WS',
  },
  nurseDeputy: {
    series: '卫生',
    specialty: '护理学',
    qualification: '副主任护师',
    level: 'deputy',
    currentTitle: '主管护师',
    committee: HEALTH_SENIOR,
    directions: NURSE_DIRECTIONS,
    domain: 'nursing',
    education: NURSING,
    positions: ['护士', '护师', '主管护师'],
    certificatePrefix: 'WS',
  },
  nurseFull: {
    series: '卫生',
    specialty: '护理学',
    qualification: '主任护师',
    level: 'full',
    currentTitle: '副主任护师',
    committee: HEALTH_SENIOR,
    directions: NURSE_DIRECTIONS,
    domain: 'nursing',
    education: NURSING,
    positions: ['主管护师', '副主任护师', '护士长'],
    certificatePrefix: 'WS',
  },
  pharmacistDeputy: {
    series: '卫生',
    specialty: '药学',
    qualification: '副主任药师',
    level: 'deputy',
    currentTitle: '主管药师',
    committee: HEALTH_SENIOR,
    directions: directions('药学组', [
      ['医院药学', '药剂学'],
      ['临床药学', '药理学'],
    ]),
    domain: 'health',
    education: PHARMACY,
    positions: ['药师', '药师', '主管药师'],
    certificatePrefix: 'WS',
  },
  technicianDeputy: {
    series: '卫生',
    specialty: '医学技术',
    qualification: '副主任技师',
    level: 'deputy',
    currentTitle: '主管技师',
    committee: HEALTH_SENIOR,
    directions: directions('医学技术组', [
      ['临床医学检验技术', '临床检验诊断学'],
      ['放射医学技术', '影像医学与核医学'],
      ['超声医学技术', '影像医学与核医学'],
      ['病理学技术', '病理学与病理生理学'],
    ]),
    domain: 'health',
    education: MEDICAL_TECHNOLOGY,
    positions: ['技士', '技师', '主管技师'],
    certificatePrefix: 'WS',
  },
  tcmDeputy: {
    series: '卫生',
    specialty: '中医学',
    qualification: '副主任中医师',
    level: 'deputy',
    currentTitle: '主治中医师',
    committee: HEALTH_SENIOR,
    directions: directions('中医组', [
      ['中医内科', '中医内科学'],
      ['针灸推拿', '针灸推拿学'],
      ['中医骨伤科', '中医骨伤科学'],
      ['中西医结合内科', '中西医结合临床'],
    ]),
    domain: 'health',
    education: TCM,
    positions: ['中医住院医师', '中医住院医师', '主治中医师'],
    certificatePrefix: 'WS',
  },
  economistFull: {
    series: '经济',
    specialty: '工商管理',
    qualification: '正高级经济师',
    level: 'full',
    currentTitle: '高级经济师',
    committee: ECONOMICS_SENIOR,
    directions: BUSINESS_DIRECTIONS,
    domain: 'business',
    education: BUSINESS,
    positions: ['部门经理', '副总经理', '总经理助理'],
    certificatePrefix: 'JJ',
  },
  economistDeputy: {
    series: '经济',
    specialty: '工商管理',
    qualification: '高级经济师',
    level: 'deputy',
    currentTitle: '经济师',
    committee: ECONOMICS_SENIOR,
    directions: BUSINESS_DIRECTIONS,
    domain: 'business',
    education: BUSINESS,
    positions: ['业务专员', '经济师', '部门副经理'],
    certificatePrefix: 'JJ',
  },
  hrDeputy: {
    series: '经济',
    specialty: '人力资源管理',
    qualification: '高级经济师',
    level: 'deputy',
    currentTitle: '经济师',
    committee: ECONOMICS_SENIOR,
    directions: directions('人力资源组', [
      ['人力资源规划', '工商管理'],
      ['薪酬与绩效管理', '人力资源管理'],
    ]),
    domain: 'business',
    education: BUSINESS,
    positions: ['人事专员', '人力资源主管', '人力资源部副部长'],
    certificatePrefix: 'JJ',
  },
  financeDeputy: {
    series: '经济',
    specialty: '金融',
    qualification: '高级经济师',
    level: 'deputy',
    currentTitle: '经济师',
    committee: ECONOMICS_SENIOR,
    directions: directions('金融组', [
      ['银行信贷', '金融学'],
      ['风险管理', '金融'],
      ['投资管理', '金融'],
    ]),
    domain: 'business',
    education: BUSINESS,
    positions: ['客户经理', '信贷主管', '风险管理部副经理'],
    certificatePrefix: 'JJ',
  },
  accountantDeputy: {
    series: '会计',
    specialty: '会计',
    qualification: '高级会计师',
    level: 'deputy',
    currentTitle: '会计师',
    committee: '重庆市会计系列高级职称评审委员会',
    directions: ACCOUNTING_DIRECTIONS,
    domain: 'business',
    education: ACCOUNTING,
    positions: ['会计', '财务主管', '财务部副经理'],
    certificatePrefix: 'KJ',
  },
  accountantFull: {
    series: '会计',
    specialty: '会计',
    qualification: '正高级会计师',
    level: 'full',
    currentTitle: '高级会计师',
    committee: '重庆市会计系列正高级职称评审委员会',
    directions: ACCOUNTING_DIRECTIONS,
    domain: 'business',
    education: ACCOUNTING,
    positions: ['财务部经理', '财务部经理', '财务总监'],
    certificatePrefix: 'KJ',
  },
  civilIntermediate: {
    series: '工程',
    specialty: '土木工程',
    qualification: '工程师',
    level: 'intermediate',
    currentTitle: '助理工程师',
    committee: '重庆市建设工程中级职称评审委员会',
    directions: CIVIL_DIRECTIONS,
    domain: 'engineering',
    education: CIVIL,
    positions: ['施工员', '技术员', '助理工程师'],
    certificatePrefix: 'GC',
  },
  civilDeputy: {
    series: '工程',
    specialty: '土木工程',
    qualification: '高级工程师',
    level: 'deputy',
    currentTitle: '工程师',
    committee: '重庆市建设工程高级职称评审委员会',
    directions: CIVIL_DIRECTIONS,
    domain: 'engineering',
    education: CIVIL,
    positions: ['技术员', '项目技术负责人', '项目总工程师'],
    certificatePrefix: 'GC',
  },
  civilFull: {
    series: '工程',
    specialty: '土木工程',
    qualification: '正高级工程师',
    level: 'full',
    currentTitle: '高级工程师',
    committee: '重庆市工程技术正高级职称评审委员会',
    directions: CIVIL_DIRECTIONS,
    domain: 'engineering',
    education: CIVIL,
    positions: ['项目总工程师', '技术中心主任', '总工程师'],
    certificatePrefix: 'GC',
  },
  itIntermediate: {
    series: '工程',
    specialty: '电子信息',
    qualification: '工程师',
    level: 'intermediate',
    currentTitle: '助理工程师',
    committee: '重庆市电子信息工程中级职称评审委员会',
    directions: IT_DIRECTIONS,
    domain: 'it',
    education: ELECTRONICS,
    positions: ['软件开发工程师', '系统运维工程师', '软件开发工程师'],
    certificatePrefix: 'GC',
  },
  itDeputy: {
    series: '工程',
    specialty: '电子信息',
    qualification: '高级工程师',
    level: 'deputy',
    currentTitle: '工程师',
    committee: '重庆市电子信息工程高级职称评审委员会',
    directions: IT_DIRECTIONS,
    domain: 'it',
    education: ELECTRONICS,
    positions: ['软件开发工程师', '系统架构师', '信息技术部副主任'],
    certificatePrefix: 'GC',
  },
  teacherIntermediate: {
    series: '教育',
    specialty: '中学教育',
    qualification: '一级教师',
    level: 'intermediate',
    currentTitle: '二级教师',
    committee: '重庆市中小学教师中级职称评审委员会',
    directions: subjects(TEACHER_SUBJECTS),
    domain: 'education',
    education: TEACHING,
    positions: ['教师', '教师', '教师兼班主任'],
    certificatePrefix: 'JY',
  },
  teacherDeputy: {
    series: '教育',
    specialty: '中学教育',
    qualification: '高级教师',
    level: 'deputy',
    currentTitle: '一级教师',
    committee: '重庆市中小学教师高级职称评审委员会',
    directions: subjects(TEACHER_SUBJECTS),
    domain: 'education',
    education: TEACHING,
    positions: ['教师', '教师兼班主任', '教研组长'],
    certificatePrefix: 'JY',
  },
  primaryTeacherDeputy: {
    series: '教育',
    specialty: '小学教育',
    qualification: '高级教师',
    level: 'deputy',
    currentTitle: '一级教师',
    committee: '重庆市中小学教师高级职称评审委员会',
    directions: subjects(PRIMARY_SUBJECTS),
    domain: 'education',
    education: TEACHING,
    positions: ['教师', '教师兼班主任', '教导处副主任'],
    certificatePrefix: 'JY',
  },
});

export type TrackKey = keyof typeof TRACKS;

type TrackWeights = Partial<Record<TrackKey, number>>;

const HOSPITAL_MIX: TrackWeights = {
  physicianDeputy: 30,
  physicianFull: 10,
  nurseDeputy: 20,
  nurseFull: 4,
  pharmacistDeputy: 7,
  technicianDeputy: 9,
  tcmDeputy: 6,
  economistDeputy: 3,
  hrDeputy: 2,
  accountantDeputy: 5,
  itDeputy: 3,
  civilDeputy: 1,
};
const SCHOOL_MIX: TrackWeights = {
  teacherIntermediate: 35,
  teacherDeputy: 35,
  primaryTeacherDeputy: 15,
  accountantDeputy: 5,
  itIntermediate: 5,
  hrDeputy: 5,
};
const CONSTRUCTION_MIX: TrackWeights = {
  civilIntermediate: 35,
  civilDeputy: 35,
  civilFull: 8,
  economistDeputy: 7,
  accountantDeputy: 8,
  itIntermediate: 7,
};
const FINANCE_MIX: TrackWeights = {
  financeDeputy: 40,
  economistDeputy: 20,
  economistFull: 5,
  hrDeputy: 10,
  accountantDeputy: 15,
  itDeputy: 10,
};
const GENERAL_MIX: TrackWeights = {
  economistDeputy: 15,
  economistFull: 4,
  hrDeputy: 8,
  financeDeputy: 5,
  accountantDeputy: 15,
  accountantFull: 3,
  civilIntermediate: 12,
  civilDeputy: 10,
  civilFull: 2,
  itIntermediate: 13,
  itDeputy: 13,
};

/**
 * The tracks the staff of `employer` apply for, guessed from its name: a hospital's applicants are mostly
 * doctors and nurses, a school's teachers; anything else gets engineers, economists and accountants.
 */
export function trackMixFor(employer: string): WeightedChoice<Track> {
  const mix = /医院|卫生|疾病预防|妇幼|中医|保健|卫健|急救/.test(employer)
    ? HOSPITAL_MIX
    : /小学|中学|学校|幼儿园|教育|教委|学院|大学/.test(employer)
      ? SCHOOL_MIX
      : /建设|建工|建筑|设计|交通|工程|市政|城投|路桥/.test(employer)
        ? CONSTRUCTION_MIX
        : /银行|金融|证券|保险|信托|担保|农商/.test(employer)
          ? FINANCE_MIX
          : GENERAL_MIX;
  return weighted(
    (Object.entries(mix) as [TrackKey, number][]).map(([key, weight]) => [TRACKS[key], weight] as const),
  );
}

/**
 * 转评 moves a title between series whose work overlaps (an 工程师 who now manages becomes an 经济师); 卫生
 * and 教育 titles rest on a practising licence, so nobody changes into or out of them that way.
 */
const TRANSFERABLE_SERIES: ReadonlySet<string> = new Set(['经济', '会计', '工程']);

/** The track whose title someone applying by 转评 for `track` holds now, or null if nobody can. */
export function transferSourceFor(rng: Random, track: Track): Track | null {
  if (!TRANSFERABLE_SERIES.has(track.series)) return null;
  const candidates = Object.values(TRACKS).filter(
    (other) =>
      other.level === track.level && other.series !== track.series && TRANSFERABLE_SERIES.has(other.series),
  );
  return candidates.length === 0 ? null : rng.pick(candidates);
}
