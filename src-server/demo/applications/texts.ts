import type { Random } from './random';
import type { Domain } from './tracks';

/**
 * The words the demo achievements, trainings and review comments are made of. Titles are assembled from
 * parts so that 50,000 applications do not all cite the same five papers, and a share of them are long
 * (60-100 characters) because real titles are, and the 公示表 has to wrap them.
 */

interface DomainTexts {
  topics: readonly string[];
  aspects: readonly string[];
  methods: readonly string[];
  settings: readonly string[];
  journals: readonly string[];
  publishers: readonly string[];
  awards: readonly (readonly [name: string, grantor: string])[];
  inventions: readonly string[];
  trainings: readonly string[];
  /** Earlier employers in 工作经历. */
  employers: readonly string[];
  /** 项目来源 of projects at the municipal-commission (市厅级) level. */
  commission: string;
}

const HEALTH_SETTINGS = ['重庆地区三级甲等医院', '渝东北区县医院', '基层医疗卫生机构', '区域医疗中心'];

const DOMAIN_TEXTS: Readonly<Record<Domain, DomainTexts>> = {
  health: {
    topics: [
      '急性心肌梗死',
      '2型糖尿病',
      '慢性阻塞性肺疾病',
      '脓毒症',
      '老年髋部骨折',
      '结直肠癌',
      '妊娠期高血压疾病',
      '儿童支气管哮喘',
      '急性缺血性脑卒中',
      '肝硬化',
      '慢性肾脏病',
      '社区获得性肺炎',
      '甲状腺结节',
      '腰椎间盘突出症',
      '冠心病',
    ],
    aspects: [
      '早期预警模型构建',
      '危险因素分析',
      '规范化诊疗',
      '多学科协作诊疗',
      '围手术期管理',
      '预后影响因素',
      '微创治疗效果',
      '精准用药',
      '临床路径管理',
      '血清学标志物检测',
      '影像学特征分析',
    ],
    methods: [
      '机器学习',
      '真实世界数据',
      '倾向性评分匹配',
      '加速康复外科理念',
      '区域医疗联合体',
      '互联网医院平台',
    ],
    settings: HEALTH_SETTINGS,
    journals: [
      '中华医学杂志',
      '中华内科杂志',
      '中华外科杂志',
      '重庆医学',
      '重庆医科大学学报',
      '陆军军医大学学报',
      '中国全科医学',
      '中国现代医学杂志',
      '中国医院药学杂志',
      '检验医学与临床',
    ],
    publishers: ['人民卫生出版社', '科学出版社', '重庆大学出版社', '中国协和医科大学出版社'],
    awards: [
      ['重庆市科学技术进步奖', '重庆市人民政府'],
      ['重庆医学科技奖', '重庆市医学会'],
      ['中华医学科技奖', '中华医学会'],
      ['重庆市卫生健康适宜技术推广奖', '重庆市卫生健康委员会'],
    ],
    inventions: [
      '一种便携式心电监测装置',
      '一种骨科术后下肢固定支架',
      '一种可调节式输液架',
      '一种医用引流袋固定装置',
      '一种新生儿保温转运箱',
      '一种基于影像特征的病灶分割方法',
    ],
    trainings: [
      '国家级继续医学教育项目:心血管疾病诊疗新进展',
      '重庆市级继续医学教育项目:重症医学规范化诊疗培训班',
      '临床合理用药培训',
      '医疗质量与安全管理培训',
      '急危重症救治技能培训',
      '中华医学会年会学术交流',
    ],
    employers: [
      '重庆市第五人民医院',
      '重庆市万州区人民医院',
      '重庆大学附属涪陵医院',
      '重庆市綦江区人民医院',
      '重庆市璧山区人民医院',
      '重庆市永川区中医院',
      '重庆市渝北区人民医院',
    ],
    commission: '重庆市卫生健康委员会',
  },
  nursing: {
    topics: [
      '老年住院患者',
      'PICC置管患者',
      'ICU机械通气患者',
      '糖尿病足患者',
      '腹膜透析患者',
      '脑卒中偏瘫患者',
      '剖宫产产妇',
      '肿瘤化疗患者',
      '髋关节置换术后患者',
    ],
    aspects: [
      '跌倒风险管理',
      '压力性损伤预防',
      '延续性护理',
      '疼痛管理',
      '营养支持护理',
      '心理干预',
      '健康教育',
      '导管相关感染防控',
      '早期康复训练',
    ],
    methods: [
      '品管圈',
      '信息化护理管理系统',
      '医护一体化模式',
      '微信随访平台',
      '循证护理',
      '互联网+护理服务',
    ],
    settings: HEALTH_SETTINGS,
    journals: ['中华护理杂志', '护理研究', '护理学杂志', '中国实用护理杂志', '护理管理杂志', '重庆医学'],
    publishers: ['人民卫生出版社', '重庆大学出版社', '科学技术文献出版社'],
    awards: [
      ['重庆市护理学会科技奖', '重庆市护理学会'],
      ['中华护理学会科技奖', '中华护理学会'],
      ['重庆市卫生健康适宜技术推广奖', '重庆市卫生健康委员会'],
    ],
    inventions: [
      '一种防压疮翻身辅助垫',
      '一种静脉留置针固定贴',
      '一种护理用床边记录板',
      '一种多功能护理推车',
      '一种防误吸进食辅助装置',
    ],
    trainings: [
      '重庆市护理学会专科护士培训',
      '静脉治疗护理技术规范培训',
      '护理管理岗位培训',
      '医院感染预防与控制培训',
    ],
    employers: [
      '重庆市第五人民医院',
      '重庆市万州区人民医院',
      '重庆大学附属涪陵医院',
      '重庆市綦江区人民医院',
      '重庆市璧山区人民医院',
      '重庆市永川区中医院',
      '重庆市渝北区人民医院',
    ],
    commission: '重庆市卫生健康委员会',
  },
  business: {
    topics: [
      '国有企业',
      '制造业企业',
      '商业银行',
      '公立医院',
      '中小微企业',
      '物流企业',
      '建筑施工企业',
      '高新技术企业',
      '集团公司',
    ],
    aspects: [
      '全面预算管理',
      '成本控制',
      '内部控制体系建设',
      '绩效考核体系',
      '数字化转型',
      '风险防控',
      '供应链管理',
      '薪酬激励机制',
      '财务共享服务中心建设',
      '业财融合',
      '信贷风险管理',
    ],
    methods: ['平衡计分卡', '大数据分析', '作业成本法', '精益管理', 'ERP系统', '战略地图'],
    settings: ['成渝地区双城经济圈', '重庆市属国有企业', '西部陆海新通道沿线企业', '重庆两江新区'],
    journals: [
      '管理世界',
      '会计研究',
      '财务与会计',
      '财会通讯',
      '中国人力资源开发',
      '西南金融',
      '商业经济研究',
    ],
    publishers: ['经济科学出版社', '中国财政经济出版社', '西南财经大学出版社', '重庆大学出版社'],
    awards: [
      ['重庆市企业管理现代化创新成果奖', '重庆市企业联合会'],
      ['全国企业管理现代化创新成果奖', '中国企业联合会'],
      ['重庆市金融创新奖', '重庆市地方金融管理局'],
      ['重庆市优秀会计论文奖', '重庆市会计学会'],
    ],
    inventions: ['一种财务票据整理装置', '一种基于大数据的企业经营风险预警方法'],
    trainings: ['高级经济师专业能力提升培训', '企业财务管理实务', '管理会计实务专题', '新《公司法》解读'],
    employers: [
      '重庆银行股份有限公司',
      '重庆农村商业银行股份有限公司',
      '重庆百货大楼股份有限公司',
      '重庆港务物流集团有限公司',
      '重庆机电控股(集团)公司',
      '重庆市地产集团有限公司',
    ],
    commission: '重庆市国有资产监督管理委员会',
  },
  engineering: {
    topics: [
      '超高层建筑',
      '山地城市道路',
      '大跨度桥梁',
      '深基坑',
      '装配式混凝土建筑',
      '山岭隧道',
      '高边坡',
      '地下综合管廊',
      '老旧小区',
      '城市轨道交通车站',
    ],
    aspects: [
      '结构设计优化',
      '施工关键技术',
      '安全监测',
      '质量控制',
      '抗震性能分析',
      '变形控制',
      'BIM技术应用',
      '绿色施工',
      '病害整治',
      '加固改造',
    ],
    methods: ['BIM', '有限元分析', '智慧工地平台', '三维激光扫描', '物联网监测'],
    settings: ['重庆主城区', '渝东南山区', '两江新区', '长江沿线', '西部(重庆)科学城'],
    journals: [
      '土木工程学报',
      '建筑结构',
      '岩土工程学报',
      '施工技术',
      '重庆交通大学学报(自然科学版)',
      '公路',
    ],
    publishers: ['中国建筑工业出版社', '人民交通出版社', '重庆大学出版社'],
    awards: [
      ['重庆市优秀工程勘察设计奖', '重庆市勘察设计协会'],
      ['重庆市巴渝杯优质工程奖', '重庆市建筑业协会'],
      ['重庆市科学技术进步奖', '重庆市人民政府'],
      ['中国施工企业管理协会科学技术奖', '中国施工企业管理协会'],
    ],
    inventions: [
      '一种深基坑支护结构',
      '一种装配式楼板连接节点',
      '一种隧道衬砌裂缝监测装置',
      '一种高边坡锚固施工方法',
      '一种可周转的混凝土模板支撑体系',
    ],
    trainings: [
      '建筑工程新技术新规范培训',
      'BIM技术应用实务',
      '建设工程质量安全管理',
      '绿色建筑评价标准解读',
    ],
    employers: [
      '中建三局第一建设工程有限责任公司',
      '重庆建工第三建设有限责任公司',
      '重庆市市政设计研究院有限公司',
      '招商局重庆交通科研设计院有限公司',
      '中冶赛迪工程技术股份有限公司',
    ],
    commission: '重庆市住房和城乡建设委员会',
  },
  it: {
    topics: [
      '政务数据共享平台',
      '工业互联网平台',
      '5G专网',
      '智慧医院信息系统',
      '企业数据中台',
      '智能网联汽车',
      '电子病历系统',
      '网络安全态势感知平台',
    ],
    aspects: [
      '架构设计',
      '关键技术研究',
      '性能优化',
      '安全防护',
      '数据治理',
      '系统集成',
      '国产化适配',
      '运维自动化',
    ],
    methods: ['微服务', '深度学习', '边缘计算', '区块链', '知识图谱', '容器化部署'],
    settings: ['重庆两江新区', '西部(重庆)科学城', '成渝地区双城经济圈', '重庆市属国有企业'],
    journals: [
      '计算机工程与应用',
      '计算机科学',
      '通信学报',
      '电子学报',
      '软件学报',
      '重庆邮电大学学报(自然科学版)',
    ],
    publishers: ['人民邮电出版社', '电子工业出版社', '清华大学出版社', '重庆大学出版社'],
    awards: [
      ['重庆市科学技术进步奖', '重庆市人民政府'],
      ['重庆市优秀软件产品奖', '重庆市软件行业协会'],
      ['中国通信学会科学技术奖', '中国通信学会'],
    ],
    inventions: [
      '一种基于深度学习的视频目标检测方法',
      '一种分布式数据同步方法及系统',
      '一种网络异常流量识别方法',
      '一种车联网终端认证方法',
      '一种机房设备散热装置',
    ],
    trainings: ['网络安全等级保护2.0培训', '云原生技术实践', '人工智能应用开发', '信息系统项目管理'],
    employers: [
      '中国移动通信集团重庆有限公司',
      '重庆长安汽车股份有限公司',
      '重庆紫光华山智安科技有限公司',
      '中国电信股份有限公司重庆分公司',
      '重庆市大数据应用发展管理局信息中心',
    ],
    commission: '重庆市经济和信息化委员会',
  },
  education: {
    topics: ['课堂教学', '作业设计', '校本课程', '实验教学', '阅读教学', '综合实践活动'],
    aspects: [
      '大单元教学设计',
      '核心素养培养',
      '分层作业设计',
      '项目式学习',
      '跨学科主题学习',
      '课堂提问策略',
      '学业评价改革',
      '信息技术融合教学',
    ],
    methods: ['学习任务群', '思维导图', '智慧课堂', '情境教学', '问题链教学'],
    settings: ['重庆市普通高中', '城乡接合部学校', '区县初级中学', '重庆市主城区小学'],
    journals: [
      '课程·教材·教法',
      '中国教育学刊',
      '中小学管理',
      '基础教育课程',
      '语文建设',
      '中学数学教学参考',
    ],
    publishers: ['西南大学出版社', '重庆出版社', '高等教育出版社', '人民教育出版社'],
    awards: [
      ['重庆市教学成果奖', '重庆市人民政府'],
      ['重庆市优质课大赛', '重庆市教育科学研究院'],
      ['重庆市优秀教育科研成果奖', '重庆市教育委员会'],
    ],
    inventions: ['一种物理教学用演示装置', '一种多功能教学黑板', '一种化学实验废液收集装置'],
    trainings: [
      '"国培计划"中小学骨干教师培训',
      '新课程标准解读与教学实践',
      '中小学教师信息技术应用能力提升工程2.0',
      '班主任工作能力提升培训',
    ],
    employers: [
      '重庆市第一中学校',
      '重庆市巴蜀中学校',
      '重庆市南开中学校',
      '重庆市万州第二高级中学',
      '重庆市江津中学校',
      '重庆市人民小学校',
      '重庆市谢家湾小学校',
    ],
    commission: '重庆市教育委员会',
  },
};

