// Personal data on public pages (R19): residents' names are masked and phone numbers, ID numbers,
// email and postal addresses inside free text are replaced by placeholders before anything leaves
// the API without staff rights. Detection errs on the side of masking for identifiers (any 16-19
// digit run is treated as a card number) but stays away from ordinary numbers: years, amounts,
// article numbers, postcodes.

export type PersonalDataKind = 'email' | 'idNumber' | 'bankCard' | 'mobile' | 'landline' | 'address';

export const PLACEHOLDERS: Record<PersonalDataKind, string> = {
  email: '[邮箱已隐藏]',
  idNumber: '[身份证号已隐藏]',
  bankCard: '[卡号已隐藏]',
  mobile: '[手机号已隐藏]',
  landline: '[电话已隐藏]',
  address: '[地址已隐藏]',
};

export type PersonalDataMatch = { kind: PersonalDataKind; start: number; end: number; text: string };

// Left edge of a number: not inside a longer digit run and not the decimals of "3.1415...".
const NUM_START = String.raw`(?<!\d|\d\.)`;
// Right edge: not followed by more digits, nor by a unit that makes it a quantity ("15000000000元").
// Not 万: "13812345678万分感谢" is a phone number.
const NUM_END = String.raw`(?!\d|\s?(?:元|亿|千米|平方|米|吨|%))`;
const DATE = String.raw`(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])`;

type Span = [start: number, end: number];
type Detector = (work: string) => Span[];

function byRegex(re: RegExp): Detector {
  return (work) => [...work.matchAll(re)].map((m): Span => [m.index, m.index + m[0].length]);
}

// Addresses: conservative. Only a road with a house number (…路88号), or a place followed by
// building and room numbers (…街道…3号楼…501室), counts; a place name alone does not. A regex
// spanning the place names (省…市…区…) backtracks exponentially on long unpunctuated text, so the
// number part is found by a linear regex and the place names are taken by walking left from it.
const CN_NUM = '[零〇一二两三四五六七八九十百千]+';
const NUM = String.raw`(?:\d+|${CN_NUM})`;
const ROAD_HOUSE = new RegExp(String.raw`(?:大道|大街|路|街|巷|弄|胡同)${NUM}(?:[-之]${NUM})?号(?!线|文|令)院?`, 'g');
const ROOM = new RegExp(
  String.raw`${NUM}(?:号楼|号|栋|幢|座)[-\s]?(?:${NUM}单元[-\s]?)?(?:${NUM}层[-\s]?)?${NUM}(?:室|户|号房)`,
  'g',
);
const TAIL = new RegExp(
  String.raw`(?:[-\s]?(?:${NUM}(?:号楼|栋|幢|座|楼|单元|层|室|号房|房|户)|[A-Za-z]座|\d+(?:-\d+){1,3}(?:室|号)?))*`,
  'y',
);
// Characters of place names. Excluded: punctuation, digits and the few words that usually precede
// an address ("我住在…", "位于…"), so that the mask mostly starts at the place name. The list is
// short on purpose: 和平路, 向阳路, 从化区, 都江堰 are place names too.
const NAME_CHAR = /[^\s\d\p{P}\p{S}在住址于是的我你他她们]/u;
const MAX_PLACE = 24;
const PLACE_WORD = /省|自治区|市|州|盟|区|县|旗|镇|乡|街道|社区|村|小区|花园|家园|公寓|大厦|新村|苑|路|街|巷|弄/;

function placeStart(work: string, end: number): number {
  let i = end;
  while (i > 0 && end - i < MAX_PLACE && NAME_CHAR.test(work[i - 1])) i--;
  return i;
}

function tailEnd(work: string, from: number): number {
  TAIL.lastIndex = from;
  return TAIL.test(work) ? TAIL.lastIndex : from;
}

const detectAddresses: Detector = (work) => {
  const spans: Span[] = [];
  for (const m of work.matchAll(ROAD_HOUSE)) {
    const start = placeStart(work, m.index);
    if (start === m.index) continue; // "路3号" with no road name before it
    spans.push([start, tailEnd(work, m.index + m[0].length)]);
  }
  for (const m of work.matchAll(ROOM)) {
    const start = placeStart(work, m.index);
    // A bare "3号楼501室" is a meeting room; with a district, estate or street before it, a home.
    if (!PLACE_WORD.test(work.slice(start, m.index))) continue;
    spans.push([start, m.index + m[0].length]);
  }
  // Both forms can describe one address: merge overlapping spans.
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
};

