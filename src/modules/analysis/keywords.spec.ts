import { extractKeywords, segment } from './keywords';

const PARKING =
  '我反对在小区内增设收费停车位，理由是小区道路狭窄，停车位会占用消防通道，影响居民出行安全。' +
  '建议物业另行规划停车场，收费标准应当经业主大会讨论。停车难的问题不能靠收费解决。';

describe('extractKeywords', () => {
  it('finds the parking topic in a parking comment', () => {
    const terms = extractKeywords(PARKING).map((k) => k.term);
    expect(terms.some((t) => t.includes('停车'))).toBe(true);
  });

  it('returns at most topN terms, strongest first, without stop words, numbers or single characters', () => {
    const kws = extractKeywords(PARKING + ' 第12条 2026年 ！！！', 5);
    expect(kws.length).toBeLessThanOrEqual(5);
    expect(kws.length).toBeGreaterThan(0);
    for (let i = 1; i < kws.length; i++) expect(kws[i - 1].weight).toBeGreaterThanOrEqual(kws[i].weight);
    for (const { term, weight } of kws) {
      expect(Array.from(term).length).toBeGreaterThanOrEqual(2);
      expect(term).toMatch(/\p{L}/u);
      expect(['建议', '反对', '我们', '应当', '问题']).not.toContain(term);
      expect(weight).toBeGreaterThan(0);
    }
  });

  it('defaults to eight terms', () => {
    expect(extractKeywords(PARKING.repeat(3)).length).toBeLessThanOrEqual(8);
  });

  it('returns nothing for empty or content-free text', () => {
    expect(extractKeywords('')).toEqual([]);
    expect(extractKeywords('，。！？ 123 456')).toEqual([]);
    expect(extractKeywords(PARKING, 0)).toEqual([]);
  });

  it('is deterministic', () => {
    expect(extractKeywords(PARKING)).toEqual(extractKeywords(PARKING));
  });
});

describe('segment', () => {
  it('splits Chinese into words and drops punctuation and spaces', () => {
    const words = segment('我反对增设收费停车位，理由是占用消防通道。');
    expect(words).toEqual(expect.arrayContaining(['反对', '增设', '收费', '停车位', '消防通道']));
    expect(words.join('')).toBe('我反对增设收费停车位理由是占用消防通道');
  });

  it('handles empty text and mixed scripts', () => {
    expect(segment('')).toEqual([]);
    expect(segment('NestJS 平台 v12')).toEqual(expect.arrayContaining(['NestJS', '平台']));
  });
});
