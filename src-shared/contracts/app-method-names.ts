/**
 * The app API's method names, on their own without zod: the Electron preload is one small bundled
 * file that runs on every page load and needs only the names. `APP_METHODS` in app.ts must declare
 * exactly these (the compiler checks it).
 */
export const APP_METHOD_NAMES = [
  'getSession',
  'login',
  'logout',
  'getConnection',
  'getCaptcha',
  'sendSmsCode',
  'registerBasic',
  'registerVerify',
  'resetStart',
  'resetChooseMethod',
  'resetVerify',
  'resetPassword',
  'submitManualResetRequest',
  'listManualResetRequests',
  'handleManualResetRequest',
  'uploadLicence',
  'searchSuperiors',
  'submitUnitRegistration',
  'resubmitUnitRegistration',
  'listMyUnitRegistrations',
  'listSubordinateRegistrations',
  'getUnitRegistration',
  'getRegistrationLicence',
  'approveUnitRegistration',
  'rejectUnitRegistration',
  'listApplications',
  'getApplicationDetail',
  'openAttachment',
  'getSyncStatus',
  'syncNow',
  'saveCommentDraft',
  'getReviewState',
  'decide',
  'resolveConflict',
  'printPublicity',
  'getPrintSettings',
  'savePrintSettings',
  'printPdf',
  'getLocalDataSummary',
  'logoutAndClearLocalData',
] as const;

export type AppMethodName = (typeof APP_METHOD_NAMES)[number];
