import { parseDraft, type DraftUnit } from './draft-parser';
import { diffVersions, linkVersions, textSimilarity } from './unit-matcher';

const VERSION_1 = `某市公共停车场管理办法（征求意见稿）

第一条　为了加强公共停车场管理，规范停车秩序，制定本办法。

第二条　本办法适用于本市行政区域内公共停车场的规划、建设和管理。

第三条　公共停车场实行政府指导价或者市场调节价。
收费标准应当在停车场入口处显著位置公示。

第四条　停车场经营者应当履行下列义务：
（一）建立健全安全管理制度；
（二）配备必要的照明和监控设施；
（三）按照规定开具收费票据。

第五条　本办法自2026年1月1日起施行。
`;

// Article 1 reworded, a new article 3 inserted (so old 3-5 become 4-6), item (二) of old
// article 4 deleted (so old (三) becomes (二)).
const VERSION_2 = `某市公共停车场管理办法（征求意见稿）

第一条　为了加强公共停车场管理，规范停车秩序，方便群众出行，制定本办法。

第二条　本办法适用于本市行政区域内公共停车场的规划、建设和管理。

第三条　新建住宅小区应当按照规定标准配建停车泊位，并逐步向社会开放。

第四条　公共停车场实行政府指导价或者市场调节价。
收费标准应当在停车场入口处显著位置公示。

第五条　停车场经营者应当履行下列义务：
（一）建立健全安全管理制度；
（二）按照规定开具收费票据。

第六条　本办法自2026年1月1日起施行。
`;

const continuations = (units: DraftUnit[]) => units.map((u) => `${u.anchor}<${u.continues}`);

describe(linkVersions.name, () => {
  const previous = parseDraft(VERSION_1);
  const next = parseDraft(VERSION_2);

  it('links every unit of an unchanged version to itself', () => {
    expect(linkVersions(previous, parseDraft(VERSION_1)).every((u) => u.continues === u.anchor)).toBe(true);
  });

  it('follows reworded, renumbered and moved units and leaves new ones unlinked', () => {
    expect(continuations(linkVersions(previous, next))).toEqual([
      'p1<p1',
      'a1<a1', // same label, reworded
      'a2<a2',
      'a3<null', // inserted
      'a4<a3', // renumbered: matched by its text, not its label
      'a4.p2<a3.p2',
      'a5<a4',
      'a5.i1<a4.i1',
      'a5.i2<a4.i3', // (三) became (二) after the old (二) was deleted
      'a6<a5',
    ]);
  });

  it('uses each unit of the previous version at most once', () => {
    const old = parseDraft('第一条　公众可以通过信函、电子邮件提出意见。');
    const twice = parseDraft('第一条　公众可以通过信函、电子邮件提出意见。\n\n第二条　公众可以通过信函、电子邮件提出意见。');
    expect(continuations(linkVersions(old, twice))).toEqual(['a1<a1', 'a2<null']);
  });

  it('prefers the most similar predecessor over the first one that passes the threshold', () => {
    const old = parseDraft('一段关于停车收费标准公示的说明文字。\n一段关于停车收费标准公示和监督的说明文字。');
    const revised = parseDraft('一段关于停车收费标准公示和监督的说明文字。');
    expect(continuations(linkVersions(old, revised))).toEqual(['p1<p2']);
  });

  it('never links units of different kinds', () => {
    const old = parseDraft('第一条　建立健全安全管理制度。');
    const revised = parseDraft('（一）建立健全安全管理制度。');
    expect(linkVersions(old, revised)[0].continues).toBeNull();
  });

  it('does not link a unit whose text changed beyond recognition', () => {
    const old = parseDraft('第一条　本办法自2026年1月1日起施行。');
    const revised = parseDraft('第一条　停车场经营者应当配备必要的照明和监控设施。');
    expect(linkVersions(old, revised)[0].continues).toBeNull();
  });

  it('returns copies and leaves its inputs untouched', () => {
    const linked = linkVersions(previous, next);
    expect(linked).not.toBe(next);
    expect(next.every((u) => u.continues === null)).toBe(true);
  });

  it('follows every article of a 500-article draft when the first one is deleted, quickly', () => {
    // Distinct texts: each article names its own number in words and a varying list of characters.
    const pool = '规划建设管理收费公示监督意见听证代表采纳理由期限公开征求协商报告';
    const text = (i: number) =>
      `第${i}条　关于第${i}项事项，${Array.from({ length: 12 }, (_, k) => pool[(i * 7 + k * k * 3 + (i >> k % 5)) % pool.length]).join('')}。`;
    const articles = Array.from({ length: 500 }, (_, i) => text(i + 1));
    const old = parseDraft(articles.join('\n\n'));
    const renumbered = parseDraft(articles.slice(1).map((a, i) => a.replace(/^第\d+条/, `第${i + 1}条`)).join('\n\n'));
    const started = Date.now();
    const linked = linkVersions(old, renumbered);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(linked.every((u, i) => u.continues === `a${i + 2}`)).toBe(true);
  });
});

