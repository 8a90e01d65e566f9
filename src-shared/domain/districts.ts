/**
 * Where a unit is (所在区县 in the unit registration form): the 38 district-level divisions of 重庆市
 * in GB/T 2260 (26 市辖区, 8 县, 4 自治县), then the two development zones many units give as their
 * place although they are not administrative divisions. ID numbers keep their historical region
 * codes, so this list is not used to validate them.
 */

export type DistrictKind = 'district' | 'county' | 'autonomousCounty' | 'zone';

export interface District {
  /**
   * What a registration stores (`districtCode` in the contracts, `units.district_code` on the
   * server): the GB/T 2260 code of a division, or a key of its own for a zone.
   */
  id: string;
  /** Six-digit administrative division code (GB/T 2260); null for a zone, which has none. */
  code: string | null;
  name: string;
  kind: DistrictKind;
}

const division = (code: string, name: string, kind: Exclude<DistrictKind, 'zone'>): District => ({
  id: code,
  code,
  name,
  kind,
});

// Zone keys are not six digits, so they can never be mistaken for, or collide with, a real code.
const zone = (id: string, name: string): District => ({ id, code: null, name, kind: 'zone' });

export const CHONGQING_DISTRICTS: readonly District[] = Object.freeze(
  [
    division('500101', '万州区', 'district'),
    division('500102', '涪陵区', 'district'),
    division('500103', '渝中区', 'district'),
    division('500104', '大渡口区', 'district'),
    division('500105', '江北区', 'district'),
    division('500106', '沙坪坝区', 'district'),
    division('500107', '九龙坡区', 'district'),
    division('500108', '南岸区', 'district'),
    division('500109', '北碚区', 'district'),
    division('500110', '綦江区', 'district'),
    division('500111', '大足区', 'district'),
    division('500112', '渝北区', 'district'),
    division('500113', '巴南区', 'district'),
    division('500114', '黔江区', 'district'),
    division('500115', '长寿区', 'district'),
    division('500116', '江津区', 'district'),
    division('500117', '合川区', 'district'),
    division('500118', '永川区', 'district'),
    division('500119', '南川区', 'district'),
    division('500120', '璧山区', 'district'),
    division('500151', '铜梁区', 'district'),
    division('500152', '潼南区', 'district'),
    division('500153', '荣昌区', 'district'),
    division('500154', '开州区', 'district'),
    division('500155', '梁平区', 'district'),
    division('500156', '武隆区', 'district'),
    division('500229', '城口县', 'county'),
    division('500230', '丰都县', 'county'),
    division('500231', '垫江县', 'county'),
    division('500233', '忠县', 'county'),
    division('500235', '云阳县', 'county'),
    division('500236', '奉节县', 'county'),
    division('500237', '巫山县', 'county'),
    division('500238', '巫溪县', 'county'),
    division('500240', '石柱土家族自治县', 'autonomousCounty'),
    division('500241', '秀山土家族苗族自治县', 'autonomousCounty'),
    division('500242', '酉阳土家族苗族自治县', 'autonomousCounty'),
    division('500243', '彭水苗族土家族自治县', 'autonomousCounty'),
    zone('zone-liangjiang', '两江新区'),
    zone('zone-gaoxin', '重庆高新区'),
  ].map((district) => Object.freeze(district)),
);

/**
 * Ids that earlier versions stored and older clients may still send, and what they mean now: 两江新区
 * used to carry the made-up code 500199 (migration 0008 rewrites stored ones).
 */
export const RETIRED_DISTRICT_IDS: ReadonlyMap<string, string> = new Map([['500199', 'zone-liangjiang']]);

const DISTRICTS_BY_ID: ReadonlyMap<string, District> = new Map(
  CHONGQING_DISTRICTS.map((district) => [district.id, district]),
);

/** The district or zone stored as `id`, or undefined. */
export function districtById(id: string): District | undefined {
  return DISTRICTS_BY_ID.get(id);
}

export function isChongqingDistrictId(id: string): boolean {
  return DISTRICTS_BY_ID.has(id);
}

/** A retired id replaced by the one that means the same place now; any other id unchanged. */
export function currentDistrictId(id: string): string {
  return RETIRED_DISTRICT_IDS.get(id) ?? id;
}

/**
 * Whether what someone types in 所在区县 picks out this district: a part of its name (北 finds 江北区,
 * 北碚区 and 渝北区) or the start of its code.
 */
export function districtMatches(district: District, typed: string): boolean {
  const query = typed.trim();
  if (query === '') return true;
  return district.name.includes(query) || (district.code?.startsWith(query) ?? false);
}
