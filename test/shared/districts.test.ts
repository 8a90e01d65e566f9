import { describe, expect, it } from 'vitest';

import {
  CHONGQING_DISTRICTS,
  LIANGJIANG_PLACEHOLDER_CODE,
  districtByCode,
  isChongqingDistrictCode,
} from '../../src-shared/domain/districts';

describe('CHONGQING_DISTRICTS', () => {
  it('has the 37 districts and counties of 重庆市 after 2025-11', () => {
    expect(CHONGQING_DISTRICTS).toHaveLength(37);
    expect(CHONGQING_DISTRICTS.filter((d) => d.name.endsWith('区'))).toHaveLength(25);
    expect(CHONGQING_DISTRICTS.filter((d) => d.name.endsWith('县'))).toHaveLength(12);
  });

  it('has unique six-digit codes in the 重庆市 block and unique names', () => {
    const codes = CHONGQING_DISTRICTS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^50[0-9]{4}$/);
    const names = CHONGQING_DISTRICTS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('no longer has 江北区 and 渝北区', () => {
    const names = CHONGQING_DISTRICTS.map((d) => d.name);
    expect(names).not.toContain('江北区');
    expect(names).not.toContain('渝北区');
    expect(districtByCode('500105')).toBeUndefined();
    expect(districtByCode('500112')).toBeUndefined();
    expect(isChongqingDistrictCode('500105')).toBe(false);
    expect(isChongqingDistrictCode('500112')).toBe(false);
  });

  it('has 两江新区 with the placeholder code', () => {
    expect(districtByCode(LIANGJIANG_PLACEHOLDER_CODE)).toEqual({ code: '500199', name: '两江新区' });
    expect(isChongqingDistrictCode('500199')).toBe(true);
  });

  it.each([
    ['500101', '万州区'],
    ['500103', '渝中区'],
    ['500156', '武隆区'],
    ['500243', '彭水苗族土家族自治县'],
  ])('finds %s as %s', (code, name) => {
    expect(districtByCode(code)?.name).toBe(name);
  });

  it('knows no code outside the list', () => {
    expect(isChongqingDistrictCode('510104')).toBe(false);
    expect(isChongqingDistrictCode('')).toBe(false);
  });

  it('cannot be changed', () => {
    expect(Object.isFrozen(CHONGQING_DISTRICTS)).toBe(true);
    expect(Object.isFrozen(CHONGQING_DISTRICTS[0])).toBe(true);
  });
});