export function textsOf(domain: Domain): DomainTexts {
  return DOMAIN_TEXTS[domain];
}

const STUDY_KINDS = ['临床研究', '实践研究', '应用研究', '对比分析', '实证研究'];
const LONG_TAILS = [
  '及其推广应用价值评价',
  '与长效运行机制探索',
  '及相关影响因素的多中心分析',
  '的体系构建与实施效果评价',
];

/**
 * A paper or project title; `subject` (a 专业方向) sometimes stands in for the topic so that titles match
 * the applicant. About one in five is long, 60-100 characters, the rest 10-40.
 */
export function researchTitle(rng: Random, texts: DomainTexts, subject: string | null): string {
  const topic = subject !== null && rng.chance(0.3) ? subject : rng.pick(texts.topics);
  const aspect = rng.pick(texts.aspects);
  if (rng.chance(0.2)) {
    const long =
      `基于${rng.pick(texts.methods)}的${rng.pick(texts.settings)}${topic}${aspect}${rng.pick(LONG_TAILS)}` +
      `——以${rng.pick(texts.settings)}${rng.pick(texts.topics)}${rng.pick(texts.aspects)}` +
      `${rng.pick(STUDY_KINDS)}为例`;
    const length = Array.from(long).length;
    if (length >= 60 && length <= 100) return long;
  }
  switch (rng.int(0, 3)) {
    case 0:
      return `${topic}${aspect}的${rng.pick(STUDY_KINDS)}`;
    case 1:
      return `基于${rng.pick(texts.methods)}的${topic}${aspect}研究`;
    case 2:
      return `${rng.pick(texts.settings)}${topic}${aspect}现状与对策`;
    default:
      return `${topic}${aspect}的实践与思考`;
  }
}

