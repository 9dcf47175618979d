// The participation report as print-ready HTML and as CSV. Every value is escaped for its format:
// comments are free text typed by the public.
import { BASIS_LABELS, CHANNEL_LABELS, OUTCOME_LABELS, STANCE_LABELS, type Basis, type Channel, type Outcome, type Stance } from '../comment.constants';
import type { Counts, ReportSnapshot } from './report-snapshot';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

export const label = {
  stance: (s: string) => STANCE_LABELS[s as Stance] ?? s,
  channel: (s: string) => CHANNEL_LABELS[s as Channel] ?? s,
  outcome: (s: string | null) => (s ? (OUTCOME_LABELS[s as Outcome] ?? s) : ''),
  basis: (s: string | null) => (s ? (BASIS_LABELS[s as Basis] ?? s) : ''),
};

export const unitName = (u: { anchor: string; label: string | null; planIndex: number | null; version: number }): string =>
  `${u.planIndex === null ? '' : `备选方案${u.planIndex + 1} `}${u.label || u.anchor}${u.version > 1 ? `（第${u.version}稿）` : ''}`;

/** Cells of the comments table, shared by HTML, CSV and XLSX. */
export function commentCells(r: ReportSnapshot, full: boolean): { head: string[]; rows: string[][] } {
  const head = ['序号 No.', '条款 Unit', '立场 Stance', '渠道 Channel', '收到时间 Received', '提出人 Author'];
  if (full) head.push('邮箱 Email', '电话 Phone', '地址 Address');
  head.push('意见 Text', '处理 Outcome', '理由依据 Basis', '理由 Reason', '聚类 Cluster', '叶哈希 Leaf hash');
  const rows = r.comments.map((c) => {
    const row = [String(c.seq), unitName({ ...c, label: c.unitLabel }), label.stance(c.stance), label.channel(c.channel), c.receivedAt, c.author.name];
    if (full) row.push(c.author.email ?? '', c.author.phone ?? '', c.author.address ?? '');
    const text = c.hidden && c.text === undefined ? `〔已隐藏 hidden：${c.hiddenReason ?? ''}〕` : `${c.hidden ? '〔公开页面已隐藏〕' : ''}${c.text ?? ''}`;
    row.push(text, label.outcome(c.disposition.outcome), label.basis(c.disposition.basis), c.disposition.reason ?? '', c.clusterId ?? '', c.leafHash);
    return row;
  });
  return { head, rows };
}

function countsText<K extends string>(counts: Counts<K>, name: (k: string) => string): string {
  return Object.entries(counts)
    .map(([k, n]) => `${name(k)} ${n}`)
    .join('，') || '无';
}

export function summaryPairs(r: ReportSnapshot): Array<[string, string]> {
  return [
    ['草案 Draft', r.draft.title ?? ''],
    ['报告版本 Report version', String(r.reportVersion)],
    ['公布时间 Published', r.publishedAt],
    ['征求意见期间 Window', `${r.draft.commentOpensAt ?? ''} — ${r.draft.commentClosesAt ?? ''}`],
    ['意见总数 Comments', String(r.totals.comments)],
    ['参与人数 Participants', String(r.totals.participants)],
    ['按渠道 By channel', countsText(r.totals.byChannel, label.channel)],
    ['按立场 By stance', countsText(r.totals.byStance, label.stance)],
    ['按处理结果 By outcome', countsText(r.totals.byOutcome, label.outcome)],
    ['相对集中意见阈值 Concentration threshold', String(r.concentrationThreshold)],
    ['意见记录树大小 Log tree size', String(r.log.treeSize)],
    ['意见记录树根 Log root hash', r.log.rootHash],
  ];
}

export function clusterCells(r: ReportSnapshot): { head: string[]; rows: string[][] } {
  return {
    head: ['聚类 Cluster', '意见数 Size', '相对集中 Concentrated', '示例 Sample', '处理 Outcome', '理由依据 Basis', '理由 Reason'],
    rows: r.clusters.map((k) => [
      k.id,
      String(k.size),
      k.concentrated ? '是 yes' : '否 no',
      k.sample.hidden ? '〔已隐藏 hidden〕' : (k.sample.text ?? ''),
      label.outcome(k.outcome),
      label.basis(k.basis),
      k.reason ?? '',
    ]),
  };
}

export function unitCells(r: ReportSnapshot): { head: string[]; rows: string[][] } {
  return {
    head: ['条款 Unit', '意见数 Total', '按立场 By stance', '按处理结果 By outcome'],
    rows: r.units.map((u) => [unitName(u), String(u.total), countsText(u.byStance, label.stance), countsText(u.byOutcome, label.outcome)]),
  };
}

function table(t: { head: string[]; rows: string[][] }): string {
  const head = t.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

export function renderHtml(r: ReportSnapshot, full: boolean): string {
  const title = `${r.draft.title ?? ''} 公众参与情况说明（意见采纳情况报告）`;
  const summary = summaryPairs(r)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", SimSun, serif; font-size: 10.5pt; line-height: 1.5; color: #000; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 12pt; }
h2 { font-size: 12.5pt; margin: 16pt 0 6pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8pt; }
th, td { border: 0.5pt solid #555; padding: 3pt 4pt; vertical-align: top; text-align: left; word-break: break-all; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.note { font-size: 9pt; color: #333; }
@media screen { body { max-width: 1100px; margin: 24px auto; } }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<h2>一、基本情况 Summary</h2>
<table>${summary}</table>
<h2>二、逐条意见及采纳情况 Every comment and its disposition</h2>
${table(commentCells(r, full))}
<h2>三、相对集中的意见 Concentrated opinions and clusters</h2>
${table(clusterCells(r))}
<h2>四、分条款汇总 Per-article summary</h2>
${table(unitCells(r))}
<h2>五、意见记录核验 Verifying the comment log</h2>
<p class="note">本报告公布时意见记录共 ${escapeHtml(r.log.treeSize)} 条，Merkle 树根为 <code>${escapeHtml(r.log.rootHash)}</code>。
持有回执者可按 RFC 6962 核验自己的意见包含在此树中且未被修改（见 docs/verify-receipt.md）。
The log held ${escapeHtml(r.log.treeSize)} comments with root <code>${escapeHtml(r.log.rootHash)}</code> when this report was published.</p>
</body>
</html>
`;
}

/** RFC 4180 cell; a leading = + - @ is neutralised so spreadsheets do not run it as a formula. */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderCsv(r: ReportSnapshot, full: boolean): string {
  const lines: string[][] = [];
  const section = (title: string, t: { head: string[]; rows: string[][] }) => {
    lines.push([]);
    lines.push([title]);
    lines.push(t.head, ...t.rows);
  };
  lines.push(['公众参与情况说明 Participation report']);
  for (const [k, v] of summaryPairs(r)) lines.push([k, v]);
  section('逐条意见 Comments', commentCells(r, full));
  section('聚类 Clusters', clusterCells(r));
  section('分条款汇总 Units', unitCells(r));
  // A byte order mark so that spreadsheet programs read the Chinese as UTF-8.
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
