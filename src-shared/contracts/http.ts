import { z } from './zod-chinese';
import { appErrorSchema } from './errors';
import { loginCredentialsSchema, sessionUserSchema } from './identity';
import {
  captchaSchema,
  devOutboxSchema,
  handleManualResetRequestSchema,
  listManualResetRequestsSchema,
  manualResetReceiptSchema,
  manualResetRequestSchema,
  manualResetRequestViewSchema,
  registerBasicRequestSchema,
  registerBasicResponseSchema,
  registerVerifyRequestSchema,
  registerVerifyResponseSchema,
  resetChooseMethodRequestSchema,
  resetChooseMethodResponseSchema,
  resetPasswordRequestSchema,
  resetPasswordResponseSchema,
  resetStartRequestSchema,
  resetStartResponseSchema,
  resetVerifyRequestSchema,
  resetVerifyResponseSchema,
  sendSmsCodeRequestSchema,
  sendSmsCodeResponseSchema,
} from './accounts';
import {
  fileContentSchema,
  registrationIdSchema,
  rejectUnitRegistrationSchema,
  resubmitUnitRegistrationSchema,
  reviewListRequestSchema,
  searchSuperiorsRequestSchema,
  storedFileSchema,
  submitUnitRegistrationSchema,
  superiorDepartmentSchema,
  unitRegistrationSchema,
  uploadLicenceRequestSchema,
} from './units';
import {
  applicantActionSchema,
  applicantApplicationSchema,
  applicationAttachmentContentSchema,
  applicationAttachmentRequestSchema,
  applicationIdSchema,
  applicationRecordSchema,
  pullRequestSchema,
  pullResponseSchema,
  pullStreamLineSchema,
  pullStreamRequestSchema,
  saveApplicationDraftSchema,
} from './applications';
import { pushOperationsRequestSchema, pushOperationsResponseSchema } from './review';
import { holidayTableSchema, saveHolidayYearRequestSchema } from './calendar';
import {
  commentPhraseListStateSchema,
  saveCommentPhraseListRequestSchema,
  saveCommentPhraseListResponseSchema,
} from './comment-phrases';

/**
 * The HTTP API between the core and the platform server. Each route is declared once with its method,
 * path and schemas: the server validates requests with them, the core validates responses with them.
 * Later steps add routes here; the envelope (JSON bodies, `{ error }` on failure, bearer token) stays.
 */

export const httpErrorBodySchema = z.object({ error: appErrorSchema });
export type HttpErrorBody = z.infer<typeof httpErrorBodySchema>;

export const serverInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** True when the server runs with demo data; the UI marks it 演示数据. */
  demo: z.boolean(),
});
export type ServerInfo = z.infer<typeof serverInfoSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  user: sessionUserSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

const empty = z.object({}).strict();