const PROBLEMS = [
  '标准不统一、流程不规范',
  '数据分散、共享不足',
  '效率偏低、成本偏高',
  '风险识别滞后',
  '基层能力薄弱',
];
const OUTCOMES = [
  '形成了可推广的技术规范和操作流程',
  '主要指标较实施前明显改善',
  '成果已在市内多家单位推广应用',
  '发表相关论文并获得行业奖励',
  '建立了相应的评价指标体系',
];
const DUTIES = [
  '总体方案设计和组织实施',
  '数据收集与统计分析',
  '关键技术攻关',
  '现场实施与效果评价',
  '研究报告撰写',
];

/** 主要内容 of a project: two or three sentences, 80-200 characters. */
export function projectSummary(rng: Random, texts: DomainTexts, name: string, leading: boolean): string {
  const parts = [
    `本项目针对${rng.pick(texts.settings)}在“${name}”方面${rng.pick(PROBLEMS)}等问题,`,
    `综合运用${rng.pick(texts.methods)}等方法开展研究与实践,${rng.pick(OUTCOMES)}。`,
    leading
      ? `本人作为项目负责人,主持${rng.pick(DUTIES)},并负责项目的统筹协调与结题验收。`
      : `本人作为主要参与人员,具体负责${rng.pick(DUTIES)}工作。`,
  ];
  if (rng.chance(0.4)) parts.push(`项目实施期间${rng.pick(OUTCOMES)},取得了良好的社会效益和经济效益。`);
  return parts.join('');
}

