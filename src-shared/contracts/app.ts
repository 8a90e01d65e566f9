import { z } from './zod-chinese';
import { loginCredentialsSchema, sessionUserSchema } from './identity';
import { HTTP_ROUTES, type HttpRouteName } from './http';
import type { AppMethodName } from './app-method-names';
import type { Result } from './errors';
import {
  applicationDetailRequestSchema,
  applicationDetailSchema,
  cachedAttachmentRequestSchema,
  listApplicationsRequestSchema,
  listApplicationsResponseSchema,
  syncStatusSchema,
} from './review-list';
import {
  decideSchema,
  localDataSummarySchema,
  resolveConflictSchema,
  reviewStateSchema,
  saveCommentDraftSchema,
} from './review';
import { fileContentSchema } from './units';
import {
  printedPdfSchema,
  printPdfRequestSchema,
  printPdfResultSchema,
  printPublicityRequestSchema,
  printSettingsSchema,
} from './print';
import {
  appSettingsSchema,
  printerListSchema,
  serverConnectionResultSchema,
  serverConnectionTestSchema,
  settingsViewSchema,
} from './settings';
import { cachedHolidayTableSchema, holidayYearSchema } from './calendar';
import {
  exportApplicationsRequestSchema,
  exportedWorkbookSchema,
  exportPublicityListRequestSchema,
} from './export';
import { unitOverviewRequestSchema, unitOverviewSchema } from './unit-overview';
import { commentPhrasesSchema, saveCommentPhrasesSchema } from './comment-phrases';
import { diagnosticsZipSchema, rendererErrorReportSchema } from './diagnostics';

export { APP_METHOD_NAMES, type AppMethodName } from './app-method-names';

/**
 * The app API between the renderer and the core. The renderer sees it as `window.api` (Electron
 * preload) or the web host's client; both expose exactly these named methods, and both adapters
 * validate every call's input against these schemas before the core sees it.
 */

export const connectionSchema = z.object({
  serverUrl: z.string(),
  /** Server mode: the embedded server started with the client, or a central server's URL. */
  mode: z.enum(['embedded', 'remote']),
  demo: z.boolean(),
  reachable: z.boolean(),
  /** The desktop shell prints PDFs through the system print dialog; a browser prints the preview itself. */
  nativePrint: z.boolean(),
});
export type ConnectionInfo = z.infer<typeof connectionSchema>;