export const HTTP_ROUTES = {
  serverInfo: {
    method: 'GET',
    path: '/api/info',
    auth: false,
    request: empty,
    response: serverInfoSchema,
  },
  login: {
    method: 'POST',
    path: '/api/auth/login',
    auth: false,
    request: loginCredentialsSchema,
    response: loginResponseSchema,
  },
  logout: {
    method: 'POST',
    path: '/api/auth/logout',
    auth: true,
    request: empty,
    response: z.object({ ok: z.literal(true) }),
  },
  me: {
    method: 'GET',
    path: '/api/auth/me',
    auth: true,
    request: empty,
    response: z.object({ user: sessionUserSchema }),
  },
  getCaptcha: {
    method: 'GET',
    path: '/api/captcha',
    auth: false,
    request: empty,
    response: captchaSchema,
  },
  sendSmsCode: {
    method: 'POST',
    path: '/api/sms/send',
    auth: false,
    request: sendSmsCodeRequestSchema,
    response: sendSmsCodeResponseSchema,
  },
  registerBasic: {
    method: 'POST',
    path: '/api/register/basic',
    auth: false,
    request: registerBasicRequestSchema,
    response: registerBasicResponseSchema,
  },
  registerVerify: {
    method: 'POST',
    path: '/api/register/verify',
    auth: false,
    request: registerVerifyRequestSchema,
    response: registerVerifyResponseSchema,
  },
  resetStart: {
    method: 'POST',
    path: '/api/reset/start',
    auth: false,
    request: resetStartRequestSchema,
    response: resetStartResponseSchema,
  },
  resetChooseMethod: {
    method: 'POST',
    path: '/api/reset/method',
    auth: false,
    request: resetChooseMethodRequestSchema,
    response: resetChooseMethodResponseSchema,
  },
  resetVerify: {
    method: 'POST',
    path: '/api/reset/verify',
    auth: false,
    request: resetVerifyRequestSchema,
    response: resetVerifyResponseSchema,
  },
  resetPassword: {
    method: 'POST',
    path: '/api/reset/password',
    auth: false,
    request: resetPasswordRequestSchema,
    response: resetPasswordResponseSchema,
  },
  submitManualResetRequest: {
    method: 'POST',
    path: '/api/reset/manual',
    auth: false,
    request: manualResetRequestSchema,
    response: manualResetReceiptSchema,
  },
  listManualResetRequests: {
    method: 'GET',
    path: '/api/admin/manual-reset-requests',
    auth: true,
    request: listManualResetRequestsSchema,
    response: z.object({ requests: z.array(manualResetRequestViewSchema) }),
  },
  handleManualResetRequest: {
    method: 'POST',
    path: '/api/admin/manual-reset-requests/:id/handle',
    auth: true,
    request: handleManualResetRequestSchema,
    response: z.object({ request: manualResetRequestViewSchema }),
  },
  uploadLicence: {
    method: 'POST',
    path: '/api/files/licence',
    auth: true,
    request: uploadLicenceRequestSchema,
    response: storedFileSchema,
  },
  searchSuperiors: {
    method: 'GET',
    path: '/api/units/superiors',
    auth: true,
    request: searchSuperiorsRequestSchema,
    response: z.object({ departments: z.array(superiorDepartmentSchema) }),
  },
  submitUnitRegistration: {
    method: 'POST',
    path: '/api/unit-registrations',
    auth: true,
    request: submitUnitRegistrationSchema,
    response: unitRegistrationSchema,
  },
  resubmitUnitRegistration: {
    method: 'POST',
    path: '/api/unit-registrations/:id/resubmit',
    auth: true,
    request: resubmitUnitRegistrationSchema,
    response: unitRegistrationSchema,
  },
  /** The caller's own registrations, whatever their status (the 职称 home shows them). */
  listMyUnitRegistrations: {
    method: 'GET',
    path: '/api/unit-registrations/mine',
    auth: true,
    request: empty,
    response: z.object({ registrations: z.array(unitRegistrationSchema) }),
  },
  /** 下级单位注册审核: registrations under a department (or the 职改办) the caller administers. */
  listSubordinateRegistrations: {
    method: 'GET',
    path: '/api/unit-registrations/review',
    auth: true,
    request: reviewListRequestSchema,
    response: z.object({ registrations: z.array(unitRegistrationSchema) }),
  },
  getUnitRegistration: {
    method: 'GET',
    path: '/api/unit-registrations/:id',
    auth: true,
    request: registrationIdSchema,
    response: unitRegistrationSchema,
  },
  getRegistrationLicence: {
    method: 'GET',
    path: '/api/unit-registrations/:id/licence',
    auth: true,
    request: registrationIdSchema,
    response: fileContentSchema,
  },
  approveUnitRegistration: {
    method: 'POST',
    path: '/api/unit-registrations/:id/approve',
    auth: true,
    request: registrationIdSchema,
    response: unitRegistrationSchema,
  },
  rejectUnitRegistration: {
    method: 'POST',
    path: '/api/unit-registrations/:id/reject',
    auth: true,
    request: rejectUnitRegistrationSchema,
    response: unitRegistrationSchema,
  },
  // 申报人: the applicant API (no desktop screens; used by the demo data, tests and other clients).
  saveApplicationDraft: {
    method: 'POST',
    path: '/api/applicant/applications',
    auth: true,
    request: saveApplicationDraftSchema,
    response: applicantApplicationSchema,
  },
  listMyApplications: {
    method: 'GET',
    path: '/api/applicant/applications',
    auth: true,
    request: empty,
    response: z.object({ applications: z.array(applicantApplicationSchema) }),
  },
  submitApplication: {
    method: 'POST',
    path: '/api/applicant/applications/:id/submit',
    auth: true,
    request: applicantActionSchema,
    response: applicantApplicationSchema,
  },
  resubmitApplication: {
    method: 'POST',
    path: '/api/applicant/applications/:id/resubmit',
    auth: true,
    request: applicantActionSchema,
    response: applicantApplicationSchema,
  },
  withdrawApplication: {
    method: 'POST',
    path: '/api/applicant/applications/:id/withdraw',
    auth: true,
    request: applicantActionSchema,
    response: applicantApplicationSchema,
  },
  // Reviewers: the sync API and what it refers to. The scope is always the caller's units, never a parameter.
  pullApplications: {
    method: 'GET',
    path: '/api/sync/applications',
    auth: true,
    request: pullRequestSchema,
    response: pullResponseSchema,
  },
  /** The same pull as NDJSON, several pages per answer; `response` is the schema of one line. */
  pullApplicationsStream: {
    method: 'GET',
    path: '/api/sync/applications/stream',
    auth: true,
    stream: true,
    request: pullStreamRequestSchema,
    response: pullStreamLineSchema,
  },
  getApplication: {
    method: 'GET',
    path: '/api/applications/:id',
    auth: true,
    request: applicationIdSchema,
    response: applicationRecordSchema,
  },
  getApplicationAttachment: {
    method: 'GET',
    path: '/api/applications/:id/attachments/:fileId',
    auth: true,
    request: applicationAttachmentRequestSchema,
    response: applicationAttachmentContentSchema,
  },
  /** Review decisions from the client's outbox; each applied once, a replay answered with the stored result. */
  pushOperations: {
    method: 'POST',
    path: '/api/sync/operations',
    auth: true,
    request: pushOperationsRequestSchema,
    response: pushOperationsResponseSchema,
  },
  // The statutory calendar (calendar.ts): every signed-in user reads it, only the 职改办 changes it.
  getHolidayTable: {
    method: 'GET',
    path: '/api/calendar/holidays',
    auth: true,
    request: empty,
    response: holidayTableSchema,
  },
  /** Replaces (or adds) one year's notice; answers the whole table as it is now. */
  saveHolidayYear: {
    method: 'PUT',
    path: '/api/admin/holidays/:year',
    auth: true,
    request: saveHolidayYearRequestSchema,
    response: holidayTableSchema,
  },
  // 常用意见 (comment-phrases.ts): the signed-in account's own list, nobody else's.
  getCommentPhraseList: {
    method: 'GET',
    path: '/api/comment-phrases',
    auth: true,
    request: empty,
    response: commentPhraseListStateSchema,
  },
  /** Replaces the list when baseVersion is the server's; otherwise answers the server's list as a conflict. */
  saveCommentPhraseList: {
    method: 'PUT',
    path: '/api/comment-phrases',
    auth: true,
    request: saveCommentPhraseListRequestSchema,
    response: saveCommentPhraseListResponseSchema,
  },
  devOutbox: {
    method: 'GET',
    path: '/api/dev/outbox',
    auth: false,
    request: empty,
    response: devOutboxSchema,
  },
} as const satisfies Record<string, HttpRoute>;

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `:name` segments are filled from the request field of that name (and not sent in the body). */
  path: string;
  /** Needs `Authorization: Bearer <token>`. */
  auth: boolean;
  /** The answer is NDJSON, one `response` per line (src-server/http/ndjson.ts), not one JSON body. */
  stream?: boolean;
  request: z.ZodType;
  response: z.ZodType;
}

export type HttpRouteName = keyof typeof HTTP_ROUTES;
export type HttpRequest<N extends HttpRouteName> = z.input<(typeof HTTP_ROUTES)[N]['request']>;
export type HttpResponse<N extends HttpRouteName> = z.infer<(typeof HTTP_ROUTES)[N]['response']>;
