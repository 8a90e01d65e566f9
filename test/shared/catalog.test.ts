import { describe, expect, it } from 'vitest';

import {
  APPLICATION_CATALOG,
  INTEGRITY_PLEDGE_TEXT,
  fieldByKey,
  sectionByKey,
} from '../../src-shared/domain/catalog';
import type { ApplicationContent, CatalogSection, FieldValues } from '../../src-shared/domain/catalog';
import { validateApplicationContent } from '../../src-shared/domain/catalog-validation';

const TODAY = new Date('2025-06-01T12:00:00+08:00');

/**
 * The labels a section shows: its fields' labels and the labels of field groups (e.g. 申请资格, 起止时间).
 */
function labelsOf(section: CatalogSection): string[] {
  return section.fields.flatMap((field) => (field.group ? [field.group, field.label] : [field.label]));
}

function sectionTitled(title: string): CatalogSection {
  const section = APPLICATION_CATALOG.find((s) => s.title === title);
  if (!section) throw new Error(`No section titled ${title}`);
  return section;
}

function optionsOf(title: string, label: string): readonly string[] | undefined {
  return sectionTitled(title).fields.find((field) => field.label === label)?.options;
}

/** An application with every section filled in, consistent with itself. */
function completeApplication(): ApplicationContent {
  return {
    applicationInfo: {
      applicationNo: '20211018Q5WY',
      year: '2025',
      series: '经济',
      specialty: '工商管理',
      qualification: '正高级经济师',
      specialtyDirection: '企业管理',
      applicationType: '正常晋升',
      reviewCommittee: '测试评委会',
      committeeGroup: '建设',
    },
    basicInfo: {
      name: '张小飞',
      formerName: '无',
      gender: '男',
      birthDate: '1983-06-04',
      ethnicity: '汉族',
      politicalStatus: '中共党员',
      idNumber: '500101198306040010',
      mobile: '15012345655',
      workStartDate: '2005-07-01',
      employer: '重庆市示例人民医院',
      archiveLocation: '市人才交流中心',
      personnelCategory: '私营企业及流动人员',
      archiveAgencyRecord: 'att-archive-1',
      insuranceRecord: 'att-insurance-1',
    },
    education: [
      {
        startMonth: '2001-09',
        endMonth: '2005-07',
        school: '重庆大学',
        major: '工商管理',
        educationLevel: '大学本科',
        degree: '学士',
        certificateNo: '106111200505001234',
      },
    ],
    workExperience: [
      {
        startMonth: '2005-07',
        endMonth: null,
        employer: '重庆市示例人民医院',
        position: '经济师',
        referee: '李四',
      },
    ],
    currentTitle: {
      titleName: '高级经济师',
      obtainedDate: '2015-12-30',
      certificateNo: 'CQ2015001',
      appointmentDate: '2016-01-01',
    },
    continuingEducation: [
      { year: '2024', project: '专业技术人员公需科目', hours: 24, category: '公需课' },
      { year: '2024', project: '医院经济管理', hours: 66.5, category: '专业课' },
    ],
    annualAssessment: [
      { year: '2023', result: '优秀' },
      { year: '2024', result: '合格' },
    ],
    projects: [
      {
        name: '医院成本核算体系建设',
        source: '市卫生健康委',
        level: '市厅级',
        role: '主持',
        startMonth: '2022-01',
        endMonth: '2023-12',
        summary: '建立科室成本核算体系。',
      },
    ],
    papers: [
      {
        title: '公立医院成本管理研究',
        journal: '中国卫生经济',
        serialNo: 'ISSN 1003-0743',
        publishedMonth: '2023-05',
        authorRank: 1,
      },
    ],
    books: [
      {
        title: '医院经济管理实务',
        publisher: '重庆大学出版社',
        isbn: '978-7-5689-0000-0',
        publishedMonth: '2022-08',
        role: '主编',
        wordsWritten: 12.5,
      },
    ],
    awards: [
      {
        name: '重庆市科学技术进步奖',
        grade: '三等奖',
        grantor: '重庆市人民政府',
        awardedMonth: '2023-12',
        rank: 2,
      },
    ],
    patents: [
      {
        name: '一种医疗耗材管理装置',
        patentType: '实用新型专利',
        patentNo: 'ZL202320000000.0',
        grantedDate: '2023-10-10',
        rank: 1,
      },
    ],
    integrityPledge: { text: INTEGRITY_PLEDGE_TEXT, pledgor: '张小飞', pledgeDate: '2025-05-20' },
    attachments: [{ name: '学位证书', category: '学历学位证书', file: 'att-degree-1' }],
  };
}

