/** The domain shared by server, core and renderer: pure TypeScript, no platform imports. */

export { WorkingCalendar, chinaDateOf, isExistingDate, isIsoDate, isWeekend, yearOf } from './calendar';
export type { Holiday, HolidayYear } from './calendar';
export { SHIPPED_CALENDAR, SHIPPED_HOLIDAY_YEARS } from './holiday-years';
export { APPLICATION_CATALOG, INTEGRITY_PLEDGE_TEXT, fieldByKey, sectionByKey } from './catalog';
export type {
  ApplicationContent,
  CatalogField,
  CatalogSection,
  ContentProblem,
  FieldType,
  FieldValue,
  FieldValues,
} from './catalog';
export * from './catalog-options';
export { validateApplicationContent } from './catalog-validation';
export type { ContentValidationOptions } from './catalog-validation';
export {
  CHONGQING_DISTRICTS,
  RETIRED_DISTRICT_IDS,
  currentDistrictId,
  districtById,
  districtMatches,
  isChongqingDistrictId,
} from './districts';
export type { District, DistrictKind } from './districts';
export { maskIdNumber, maskMobile, maskName } from './masking';
export { ROLES, ROLE_LABELS, UNIT_KINDS, UNIT_KIND_LABELS, roleForUnitKind } from './roles';
export type { Role, UnitKind } from './roles';
export {
  checkAccount,
  checkCreditCode,
  checkIdNumber,
  checkMobile,
  checkPassword,
  checkPasswordConfirmation,
  checkPhoneOrLandline,
  birthDateFromIdNumber,
  classifyLoginIdentifier,
  creditCodeCheckChar,
  genderFromIdNumber,
  idNumberCheckChar,
  isValidAccount,
  isValidCreditCode,
  isValidIdNumber,
  isValidMobile,
  isValidPassword,
  normalizeIdNumber,
  normalizeMobile,
} from './validation';
export type { FieldCheck, LoginIdentifierKind } from './validation';
export {
  APPLICATION_STATES,
  MIN_PUBLICITY_WORKING_DAYS,
  RETURN_TARGET_LABELS,
  STATE_LABELS,
  TRANSITIONS,
  allowedTransitions,
  applyTransition,
  MISSING_PUBLICITY_PERIOD,
  earliestPublicityEnd,
  publicityEndOf,
  publicityPeriodProblem,
  transitionById,
} from './workflow';
export type {
  ApplicationState,
  PublicityPeriod,
  ReturnTarget,
  Transition,
  TransitionContext,
  TransitionGuard,
  TransitionId,
  TransitionResult,
  WorkflowSnapshot,
} from './workflow';
