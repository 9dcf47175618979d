// Structure parser for Chinese government drafts (决策草案 / 征求意见稿): turns a plain-text
// body into units that comments can be anchored to. Pure: no I/O, no Nest.
//
// Anchor scheme (deterministic for the same body, URL-safe: only [a-z0-9.-]):
//   ch{n}            chapter 第n章
//   {parent.}s{n}    section: 第n节, or an outline heading n、 outside any article
//   a{n}             article 第n条 — article numbers are unique in most drafts, so the short form
//                    survives moving an article between chapters; if a{n} is already taken
//                    (numbering restarts per chapter) it becomes {parent}.a{n}, e.g. ch2.a1
//   {article}.p{k}   the k-th paragraph (款) of an article, k ≥ 2: the first 款 is the article itself
//   {parent}.i{n}    item (n)/（n） with a Chinese numeral, or an outline n、 inside an article
//   {parent}.n{n}    sub-item n. / n、 / n． / (n) with Arabic digits
//   {parent}.c{n}    circled sub-item ①..⑳
//   p{k}             the k-th plain paragraph outside articles (title, preamble, notes)
// n is the numeral's value (第十二条 → a12). Any remaining collision gets -2, -3, ...
//
// Hierarchy, outermost first: 第章 > 第节 > outline 一、 > 第条 > 款 > (一) > 1. > (1) > ①.
// "一、" is a 'section' heading unless an article is open, where it is an enumeration ('item').
// A plain paragraph inside an article is a 款 ('clause', label ''); outside one it is a
// 'paragraph' child of the nearest open heading or item (sub-item lists end at a plain paragraph).
// startLine/endLine cover a unit's own text (marker line and continuation lines), not its children.
//
// Paragraphs: a marker line always starts a unit; a blank line always ends a paragraph. Two
// adjacent lines belong to one paragraph only when the document looks hard-wrapped (most long
// lines followed by text end mid-sentence), the first line is long, the second is not indented
// further and, in a text without blank lines, the first ends mid-sentence. Otherwise each line is
// a paragraph.
// Page headers/footers (— 3 —, - 3 -, 第 3 页 共 10 页, ·3·) are dropped; a sentence they split is
// joined again. A marker alone on its line ("第一条") takes the next line as its text.