describe(diffVersions.name, () => {
  it('lists changes in the new reading order with a removed unit after its predecessor', () => {
    const diff = diffVersions(parseDraft(VERSION_1), parseDraft(VERSION_2));
    expect(diff.map((d) => `${d.change} ${d.from?.anchor ?? '-'} → ${d.to?.anchor ?? '-'}`)).toEqual([
      'unchanged p1 → p1',
      'modified a1 → a1',
      'unchanged a2 → a2',
      'added - → a3',
      'unchanged a3 → a4',
      'unchanged a3.p2 → a4.p2',
      'unchanged a4 → a5',
      'unchanged a4.i1 → a5.i1',
      'removed a4.i2 → -',
      'unchanged a4.i3 → a5.i2',
      'unchanged a5 → a6',
    ]);
  });

  it('reports the similarity and both texts and labels of a change', () => {
    const diff = diffVersions(parseDraft(VERSION_1), parseDraft(VERSION_2));
    const modified = diff.find((d) => d.change === 'modified');
    expect(modified?.from).toEqual({ anchor: 'a1', label: '第一条', text: '为了加强公共停车场管理，规范停车秩序，制定本办法。' });
    expect(modified?.to?.text).toBe('为了加强公共停车场管理，规范停车秩序，方便群众出行，制定本办法。');
    expect(modified?.similarity).toBeGreaterThan(0.5);
    expect(modified?.similarity).toBeLessThan(1);
    const renumbered = diff.find((d) => d.to?.anchor === 'a6');
    expect(renumbered).toMatchObject({ change: 'unchanged', similarity: 1, from: { label: '第五条' }, to: { label: '第六条' } });
    expect(diff.filter((d) => d.change === 'added' || d.change === 'removed').every((d) => d.similarity === 0)).toBe(true);
  });

  it('puts units removed from the very start first', () => {
    const diff = diffVersions(parseDraft('旧的标题\n\n第一条　本办法自公布之日起施行。'), parseDraft('第一条　本办法自公布之日起施行。'));
    expect(diff.map((d) => d.change)).toEqual(['removed', 'unchanged']);
  });

  it('keeps consecutive removed units in their old order', () => {
    const old = parseDraft('第一条　甲乙丙丁。\n\n第二条　戊己庚辛。\n\n第三条　壬癸子丑。\n\n第四条　寅卯辰巳。');
    const diff = diffVersions(old, parseDraft('第一条　甲乙丙丁。\n\n第二条　寅卯辰巳。'));
    expect(diff.map((d) => `${d.change} ${d.from?.anchor ?? '-'}`)).toEqual(['unchanged a1', 'removed a2', 'removed a3', 'unchanged a4']);
  });

  it('handles empty versions', () => {
    expect(diffVersions([], [])).toEqual([]);
    expect(diffVersions([], parseDraft('第一条　甲。')).map((d) => d.change)).toEqual(['added']);
    expect(diffVersions(parseDraft('第一条　甲。'), []).map((d) => d.change)).toEqual(['removed']);
  });
});

describe(textSimilarity.name, () => {
  it('is 1 for identical texts, ignoring whitespace, and 0 for texts with nothing in common', () => {
    expect(textSimilarity('公开征求意见', '公开 征求\n意见')).toBe(1);
    expect(textSimilarity('公开征求意见', '停车收费')).toBe(0);
    expect(textSimilarity('', '')).toBe(1);
    expect(textSimilarity('甲', '')).toBe(0);
  });
});
