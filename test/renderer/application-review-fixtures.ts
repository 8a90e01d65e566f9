import type {
  AppApi,
  AppEvent,
  AppEventSource,
  ApplicationDetail,
  ApplicationListRow,
  ListApplicationsRequest,
  ListApplicationsResponse,
  ConnectionInfo,
  PrintedPdf,
  PrintPublicityRequest,
  PrintSettings,
  Result,
  SessionUser,
  SyncStatus,
} from '../../src-shared/contracts';
import { appError, type PDF_PRINT_OUTCOMES } from '../../src-shared/contracts';

type PdfPrintOutcome = (typeof PDF_PRINT_OUTCOMES)[number];

/** Data and doubles shared by the 职称申报审核 component tests. */

export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export const unitAdmin: SessionUser = {
  id: 'u-unit',
  account: 'unitadmin',
  name: '李娜',
  maskedMobile: '138****0001',
  maskedIdNumber: '5****************0',
  memberships: [{ unitId: 'unit-h', unitName: '重庆市示例人民医院', unitKind: 'unit', role: 'unitAdmin' }],
};

export const deptAdmin: SessionUser = {
  id: 'u-dept',
  account: 'deptadmin',
  name: '张伟',
  maskedMobile: '138****0002',
  maskedIdNumber: '5****************2',
  memberships: [
    { unitId: 'dept-health', unitName: '重庆市卫生健康委员会', unitKind: 'department', role: 'deptAdmin' },
  ],
};

export const FULL_ID = '360426199101010071';
export const MASKED_ID = '3****************1';

export function row(n: number, patch: Partial<ApplicationListRow> = {}): ApplicationListRow {
  return {
    id: `app-${n}`,
    applicationNo: `2026030${String(n).padStart(4, '0')}`,
    applicantName: `申报人${n}`,
    maskedIdNumber: MASKED_ID,
    qualification: '卫生/内科学/主任医师',
    applicationType: '正常晋升',
    unitName: '重庆市示例人民医院',
    state: 'unitReview',
    submittedAt: '2026-03-02T01:30:00.000Z',
    submitCount: 1,
    outboxStatus: null,
    publicity: null,
    ...patch,
  };
}

export const COUNTS: ListApplicationsResponse['counts'] = {
  draft: 0,
  unitReview: 12,
  unitReturned: 3,
  unitPublicity: 2,
  deptReview: 5,
  deptReturned: 1,
  committee: 4,
  withdrawn: 1,
};

/** listApplications that records every request and answers `total` rows, a page at a time. */
export function listDouble(
  options: {
    total?: number;
    rows?: (req: ListApplicationsRequest) => ApplicationListRow[];
    units?: ListApplicationsResponse['units'];
  } = {},
) {
  const requests: ListApplicationsRequest[] = [];
  const total = options.total ?? 3;
  const listApplications = async (
    req: ListApplicationsRequest,
  ): Promise<Result<ListApplicationsResponse>> => {
    requests.push(req);
    const page = req.page ?? 1;
    const size = req.pageSize ?? 20;
    const rows =
      options.rows?.(req) ??
      Array.from({ length: Math.max(0, Math.min(size, total - (page - 1) * size)) }, (_, i) =>
        row((page - 1) * size + i + 1),
      );
    return { ok: true, value: { rows, total, counts: COUNTS, units: options.units ?? [] } };
  };
  return { requests, listApplications };
}

export function syncStatus(patch: Partial<SyncStatus> = {}): SyncStatus {
  return {
    phase: 'idle',
    progress: null,
    error: null,
    lastSyncedAt: '2026-03-02T01:30:00.000Z',
    cachedCount: 30,
    ...patch,
  };
}

/** An event source the test drives: `emit` reaches every subscribed listener. */
export function fakeEvents() {
  const listeners = new Set<(event: AppEvent) => void>();
  const source: AppEventSource = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    source,
    listeners,
    emitStatus(payload: SyncStatus) {
      for (const listener of [...listeners]) listener({ name: 'syncStatus', payload });
    },
  };
}

