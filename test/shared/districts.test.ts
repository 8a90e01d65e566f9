import { describe, expect, it } from 'vitest';

import {
  CHONGQING_DISTRICTS,
  currentDistrictId,
  districtById,
  districtMatches,
  isChongqingDistrictId,
} from '../../src-shared/domain/districts';
import { unitRegistrationFormSchema } from '../../src-shared/contracts/units';

/** GB/T 2260 as published for 重庆市: 26 市辖区, 8 县, 4 自治县. */
const GB_T_2260: ReadonlyArray<readonly [code: string, name: string]> = [
  ['500101', '万州区'],
  ['500102', '涪陵区'],
  ['500103', '渝中区'],
  ['500104', '大渡口区'],
  ['500105', '江北区'],
  ['500106', '沙坪坝区'],
  ['500107', '九龙坡区'],
  ['500108', '南岸区'],
  ['500109', '北碚区'],
  ['500110', '綦江区'],
  ['500111', '大足区'],
  ['500112', '渝北区'],
  ['500113', '巴南区'],
  ['500114', '黔江区'],
  ['500115', '长寿区'],
  ['500116', '江津区'],
  ['500117', '合川区'],
  ['500118', '永川区'],
  ['500119', '南川区'],
  ['500120', '璧山区'],
  ['500151', '铜梁区'],
  ['500152', '潼南区'],
  ['500153', '荣昌区'],
  ['500154', '开州区'],
  ['500155', '梁平区'],
  ['500156', '武隆区'],
  ['500229', '城口县'],
  ['500230', '丰都县'],
  ['500231', '垫江县'],
  ['500233', '忠县'],
  ['500235', '云阳县'],
  ['500236', '奉节县'],
  ['500237', '巫山县'],
  ['500238', '巫溪县'],
  ['500240', '石柱土家族自治县'],
  ['500241', '秀山土家族苗族自治县'],
  ['500242', '酉阳土家族苗族自治县'],
  ['500243', '彭水苗族土家族自治县'],
];

const named = (typed: string) =>
  CHONGQING_DISTRICTS.filter((district) => districtMatches(district, typed)).map((d) => d.name);

describe('CHONGQING_DISTRICTS', () => {
  it("has 重庆市's 38 district-level divisions and two development zones", () => {
    expect(CHONGQING_DISTRICTS).toHaveLength(38 + 2);
    const kinds = (kind: string) => CHONGQING_DISTRICTS.filter((d) => d.kind === kind).length;
    expect([kinds('district'), kinds('county'), kinds('autonomousCounty'), kinds('zone')]).toEqual([
      26, 8, 4, 2,
    ]);
  });

  it('gives every division its GB/T 2260 code, in the order of the standard', () => {
    const divisions = CHONGQING_DISTRICTS.filter((d) => d.kind !== 'zone');
    expect(divisions.map((d) => [d.code, d.name])).toEqual(GB_T_2260);
    for (const division of divisions) expect(division.id).toBe(division.code);
  });

  it('marks 两江新区 and 重庆高新区 as zones without a code, stored by keys no code can be', () => {
    const zones = CHONGQING_DISTRICTS.filter((d) => d.kind === 'zone');
    expect(zones.map((d) => [d.name, d.code])).toEqual([
      ['两江新区', null],
      ['重庆高新区', null],
    ]);
    for (const zone of zones) expect(zone.id).not.toMatch(/^[0-9]+$/);
  });

  it('has unique ids and names', () => {
    expect(new Set(CHONGQING_DISTRICTS.map((d) => d.id)).size).toBe(40);
    expect(new Set(CHONGQING_DISTRICTS.map((d) => d.name)).size).toBe(40);
  });

  it('finds a district by what is typed: 江北 is 江北区, 北 is every name with 北', () => {
    expect(named('江北')).toEqual(['江北区']);
    expect(named('北')).toEqual(['江北区', '北碚区', '渝北区']);
    expect(named(' 渝北 ')).toEqual(['渝北区']);
    expect(named('50011')).toEqual([
      '綦江区',
      '大足区',
      '渝北区',
      '巴南区',
      '黔江区',
      '长寿区',
      '江津区',
      '合川区',
      '永川区',
      '南川区',
    ]);
    expect(named('新区')).toEqual(['两江新区', '重庆高新区']);
    expect(named('')).toHaveLength(40);
  });

  it.each([
    ['500105', '江北区'],
    ['500112', '渝北区'],
    ['500243', '彭水苗族土家族自治县'],
    ['zone-liangjiang', '两江新区'],
  ])('finds %s as %s', (id, name) => {
    expect(districtById(id)?.name).toBe(name);
    expect(isChongqingDistrictId(id)).toBe(true);
  });

  it('knows no id outside the list, nor the retired made-up code of 两江新区', () => {
    for (const id of ['510104', '500000', '500199', '']) expect(isChongqingDistrictId(id)).toBe(false);
  });

  it('takes the retired code of 两江新区, which older clients send, as 两江新区', () => {
    expect(currentDistrictId('500199')).toBe('zone-liangjiang');
    expect(currentDistrictId('500105')).toBe('500105');
    expect(unitRegistrationFormSchema.shape.districtCode.parse('500199')).toBe('zone-liangjiang');
    expect(unitRegistrationFormSchema.shape.districtCode.safeParse('500000').success).toBe(false);
  });

  it('cannot be changed', () => {
    expect(Object.isFrozen(CHONGQING_DISTRICTS)).toBe(true);
    expect(Object.isFrozen(CHONGQING_DISTRICTS[0])).toBe(true);
  });
});
