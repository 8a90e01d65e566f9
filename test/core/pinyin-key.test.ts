import { describe, expect, it } from 'vitest';
import {
  personNameSearchTerms,
  personNameSortKey,
  unitNameSortKey,
} from '../../src-shared/domain/pinyin-key';

/** Sorted as SQLite's BINARY collation compares the key column: by code unit (ASCII keys here). */
function byKey(names: readonly string[], key: (name: string) => string = personNameSortKey): string[] {
  return [...names].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

describe('the pinyin sort key of a name', () => {
  it('orders names by pinyin, not by code point', () => {
    // Code point order would be 吴 (5434) 张 (5F20) 李 (674E) 王 (738B) 赵 (8D75) 陈 (9648).
    expect(byKey(['张伟', '王芳', '李娜', '陈静', '赵强', '吴雪'])).toEqual([
      '陈静',
      '李娜',
      '王芳',
      '吴雪',
      '张伟',
      '赵强',
    ]);
  });

  it('compares character by character, as a dictionary does', () => {
    // li < lin at the first character, however the second one reads.
    expect(byKey(['林一', '李娜', '李'])).toEqual(['李', '李娜', '林一']);
    // Tones order homophones; equal readings keep each character's people together.
    expect(byKey(['章四', '张五', '张三', '长孙'])).toEqual(['张三', '张五', '章四', '长孙']);
  });

  it('reads surnames as surnames', () => {
    const cases: Array<[name: string, reads: string]> = [
      ['单雄信', 'shan4'],
      ['曾国藩', 'zeng1'],
      ['区志强', 'ou1'],
      ['仇英', 'qiu2'],
      ['解缙', 'xie4'],
      ['朴树', 'piao2'],
      ['查良镛', 'zha1'],
      ['盖聂', 'ge3'],
      ['尉迟恭', 'yu4'],
      ['万俟卨', 'mo4'],
    ];
    for (const [name, reads] of cases) expect(personNameSortKey(name), name).toMatch(new RegExp(`^${reads}`));
    expect(personNameSortKey('尉迟恭')).toBe('yu4尉 chi2迟 gong1恭 ');
    expect(personNameSortKey('万俟卨')).toBe('mo4万 qi2俟 xie4卨 ');
    // 单 files under s (shàn), never under d (dān).
    expect(byKey(['孙悦', '单田芳', '邓超'])).toEqual(['邓超', '单田芳', '孙悦']);
  });

  it('reads a unit name without surname readings', () => {
    expect(unitNameSortKey('单位')).toMatch(/^dan1/);
    expect(byKey(['重庆市示例人民医院', '北京', '安徽'], unitNameSortKey)).toEqual([
      '安徽',
      '北京',
      '重庆市示例人民医院',
    ]);
  });

  it('files Latin letters among the pinyin and digits before them, ignoring punctuation', () => {
    expect(personNameSortKey('Anna李')).toBe('anna li3李 ');
    // Full-width letters are the same letters.
    expect(personNameSortKey('Ａｎｎａ李')).toBe(personNameSortKey('Anna李'));
    expect(byKey(['Zoe', '阿依古丽·买买提', 'Anna李', '2号', '白'])).toEqual([
      '2号',
      '阿依古丽·买买提',
      'Anna李',
      '白',
      'Zoe',
    ]);
    expect(personNameSortKey('阿依古丽·买买提')).not.toContain('·');
  });

  it('puts characters pinyin-pro does not know after every reading, in a stable order', () => {
    // U+20BB7 (𠮷, a variant of 吉) is outside pinyin-pro's dictionary.
    const rare = personNameSortKey('𠮷野');
    expect(rare).toBe('~𠮷 ye3野 ');
    expect(byKey(['𠮷野', '张三', '𠮷一', '左'])).toEqual(['张三', '左', '𠮷野', '𠮷一']);
    expect(personNameSortKey('𠮷野')).toBe(rare);
  });

  it('gives equal names equal keys and the empty name the lowest', () => {
    expect(personNameSortKey('王芳')).toBe(personNameSortKey('王芳'));
    expect(personNameSortKey('')).toBe('');
    expect(byKey(['阿', ''])).toEqual(['', '阿']);
  });
});

describe('the pinyin search terms of a name', () => {
  it('spell the full pinyin and the initials', () => {
    expect(personNameSearchTerms('吴雪')).toBe('wuxue|wx');
    expect(personNameSearchTerms('单雄信')).toBe('shanxiongxin|sxx');
    expect(personNameSearchTerms('尉迟恭')).toBe('yuchigong|ycg');
    expect(personNameSearchTerms('吕方')).toBe('lvfang|lf');
    expect(personNameSearchTerms('Anna李')).toBe('annali|al');
    expect(personNameSearchTerms('𠮷野')).toBe('ye|y');
    expect(personNameSearchTerms('')).toBe('');
  });
});