export const detail: ApplicationDetail = {
  comments: [],
  previousContent: null,
  id: 'app-1',
  applicationNo: '20260300001',
  year: '2026',
  state: 'unitReview',
  version: 3,
  submitCount: 2,
  unitName: '重庆市示例人民医院',
  applicantName: '申报人1',
  submittedAt: '2026-03-02T01:30:00.000Z',
  updatedAt: '2026-03-02T01:30:00.000Z',
  publicity: null,
  content: {
    applicationInfo: {
      applicationNo: '20260300001',
      year: '2026',
      series: '卫生',
      specialty: '内科学',
      qualification: '主任医师',
      specialtyDirection: '心血管内科',
      applicationType: '正常晋升',
      reviewCommittee: '重庆市卫生高级评委会',
      committeeGroup: '内科',
    },
    basicInfo: {
      name: '申报人1',
      formerName: '',
      gender: '男',
      birthDate: '1991-01-01',
      ethnicity: '汉族',
      politicalStatus: '群众',
      idNumber: FULL_ID,
      mobile: '15012345655',
      workStartDate: '2013-07-01',
      employer: '重庆市示例人民医院',
      archiveLocation: '市人才交流中心',
      personnelCategory: '事业单位人员',
      archiveAgencyRecord: 'file-archive',
      insuranceRecord: 'file-insurance',
    },
    education: [
      {
        startMonth: '2008-09',
        endMonth: '2013-06',
        school: '重庆医科大学',
        major: '临床医学',
        educationLevel: '大学本科',
        degree: '学士',
        certificateNo: '106311201305000123',
      },
    ],
    workExperience: [
      {
        startMonth: '2013-07',
        endMonth: null,
        employer: '重庆市示例人民医院',
        position: '住院医师',
        referee: '',
      },
    ],
    currentTitle: {
      titleName: '副主任医师',
      obtainedDate: '2020-12-01',
      certificateNo: 'ZC2020',
      appointmentDate: '2021-01-01',
    },
    continuingEducation: [{ year: '2025', project: '心血管新进展', hours: 30, category: '专业课' }],
    annualAssessment: [{ year: '2025', result: '优秀' }],
    projects: [],
    papers: [
      {
        title: '高血压管理研究',
        journal: '中华内科杂志',
        serialNo: 'CN11-2138/R',
        publishedMonth: '2024-05',
        authorRank: 1,
      },
    ],
    books: [],
    awards: [],
    patents: [],
    integrityPledge: {
      text: '本人郑重承诺:所提交的材料真实。',
      pledgor: '申报人1',
      pledgeDate: '2026-03-01',
    },
    attachments: [{ name: '职称证书', category: '专业技术资格证书', file: 'file-cert' }],
  },
  attachments: [
    {
      fileId: 'file-archive',
      fileName: '存档查询.png',
      mimeType: 'image/png',
      size: 70,
      sha256: 'a',
      sectionKey: 'basicInfo',
      fieldKey: 'archiveAgencyRecord',
      rowIndex: null,
      cached: true,
    },
    {
      fileId: 'file-insurance',
      fileName: '参保记录.pdf',
      mimeType: 'application/pdf',
      size: 2048,
      sha256: 'b',
      sectionKey: 'basicInfo',
      fieldKey: 'insuranceRecord',
      rowIndex: null,
      cached: false,
    },
    {
      fileId: 'file-cert',
      fileName: '职称证书.png',
      mimeType: 'image/png',
      size: 70,
      sha256: 'c',
      sectionKey: 'attachments',
      fieldKey: 'file',
      rowIndex: 0,
      cached: true,
    },
  ],
  history: [
    {
      seq: 1,
      at: '2026-02-01T02:00:00.000Z',
      action: 'submit',
      fromState: 'draft',
      toState: 'unitReview',
      actorName: '申报人1',
      comment: null,
    },
    {
      seq: 2,
      at: '2026-02-10T02:00:00.000Z',
      action: 'unitReturn',
      fromState: 'unitReview',
      toState: 'unitReturned',
      actorName: '李娜',
      comment: '请补充继续教育学时',
    },
    {
      seq: 3,
      at: '2026-03-02T01:30:00.000Z',
      action: 'resubmit',
      fromState: 'unitReturned',
      toState: 'unitReview',
      actorName: '申报人1',
      comment: null,
    },
  ],
};

// --- 申请书审核 (the review dialog) ------------------------------------------------------------------------

type ReviewStateValue = Extract<Awaited<ReturnType<AppApi['getReviewState']>>, { ok: true }>['value'];
export type ReviewDecision = NonNullable<ReviewStateValue['decision']>;
type SaveDraftInput = Parameters<AppApi['saveCommentDraft']>[0];
type DecideInput = Parameters<AppApi['decide']>[0];
type ResolveInput = Parameters<AppApi['resolveConflict']>[0];

/** The details as the review dialog gets them, with `patch` (comments, the content at the return). */
export function reviewDetail(patch: Partial<ApplicationDetail> = {}): ApplicationDetail {
  return { ...detail, ...patch };
}

export function decision(patch: Partial<ReviewDecision> = {}): ReviewDecision {
  return {
    operationId: 'op-1',
    transitionId: 'unitReturn',
    status: 'pending',
    message: null,
    createdAt: '2026-03-03T02:00:00.000Z',
    ...patch,
  };
}

