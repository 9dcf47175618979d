// The sealed transcript as a document: print-ready HTML (A4, escaped) and plain text. Pure
// functions over a prepared document, so the same content goes into both formats.

export interface TranscriptDocument {
  hearingId: string;
  title: string;
  venue: string | null;
  startedAt: string | null;
  endedAt: string | null;
  segments: Array<{ seq: number; revision: number; speaker: string; role: string; text: string; at: string }>;
  representatives: Array<{ name: string; category: string; confirmedAt: string | null }>;
  seal: { algorithm: string; hash: string; sealedAt: string; confirmationDeadline: string; chainHead: string };
}

const ROLE_LABELS: Record<string, string> = {
  chair: '主持人',
  organizer: '承办单位',
  clerk: '记录人',
  stakeholder: '利害关系人代表',
  resident: '群众代表',
  deputy: '人大代表、政协委员',
  expert: '专家',
  lawyer: '法律工作者',
  other: '其他',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

/** Beijing time (China keeps no daylight saving): 2026-03-02 10:00:05. */
export function beijingTime(iso: string | null): string {
  if (!iso) return '—';
  return new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function notConfirmed(doc: TranscriptDocument) {
  return doc.representatives.filter((r) => !r.confirmedAt);
}

export function renderText(doc: TranscriptDocument): string {
  const lines = [
    `听证笔录 / Hearing transcript`,
    doc.title,
    `地点 / Venue: ${doc.venue ?? '—'}`,
    `开始 / Started: ${beijingTime(doc.startedAt)} (UTC+8)    结束 / Ended: ${beijingTime(doc.endedAt)} (UTC+8)`,
    '',
  ];
  for (const s of doc.segments) {
    lines.push(`[${s.seq}] ${beijingTime(s.at).slice(11)} ${s.speaker}（${roleLabel(s.role)}）${s.revision > 1 ? ` [第${s.revision}稿]` : ''}`);
    lines.push(...s.text.split(/\r?\n/).map((l) => `    ${l}`));
  }
  lines.push('', '代表确认 / Confirmations:');
  for (const r of doc.representatives) {
    lines.push(`  ${r.name}（${roleLabel(r.category)}）: ${r.confirmedAt ? `已确认 ${beijingTime(r.confirmedAt)}` : '未确认 / not confirmed'}`);
  }
  lines.push(
    '',
    `封存 / Sealed: ${beijingTime(doc.seal.sealedAt)} (UTC+8), ${doc.seal.algorithm}`,
    `确认期限 / Confirmation deadline: ${beijingTime(doc.seal.confirmationDeadline)} (UTC+8)`,
    `未确认人数 / Not confirmed: ${notConfirmed(doc).length}`,
    `链头 / Chain head: ${doc.seal.chainHead}`,
    `封存哈希 / Seal hash: ${doc.seal.hash}`,
    '',
  );
  return lines.join('\n');
}

export function renderHtml(doc: TranscriptDocument): string {
  const e = escapeHtml;
  const segments = doc.segments
    .map(
      (s) => `<tr><td class="seq">${s.seq}</td><td class="at">${e(beijingTime(s.at).slice(11))}</td>` +
        `<td class="who">${e(s.speaker)}<br><small>${e(roleLabel(s.role))}</small></td>` +
        `<td class="text">${e(s.text).replace(/\r?\n/g, '<br>')}${s.revision > 1 ? ` <small>（第${s.revision}稿）</small>` : ''}</td></tr>`,
    )
    .join('\n');
  const reps = doc.representatives
    .map((r) => `<tr><td>${e(r.name)}</td><td>${e(roleLabel(r.category))}</td><td>${r.confirmedAt ? `已确认 ${e(beijingTime(r.confirmedAt))}` : '<strong>未确认</strong>'}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>听证笔录 — ${e(doc.title)}</title>
<style>
  @page { size: A4; margin: 20mm 18mm; }
  body { font-family: "Songti SC", "SimSun", "WenQuanYi Micro Hei", serif; font-size: 11pt; line-height: 1.6; color: #000; }
  h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
  .meta, .seal { font-size: 10pt; }
  table { width: 100%; border-collapse: collapse; margin: 4mm 0; }
  th, td { border: 0.5pt solid #444; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  td.seq, td.at { white-space: nowrap; width: 1%; }
  td.who { width: 18%; }
  .seal code { word-break: break-all; font-size: 9pt; }
</style>
</head>
<body>
<h1>听证笔录</h1>
<p class="meta"><strong>${e(doc.title)}</strong><br>
地点：${e(doc.venue ?? '—')}<br>
开始：${e(beijingTime(doc.startedAt))}　结束：${e(beijingTime(doc.endedAt))}（北京时间）</p>
<table>
<thead><tr><th>序号</th><th>时间</th><th>发言人</th><th>发言内容</th></tr></thead>
<tbody>
${segments}
</tbody>
</table>
<h2>代表确认</h2>
<table>
<thead><tr><th>代表</th><th>类别</th><th>确认</th></tr></thead>
<tbody>
${reps}
</tbody>
</table>
<div class="seal">
<p>确认期限：${e(beijingTime(doc.seal.confirmationDeadline))}；未确认人数：${notConfirmed(doc).length}</p>
<p>封存时间：${e(beijingTime(doc.seal.sealedAt))}（${e(doc.seal.algorithm)}）<br>
链头：<code>${e(doc.seal.chainHead)}</code><br>
封存哈希：<code>${e(doc.seal.hash)}</code></p>
</div>
</body>
</html>
`;
}