export const sessionStateSchema = z.object({
  user: sessionUserSchema.nullable(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

const noInput = z.undefined();

/**
 * A method that the core passes straight to the server route of the same name (the core adds the
 * session token where the route needs one): input and output are the route's own schemas.
 */
function forwarded<N extends HttpRouteName>(name: N) {
  const route = HTTP_ROUTES[name];
  const input = route.request instanceof z.ZodObject && Object.keys(route.request.shape).length === 0;
  return {
    input: (input ? noInput : route.request) as (typeof HTTP_ROUTES)[N]['request'] extends z.ZodObject<
      Record<string, never>
    >
      ? typeof noInput
      : (typeof HTTP_ROUTES)[N]['request'],
    output: route.response as (typeof HTTP_ROUTES)[N]['response'],
    forwardTo: name,
  };
}

export const APP_METHODS = {
  /** The current session, if the core holds a valid token. */
  getSession: { input: noInput, output: sessionStateSchema },
  login: { input: loginCredentialsSchema, output: sessionStateSchema },
  logout: { input: noInput, output: sessionStateSchema },
  getConnection: { input: noInput, output: connectionSchema },
  getCaptcha: forwarded('getCaptcha'),
  sendSmsCode: forwarded('sendSmsCode'),
  registerBasic: forwarded('registerBasic'),
  registerVerify: forwarded('registerVerify'),
  resetStart: forwarded('resetStart'),
  resetChooseMethod: forwarded('resetChooseMethod'),
  resetVerify: forwarded('resetVerify'),
  resetPassword: forwarded('resetPassword'),
  submitManualResetRequest: forwarded('submitManualResetRequest'),
  listManualResetRequests: forwarded('listManualResetRequests'),
  handleManualResetRequest: forwarded('handleManualResetRequest'),
  uploadLicence: forwarded('uploadLicence'),
  searchSuperiors: forwarded('searchSuperiors'),
  submitUnitRegistration: forwarded('submitUnitRegistration'),
  resubmitUnitRegistration: forwarded('resubmitUnitRegistration'),
  listMyUnitRegistrations: forwarded('listMyUnitRegistrations'),
  listSubordinateRegistrations: forwarded('listSubordinateRegistrations'),
  getUnitRegistration: forwarded('getUnitRegistration'),
  getRegistrationLicence: forwarded('getRegistrationLicence'),
  approveUnitRegistration: forwarded('approveUnitRegistration'),
  rejectUnitRegistration: forwarded('rejectUnitRegistration'),
  // 职称申报审核, answered from the local cache (works offline).
  listApplications: { input: listApplicationsRequestSchema, output: listApplicationsResponseSchema },
  /** The 单位中心's start page: what needs doing, counted in the cache (offline too). */
  getUnitOverview: { input: unitOverviewRequestSchema, output: unitOverviewSchema },
  getApplicationDetail: { input: applicationDetailRequestSchema, output: applicationDetailSchema },
  /** A scan of an application, from the cache (fetched and cached first when online and missing). */
  openAttachment: { input: cachedAttachmentRequestSchema, output: fileContentSchema },
  getSyncStatus: { input: noInput, output: syncStatusSchema },
  /** Starts a sync now (if none runs) and answers the status at once; progress arrives as events. */
  syncNow: { input: noInput, output: syncStatusSchema },
  // The review dialog (DESIGN.md "Sync", push), answered from the local cache and outbox: offline too.
  /** Stores one comment draft (an empty text deletes it); on disk when it answers, so the UI may say 已保存. */
  saveCommentDraft: { input: saveCommentDraftSchema, output: z.object({ savedAt: z.string() }) },
  /** The reviewer's drafts for an application and the decision on its way, if any. */
  getReviewState: {
    input: z.strictObject({ applicationId: z.string().min(1).max(64) }),
    output: reviewStateSchema,
  },
  /** Queues a decision with the current drafts as its comments and starts sending it; 待同步 until it lands. */
  decide: { input: decideSchema, output: reviewStateSchema },
  /** keep, reapply or discard a decision the server refused (conflict or rejected). */
  resolveConflict: { input: resolveConflictSchema, output: reviewStateSchema },
  // 公示表 (DESIGN.md "Printing"), drawn by the core from the cache: offline too.
  /** One PDF of the 公示表 of each application, or their 公示名单; refused, with the reason, before approval. */
  printPublicity: { input: printPublicityRequestSchema, output: printedPdfSchema },
  /** What the unit writes on every form (受理(监督)部门及电话, 公示地点), kept on this computer. */
  getPrintSettings: { input: noInput, output: printSettingsSchema },
  savePrintSettings: { input: printSettingsSchema, output: printSettingsSchema },
  /** The system print dialog for a PDF printPublicity made (ConnectionInfo.nativePrint). */
  printPdf: { input: printPdfRequestSchema, output: printPdfResultSchema },
  // 设置: this computer's settings, with an administrator's presets; signed out too (a wrong server address
  // must be correctable without logging in).
  getAppSettings: { input: noInput, output: settingsViewSchema },
  /** Refuses to change a preset field; a new server takes effect after a restart (restartNeeded). */
  saveAppSettings: { input: appSettingsSchema, output: settingsViewSchema },
  /** Whether a central server answers at this address (5 s at most), and whether it holds demo data. */
  testServerConnection: { input: serverConnectionTestSchema, output: serverConnectionResultSchema },
  /** The printers the system knows, for 默认打印机; empty where the host cannot list them (a browser). */
  listPrinters: { input: noInput, output: printerListSchema },
  // 节假日安排: the statutory calendar the publicity's working days are counted by.
  /** The holiday table as this client counts by it (synced, or the shipped notices before): offline too. */
  getHolidayTable: { input: noInput, output: cachedHolidayTableSchema },
  /** 职改办 only, online only: replaces one year's notice on the server, then in the cache. */
  saveHolidayYear: { input: holidayYearSchema, output: cachedHolidayTableSchema },
  // 常用意见: the reviewer's own phrases, from the cache (offline too); an edit is kept here and sent at sync.
  getCommentPhrases: { input: noInput, output: commentPhrasesSchema },
  /** Replaces the list in the cache (on disk when it answers) and starts sending it. */
  saveCommentPhrases: { input: saveCommentPhrasesSchema, output: commentPhrasesSchema },
  /** What clearing the local data would lose: unsent decisions and comment drafts. */
  getLocalDataSummary: { input: noInput, output: localDataSummarySchema },
  /** 退出并清除本地数据: logs out and deletes this user's cache on this computer. */
  logoutAndClearLocalData: { input: noInput, output: sessionStateSchema },
  // 导出Excel, built by the core from the cache (offline too); progress arrives as exportProgress events.
  /** The 职称申报审核 list as filtered and sorted, or the rows picked; full ID numbers only for reviewers. */
  exportApplications: { input: exportApplicationsRequestSchema, output: exportedWorkbookSchema },
  /** The 公示名单 of approved applications, as the print dialog shows it. */
  exportPublicityList: { input: exportPublicityListRequestSchema, output: exportedWorkbookSchema },
  // 诊断: what fails in a window reaches the log, and the log reaches the unit's IT staff.
  /** A window's error (a screen that threw, an uncaught error or rejection), written to the log scrubbed. */
  reportRendererError: { input: rendererErrorReportSchema, output: z.object({ recorded: z.boolean() }) },
  /** 导出诊断信息: the scrubbed log files and diagnostics.json (versions, OS, data folder sizes, settings). */
  exportDiagnostics: { input: noInput, output: diagnosticsZipSchema },
} as const satisfies Record<AppMethodName, { input: z.ZodType; output: z.ZodType }>;

/** The app methods that are plain forwards to a server route, with that route's name. */
export type ForwardedMethodName = {
  [M in AppMethodName]: (typeof APP_METHODS)[M] extends { forwardTo: HttpRouteName } ? M : never;
}[AppMethodName];

export type AppInput<M extends AppMethodName> = z.input<(typeof APP_METHODS)[M]['input']>;
export type AppOutput<M extends AppMethodName> = z.infer<(typeof APP_METHODS)[M]['output']>;

/** What the core implements: plain async methods that may throw an `AppFailure`. */
export type AppApiHandlers = {
  [M in AppMethodName]: (input: z.infer<(typeof APP_METHODS)[M]['input']>) => Promise<AppOutput<M>>;
};

/** What the renderer calls: every method answers a Result and never throws across the boundary. */
export type AppApi = {
  [M in AppMethodName]: AppInput<M> extends undefined
    ? () => Promise<Result<AppOutput<M>>>
    : (input: AppInput<M>) => Promise<Result<AppOutput<M>>>;
};

export function isAppMethodName(name: unknown): name is AppMethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(APP_METHODS, name);
}