export const UNIT_KINDS = ['chapter', 'section', 'article', 'clause', 'item', 'subitem', 'paragraph'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface DraftUnit {
  anchor: string;
  parentAnchor: string | null;
  depth: number;
  label: string;
  kind: UnitKind;
  text: string;
  startLine: number;
  endLine: number;
  continues: string | null;
}

const CN_DIGITS = new Map(Object.entries({ 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }));
const CN_UNITS = new Map(Object.entries({ 十: 10, 百: 100, 千: 1000 }));

/** Value of a Chinese (一百零五, 一〇五, 两千) or Arabic/full-width (105, １０５) numeral; null if not one. */
export function chineseNumeralToInt(s: string): number | null {
  const t = s.trim();
  if (t.length === 0 || t.length > 16) return null;
  if (/^[0-9０-９]+$/.test(t)) {
    let v = 0;
    for (const ch of t) v = v * 10 + (ch.charCodeAt(0) - (ch >= '０' ? 0xff10 : 0x30));
    return v;
  }
  let total = 0;
  let current: number | null = null;
  let lastUnit = Infinity;
  for (const ch of t) {
    const d = CN_DIGITS.get(ch);
    // Consecutive digits read positionally, so the year-style 一〇五 is 105 as well.
    if (d !== undefined) {
      current = (current ?? 0) * 10 + d;
      continue;
    }
    const unit = CN_UNITS.get(ch);
    if (unit === undefined || unit >= lastUnit) return null;
    total += (current ?? 1) * unit; // a bare 十 means 一十
    current = null;
    lastUnit = unit;
  }
  return total + (current ?? 0);
}

type MarkerType = 'chapter' | 'jie' | 'article' | 'outline' | 'itemCn' | 'digit' | 'parenDigit' | 'circled';
interface Marker { type: MarkerType; label: string; value: number | null; rest: string }
interface Line { no: number; text: string; indent: number; marker: Marker | null; gap: 'none' | 'blank' | 'page' }
interface Block { marker: Marker | null; parts: string[]; startLine: number; endLine: number }
interface Open { unit: DraftUnit; rank: number; paragraphs: number }

const CN = '〇零一二两兩三四五六七八九十百千';
// Bounded quantifiers keep every test O(1) per line and anchors short.
const LEGAL_RE = new RegExp(`^第\\s*([0-9０-９]{1,4}|[${CN}]{1,8})\\s*([章节節条條])`);
const OUTLINE_RE = new RegExp(`^([${CN}]{1,6})\\s*[、．.]`);
const PAREN_CN_RE = new RegExp(`^[（(]\\s*([${CN}]{1,6})\\s*[）)]`);
const PAREN_DIGIT_RE = /^[（(]\s*([0-9０-９]{1,3})\s*[）)]/;
// "1.5亿元" starts with a decimal number, not a sub-item.
const DIGIT_RE = /^([0-9０-９]{1,3})\s*[、.．](?![0-9０-９])/;
const CIRCLED_RE = /^[\u2460-\u2473]/;
const LEGAL_TYPE: Record<string, MarkerType> = { 章: 'chapter', 节: 'jie', 節: 'jie', 条: 'article', 條: 'article' };

const PAGE_NO = '[0-9０-９]{1,4}';
const PAGE_FURNITURE = [
  new RegExp(`^[-—–－─~～_]+\\s*${PAGE_NO}\\s*[-—–－─~～_]+$`), // — 3 —, - 3 -
  new RegExp(`^第\\s*${PAGE_NO}\\s*页(?:\\s*[,，、/]?\\s*共\\s*${PAGE_NO}\\s*页)?$`), // 第 3 页 共 10 页
  new RegExp(`^共\\s*${PAGE_NO}\\s*页\\s*[,，、/]?\\s*第\\s*${PAGE_NO}\\s*页$`),
  new RegExp(`^[·•・]\\s*${PAGE_NO}\\s*[·•・]$`), // ·3·
  new RegExp(`^page\\s*${PAGE_NO}(?:\\s*of\\s*${PAGE_NO})?$`, 'i'),
];

// Rank = nesting level; a new unit closes every open unit of equal or higher rank.
const RANK = { chapter: 10, jie: 20, outline: 30, article: 40, clause: 50, outlineInArticle: 55, itemCn: 60, digit: 70, parenDigit: 80, circled: 90 };

// Kind and anchor prefix of the unit each marker starts.
const SHAPE: Record<MarkerType, readonly [UnitKind, string]> = {
  chapter: ['chapter', 'ch'], jie: ['section', 's'], outline: ['section', 's'], article: ['article', 'a'],
  itemCn: ['item', 'i'], digit: ['subitem', 'n'], parenDigit: ['subitem', 'n'], circled: ['subitem', 'c'],
};

function readMarker(text: string): Marker | null {
  let m = LEGAL_RE.exec(text);
  if (m) {
    // "第一条：" / "第一章、" — the separator is not part of the text.
    const rest = text.slice(m[0].length).replace(/^[\s:：、，,．]+/, '');
    return { type: LEGAL_TYPE[m[2]], label: m[0], value: chineseNumeralToInt(m[1]), rest };
  }
  const simple: Array<[RegExp, MarkerType]> = [[OUTLINE_RE, 'outline'], [PAREN_CN_RE, 'itemCn'], [PAREN_DIGIT_RE, 'parenDigit'], [DIGIT_RE, 'digit']];
  for (const [re, type] of simple) {
    m = re.exec(text);
    if (m) return { type, label: m[0], value: chineseNumeralToInt(m[1]), rest: text.slice(m[0].length).trim() };
  }
  if (CIRCLED_RE.test(text)) return { type: 'circled', label: text[0], value: text.charCodeAt(0) - 0x2460 + 1, rest: text.slice(1).trim() };
  return null;
}

function indentOf(raw: string): number {
  let n = 0;
  for (const ch of raw) {
    if (ch === ' ' || ch === '\u00a0') n += 1;
    else if (ch === '\u3000') n += 2; // a full-width space is two columns wide
    else if (ch === '\t') n += 4;
    else if (ch !== '\ufeff') break;
  }
  return n;
}

/** Does the line end a sentence (so a following line is more likely a new paragraph)? */
function endsSentence(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && '”’"\'」』）)】 '.includes(text[i])) i--;
  return i >= 0 && '。！？!?；;：:….．'.includes(text[i]);
}

function readLines(body: string): Line[] {
  const lines: Line[] = [];
  let gap: Line['gap'] = 'none';
  body.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const text = raw.trim();
    if (text === '') {
      if (gap === 'none') gap = 'blank';
    } else if (text.length < 40 && PAGE_FURNITURE.some((re) => re.test(text))) {
      gap = 'page'; // a page header/footer and the blank lines around it count as one page break
    } else {
      lines.push({ no: i + 1, text, indent: indentOf(raw), marker: readMarker(text), gap });
      gap = 'none';
    }
  });
  return lines;
}

// A wrapped line fills the column; shorter lines (titles, signatures, dates) are never read as wraps.
const MIN_WRAPPED_LENGTH = 16;

