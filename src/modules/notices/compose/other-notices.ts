// Results (R20), selection news for applicants and representatives, and the R17 reminders.
import type { Composed } from './report-notice';
import { beijingTime, greeting, SEPARATOR } from './wording';

export interface ResultsNoticeInput {
  draftTitle: string;
  recipientName: string | null;
  resultIndex: number;
  summary: string;
  execution: string;
  at: string;
  link: string;
}

export function composeResultsNotice(input: ResultsNoticeInput): Composed {
  const first = input.resultIndex === 0;
  const zh = [
    greeting(input.recipientName),
    '',
    first ? `您关注的《${input.draftTitle}》已作出决定，决定及执行情况如下：` : `您关注的《${input.draftTitle}》有新的执行情况：`,
    '',
    `决定情况：${input.summary}`,
    `执行情况：${input.execution}`,
    `公布时间：${beijingTime(input.at)}（北京时间）`,
    '',
    `欢迎继续监督：${input.link}`,
  ];
  const en = [
    first ? `A decision was made on "${input.draftTitle}", which you follow.` : `An execution update on "${input.draftTitle}", which you follow.`,
    `Decision: ${input.summary}`,
    `Execution: ${input.execution}`,
    `Follow it here: ${input.link}`,
  ];
  return {
    subject: `${first ? '【决定公布】' : '【执行情况更新】'}${input.draftTitle} / ${first ? 'Decision published' : 'Execution update'}`,
    body: [...zh, '', SEPARATOR, ...en].join('\n'),
    payload: { link: input.link, resultIndex: input.resultIndex, summary: input.summary, execution: input.execution, at: input.at },
  };
}

/** The selection events the hearings and meetings modules report (see SelectionNotifier). */
export interface SelectionNewsInput {
  event: string;
  ownerKind: 'hearing' | 'meeting';
  title: string;
  recipientName: string | null;
  label?: string | null;
  category?: string | null;
  reason?: string | null;
  confirmBy?: Date | string | null;
  position?: number | null;
  handling?: string | null;
  outcome?: string | null;
  link: string;
}

const SELECTION_WORDS: Record<string, { zh: string; en: string }> = {
  'application-accepted': { zh: '您的报名已通过审核。', en: 'Your application was accepted.' },
  'application-rejected': { zh: '您的报名未通过审核。', en: 'Your application was not accepted.' },
  selected: { zh: '您已被选为代表。', en: 'You have been selected as a representative.' },
  alternate: { zh: '您已被列为候补代表。', en: 'You are an alternate.' },
  'not-selected': { zh: '您未被选为代表。', en: 'You were not selected.' },
  'seat-offered': { zh: '有一个代表席位现在提供给您。', en: 'A seat is now offered to you.' },
  'seat-lapsed': { zh: '您未在期限内确认，代表席位已转给下一位候补。', en: 'Your seat lapsed because it was not confirmed in time.' },
  'meeting-feedback': { zh: '会议已就列席代表意见的处理情况作出反馈。', en: 'The meeting has reported how your opinions were handled.' },
};

export function composeSelectionNotice(input: SelectionNewsInput): Composed {
  const noun = input.ownerKind === 'hearing' ? { zh: '听证会', en: 'hearing' } : { zh: '会议', en: 'meeting' };
  const words = SELECTION_WORDS[input.event] ?? { zh: `状态更新：${input.event}`, en: `Update: ${input.event}` };
  const zh = [greeting(input.recipientName), '', `关于${noun.zh}《${input.title}》${input.label ? `（编号 ${input.label}）` : ''}：${words.zh}`];
  const en = [`About the ${noun.en} "${input.title}"${input.label ? ` (${input.label})` : ''}: ${words.en}`];
  if (input.position) {
    zh.push(`您目前是第 ${input.position} 位候补。`);
    en.push(`You are number ${input.position} among the alternates.`);
  }
  if (input.confirmBy) {
    zh.push(`请于 ${beijingTime(input.confirmBy)}（北京时间）前确认。`);
    en.push(`Please confirm by ${beijingTime(input.confirmBy)} Beijing time.`);
  }
  if (input.reason) {
    zh.push(`理由：${input.reason}`);
    en.push(`Reason: ${input.reason}`);
  }
  if (input.handling) {
    zh.push(`意见处理情况：${input.handling}`);
    en.push(`How opinions were handled: ${input.handling}`);
  }
  if (input.outcome) {
    zh.push(`会议结果：${input.outcome}`);
    en.push(`Outcome: ${input.outcome}`);
  }
  zh.push('', `详情：${input.link}`);
  en.push(`Details: ${input.link}`);
  return {
    subject: `【${noun.zh}】${input.title}：${words.zh.replace(/。$/, '')} / ${words.en.replace(/\.$/, '')}`,
    body: [...zh, '', SEPARATOR, ...en].join('\n'),
    payload: {
      event: input.event,
      ownerKind: input.ownerKind,
      label: input.label ?? null,
      category: input.category ?? null,
      reason: input.reason ?? null,
      confirmBy: input.confirmBy ? new Date(input.confirmBy).toISOString() : null,
      position: input.position ?? null,
      link: input.link,
    },
  };
}

export interface MeetingDeadlineInput {
  meetingId: string;
  title: string;
  startsAt: Date;
  dueAt: Date;
  recipientName: string | null;
  link: string;
}

/** R17: the organizer must report the handling of the attendees' opinions within 3 working days. */
export function composeMeetingReminder(input: MeetingDeadlineInput, overdue: boolean): Composed {
  const due = beijingTime(input.dueAt);
  const zh = overdue
    ? [greeting(input.recipientName), '', `会议《${input.title}》（${beijingTime(input.startsAt)}）的列席代表意见处理情况反馈已逾期：期限为 ${due}（北京时间，会后 3 个工作日）。请尽快反馈并公布结果。`]
    : [greeting(input.recipientName), '', `会议《${input.title}》（${beijingTime(input.startsAt)}）的列席代表意见处理情况须在 ${due}（北京时间，会后 3 个工作日）前反馈并公布。`];
  const en = overdue
    ? [`Feedback to the attendees of "${input.title}" is overdue: it was due by ${due} Beijing time (3 working days after the meeting).`]
    : [`Feedback to the attendees of "${input.title}" is due by ${due} Beijing time (3 working days after the meeting).`];
  zh.push('', input.link);
  return {
    subject: overdue ? `【已逾期】会议意见反馈：${input.title} / Meeting feedback overdue` : `【提醒】会议意见反馈即将到期：${input.title} / Meeting feedback due soon`,
    body: [...zh, '', SEPARATOR, ...en].join('\n'),
    payload: { meetingId: input.meetingId, startsAt: input.startsAt.toISOString(), dueAt: input.dueAt.toISOString(), overdue, link: input.link },
  };
}
