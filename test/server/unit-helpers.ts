import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../src-server/db/schema';
import { demoLicencePdf } from '../../src-server/demo/licence-pdf';
import { sessionUserSchema } from '../../src-shared/contracts/identity';
import {
  fileContentSchema,
  storedFileSchema,
  superiorDepartmentSchema,
  unitRegistrationSchema,
} from '../../src-shared/contracts/units';
import type { UnitRegistrationForm } from '../../src-shared/contracts/units';
import { creditCodeCheckChar } from '../../src-shared/domain/validation';
import { expectOk, getJson, postJson } from './helpers';

/** What the unit registration tests share: scans, forms and the routes of manual 3.1. */

export const registrationListSchema = z.object({ registrations: z.array(unitRegistrationSchema) });
export const superiorsSchema = z.object({ departments: z.array(superiorDepartmentSchema) });
export const meSchema = z.object({ user: sessionUserSchema });

/** Real, tiny files of each accepted type: a 1×1 PNG, a 1×1 JPEG and a one-page PDF. */
export const SCANS = {
  png: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
  // The well-known 134-byte 1×1 JPEG, with the EOI marker it leaves out (the server wants whole files).
  jpeg: Buffer.concat([
    Buffer.from(
      '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////' +
        '////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
      'base64',
    ),
    Buffer.from([0xff, 0xd9]),
  ]),
  pdf: demoLicencePdf('91500000MA5U7K3X2H'),
};

let creditSequence = 0;
/** A valid 统一社会信用代码 of a company (9 = 工商), different at every call in a test run. */
export function freshCreditCode(): string {
  creditSequence += 1;
  const first17 = `91500000MA${String(process.pid % 1000).padStart(3, '0')}${String(creditSequence).padStart(4, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

/** The id of a seeded unit, by name. */
export async function unitIdByName(db: Kysely<Database>, name: string): Promise<string> {
  const row = await db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return row.id;
}

/** The routes of manual 3.1 against one server. */
export function unitApi(baseUrl: string) {
  const registrations = `${baseUrl}/api/unit-registrations`;
  const at = (id: string, action = '') => `${registrations}/${encodeURIComponent(id)}${action}`;
  return {
    upload: (token: string, fileName: string, content: Uint8Array | string) =>
      postJson(
        `${baseUrl}/api/files/licence`,
        {
          fileName,
          contentBase64: typeof content === 'string' ? content : Buffer.from(content).toString('base64'),
        },
        token,
      ),
    /** Uploads a PDF scan and returns its file id. */
    async uploadScan(token: string): Promise<string> {
      const stored = await expectOk(await this.upload(token, '营业执照.pdf', SCANS.pdf), storedFileSchema);
      return stored.fileId;
    },
    superiors: (token: string, kind: string, query?: string) =>
      getJson(
        `${baseUrl}/api/units/superiors?kind=${kind}${query === undefined ? '' : `&query=${encodeURIComponent(query)}`}`,
        token,
      ),
    submit: (token: string, form: Record<string, unknown>) => postJson(registrations, form, token),
    resubmit: (token: string, id: string, form: Record<string, unknown>) =>
      postJson(at(id, '/resubmit'), form, token),
    mine: (token: string) => getJson(`${registrations}/mine`, token),
    review: (token: string, status?: string) =>
      getJson(`${registrations}/review${status === undefined ? '' : `?status=${status}`}`, token),
    get: (token: string, id: string) => getJson(at(id), token),
    licence: (token: string, id: string) => getJson(at(id, '/licence'), token),
    approve: (token: string, id: string) => postJson(at(id, '/approve'), {}, token),
    reject: (token: string, id: string, reason: string) => postJson(at(id, '/reject'), { reason }, token),
    me: (token: string) => getJson(`${baseUrl}/api/auth/me`, token),
  };
}
export type UnitApi = ReturnType<typeof unitApi>;

/** A complete, valid registration form of a company under `parentId`. */
export function registrationForm(
  parentId: string,
  licenceFileId: string,
  overrides: Partial<UnitRegistrationForm> = {},
): UnitRegistrationForm {
  return {
    name: '重庆市示例科技有限公司',
    creditCode: freshCreditCode(),
    kind: 'unit',
    nature: '民营企业',
    industry: '信息传输、软件和信息技术服务业',
    districtCode: '500106',
    parentId,
    address: '重庆市沙坪坝区示例路8号',
    leaderName: '周伟',
    contactPhone: '023-65001234',
    licenceFileId,
    ...overrides,
  };
}

export { fileContentSchema, storedFileSchema, unitRegistrationSchema };
