// What a participant is told when an adoption report is published or corrected (R10): the
// outcome of each of their own comments, and why concentrated opinions were not adopted.
import { basisEn, basisZh, excerpt, greeting, outcomeEn, outcomeZh, SEPARATOR, stanceZh } from './wording';

export interface Disposition {
  outcome: string | null;
  basis: string | null;
  reason: string | null;
}

export interface OwnComment extends Disposition {
  commentId: string;
  seq: number;
  /** The unit's marker as written (第五条), or its anchor when the unit has none. */
  label: string;
  stance: string;
  text: string;
}

export interface ConcentratedReason {
  clusterId: string;
  size: number;
  /** A sample of the cluster, already masked (it is someone else's comment, R19). */
  sample: string;
  basis: string | null;
  reason: string;
}

/** Why this person is a participant besides (or instead of) commenting. */
export type SeatRole = 'hearing' | 'meeting';

export interface ReportNoticeInput {
  draftTitle: string;
  recipientName: string | null;
  reportVersion: number;
  comments: OwnComment[];
  concentrated: ConcentratedReason[];
  seats: SeatRole[];
  link: string;
}

export interface Composed {
  subject: string;
  body: string;
  payload: Record<string, unknown>;
}

function dispositionZh(d: Disposition): string {
  const basis = d.basis ? `（${basisZh(d.basis)}）` : '';
  return `${outcomeZh(d.outcome)}${basis}`;
}

function dispositionEn(d: Disposition): string {
  const basis = d.basis ? ` (${basisEn(d.basis)})` : '';
  return `${outcomeEn(d.outcome)}${basis}`;
}

function seatLineZh(seats: SeatRole[]): string[] {
  const roles = [...new Set(seats)].map((s) => (s === 'hearing' ? '听证会代表' : '列席会议代表'));
  return roles.length ? [`您作为${roles.join('、')}参与了本项决策。`] : [];
}

function concentratedLines(concentrated: ConcentratedReason[]): { zh: string[]; en: string[] } {
  if (!concentrated.length) return { zh: ['没有相对集中但未予采纳的意见。'], en: ['No concentrated opinion was left unadopted.'] };
  const zh = ['相对集中但未予采纳的意见及理由：'];
  const en = ['Concentrated opinions not adopted, and why:'];
  concentrated.forEach((c, i) => {
    zh.push(`${i + 1}. “${excerpt(c.sample, 80)}”（共 ${c.size} 条相同或相近意见）`, `   理由${c.basis ? `（${basisZh(c.basis)}）` : ''}：${c.reason}`);
    en.push(`${i + 1}. "${excerpt(c.sample, 80)}" (${c.size} similar comments): ${c.basis ? `${basisEn(c.basis)}: ` : ''}${c.reason}`);
  });
  return { zh, en };
}

export function composeReportNotice(input: ReportNoticeInput): Composed {
  const { draftTitle, comments, link } = input;
  const zh = [greeting(input.recipientName), '', `感谢您参与《${draftTitle}》的公众参与。意见采纳情况说明已经公布。`, ...seatLineZh(input.seats)];
  const en = [`Dear participant, the adoption report on "${draftTitle}" has been published.`];
  if (comments.length) {
    zh.push('', `您提出的 ${comments.length} 条意见的处理情况如下：`);
    en.push(`Your ${comments.length} comment(s):`);
    comments.forEach((c, i) => {
      zh.push(`${i + 1}. ${c.label}（${stanceZh(c.stance)}）：“${excerpt(c.text)}”`, `   处理结果：${dispositionZh(c)}`);
      if (c.reason) zh.push(`   理由：${c.reason}`);
      en.push(`${i + 1}. ${c.label}: ${dispositionEn(c)}${c.reason ? `. Reason: ${c.reason}` : ''}`);
    });
  }
  const conc = concentratedLines(input.concentrated);
  zh.push('', ...conc.zh, '', `完整的意见采纳情况说明：${link}`);
  en.push(...conc.en, `Full report: ${link}`);
  return {
    subject: `【意见采纳情况】${draftTitle} / Outcome of your comments`,
    body: [...zh, '', SEPARATOR, ...en].join('\n'),
    payload: {
      link,
      reportVersion: input.reportVersion,
      seats: [...new Set(input.seats)],
      comments: comments.map((c) => ({ commentId: c.commentId, seq: c.seq, label: c.label, outcome: c.outcome, basis: c.basis, reason: c.reason })),
      concentrated: input.concentrated.map((c) => ({ clusterId: c.clusterId, size: c.size, basis: c.basis, reason: c.reason })),
    },
  };
}

export interface ChangedComment {
  comment: OwnComment;
  before: Disposition;
}

export interface CorrectionNoticeInput {
  draftTitle: string;
  recipientName: string | null;
  reportVersion: number;
  changes: ChangedComment[];
  link: string;
}

/** A corrected report: only what changed for this person, before and after. */
export function composeCorrectionNotice(input: CorrectionNoticeInput): Composed {
  const { draftTitle, changes, link } = input;
  const zh = [
    greeting(input.recipientName),
    '',
    `《${draftTitle}》的意见采纳情况说明已更正（第 ${input.reportVersion} 版）。您的以下意见的处理结果有变化：`,
  ];
  const en = [`The adoption report on "${draftTitle}" was corrected (version ${input.reportVersion}). What changed for your comments:`];
  changes.forEach(({ comment: c, before }, i) => {
    zh.push(`${i + 1}. ${c.label}（${stanceZh(c.stance)}）：“${excerpt(c.text)}”`, `   原处理结果：${dispositionZh(before)}${before.reason ? `；理由：${before.reason}` : ''}`, `   更正后：${dispositionZh(c)}${c.reason ? `；理由：${c.reason}` : ''}`);
    en.push(`${i + 1}. ${c.label}: was ${dispositionEn(before)}, now ${dispositionEn(c)}${c.reason ? `. Reason: ${c.reason}` : ''}`);
  });
  zh.push('', `更正后的意见采纳情况说明：${link}`);
  en.push(`Corrected report: ${link}`);
  return {
    subject: `【意见采纳情况更正】${draftTitle} / Correction: outcome of your comments`,
    body: [...zh, '', SEPARATOR, ...en].join('\n'),
    payload: {
      link,
      reportVersion: input.reportVersion,
      changes: changes.map(({ comment: c, before }) => ({
        commentId: c.commentId,
        seq: c.seq,
        label: c.label,
        before: { outcome: before.outcome, basis: before.basis, reason: before.reason },
        after: { outcome: c.outcome, basis: c.basis, reason: c.reason },
      })),
    },
  };
}

/** A comment's disposition changed between two report versions: outcome, ground or reason. */
export function dispositionChanged(before: Disposition, after: Disposition): boolean {
  const norm = (s: string | null) => (s ?? '').trim();
  return before.outcome !== after.outcome || norm(before.basis) !== norm(after.basis) || norm(before.reason) !== norm(after.reason);
}
