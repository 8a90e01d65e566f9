import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { Database } from '../../src-server/db/schema';
import { idNumberCheckChar } from '../../src-shared/domain/validation';
import type { FieldHints } from './zod-arbitrary';

/**
 * Plausible values for the contracts' fields by name: real ids from the demo data (so a broken field
 * sits beside ids that exist, and the request gets past "not found"), and values that pass the domain's
 * checks (an ID number with its checksum), which no schema walk can invent.
 */

export interface KnownIds {
  applicationIds: string[];
  unitIds: string[];
  fileIds: string[];
  creditCodes: string[];
  manualResetIds: string[];
}

/** A few ids of each kind from a demo database. */
export async function knownIds(db: Kysely<Database>): Promise<KnownIds> {
  const [applications, units, files, resets] = await Promise.all([
    db.selectFrom('applications').select('id').orderBy('id').limit(6).execute(),
    db.selectFrom('units').select(['id', 'credit_code']).orderBy('id').limit(8).execute(),
    db.selectFrom('files').select('id').orderBy('id').limit(4).execute(),
    db.selectFrom('manual_reset_requests').select('id').orderBy('id').limit(2).execute(),
  ]);
  return {
    applicationIds: applications.map((row) => row.id),
    unitIds: units.map((row) => row.id),
    fileIds: files.map((row) => row.id),
    creditCodes: units.flatMap((row) => (row.credit_code === null ? [] : [row.credit_code])),
    manualResetIds: resets.map((row) => row.id),
  };
}

function idNumber(birth: string, sequence: string): string {
  const first17 = `500103${birth}${sequence}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}

/** One of these, or a fresh UUID (an id nobody has). */
const oneOf = (values: readonly string[]): fc.Arbitrary<string> =>
  values.length === 0 ? fc.uuid() : fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 3 }, fc.uuid());

const opaque = fc.stringMatching(/^[0-9a-f]{32}$/);

/** Server URLs the core may be pointed at in a test: nothing outside this machine. */
export function contractHints(known: KnownIds, serverUrls: readonly string[] = []): FieldHints {
  const anyId = oneOf([...known.applicationIds, ...known.unitIds, ...known.fileIds, ...known.manualResetIds]);
  const mobile = fc.integer({ min: 0, max: 9999 }).map((n) => `1390023${String(n).padStart(4, '0')}`);
  return {
    id: anyId,
    applicationId: oneOf(known.applicationIds),
    applicationIds: fc.array(oneOf(known.applicationIds), { minLength: 1, maxLength: 3 }),
    unitId: oneOf(known.unitIds),
    parentId: oneOf(known.unitIds),
    fileId: oneOf(known.fileIds),
    licenceFileId: oneOf(known.fileIds),
    creditCode: known.creditCodes.length === 0 ? fc.string() : fc.constantFrom(...known.creditCodes),
    districtCode: fc.constantFrom('500103', '500112', '500000'),
    mobile,
    contactPhone: fc.oneof(mobile, fc.constant('023-63891234')),
    contact: mobile,
    idNumber: fc.constantFrom(idNumber('19900101', '123'), idNumber('19851231', '456')),
    password: fc.constantFrom('Fuzz@2026', 'Abc@12345'),
    confirmPassword: fc.constantFrom('Fuzz@2026', 'Abc@12345'),
    account: fc.stringMatching(/^fz[a-z0-9_]{4,10}$/),
    name: fc.constantFrom('张三', '欧阳娜娜', '重庆市测试单位'),
    leaderName: fc.constantFrom('张三', '李四'),
    identifier: fc.oneof(fc.stringMatching(/^fz[a-z0-9]{4,10}$/), mobile),
    captchaId: opaque,
    captchaAnswer: fc.stringMatching(/^[A-Za-z0-9]{4}$/),
    smsCode: fc.stringMatching(/^\d{6}$/),
    ticket: opaque,
    address: fc.constant('重庆市渝中区解放碑步行街1号'),
    reason: fc.constant('手机号码已停用,申请人工找回'),
    note: fc.constant('已电话核实本人身份'),
    fileName: fc.constantFrom('licence.pdf', '营业执照.pdf'),
    contentBase64: fc.constantFrom('JVBERi0xLjQKJeLjz9MK', ''),
    pdfBase64: fc.constant('JVBERi0xLjQKJeLjz9MK'),
    decidedAt: fc.constant('2026-12-04T08:00:00.000Z'),
    start: fc.constant('2026-12-01'),
    end: fc.constant('2026-12-08'),
    url: serverUrls.length === 0 ? fc.constant('http://127.0.0.1:9') : fc.constantFrom(...serverUrls),
  };
}