/**
 * The core's review methods over an in-memory draft table, recording every call. `save` can hold or fail a
 * save; the draft is stored only when it answers ok, as the core does.
 */
export function reviewDouble(
  options: {
    drafts?: ReviewStateValue['drafts'];
    decision?: ReviewDecision | null;
    save?: (input: SaveDraftInput) => Promise<Result<{ savedAt: string }>>;
    decide?: (input: DecideInput) => Result<ReviewDecision>;
    /** What printPublicity answers; a refusal by default (jsdom cannot show a PDF anyway). */
    print?: (input: PrintPublicityRequest) => Result<PrintedPdf>;
    /** The desktop shell: printPdf goes to the system print dialog and answers this outcome. */
    nativePrint?: PdfPrintOutcome;
  } = {},
) {
  const key = (t: SaveDraftInput['target']) => `${t.sectionKey}|${t.rowIndex ?? ''}|${t.fieldKey ?? ''}`;
  const drafts = new Map((options.drafts ?? []).map((d) => [key(d.target), d]));
  const calls = {
    saves: [] as SaveDraftInput[],
    states: [] as string[],
    decides: [] as DecideInput[],
    resolves: [] as ResolveInput[],
    prints: [] as PrintPublicityRequest[],
    printSettings: [] as PrintSettings[],
    nativePrints: [] as string[],
  };
  const state = { decision: options.decision ?? null };
  const current = (applicationId: string): ReviewStateValue => ({
    applicationId,
    drafts: [...drafts.values()],
    decision: state.decision,
  });
  let seconds = 0;
  const api = {
    saveCommentDraft: async (input: SaveDraftInput): Promise<Result<{ savedAt: string }>> => {
      calls.saves.push(input);
      const answer = options.save
        ? await options.save(input)
        : {
            ok: true as const,
            value: { savedAt: `2026-03-03T02:00:${String(seconds++ % 60).padStart(2, '0')}.000Z` },
          };
      if (!answer.ok) return answer;
      if (input.text === '') drafts.delete(key(input.target));
      else
        drafts.set(key(input.target), {
          target: input.target,
          text: input.text,
          updatedAt: answer.value.savedAt,
        });
      return answer;
    },
    getReviewState: async ({
      applicationId,
    }: {
      applicationId: string;
    }): Promise<Result<ReviewStateValue>> => {
      calls.states.push(applicationId);
      return { ok: true, value: current(applicationId) };
    },
    decide: async (input: DecideInput): Promise<Result<ReviewStateValue>> => {
      calls.decides.push(input);
      const made = options.decide?.(input) ?? {
        ok: true as const,
        value: decision({ transitionId: input.transitionId }),
      };
      if (!made.ok) return made;
      state.decision = made.value;
      return { ok: true, value: current(input.applicationId) };
    },
    resolveConflict: async (input: ResolveInput): Promise<Result<ReviewStateValue>> => {
      calls.resolves.push(input);
      if (input.action === 'reapply') state.decision = decision({ operationId: 'op-2', status: 'pending' });
      else state.decision = null;
      if (input.action === 'discard') drafts.clear();
      return { ok: true, value: current(input.applicationId) };
    },
    printPublicity: async (input: PrintPublicityRequest): Promise<Result<PrintedPdf>> => {
      calls.prints.push(input);
      return (
        options.print?.(input) ?? {
          ok: false,
          error: appError('BAD_REQUEST', '以下内容含有打印字体中没有的字,无法打印:申报人1的姓名中的“𠈌”'),
        }
      );
    },
    getPrintSettings: async (): Promise<Result<PrintSettings>> => ({
      ok: true,
      value: calls.printSettings.at(-1) ?? { supervisingPhone: '', publicityPlace: '' },
    }),
    getConnection: async (): Promise<Result<ConnectionInfo>> => ({
      ok: true,
      value: {
        serverUrl: 'http://127.0.0.1:1',
        mode: 'embedded',
        demo: true,
        reachable: true,
        nativePrint: options.nativePrint !== undefined,
      },
    }),
    printPdf: async (input: { fileName: string }): Promise<Result<{ outcome: PdfPrintOutcome }>> => {
      calls.nativePrints.push(input.fileName);
      return options.nativePrint
        ? { ok: true, value: { outcome: options.nativePrint } }
        : { ok: false, error: appError('BAD_REQUEST', '此窗口没有系统打印') };
    },
    savePrintSettings: async (input: PrintSettings): Promise<Result<PrintSettings>> => {
      calls.printSettings.push(input);
      return { ok: true, value: input };
    },
  } satisfies Partial<AppApi>;
  return { api, calls, drafts, state };
}

/** A promise the test settles: holds a call until the test says what it answers. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