/** A complete application with one value of a single section replaced. */
function withValue(sectionKey: string, fieldKey: string, value: unknown): ApplicationContent {
  const content = completeApplication();
  const section = content[sectionKey] as FieldValues;
  (section as Record<string, unknown>)[fieldKey] = value;
  return content;
}

/** A complete application with one value of the first row of a row section replaced. */
function withRowValue(sectionKey: string, fieldKey: string, value: unknown): ApplicationContent {
  const content = completeApplication();
  const row = (content[sectionKey] as FieldValues[])[0] as Record<string, unknown>;
  row[fieldKey] = value;
  return content;
}

describe('APPLICATION_CATALOG', () => {
  // DOMAIN.md "The application (申报书)", section by section.
  it.each([
    [
      '申报信息',
      [
        '申请书编号',
        '年度',
        '申请资格',
        '系列',
        '专业',
        '资格',
        '申请资格专业方向',
        '申报类型',
        '评审委员会',
        '评委会专业组',
      ],
    ],
    [
      '基本信息',
      [
        ...['姓名', '曾用名', '性别', '出生日期', '民族', '政治面貌', '身份证号', '手机号', '参加工作时间'],
        ...['现工作单位', '档案所在地', '人员类别', '存档机构查询情况', '一年的参保记录'],
      ],
    ],
    ['教育经历', ['起止时间', '学校', '专业', '学历', '学位', '证书编号']],
    ['工作经历', ['起止时间', '工作单位', '职务/岗位', '证明人']],
    ['现任专业技术职务', ['资格名称', '取得时间', '证书编号', '聘任时间']],
    ['继续教育', ['项目', '学时', '类别']],
    ['年度考核', ['年度', '结果']],
    ['项目', ['项目名称']],
    ['论文', ['题目', '刊物名称', '发表时间', '本人排名']],
    ['著作', ['书名', '出版社']],
    ['获奖', ['奖项名称']],
    ['专利', ['专利名称', '专利号']],
    ['诚信承诺', ['承诺人', '承诺日期']],
    ['附件', ['名称', '类别']],
  ])('has the section %s with its fields', (title, labels) => {
    expect(labelsOf(sectionTitled(title))).toEqual(expect.arrayContaining(labels));
  });

  it('has the sections in the order of DOMAIN.md', () => {
    expect(APPLICATION_CATALOG.map((s) => s.title)).toEqual([
      ...['申报信息', '基本信息', '教育经历', '工作经历', '现任专业技术职务', '继续教育', '年度考核'],
      ...['项目', '论文', '著作', '获奖', '专利', '诚信承诺', '附件'],
    ]);
  });

  it('groups the five kinds of 业绩成果 as row sections', () => {
    const achievements = APPLICATION_CATALOG.filter((s) => s.group === '业绩成果');
    expect(achievements.map((s) => s.title)).toEqual(['项目', '论文', '著作', '获奖', '专利']);
    for (const section of achievements) expect(section.mode).toBe('rows');
  });

  it.each([
    ['教育经历', 'rows'],
    ['工作经历', 'rows'],
    ['继续教育', 'rows'],
    ['年度考核', 'rows'],
    ['附件', 'rows'],
    ['申报信息', 'single'],
    ['基本信息', 'single'],
    ['现任专业技术职务', 'single'],
    ['诚信承诺', 'single'],
  ])('shows %s as %s', (title, mode) => {
    expect(sectionTitled(title).mode).toBe(mode);
  });

  it('has the enum values of DOMAIN.md', () => {
    expect(optionsOf('申报信息', '申报类型')).toEqual(['正常晋升', '破格申报', '转评', '直接申报']);
    expect(optionsOf('继续教育', '类别')).toEqual(['公需课', '专业课']);
    expect(optionsOf('年度考核', '结果')).toEqual(['优秀', '合格', '基本合格', '不合格']);
    expect(optionsOf('基本信息', '性别')).toEqual(['男', '女']);
  });

  it('types the fields DOMAIN.md gives a meaning to', () => {
    expect(fieldByKey('basicInfo', 'idNumber')).toMatchObject({ type: 'idNumber', sensitive: 'idNumber' });
    expect(fieldByKey('basicInfo', 'mobile')).toMatchObject({ type: 'mobile', sensitive: 'mobile' });
    expect(fieldByKey('basicInfo', 'archiveAgencyRecord')).toMatchObject({ type: 'attachment' });
    expect(fieldByKey('basicInfo', 'insuranceRecord')).toMatchObject({ type: 'attachment' });
    expect(fieldByKey('continuingEducation', 'hours')).toMatchObject({ type: 'number' });
    expect(fieldByKey('attachments', 'file')).toMatchObject({ type: 'attachment', required: true });
    expect(fieldByKey('integrityPledge', 'text')).toMatchObject({ type: 'longText' });
  });

  it('has unique camelCase ASCII keys', () => {
    const keyShape = /^[a-z][A-Za-z0-9]*$/;
    const sectionKeys = APPLICATION_CATALOG.map((s) => s.key);
    expect(new Set(sectionKeys).size).toBe(sectionKeys.length);
    for (const section of APPLICATION_CATALOG) {
      expect(section.key).toMatch(keyShape);
      const fieldKeys = section.fields.map((f) => f.key);
      expect(new Set(fieldKeys).size, section.title).toBe(fieldKeys.length);
      for (const key of fieldKeys) expect(key).toMatch(keyShape);
      const labels = section.fields.map((f) => f.label);
      expect(new Set(labels).size, section.title).toBe(labels.length);
    }
  });

  it('puts options only on enums, masking only on ID numbers and phones, periods only on dates', () => {
    for (const section of APPLICATION_CATALOG) {
      for (const field of section.fields) {
        const where = `${section.title}/${field.label}`;
        expect(field.label, where).toMatch(/[\u4e00-\u9fff]|ISBN/);
        if (field.type === 'enum') expect(field.options?.length, where).toBeGreaterThan(1);
        else expect(field.options, where).toBeUndefined();
        if (field.sensitive) expect(field.type, where).toBe(field.sensitive);
      }
      if (section.period) {
        const start = section.fields.find((f) => f.key === section.period?.startKey);
        const end = section.fields.find((f) => f.key === section.period?.endKey);
        expect(start?.type).toBe(end?.type);
        expect(['date', 'yearMonth']).toContain(start?.type);
      }
      if (section.minRows !== undefined) expect(section.mode).toBe('rows');
    }
  });

  it('derives the comment placeholder from the title, as the manual shows it', () => {
    expect(sectionByKey('basicInfo')?.commentPlaceholder).toBe('可在这里填写基本信息的修改意见');
    for (const section of APPLICATION_CATALOG) {
      expect(section.commentPlaceholder).toBe(`可在这里填写${section.title}的修改意见`);
    }
  });

  it('looks sections and fields up by key', () => {
    expect(sectionByKey('education')?.title).toBe('教育经历');
    expect(sectionByKey('nope')).toBeUndefined();
    expect(fieldByKey('applicationInfo', 'applicationType')?.label).toBe('申报类型');
    expect(fieldByKey('applicationInfo', 'nope')).toBeUndefined();
    expect(fieldByKey('nope', 'name')).toBeUndefined();
  });

  it('cannot be changed', () => {
    expect(Object.isFrozen(APPLICATION_CATALOG)).toBe(true);
    expect(Object.isFrozen(APPLICATION_CATALOG[0]?.fields[0])).toBe(true);
    expect(Object.isFrozen(fieldByKey('applicationInfo', 'applicationType')?.options)).toBe(true);
  });
});

