// The vocabularies of comments (API.md "Comments"). The database CHECK constraints repeat them.

export const STANCES = ['support', 'oppose', 'amend', 'question', 'other'] as const;
export type Stance = (typeof STANCES)[number];

export const OFFLINE_CHANNELS = ['email', 'letter', 'fax', 'symposium', 'phone'] as const;
export const CHANNELS = ['web', ...OFFLINE_CHANNELS] as const;
export type Channel = (typeof CHANNELS)[number];

/** Dispositions (R6). */
export const OUTCOMES = ['adopted', 'partially_adopted', 'not_adopted', 'out_of_scope'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Grounds for not adopting (R6: 合法性、合理性、可行性 and other stated grounds). */
export const BASES = ['legality', 'reasonableness', 'feasibility', 'other'] as const;
export type Basis = (typeof BASES)[number];

/** The longest comment accepted, in characters (code points), checked again by the database. */
export const MAX_COMMENT_CHARS = 5000;

/** -1 in `plan_index`: the main text rather than an alternative plan (R3). */
export const MAIN_TEXT = -1;

/** Draft statuses in which dispositions and moderation may still change (not once decided). */
export const DISPOSABLE_STATUSES = ['open', 'closed', 'reported'] as const;

export const STANCE_LABELS: Record<Stance, string> = {
  support: '支持',
  oppose: '反对',
  amend: '修改建议',
  question: '疑问',
  other: '其他',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  web: '网站',
  email: '电子邮件',
  letter: '信函',
  fax: '传真',
  symposium: '座谈会',
  phone: '电话',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  adopted: '采纳',
  partially_adopted: '部分采纳',
  not_adopted: '不予采纳',
  out_of_scope: '不属于征求意见范围',
};

export const BASIS_LABELS: Record<Basis, string> = {
  legality: '合法性',
  reasonableness: '合理性',
  feasibility: '可行性',
  other: '其他',
};