export const PUBLIC_COURSES = [
  '专业技术人员公需科目:数字经济与创新发展',
  '专业技术人员公需科目:人工智能技术与应用',
  '专业技术人员公需科目:职业道德与诚信建设',
  '专业技术人员公需科目:心理健康与压力管理',
  '专业技术人员公需科目:知识产权保护与运用',
  '专业技术人员公需科目:成渝地区双城经济圈建设',
];

export const ARCHIVE_AGENCIES = [
  '本单位人事部门',
  '重庆市人才交流服务中心',
  '重庆市职业介绍服务中心',
  '重庆市渝中区人才交流服务中心',
  '重庆市沙坪坝区人才交流服务中心',
  '重庆市九龙坡区人才交流服务中心',
  '重庆市南岸区人才交流服务中心',
];

/** What a reviewer writes when sending an application back, by the step that does it. */
export interface CommentContext {
  /** The application's 年度. */
  year: number;
  paperTitle: string | null;
  qualification: string;
}

type CommentTemplate = (c: CommentContext) => string;

const UNIT_RETURN: readonly CommentTemplate[] = [
  (c) => `继续教育学时不足,请补充${c.year - 1}年度公需课学时证明`,
  () => '现任专业技术职务取得时间与资格证书不一致,请核对后修改',
  (c) => `年度考核缺少${c.year - 2}年度结果,请补充后再提交`,
  (c) =>
    c.paperTitle === null
      ? '业绩成果未提供证明材料,请补充上传'
      : `论文《${c.paperTitle}》未上传刊物封面、目录及正文扫描件,请补充`,
  () => '一年的参保记录不完整,请重新上传近12个月的参保证明',
  () => '学历证书编号与学信网查询结果不一致,请核对后修改',
  () => '工作经历存在时间断档,请补充说明期间的工作情况',
  () => '项目“主要内容”过于简略,请补充本人在项目中承担的具体工作',
];
const PUBLICITY_OBJECTION: readonly CommentTemplate[] = [
  (c) =>
    c.paperTitle === null
      ? '公示期间收到实名反映,业绩成果本人排名与证明材料不符,请核实后重新提交'
      : `公示期间收到实名反映,论文《${c.paperTitle}》作者排名与刊物不符,请核实后重新提交`,
  (c) => `公示期间有反映其${c.year - 1}年度继续教育学时重复登记,请说明情况并补充证明材料`,
  () => '公示期间收到异议:任现职以来的工作年限计算有误,请核实后重新提交',
];
const DEPT_RETURN_TO_UNIT: readonly CommentTemplate[] = [
  () => '未附公示结果情况说明,请单位补充后重新上报',
  () => '单位推荐意见未加盖公章,请补充',
  () => '公示表公示时间填写有误,请核实后重新上报',
];
const DEPT_RETURN_TO_INDIVIDUAL: readonly CommentTemplate[] = [
  (c) => `申报资格“${c.qualification}”与现从事专业不一致,请申报人核实申报专业后重新提交`,
  () => '任现职以来年度考核材料缺失,请补充后重新提交',
  () => '业绩成果证明材料不清晰,请重新扫描上传',
];
const UNIT_RETURN_AFTER_DEPT: readonly CommentTemplate[] = [
  () => '按主管部门审核意见退回:请补充任现职以来的业绩成果证明材料',
  () => '按主管部门审核意见退回:请补充单位推荐意见所需的个人总结',
];
/** Optional remarks on the steps that move an application on. */
const APPROVALS = {
  unitApprove: ['经审核,材料真实完整,同意推荐', '同意推荐,请按要求张贴公示'],
  reportUp: ['公示期满无异议,同意上报', '公示无异议'],
  reportUpAgain: ['已按主管部门意见补充材料,重新上报'],
  deptApprove: ['审核通过,同意报送评委会', '同意推荐'],
} as const;

export type CommentedStep =
  | 'unitReturn'
  | 'publicityObjection'
  | 'deptReturnToUnit'
  | 'deptReturnToIndividual'
  | 'unitReturnAfterDeptReturn';

const COMMENTS: Readonly<Record<CommentedStep, readonly CommentTemplate[]>> = {
  unitReturn: UNIT_RETURN,
  publicityObjection: PUBLICITY_OBJECTION,
  deptReturnToUnit: DEPT_RETURN_TO_UNIT,
  deptReturnToIndividual: DEPT_RETURN_TO_INDIVIDUAL,
  unitReturnAfterDeptReturn: UNIT_RETURN_AFTER_DEPT,
};

export function returnComment(rng: Random, step: CommentedStep, context: CommentContext): string {
  return rng.pick(COMMENTS[step])(context);
}

export type ApprovingStep = keyof typeof APPROVALS;

export function approvalComment(rng: Random, step: ApprovingStep): string {
  return rng.pick(APPROVALS[step]);
}
