import type { UnitRegistration, UnitRegistrationForm } from '../../../src-shared/contracts';
import type { Industry, UnitNature } from '../../../src-shared/domain/units';

/** A scan already on the server: its id goes with the form, its name is shown. */
export interface UploadedLicence {
  fileId: string;
  fileName: string;
}

/** The registration form as antd holds it; `licence` becomes the request's `licenceFileId`. */
export interface UnitFormValues {
  name: string;
  creditCode: string;
  kind: 'unit' | 'department';
  nature: UnitNature;
  industry: Industry;
  districtCode: string;
  parentId: string;
  address: string;
  leaderName: string;
  contactPhone: string;
  licence: UploadedLicence | null;
}

export const UNIT_FORM_FIELDS = [
  'name',
  'creditCode',
  'kind',
  'nature',
  'industry',
  'districtCode',
  'parentId',
  'address',
  'leaderName',
  'contactPhone',
  'licence',
] as const satisfies readonly (keyof UnitFormValues)[];

/** The server names the scan by its request field. */
export const UNIT_FORM_ALIASES: Readonly<Record<string, string>> = { licenceFileId: 'licence' };

export function toRequest(values: UnitFormValues): UnitRegistrationForm {
  const { licence, ...rest } = values;
  return { ...rest, licenceFileId: licence?.fileId ?? '' };
}

/**
 * A rejected registration back in the form, scan included, for 修改后重新提交. The server wrote these
 * values through the same schema, so the lists' types hold.
 */
export function valuesFromRegistration(r: UnitRegistration): UnitFormValues {
  return {
    name: r.name,
    creditCode: r.creditCode,
    kind: r.kind === 'unit' ? 'unit' : 'department',
    nature: r.nature as UnitNature,
    industry: r.industry as Industry,
    districtCode: r.districtCode,
    parentId: r.parentId,
    address: r.address,
    leaderName: r.leaderName,
    contactPhone: r.contactPhone,
    licence: { fileId: r.licence.fileId, fileName: r.licence.fileName },
  };
}
