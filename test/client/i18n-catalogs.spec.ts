// Bilingual completeness of the web client: every catalog says everything in zh-CN and English
// with the same placeholders, and no Chinese is written into the pages outside the catalogs.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { en, zh } from '../../client/src/i18n/messages';

const CLIENT = join(__dirname, '../../client/src');
const I18N = join(CLIENT, 'i18n');
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

type Catalog = Record<string, string>;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every `fooZh`/`fooEn` pair exported by client/src/i18n/*.messages.ts, plus the merged pair. */
function catalogs(): Array<{ name: string; zh: Catalog; en: Catalog }> {
  const out = [{ name: 'messages.ts (merged)', zh: zh as Catalog, en: en as Catalog }];
  for (const file of readdirSync(I18N).filter((f) => f.endsWith('.messages.ts'))) {
    const mod = require(join(I18N, file)) as Record<string, Catalog>;
    for (const name of Object.keys(mod).filter((k) => k.endsWith('Zh'))) {
      const pair = mod[name.replace(/Zh$/, 'En')];
      if (pair) out.push({ name: `${file} ${name}`, zh: mod[name], en: pair });
    }
  }
  return out;
}

describe('client message catalogs', () => {
  const all = catalogs();

  it('finds every catalog file', () => {
    const files = readdirSync(I18N).filter((f) => f.endsWith('.messages.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(all.some((c) => c.name.startsWith(f))).toBe(true);
  });

  it.each(all.map((c) => [c.name, c] as const))('%s: same keys in zh-CN and English, none empty, same placeholders', (_name, c) => {
    expect(Object.keys(c.en).sort()).toEqual(Object.keys(c.zh).sort());
    const problems: string[] = [];
    for (const key of Object.keys(c.zh)) {
      const [z, e] = [c.zh[key], c.en[key]];
      if (typeof z !== 'string' || !z.trim()) problems.push(`${key}: empty in zh-CN`);
      if (typeof e !== 'string' || !e.trim()) problems.push(`${key}: empty in English`);
      else if (CJK.test(e) && !ENGLISH_MAY_HOLD_CJK.has(key)) problems.push(`${key}: Chinese in the English text "${e}"`);
      if (typeof z === 'string' && typeof e === 'string' && placeholders(z).join() !== placeholders(e).join()) {
        problems.push(`${key}: placeholders {${placeholders(z)}} vs {${placeholders(e)}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every zh-CN text is written in Chinese (nothing left untranslated)', () => {
    const untranslated = Object.entries(zh as Catalog).filter(([key, text]) => !CJK.test(text) && !ZH_MAY_LACK_CJK.has(key));
    expect(untranslated).toEqual([]);
  });

  it('no key is defined twice with different texts (merging would silently keep one)', () => {
    const seen = new Map<string, { where: string; zh: string; en: string }>();
    const clashes: string[] = [];
    for (const c of all.slice(1)) {
      for (const key of Object.keys(c.zh)) {
        const before = seen.get(key);
        if (before && (before.zh !== c.zh[key] || before.en !== c.en[key])) clashes.push(`${key}: ${before.where} vs ${c.name}`);
        else if (!before) seen.set(key, { where: c.name, zh: c.zh[key], en: c.en[key] });
      }
    }
    expect(clashes).toEqual([]);
  });
});

/** English texts that show Chinese on purpose, with the reason. */
const ENGLISH_MAY_HOLD_CJK = new Map([
  ['language', 'the language switch names the other language in that language: 中文'],
  ['searchPlaceholder', 'drafts are written in Chinese, so the example search term is Chinese'],
  ['bodyPlaceholder', 'the draft parser reads Chinese legal structure (第一章, 第一条), so the example body is Chinese'],
]);

/** zh-CN texts without Chinese, with the reason. */
const ZH_MAY_LACK_CJK = new Map([['language', 'the language switch names the other language in that language: English']]);

/**
 * Chinese that is data, not interface text. Each entry: file, the literal, and why it stays.
 */
const ALLOWED: Array<{ file: string; text: string; reason: string }> = [
  { file: 'components/hearings/SelfRecommendForm.tsx', text: '/[\\s,，]+/', reason: 'parses labels typed with a Chinese comma as a separator' },
];

/** Every string literal, template piece, JSX text and regex of a source file (comments skipped). */
function literals(file: string): Array<{ text: string; line: number }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Array<{ text: string; line: number }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isRegularExpressionLiteral(node) || ts.isJsxText(node)) {
      out.push({ text: node.getText(source), line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === I18N ? [] : sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('client source', () => {
  it('has no Chinese outside the message catalogs (strings, JSX text, templates, regexes)', () => {
    const files = sourceFiles(CLIENT);
    expect(files.filter((f) => f.endsWith('.tsx')).length).toBeGreaterThan(50);
    const found: string[] = [];
    for (const file of files) {
      const rel = relative(CLIENT, file);
      for (const l of literals(file)) {
        if (!CJK.test(l.text)) continue;
        if (ALLOWED.some((a) => a.file === rel && a.text === l.text)) continue;
        found.push(`${rel}:${l.line} ${l.text}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the scan sees Chinese in each kind of literal, and not in comments', () => {
    const probe = join(__dirname, 'cjk-probe.fixture.tsx');
    const texts = literals(probe).filter((l) => CJK.test(l.text)).map((l) => l.text.trim());
    expect(texts.sort()).toEqual(['"属性"', "'字符串'", '`模板${', '汉字文本'].sort());
  });
});
