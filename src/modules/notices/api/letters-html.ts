// The printable letter batch: one letter per A4 page, for participants with only a postal address.
import { beijingTime } from '../compose/wording';

export interface LetterView {
  recipientName: string | null;
  address: string | null;
  subject: string;
  body: string;
  createdAt: Date;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function lettersHtml(draftTitle: string, letters: LetterView[]): string {
  const pages = letters
    .map(
      (l) => `<section class="letter">
  <address>${escape(l.address ?? '')}<br>${escape(l.recipientName ?? '')}　收</address>
  <h2>${escape(l.subject)}</h2>
  <div class="body">${escape(l.body)}</div>
  <p class="date">${escape(beijingTime(l.createdAt).slice(0, 10))}</p>
</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(`意见采纳情况告知函 · ${draftTitle}`)}</title>
<style>
  @page { size: A4; margin: 25mm 20mm; }
  body { font-family: "SimSun", "Songti SC", serif; font-size: 12pt; line-height: 1.7; }
  .letter { page-break-after: always; break-after: page; }
  .letter:last-child { page-break-after: auto; break-after: auto; }
  address { font-style: normal; margin-bottom: 2em; }
  h2 { font-size: 14pt; text-align: center; }
  .body { white-space: pre-wrap; }
  .date { text-align: right; margin-top: 2em; }
</style>
</head>
<body>
${pages || '<p>没有需要邮寄的告知函。No letters to print.</p>'}
</body>
</html>`;
}