function groupBlocks(lines: Line[]): Block[] {
  // Paragraph breaks between adjacent lines are guessed from the document as a whole: if most
  // long lines followed directly by plain text end mid-sentence, the text is hard-wrapped.
  let midSentence = 0;
  let endOfSentence = 0;
  let blankSeparated = false;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].gap === 'blank') blankSeparated = true;
    if (lines[i].gap !== 'none' || lines[i].marker || lines[i - 1].text.length < MIN_WRAPPED_LENGTH) continue;
    if (endsSentence(lines[i - 1].text)) endOfSentence++;
    else midSentence++;
  }
  const hardWrapped = midSentence > endOfSentence;

  const blocks: Block[] = [];
  let current: Block | null = null;
  let currentTextLength = 0;
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    let join = false;
    if (current && !line.marker) {
      const headingOnly = current.marker?.type === 'chapter' || current.marker?.type === 'jie';
      if (current.marker && currentTextLength === 0) join = true; // "第一条" alone, its text below
      else if (headingOnly) join = false; // chapter and 节 titles are one line
      else if (line.gap === 'page') join = !endsSentence(prev.text); // sentence split by a page break
      else if (line.gap === 'blank') join = false;
      else if (line.indent >= prev.indent + 2) join = false; // an indented first line starts a paragraph
      else join = hardWrapped && prev.text.length >= MIN_WRAPPED_LENGTH && (blankSeparated || !endsSentence(prev.text));
    }
    const part = line.marker ? line.marker.rest : line.text; // a marker line always starts a block
    if (join && current) {
      current.parts.push(part);
      current.endLine = line.no;
    } else {
      current = { marker: line.marker, parts: [part], startLine: line.no, endLine: line.no };
      currentTextLength = 0;
      blocks.push(current);
    }
    currentTextLength += part.length;
  });
  return blocks;
}

function joinParts(parts: string[]): string {
  let out = '';
  for (const part of parts) {
    if (part === '') continue;
    // Chinese lines join without a space; Latin words and numbers split by a wrap need one.
    if (out !== '' && isAsciiWord(out.charCodeAt(out.length - 1)) && isAsciiWord(part.charCodeAt(0))) out += ' ';
    out += part;
  }
  return out.trim();
}

function isAsciiWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Parses a draft body into its units in reading order. Never throws; linear in the body size. */
export function parseDraft(body: string): DraftUnit[] {
  const units: DraftUnit[] = [];
  const stack: Open[] = [];
  const used = new Map<string, number>();
  let paragraphCount = 0;

  const unique = (base: string): string => {
    const seen = used.get(base);
    used.set(base, (seen ?? 0) + 1);
    // Bases never contain '-', so a suffixed anchor cannot collide with a later base.
    return seen === undefined ? base : `${base}-${seen + 1}`;
  };
  const popTo = (rank: number) => {
    while (stack.length > 0 && stack[stack.length - 1].rank >= rank) stack.pop();
  };
  const add = (block: Block, kind: UnitKind, label: string, base: string, text: string): DraftUnit => {
    const parent = stack.length > 0 ? stack[stack.length - 1].unit : null;
    const unit: DraftUnit = {
      anchor: unique(base),
      parentAnchor: parent ? parent.anchor : null,
      depth: parent ? parent.depth + 1 : 0,
      label,
      kind,
      text,
      startLine: block.startLine,
      endLine: block.endLine,
      continues: null,
    };
    units.push(unit);
    return unit;
  };
  const under = (segment: string) => (stack.length > 0 ? `${stack[stack.length - 1].unit.anchor}.${segment}` : segment);

  for (const block of groupBlocks(readLines(typeof body === 'string' ? body : ''))) {
    const text = joinParts(block.parts);
    const inArticle = stack.some((o) => o.unit.kind === 'article');
    const marker = block.marker;
    if (!marker) {
      if (inArticle) {
        popTo(RANK.clause);
        const article = stack[stack.length - 1];
        article.paragraphs += 1;
        const unit = add(block, 'clause', '', `${article.unit.anchor}.p${article.paragraphs}`, text);
        stack.push({ unit, rank: RANK.clause, paragraphs: 1 });
      } else {
        popTo(RANK.digit);
        paragraphCount += 1;
        add(block, 'paragraph', '', `p${paragraphCount}`, text);
      }
      continue;
    }
    const enumeration = marker.type === 'outline' && inArticle;
    const rank = enumeration ? RANK.outlineInArticle : RANK[marker.type];
    popTo(rank);
    const [kind, prefix] = enumeration ? (['item', 'i'] as const) : SHAPE[marker.type];
    // An unreadable numeral falls back to the unit's position, which is still deterministic.
    const segment = `${prefix}${marker.value ?? units.length + 1}`;
    const base = kind === 'article' && !used.has(segment) ? segment : under(segment);
    const unit = add(block, kind, marker.label, base, text);
    stack.push({ unit, rank, paragraphs: 1 });
  }
  return units;
}
