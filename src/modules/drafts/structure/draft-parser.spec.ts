import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { chineseNumeralToInt, parseDraft, UNIT_KINDS, type DraftUnit } from './draft-parser';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
// 1-based number of the first line containing `needle`, so assertions read like the fixture.
const lineOf = (body: string, needle: string) => body.split(/\r\n|\n|\r/).findIndex((l) => l.includes(needle)) + 1;
const byAnchor = (units: DraftUnit[]) => new Map(units.map((u) => [u.anchor, u]));
const ofKind = (units: DraftUnit[], kind: DraftUnit['kind']) => units.filter((u) => u.kind === kind);
const pick = (u: DraftUnit | undefined) =>
  u && { label: u.label, kind: u.kind, parentAnchor: u.parentAnchor, depth: u.depth, startLine: u.startLine, endLine: u.endLine };

describe(parseDraft.name, () => {
  describe('a 章/节/条 regulation', () => {
    const body = fixture('regulation.txt');
    const units = parseDraft(body);
    const unit = byAnchor(units);

    it('finds every chapter, section, article, 款, item and sub-item', () => {
      expect(ofKind(units, 'chapter').map((u) => u.label)).toEqual(['第一章', '第二章', '第三章', '第四章']);
      expect(ofKind(units, 'section').map((u) => u.anchor)).toEqual(['ch2.s1', 'ch2.s2']);
      expect(ofKind(units, 'article')).toHaveLength(22);
      expect(ofKind(units, 'article').map((u) => u.anchor)).toEqual(Array.from({ length: 22 }, (_, i) => `a${i + 1}`));
      expect(ofKind(units, 'clause').map((u) => u.anchor)).toEqual(['a2.p2', 'a4.p2', 'a6.p2', 'a8.p2', 'a13.p2']);
      expect(ofKind(units, 'item')).toHaveLength(17);
      expect(ofKind(units, 'subitem').map((u) => u.anchor)).toEqual(['a8.i3.n1', 'a8.i3.n2', 'a8.i3.n3', 'a16.i2.n1', 'a16.i2.n2']);
      expect(units).toHaveLength(2 + 4 + 2 + 22 + 5 + 17 + 5);
    });

    it('keeps the title lines above the first marker as plain paragraphs', () => {
      expect(units.slice(0, 2).map((u) => [u.anchor, u.kind, u.label, u.text, u.startLine])).toEqual([
        ['p1', 'paragraph', '', '某市重大行政决策公众参与规定', 1],
        ['p2', 'paragraph', '', '（征求意见稿）', 2],
      ]);
    });

    it('nests articles under their 节 and chapter with labels exactly as written', () => {
      expect(pick(unit.get('ch1'))).toEqual({ label: '第一章', kind: 'chapter', parentAnchor: null, depth: 0, startLine: 4, endLine: 4 });
      expect(unit.get('ch1')?.text).toBe('总　则');
      expect(pick(unit.get('a1'))).toMatchObject({ label: '第一条', parentAnchor: 'ch1', depth: 1, startLine: 6 });
      expect(pick(unit.get('ch2.s2'))).toMatchObject({ label: '第二节', kind: 'section', parentAnchor: 'ch2', depth: 1 });
      expect(unit.get('ch2.s2')?.text).toBe('座谈与听证');
      expect(pick(unit.get('a8'))).toMatchObject({ label: '第八条', parentAnchor: 'ch2.s2', depth: 2, startLine: lineOf(body, '第八条') });
      expect(pick(unit.get('a12'))).toMatchObject({ label: '第十二条', parentAnchor: 'ch3', depth: 1 });
      expect(unit.get('a22')?.label).toBe('第二十二条');
    });

    it('splits the second paragraph of an article into a 款 child', () => {
      expect(unit.get('a2')).toMatchObject({ text: '本市各级行政机关作出重大行政决策，组织公众参与的，适用本规定。', startLine: 8, endLine: 8 });
      expect(pick(unit.get('a2.p2'))).toEqual({ label: '', kind: 'clause', parentAnchor: 'a2', depth: 2, startLine: 9, endLine: 9 });
      expect(unit.get('a2.p2')?.text).toBe('法律、法规对公众参与另有规定的，从其规定。');
    });

    it('makes (一) items children of the article, or of the 款 they follow', () => {
      expect(pick(unit.get('a6.i1'))).toEqual({ label: '（一）', kind: 'item', parentAnchor: 'a6', depth: 3, startLine: 23, endLine: 23 });
      expect(unit.get('a6.i4')?.text).toBe('联系人、通信地址和电子邮箱。');
      expect(pick(unit.get('a6.p2'))).toMatchObject({ kind: 'clause', parentAnchor: 'a6', startLine: lineOf(body, '公布的内容涉及备选方案') });
      expect(pick(unit.get('a6.p2.i2'))).toMatchObject({ label: '（二）', parentAnchor: 'a6.p2', depth: 4 });
    });

    it('reads half-width items, 1. sub-items and a 款 after the list', () => {
      expect(pick(unit.get('a8.i2'))).toMatchObject({ label: '(二)', kind: 'item', parentAnchor: 'a8' });
      expect(pick(unit.get('a8.i3.n2'))).toEqual({ label: '2.', kind: 'subitem', parentAnchor: 'a8.i3', depth: 4, startLine: 41, endLine: 41 });
      expect(unit.get('a8.i3.n2')?.text).toBe('确定听证代表；');
      expect(pick(unit.get('a8.i4'))).toMatchObject({ label: '(四)', parentAnchor: 'a8', depth: 3 });
      expect(pick(unit.get('a8.p2'))).toMatchObject({ kind: 'clause', parentAnchor: 'a8', depth: 3, startLine: lineOf(body, '采取前款') });
      expect(pick(unit.get('a16.i2.n1'))).toMatchObject({ label: '1．', kind: 'subitem', parentAnchor: 'a16.i2' });
      expect(unit.get('a13.p2')?.text).toBe('对不予采纳的意见，应当说明理由。');
    });

    it('drops page headers and footers, joining a sentence split by a page break', () => {
      expect(unit.get('a9')).toMatchObject({ startLine: lineOf(body, '第九条'), endLine: lineOf(body, '人。') });
      expect(unit.get('a9')?.text.endsWith('法律工作者等，人数不少于十人。')).toBe(true);
      expect(unit.get('a11')?.startLine).toBe(lineOf(body, '第十一条'));
      expect(units.some((u) => /— 3 —|第 3 页/.test(u.text))).toBe(false);
    });

    it('starts every unit on the line of its label', () => {
      const lines = body.split('\n');
      for (const u of units) expect(lines[u.startLine - 1]).toContain(u.label);
    });
  });

  it('reads traditional 第X條 and 第X節 and Arabic 第5條', () => {
    const units = parseDraft(fixture('traditional.txt'));
    const unit = byAnchor(units);
    expect(ofKind(units, 'article').map((u) => u.label)).toEqual(['第一條', '第二條', '第三條', '第四條', '第5條']);
    expect(ofKind(units, 'article').map((u) => u.anchor)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(pick(unit.get('ch2.s1'))).toMatchObject({ label: '第一節', kind: 'section', parentAnchor: 'ch2' });
    expect(pick(unit.get('a3.i2'))).toMatchObject({ label: '（二）', parentAnchor: 'a3' });
    expect(unit.get('a3.p2')).toMatchObject({ kind: 'clause', text: '前項期間不得少於十日。', startLine: 18 });
  });

  it('reads an outline notice 一、 (一) 1、 (1) with full- and half-width markers', () => {
    const body = fixture('outline-notice.txt');
    const units = parseDraft(body);
    expect(units.map((u) => `${'  '.repeat(u.depth)}${u.anchor} ${u.kind} ${u.label}`)).toEqual([
      'p1 paragraph ',
      'p2 paragraph ',
      's1 section 一、',
      '  p3 paragraph ',
      's2 section 二、',
      '  s2.i1 item （一）',
      '  s2.i2 item (二)',
      '  s2.i3 item （三）',
      '    s2.i3.n1 subitem 1、',
      '    s2.i3.n2 subitem 2、',
      '      s2.i3.n2.n1 subitem (1)',
      '      s2.i3.n2.n2 subitem （2）',
      '    s2.i3.n3 subitem ３．',
      's3 section 三、',
      '  s3.n1 subitem 1．',
      '  s3.n2 subitem 2．',
      '  p4 paragraph ',
      '  p5 paragraph ',
      '  p6 paragraph ',
    ]);
    const unit = byAnchor(units);
    expect(unit.get('s2')).toMatchObject({ text: '意见反馈方式', startLine: lineOf(body, '二、') });
    expect(unit.get('s2.i3.n2.n2')).toMatchObject({ text: '三楼意见收集处。', startLine: lineOf(body, '三楼') });
    expect(unit.get('p3')?.text).toBe('2025年3月1日至2025年3月15日。');
  });

  it('disambiguates article numbers that restart in every chapter', () => {
    const units = parseDraft(fixture('restart-numbering.txt'));
    expect(ofKind(units, 'article').map((u) => `${u.anchor}<${u.parentAnchor}`)).toEqual([
      'a1<ch1', 'a2<ch1', 'ch2.a1<ch2', 'ch2.a2<ch2', 'ch3.a1<ch3',
    ]);
  });

  it('makes one paragraph per blank-line-separated block of a text without markers', () => {
    const units = parseDraft(fixture('plain.txt'));
    expect(units.map((u) => [u.anchor, u.kind, u.depth, u.startLine, u.endLine])).toEqual([
      ['p1', 'paragraph', 0, 1, 1],
      ['p2', 'paragraph', 0, 3, 5],
      ['p3', 'paragraph', 0, 7, 7],
      ['p4', 'paragraph', 0, 9, 9],
    ]);
    expect(units[1].text).toBe('本次改造涉及社区内的小广场、绿地和停车区域。为使改造方案更符合居民需要，现就改造内容广泛征集意见，欢迎提出具体建议。');
  });

  it('makes each line a paragraph when there are no blank lines', () => {
    const units = parseDraft('第一段说明。\n第二段说明。\n第三段说明。');
    expect(units.map((u) => [u.anchor, u.text, u.startLine])).toEqual([['p1', '第一段说明。', 1], ['p2', '第二段说明。', 2], ['p3', '第三段说明。', 3]]);
  });

  it('joins hard-wrapped lines into the article and starts a 款 at an indented line', () => {
    const body = [
      '第一条　为了规范重大行政决策公众参与工作，保障公众的',
      '知情权、参与权、表达权和监督权，制定本办法。',
      '　　本办法所称公众，包括公民、法人和其他组织，以及',
      '其他利害关系人。',
    ].join('\n');
    const [article, clause] = parseDraft(body);
    expect(article).toMatchObject({ anchor: 'a1', startLine: 1, endLine: 2, text: '为了规范重大行政决策公众参与工作，保障公众的知情权、参与权、表达权和监督权，制定本办法。' });
    expect(clause).toMatchObject({ anchor: 'a1.p2', kind: 'clause', startLine: 3, endLine: 4, text: '本办法所称公众，包括公民、法人和其他组织，以及其他利害关系人。' });
  });

  it('takes the next line as the text of a label standing alone', () => {
    expect(parseDraft('第一条\n为了规范停车秩序，制定本办法。\n\n第二章\n\n附则')).toMatchObject([
      { anchor: 'a1', text: '为了规范停车秩序，制定本办法。', startLine: 1, endLine: 2 },
      { anchor: 'ch2', text: '附则', startLine: 4, endLine: 6 },
    ]);
  });

  it.each(['— 3 —', '- 3 -', '－ 12 －', '第 3 页 共 10 页', '第3页', '·3·', '• 7 •'])('drops the page furniture line %s', (furniture) => {
    const units = parseDraft(`第一条　甲项规定。\n\n${furniture}\n\n第二条　乙项规定。`);
    expect(units.map((u) => [u.anchor, u.text])).toEqual([['a1', '甲项规定。'], ['a2', '乙项规定。']]);
  });

  it('treats 一、 inside an article as an item, not a heading', () => {
    const units = parseDraft('第三条　下列事项应当公开：\n一、决策草案；\n二、起草说明。\n\n第四条　其他事项。');
    expect(units.map((u) => [u.anchor, u.kind, u.parentAnchor])).toEqual([
      ['a3', 'article', null], ['a3.i1', 'item', 'a3'], ['a3.i2', 'item', 'a3'], ['a4', 'article', null],
    ]);
  });

  it('anchors articles by their numeral value, Chinese or Arabic', () => {
    expect(parseDraft('第一百二十三条　甲。\n第5条　乙。\n第 六 条　丙。').map((u) => [u.anchor, u.label])).toEqual([
      ['a123', '第一百二十三条'], ['a5', '第5条'], ['a6', '第 六 条'],
    ]);
  });

  it('does not read a decimal number at the start of a line as a sub-item', () => {
    expect(parseDraft('一、预算\n\n1.5亿元用于改造。').map((u) => u.kind)).toEqual(['section', 'paragraph']);
  });

  it('keeps anchors unique when a marker repeats', () => {
    expect(parseDraft('（一）甲；\n（一）乙；\n（一）丙。').map((u) => u.anchor)).toEqual(['i1', 'i1-2', 'i1-3']);
  });

  it('counts lines the same for \\n, \\r\\n and \\r line endings', () => {
    const lf = parseDraft('标题\n\n第一条　甲。\n乙。');
    expect(parseDraft('标题\r\n\r\n第一条　甲。\r\n乙。')).toEqual(lf);
    expect(parseDraft('标题\r\r第一条　甲。\r乙。')).toEqual(lf);
    expect(lf.map((u) => u.startLine)).toEqual([1, 3, 4]);
  });

  it('returns nothing for an empty or blank body', () => {
    expect(parseDraft('')).toEqual([]);
    expect(parseDraft(' \n\t\n\u3000\r\n')).toEqual([]);
  });

  it('parses a 1 MB draft quickly', () => {
    const article = (i: number) => `第${i}条　决策承办单位应当逐条收集、记录公众意见。\n（一）采纳；\n（二）不予采纳。\n\n`;
    let body = '';
    for (let i = 1; body.length < 1_000_000; i++) body += article(i);
    const started = Date.now();
    const units = parseDraft(body);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(new Set(units.map((u) => u.anchor)).size).toBe(units.length);
  });

  it('never throws and always returns well-formed units (property)', () => {
    const fragment = fc.oneof(
      fc.constantFrom('第一章', '第二节', '第三条', '第3条', '第十條', '一、', '（一）', '(二)', '1、', '2.', '（1）', '①', '— 3 —', '第 2 页 共 9 页'),
      fc.constantFrom('\n', '\n\n', '\r\n', '\r', '　　', ' ', '。', '：', '甲', 'x'),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join('')), (body) => {
        const units = parseDraft(body);
        const lineCount = body.split(/\r\n|\n|\r/).length;
        const seen = new Map<string, DraftUnit>();
        let previousStart = 0;
        for (const u of units) {
          expect(UNIT_KINDS).toContain(u.kind);
          expect(u.startLine).toBeGreaterThanOrEqual(Math.max(1, previousStart));
          expect(u.endLine).toBeGreaterThanOrEqual(u.startLine);
          expect(u.endLine).toBeLessThanOrEqual(lineCount);
          expect(u.anchor).toMatch(/^[a-z0-9.-]+$/);
          expect(seen.has(u.anchor)).toBe(false);
          const parent = u.parentAnchor === null ? undefined : seen.get(u.parentAnchor);
          expect(u.depth).toBe(parent ? parent.depth + 1 : 0);
          if (u.parentAnchor !== null) expect(parent).toBeDefined();
          expect(u.continues).toBeNull();
          seen.set(u.anchor, u);
          previousStart = u.startLine;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe(chineseNumeralToInt.name, () => {
  it.each([
    ['一', 1], ['十', 10], ['十五', 15], ['二十', 20], ['一百零五', 105], ['一百二十三', 123], ['两千零一', 2001],
    ['一〇五', 105], ['零', 0], ['5', 5], ['１２', 12], ['205', 205],
  ])('reads %s as %d', (text, value) => {
    expect(chineseNumeralToInt(text)).toBe(value);
  });

  it.each(['', '条', '十百', '1二', 'abc'])('refuses %p', (text) => {
    expect(chineseNumeralToInt(text)).toBeNull();
  });
});