// Order matters: an email may contain a phone number, an ID number is a digit run of card length.
// Each detector sees the text with earlier matches blanked out.
const DETECTORS: Array<[PersonalDataKind, Detector]> = [
  // The lookbehind makes the scan start only at the beginning of a run (linear, not quadratic).
  ['email', byRegex(/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g)],
  // 18 characters: region (6), birth date YYYYMMDD, sequence (3), check character; spaces allowed
  // between the groups because people type them that way.
  [
    'idNumber',
    byRegex(new RegExp(String.raw`(?<![0-9A-Za-z])[1-9]\d{5}[ -]?(?:18|19|20)\d{2}${DATE}[ -]?\d{3}[0-9Xx](?![0-9A-Za-z])`, 'g')),
  ],
  // Anything else shaped like an ID number (17 digits and an X) even with an impossible date.
  ['idNumber', byRegex(/(?<![0-9A-Za-z])\d{17}[Xx](?![0-9A-Za-z])/g)],
  // 15-digit pre-1999 ID: region (6), YYMMDD, sequence (3). Checked by its date so that other
  // 15-digit numbers are left alone.
  ['idNumber', byRegex(new RegExp(String.raw`${NUM_START}[1-9]\d{5}\d{2}${DATE}\d{3}${NUM_END}`, 'g'))],
  // Any 16-19 digit run, or four groups of four: "2024 2025 2026 2027年" is a list of years.
  [
    'bankCard',
    byRegex(new RegExp(String.raw`${NUM_START}(?:\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?|\d{16,19})(?!年)${NUM_END}`, 'g')),
  ],
  // Mainland mobile: 1[3-9]x xxxx xxxx, optionally +86 / 0086 / 86, spaces or dashes between groups.
  [
    'mobile',
    byRegex(new RegExp(String.raw`${NUM_START}(?:(?:\+|00)?86[ -]?|\(\+?86\)\s?)?1[3-9]\d(?:[ -]?\d{4}){2}${NUM_END}`, 'g')),
  ],
  // Landline: area code 0xx / 0xxx (optionally in brackets), local number of 7-8 digits not starting
  // with 0, optional extension.
  [
    'landline',
    byRegex(
      new RegExp(String.raw`${NUM_START}(?:\(0\d{2,3}\)\s?|0\d{2,3}[ -]?)[1-9]\d{6,7}(?:\s?(?:-|转|ext\.?)\s?\d{1,6})?${NUM_END}`, 'g'),
    ),
  ],
  ['address', detectAddresses],
];

// Full-width digits, letters and signs are folded to ASCII in a same-length shadow of the text, so
// "１３８…" is caught while the offsets still point into the original.
function shadow(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** Every piece of personal data found, in text order. */
export function findPersonalData(text: string): PersonalDataMatch[] {
  if (!text) return [];
  let work = shadow(text);
  const found: PersonalDataMatch[] = [];
  for (const [kind, detect] of DETECTORS) {
    const spans = detect(work);
    if (spans.length === 0) continue;
    // Blank the matches with a character no detector uses, so later detectors cannot re-match them.
    let blanked = '';
    let at = 0;
    for (const [start, end] of spans) {
      found.push({ kind, start, end, text: text.slice(start, end) });
      blanked += work.slice(at, start) + '\u25A0'.repeat(end - start);
      at = end;
    }
    work = blanked + work.slice(at);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The text with each piece of personal data replaced by its placeholder. */
export function maskPersonalData(text: string): string {
  if (!text) return text;
  let out = '';
  let at = 0;
  for (const m of findPersonalData(text)) {
    out += text.slice(at, m.start) + PLACEHOLDERS[m.kind];
    at = m.end;
  }
  return out + text.slice(at);
}

/**
 * Whether the text holds personal data. `allow` lists values that are public on purpose, such as
 * the organizing unit's contact email and address that R1 requires on a published draft.
 */
export function containsPersonalData(text: string, allow: readonly string[] = []): boolean {
  let t = text ?? '';
  for (const a of allow) if (a) t = t.split(a).join(' ');
  return findPersonalData(t).length > 0;
}

// Two-character surnames: keep the whole surname so that 欧阳娜娜 reads 欧阳** and not 欧***.
const COMPOUND_SURNAMES = new Set(
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 轩辕 端木 独孤 南宫 西门 澹台 公羊 钟离 百里 呼延 申屠 太史 万俟 闻人 赫连'.split(' '),
);

/** A resident's name for public display: 王小明 → 王**, Alice Smith → A***, empty → 匿名. */
export function maskName(name: string | null | undefined): string {
  const n = (name ?? '').trim();
  if (!n) return '匿名';
  const chars = Array.from(n);
  if (/\p{Script=Han}/u.test(chars[0])) {
    const keep = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0] + chars[1]) ? 2 : 1;
    return chars.slice(0, keep).join('') + '*'.repeat(Math.max(1, chars.length - keep));
  }
  // Latin and other scripts: the initial only, and a fixed number of stars so the length of the
  // name is not revealed.
  return chars[0] + '***';
}
