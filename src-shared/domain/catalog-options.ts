/** The value lists of the catalog's enum fields. */

export const APPLICATION_TYPES = ['正常晋升', '破格申报', '转评', '直接申报'] as const;

export const GENDERS = ['男', '女'] as const;

/** The 56 民族 of GB 3304, in its order, and 其他 for 外国血统中国籍人士 and unrecognised groups. */
export const ETHNIC_GROUPS = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
  '其他',
] as const;

/** 政治面貌 of GB/T 4762. */
export const POLITICAL_STATUSES = [
  '中共党员',
  '中共预备党员',
  '共青团员',
  '民革党员',
  '民盟盟员',
  '民建会员',
  '民进会员',
  '农工党党员',
  '致公党党员',
  '九三学社社员',
  '台盟盟员',
  '无党派人士',
  '群众',
] as const;

export const EDUCATION_LEVELS = [
  '博士研究生',
  '硕士研究生',
  '大学本科',
  '大学专科',
  '中等专科',
  '高中及以下',
] as const;

export const DEGREES = ['博士', '硕士', '学士', '无'] as const;

export const CONTINUING_EDUCATION_CATEGORIES = ['公需课', '专业课'] as const;

export const ASSESSMENT_RESULTS = ['优秀', '合格', '基本合格', '不合格'] as const;

export const PROJECT_LEVELS = ['国家级', '省部级', '市厅级', '其他'] as const;

export const PROJECT_ROLES = ['主持', '参与'] as const;

export const BOOK_ROLES = ['独著', '主编', '副主编', '参编'] as const;

export const PATENT_TYPES = ['发明专利', '实用新型专利', '外观设计专利'] as const;

export const ATTACHMENT_CATEGORIES = [
  '身份证明',
  '学历学位证书',
  '专业技术资格证书',
  '聘任证明',
  '业绩成果材料',
  '继续教育证明',
  '年度考核材料',
  '存档机构查询情况',
  '参保记录',
  '其他',
] as const;
