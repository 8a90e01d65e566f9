import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src-server/db/schema';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { compareUnitNames } from '../../src-shared/domain/pinyin-key';
import { describeEachDatabase } from './databases';
import { expectOk, insertUser, login, testConfig } from './helpers';
import { meSchema, superiorsSchema, unitApi, unitIdByName } from './unit-helpers';

/**
 * Unit names in pinyin on the server (issue 16, part 5): the 上级主管部门 pick list and the units in
 * the signed-in person's session, ordered as the client's list orders 所在单位, on both databases,
 * whose own orders are by code point (长 U+957F after 重 U+91CD, though cháng comes before chóng).
 */

/** Districts' 人社局 in pinyin order, which code-point order scatters (巴 U+5DF4 comes after 北 U+5317). */
const DISTRICTS = [
  '巴南区',
  '北碚区',
  '璧山区',
  '长寿区', // cháng, before chéng; ICU's zh collation reads zhǎng
  '城口县',
  '重庆市', // chóng (ICU: zhòng)
  '大足区',
  '垫江县',
  '丰都县',
  '奉节县',
  '涪陵区',
  '合川区',
  '江北区',
  '江津区',
  '开州区',
  '梁平区',
  '南岸区',
  '南川区',
  '彭水县',
  '綦江区',
  '黔江区',
  '荣昌区',
  '石柱县',
  '潼南区', // tóng 潼 before tóng 铜: homophones by character
  '铜梁区',
  '万州区',
  '巫山县',
  '秀山县',
  '永川区',
  '渝北区',
  '云阳县',
  '忠县',
];
const SUFFIX = '人力资源和社会保障局';

async function insertDepartment(db: Kysely<Database>, name: string, n: number): Promise<string> {
  const id = randomUUID();
  const at = '2026-03-01T00:00:00.000Z';
  await db
    .insertInto('units')
    .values({
      id,
      kind: 'department',
      name,
      credit_code: `11500000MB${String(n).padStart(7, '0')}X`,
      parent_id: await unitIdByName(db, '重庆市职称改革办公室'),
      status: 'approved',
      created_at: at,
      updated_at: at,
      nature: null,
      industry: null,
      district_code: null,
      address: null,
      leader_name: null,
      contact_name: null,
      contact_phone: null,
      licence_file_id: null,
      registered_by: null,
    })
    .execute();
  return id;
}

describeEachDatabase('unit names in pinyin order', (fresh) => {
  let server: RunningServer;
  let token: string;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh()));
    const db = server.platform.db;
    // Inserted in code-point order, the order the database would answer in.
    const names = DISTRICTS.map((district) => `${district}${SUFFIX}`);
    const byCodePoint = [...names].sort();
    for (const [n, name] of byCodePoint.entries()) ids.set(name, await insertDepartment(db, name, n));
    const userId = await insertUser(db, { account: 'many_units', password: 'Many@2026', name: '宋多' });
    await db
      .insertInto('unit_admins')
      .values(
        byCodePoint.map((name) => ({
          user_id: userId,
          unit_id: ids.get(name) ?? '',
          created_at: '2026-03-01T00:00:00.000Z',
        })),
      )
      .execute();
    token = await login(server.url, 'many_units', 'Many@2026');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the pick list of superiors: the first twenty matches in pinyin, not the first twenty by code point', async () => {
    const api = unitApi(server.url);
    const found = await expectOk(await api.superiors(token, 'unit', SUFFIX), superiorsSchema);
    const expected = DISTRICTS.slice(0, 20).map((district) => `${district}${SUFFIX}`);
    expect(found.departments.map((d) => d.name)).toEqual(expected);
    // The test's own order is the shared comparator's, and not the code points'.
    expect([...expected].sort(compareUnitNames)).toEqual(expected);
    expect([...expected].sort()).not.toEqual(expected);
  });

  it('the 职改办 stays first for a department, the departments after it in pinyin', async () => {
    const api = unitApi(server.url);
    const found = await expectOk(await api.superiors(token, 'department'), superiorsSchema);
    const names = found.departments.map((d) => d.name);
    expect(names[0]).toBe('重庆市职称改革办公室');
    expect(names.slice(1)).toEqual([...names.slice(1)].sort(compareUnitNames));
    expect(names).toContain(`长寿区${SUFFIX}`);
  });

  it("the session's units in pinyin", async () => {
    const api = unitApi(server.url);
    const me = await expectOk(await api.me(token), meSchema);
    expect(me.user.memberships.map((m) => m.unitName)).toEqual(
      DISTRICTS.map((district) => `${district}${SUFFIX}`),
    );
  });
});