describe('validateApplicationContent', () => {
  it('accepts a complete application for submission', () => {
    expect(validateApplicationContent(completeApplication(), { forSubmit: true, today: TODAY })).toEqual([]);
  });

  it('accepts an empty draft, but not its submission', () => {
    expect(validateApplicationContent({}, { forSubmit: false, today: TODAY })).toEqual([]);
    const problems = validateApplicationContent({}, { forSubmit: true, today: TODAY });
    expect(problems).toContainEqual({ sectionKey: 'basicInfo', fieldKey: 'name', message: '请填写姓名' });
    expect(problems).toContainEqual({ sectionKey: 'basicInfo', fieldKey: 'gender', message: '请选择性别' });
    expect(problems).toContainEqual({ sectionKey: 'education', message: '请至少填写1条教育经历' });
    expect(problems).toContainEqual({ sectionKey: 'workExperience', message: '请至少填写1条工作经历' });
    // Optional fields are never reported missing.
    expect(problems.some((p) => p.fieldKey === 'formerName')).toBe(false);
    expect(problems.some((p) => p.sectionKey === 'currentTitle')).toBe(false);
  });

  it('reports a missing required field only for submission', () => {
    const content = withValue('basicInfo', 'name', '  ');
    expect(validateApplicationContent(content, { forSubmit: false, today: TODAY })).toEqual([]);
    expect(validateApplicationContent(content, { forSubmit: true, today: TODAY })).toEqual([
      { sectionKey: 'basicInfo', fieldKey: 'name', message: '请填写姓名' },
    ]);
  });

  it('reports a missing required field of a row with the row', () => {
    const content = withRowValue('attachments', 'file', null);
    expect(validateApplicationContent(content, { forSubmit: true, today: TODAY })).toEqual([
      { sectionKey: 'attachments', rowIndex: 0, fieldKey: 'file', message: '请上传文件' },
    ]);
  });

  it.each([
    [
      'a date that does not exist',
      withValue('basicInfo', 'workStartDate', '2023-02-30'),
      'basicInfo',
      'workStartDate',
      '参加工作时间应为有效日期(格式YYYY-MM-DD)',
    ],
    [
      'a date in another format',
      withValue('currentTitle', 'obtainedDate', '2015/12/30'),
      'currentTitle',
      'obtainedDate',
      '取得时间应为有效日期(格式YYYY-MM-DD)',
    ],
    [
      'month 13',
      withRowValue('papers', 'publishedMonth', '2023-13'),
      'papers',
      'publishedMonth',
      '发表时间应为有效年月(格式YYYY-MM)',
    ],
    [
      'a two-digit year',
      withValue('applicationInfo', 'year', '25'),
      'applicationInfo',
      'year',
      '年度应为四位年份(1900-2099)',
    ],
    [
      'a negative number',
      withRowValue('continuingEducation', 'hours', -1),
      'continuingEducation',
      'hours',
      '学时不能为负数',
    ],
    [
      'a number as text',
      withRowValue('continuingEducation', 'hours', '24'),
      'continuingEducation',
      'hours',
      '学时应为数字',
    ],
    ['NaN', withRowValue('awards', 'rank', Number.NaN), 'awards', 'rank', '本人排名应为数字'],
    [
      'a number for text',
      withValue('basicInfo', 'employer', 42),
      'basicInfo',
      'employer',
      '现工作单位应为文字',
    ],
    [
      'a value outside the options',
      withValue('applicationInfo', 'applicationType', '特别申报'),
      'applicationInfo',
      'applicationType',
      '申报类型只能选择:正常晋升、破格申报、转评、直接申报',
    ],
    [
      'a value outside a long list',
      withValue('basicInfo', 'ethnicity', '火星族'),
      'basicInfo',
      'ethnicity',
      '请从列表中选择民族',
    ],
    [
      'a wrong ID check character',
      withValue('basicInfo', 'idNumber', '500101198306040011'),
      'basicInfo',
      'idNumber',
      '身份证号码校验位错误,请核对最后一位',
    ],
    [
      'a wrong mobile number',
      withValue('basicInfo', 'mobile', '1501234565'),
      'basicInfo',
      'mobile',
      '请输入11位手机号码',
    ],
    [
      'text over maxLength',
      withValue('basicInfo', 'name', '张'.repeat(51)),
      'basicInfo',
      'name',
      '姓名不能超过50个字',
    ],
    [
      'a birth date that differs from the ID number',
      withValue('basicInfo', 'birthDate', '1983-06-05'),
      'basicInfo',
      'birthDate',
      '出生日期与身份证号码不一致',
    ],
    [
      'a gender that differs from the ID number',
      withValue('basicInfo', 'gender', '女'),
      'basicInfo',
      'gender',
      '性别与身份证号码不一致',
    ],
  ])('reports %s, also in a draft', (_name, content, sectionKey, fieldKey, message) => {
    for (const forSubmit of [false, true]) {
      const problems = validateApplicationContent(content, { forSubmit, today: TODAY });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ sectionKey, fieldKey, message });
    }
  });

  it('reports an end before the start of a period', () => {
    const content = withRowValue('education', 'endMonth', '2000-07');
    expect(validateApplicationContent(content, { forSubmit: false, today: TODAY })).toEqual([
      { sectionKey: 'education', rowIndex: 0, fieldKey: 'endMonth', message: '结束时间不能早于起始时间' },
    ]);
  });

  it('locates a problem in a later row', () => {
    const content = completeApplication();
    (content.annualAssessment as FieldValues[]).push({ year: '2025', result: '良好' });
    expect(validateApplicationContent(content, { forSubmit: false, today: TODAY })).toEqual([
      {
        sectionKey: 'annualAssessment',
        rowIndex: 2,
        fieldKey: 'result',
        message: '结果只能选择:优秀、合格、基本合格、不合格',
      },
    ]);
  });

  it('accepts a lower-case x and a +86 mobile number', () => {
    const content = withValue('basicInfo', 'mobile', '+86 150 1234 5655');
    const basicInfo = content.basicInfo as FieldValues;
    basicInfo.idNumber = '50010119900101123x';
    basicInfo.birthDate = '1990-01-01';
    expect(validateApplicationContent(content, { forSubmit: true, today: TODAY })).toEqual([]);
  });

  it('reports keys the catalog does not know', () => {
    const content: Record<string, unknown> = { ...completeApplication(), hobbies: {} };
    (content.basicInfo as Record<string, unknown>).nickname = '小飞';
    const problems = validateApplicationContent(content, { forSubmit: false, today: TODAY });
    expect(problems).toEqual([
      { sectionKey: 'hobbies', message: '申报书中没有“hobbies”这一部分' },
      { sectionKey: 'basicInfo', fieldKey: 'nickname', message: '基本信息中没有“nickname”这一项' },
    ]);
  });

  it('reports content of the wrong shape instead of throwing', () => {
    expect(validateApplicationContent(null, { forSubmit: false })).toEqual([
      { sectionKey: '', message: '申报书内容格式不正确' },
    ]);
    expect(validateApplicationContent([], { forSubmit: false })).toHaveLength(1);
    const content: Record<string, unknown> = {
      education: { school: '重庆大学' },
      basicInfo: [],
      papers: [42],
    };
    expect(validateApplicationContent(content, { forSubmit: false, today: TODAY })).toEqual([
      { sectionKey: 'basicInfo', message: '基本信息的内容格式不正确' },
      { sectionKey: 'education', message: '教育经历的内容格式不正确' },
      { sectionKey: 'papers', rowIndex: 0, message: '论文第1行格式不正确' },
    ]);
  });

  it('writes every message in Chinese', () => {
    const content = completeApplication();
    for (const section of APPLICATION_CATALOG) {
      if (section.mode === 'single') {
        for (const field of section.fields) (content[section.key] as Record<string, unknown>)[field.key] = {};
      }
    }
    const problems = validateApplicationContent(content, { forSubmit: true, today: TODAY });
    expect(problems.length).toBeGreaterThan(10);
    for (const problem of problems) expect(problem.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
