/**
 * The district-level divisions of 重庆市 for 所在区县 in the unit registration form, as of 2025-11: the 26
 * districts and 12 counties of GB/T 2260, less 江北区 (500105) and 渝北区 (500112), which were merged into
 * 两江新区. ID numbers keep their historical region codes, so this list is not used to validate them.
 */

export interface District {
  /** Six-digit administrative division code (GB/T 2260). */
  code: string;
  name: string;
}

/**
 * 两江新区 has no GB/T 2260 code yet. 500199 is a placeholder inside 重庆市's 5001xx block that no real
 * district uses; replace it (and migrate stored values) once an official code is published.
 */
export const LIANGJIANG_PLACEHOLDER_CODE = '500199';

export const CHONGQING_DISTRICTS: readonly District[] = Object.freeze(
  [
    { code: '500101', name: '万州区' },
    { code: '500102', name: '涪陵区' },
    { code: '500103', name: '渝中区' },
    { code: '500104', name: '大渡口区' },
    { code: '500106', name: '沙坪坝区' },
    { code: '500107', name: '九龙坡区' },
    { code: '500108', name: '南岸区' },
    { code: '500109', name: '北碚区' },
    { code: '500110', name: '綦江区' },
    { code: '500111', name: '大足区' },
    { code: '500113', name: '巴南区' },
    { code: '500114', name: '黔江区' },
    { code: '500115', name: '长寿区' },
    { code: '500116', name: '江津区' },
    { code: '500117', name: '合川区' },
    { code: '500118', name: '永川区' },
    { code: '500119', name: '南川区' },
    { code: '500120', name: '璧山区' },
    { code: '500151', name: '铜梁区' },
    { code: '500152', name: '潼南区' },
    { code: '500153', name: '荣昌区' },
    { code: '500154', name: '开州区' },
    { code: '500155', name: '梁平区' },
    { code: '500156', name: '武隆区' },
    { code: LIANGJIANG_PLACEHOLDER_CODE, name: '两江新区' },
    { code: '500229', name: '城口县' },
    { code: '500230', name: '丰都县' },
    { code: '500231', name: '垫江县' },
    { code: '500233', name: '忠县' },
    { code: '500235', name: '云阳县' },
    { code: '500236', name: '奉节县' },
    { code: '500237', name: '巫山县' },
    { code: '500238', name: '巫溪县' },
    { code: '500240', name: '石柱土家族自治县' },
    { code: '500241', name: '秀山土家族苗族自治县' },
    { code: '500242', name: '酉阳土家族苗族自治县' },
    { code: '500243', name: '彭水苗族土家族自治县' },
  ].map((district) => Object.freeze(district)),
);

const DISTRICTS_BY_CODE: ReadonlyMap<string, District> = new Map(
  CHONGQING_DISTRICTS.map((district) => [district.code, district]),
);

/** The district with this code, or undefined (also for the retired codes of 江北区 and 渝北区). */
export function districtByCode(code: string): District | undefined {
  return DISTRICTS_BY_CODE.get(code);
}

export function isChongqingDistrictCode(code: string): boolean {
  return DISTRICTS_BY_CODE.has(code);
}
