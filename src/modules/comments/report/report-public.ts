// The public participation report: the published snapshot with participants' names masked, their
// contact data removed and personal data in any free text masked (R19); hidden comments keep their
// place, stance and disposition but not their text (R7). Nothing is dropped: opposing comments
// all stay in the list and in every count (R7).
import { maskName, maskPersonalData } from '../../../common/privacy/mask';
import type { ReportSnapshot } from './report-snapshot';

const mask = (s: string | null): string | null => (s === null ? null : maskPersonalData(s));

export function publicReport(full: ReportSnapshot): ReportSnapshot {
  const { publishedBy: _staff, ...rest } = full;
  return {
    ...rest,
    clusters: full.clusters.map((k) => ({
      ...k,
      sample: { id: k.sample.id, hidden: k.sample.hidden, text: k.sample.hidden ? null : mask(k.sample.text) },
      reason: mask(k.reason),
    })),
    comments: full.comments.map((c) => {
      const { text, author, ...fields } = c;
      return {
        ...fields,
        author: { name: maskName(author.name) },
        ...(c.hidden ? {} : { text: maskPersonalData(text ?? '') }),
        disposition: { ...c.disposition, reason: mask(c.disposition.reason) },
      };
    }),
  };
}
