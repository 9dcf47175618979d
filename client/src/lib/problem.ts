// An error as the reader should see it: the catalog text for the server's `code`, its `params`
// formatted in the reader's language, and the server's English detail only where the text alone
// would not say enough (an unknown code, a validation message).
import { ApiError, ErrorParams } from '../api/api-error';
import { errorTextEn, errorTextZh, errorWordsEn, errorWordsZh } from '../i18n/errors.messages';
import { fill } from '../i18n/fill';
import { en, Lang, zh } from '../i18n/messages';
import { formatTime } from './format';

type Catalog = Record<string, string>;
const TEXTS: Record<Lang, Catalog> = { zh: errorTextZh, en: errorTextEn };
const WORDS: Record<Lang, Catalog> = { zh: errorWordsZh, en: errorWordsEn };
const LABELS: Record<Lang, Catalog> = { zh, en };

/** Params holding API enum values, by the catalog prefix of their labels. */
const VALUE_LABELS: Record<string, string> = {
  draftStatus: 'status_',
  draftStatuses: 'status_',
  applicationStatus: 'appStatus_',
  seatStatus: 'seatStatus_',
  invitationStatus: 'invStatus_',
  correctionStatus: 'corrStatus_',
  hearingState: 'liveState_',
  nextState: 'liveState_',
  category: 'cat_',
  categories: 'cat_',
  kind: 'ownerKind_',
  roles: 'roleName_',
  fields: 'field_',
  field: 'field_',
};

/** Lists read as alternatives ("organizers or reviewers"); the others as enumerations. */
const ALTERNATIVES = new Set(['roles', 'draftStatuses']);

/** Codes whose text is general enough that the server's detail helps (which field, which constraint). */
const WITH_DETAIL = new Set(['validation', 'request.invalid', 'request.forbidden', 'request.conflict', 'request.unprocessable', 'request.failed', 'draw.compute_failed']);

export interface Explained {
  text: string;
  /** The server's own words (English), shown smaller under the text; null when the text suffices. */
  detail: string | null;
}

/** What to show for anything a request threw. */
export function explainError(err: unknown, lang: Lang): Explained {
  const words = WORDS[lang];
  // fetch() itself failed (a TypeError), or a socket was not connected: no answer reached the browser.
  if (err instanceof TypeError || (err instanceof ApiError && err.status === 0)) return { text: words.errNetwork, detail: err.message };
  // Anything else was thrown by the client itself, with a message already in the reader's language.
  if (!(err instanceof ApiError)) return { text: err instanceof Error ? err.message : String(err), detail: null };
  const text = err.code ? TEXTS[lang][err.code] : undefined;
  if (!text || !err.code) return { text: words[`errStatus_${err.status}`] ?? words.errStatus_other, detail: err.message || null };
  const rule = /^(R\d+)\./.exec(err.code)?.[1];
  const body = fill(text, formatParams(err.params ?? {}, lang));
  return { text: rule ? fill(words.errRule, { rule }) + body : body, detail: WITH_DETAIL.has(err.code) ? err.message : null };
}

function formatParams(params: ErrorParams, lang: Lang): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    const one = (v: string | number | null) => formatValue(name, v, lang);
    out[name] = Array.isArray(value) ? value.map(one).join(ALTERNATIVES.has(name) ? WORDS[lang].errOr : LABELS[lang].listSeparator) : one(value);
  }
  return out;
}

function formatValue(name: string, value: string | number | null, lang: Lang): string | number {
  if (value === null) return '—';
  if (name.endsWith('At') && typeof value === 'string') return formatTime(value, lang);
  const prefix = VALUE_LABELS[name];
  if (!prefix || typeof value !== 'string') return value;
  return WORDS[lang][prefix + value] ?? LABELS[lang][prefix + value] ?? fieldLabel(prefix, value, lang) ?? value;
}

/** A nested field path (corrections.0.text) by the label of its last named part. */
function fieldLabel(prefix: string, path: string, lang: Lang): string | undefined {
  if (prefix !== 'field_') return undefined;
  const last = path.split('.').filter((p) => !/^\d+$/.test(p)).pop();
  return last ? WORDS[lang][prefix + last] : undefined;
}
