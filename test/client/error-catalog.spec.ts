// Every error code the server can send is said in zh-CN and English, filling only params the
// server sends; a new server error without its translations fails here. Also how the client turns
// an error into the reader's text (client/src/lib/problem.ts).
import { ApiError } from '../../client/src/api/api-error';
import { errorTextEn, errorTextZh, errorWordsEn, errorWordsZh } from '../../client/src/i18n/errors.messages';
import { en, zh } from '../../client/src/i18n/messages';
import { explainError } from '../../client/src/lib/problem';
import { ROLES } from '../../src/common/auth/principal';
import { ERROR_CODES, ErrorCode } from '../../src/common/errors/error-codes';
import { R1_FIELD_NAMES } from '../../src/modules/drafts/draft-rules';
import { DRAFT_STATUSES } from '../../src/modules/drafts/draft-status';
import { HEARING_CATEGORIES, R11_FIELD_NAMES } from '../../src/modules/hearings/hearing-rules';
import { APPLICATION_STATUSES } from '../../src/modules/selection/dto/application.dto';

type Catalog = Record<string, string>;
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
const codes = Object.keys(ERROR_CODES) as ErrorCode[];

describe('error catalog against the server registry', () => {
  it('has a Chinese and an English text for every code the server can send', () => {
    expect(codes.length).toBeGreaterThan(150);
    const missing = codes.flatMap((code) => [
      ...((errorTextZh as Catalog)[code] && CJK.test((errorTextZh as Catalog)[code]) ? [] : [`${code}: zh-CN`]),
      ...((errorTextEn as Catalog)[code]?.trim() ? [] : [`${code}: English`]),
    ]);
    expect(missing).toEqual([]);
  });

  it('has no text for a code the server no longer sends', () => {
    expect(Object.keys(errorTextZh).filter((code) => !(code in ERROR_CODES))).toEqual([]);
  });

  it('fills only params the server sends with that code', () => {
    const strangers = codes.flatMap((code) => {
      const sent: readonly string[] = ERROR_CODES[code].params;
      return [(errorTextZh as Catalog)[code], (errorTextEn as Catalog)[code]].flatMap((text) => placeholders(text ?? '').filter((p) => !sent.includes(p)).map((p) => `${code}: {${p}}`));
    });
    expect(strangers).toEqual([]);
  });

  it('labels every value the server puts into params in both languages', () => {
    const words = { zh: errorWordsZh as Catalog, en: errorWordsEn as Catalog };
    const labels = { zh: zh as Catalog, en: en as Catalog };
    const expected = [
      ...[...R1_FIELD_NAMES, ...R11_FIELD_NAMES].map((f) => ['words', `field_${f}`]),
      ...[...ROLES, 'staff'].map((r) => ['words', `roleName_${r}`]),
      ...['hearing', 'meeting'].map((k) => ['words', `ownerKind_${k}`]),
      ...DRAFT_STATUSES.map((s) => ['labels', `status_${s}`]),
      ...HEARING_CATEGORIES.map((c) => ['labels', `cat_${c}`]),
      ...APPLICATION_STATUSES.map((s) => ['labels', `appStatus_${s}`]),
    ];
    const missing = expected.filter(([where, key]) => !(where === 'words' ? words : labels).zh[key] || !(where === 'words' ? words : labels).en[key]);
    expect(missing).toEqual([]);
  });
});

describe('explainError', () => {
  const signup = new ApiError(409, 'sign-up is open only from 2026-11-01T00:00:00.000Z until 2026-11-21T06:00:00.000Z', 'selection.signup_not_open', {
    opensAt: '2026-11-01T00:00:00.000Z',
    closesAt: '2026-11-21T06:00:00.000Z',
  });

  it('says a known refusal in the reader’s language with its dates in the organizer’s zone, and no English detail', () => {
    expect(explainError(signup, 'zh')).toEqual({ text: '当前不在报名期内。报名时间为 2026年11月1日 星期日 08:00 至 2026年11月21日 星期六 14:00。', detail: null });
    expect(explainError(signup, 'en')).toEqual({ text: 'Sign-up is not open now. It runs from Sun, 1 Nov 2026, 08:00 to Sat, 21 Nov 2026, 14:00.', detail: null });
  });

  it('names the rule, and labels enum values and lists in the reader’s language', () => {
    const r1 = new ApiError(422, 'R1: cannot submit a consultation without: missing basis, postal address', 'R1.missing_fields', { fields: ['basis', 'contact.address'] });
    expect(explainError(r1, 'zh').text).toBe('不符合规则 R1：草案还缺少必备内容：起草依据，通信地址。');
    expect(explainError(r1, 'en').text).toBe('Rule R1: The draft still lacks required content: legal basis, postal address.');
    const wrong = new ApiError(409, 'the draft is open; this step needs it in_review or approved', 'draft.wrong_status', { draftStatus: 'open', draftStatuses: ['in_review', 'approved'] });
    expect(explainError(wrong, 'zh').text).toBe('草案当前为“征求意见中”，此操作需要草案处于“审核中或已审核”。');
    const role = new ApiError(403, 'requires role: organizer or admin', 'auth.role_required', { roles: ['organizer', 'admin'] });
    expect(explainError(role, 'en').text).toBe('Only organizers or administrators may do this.');
  });

  it('keeps the server’s detail where the text is general: validation, unknown codes, no code', () => {
    const invalid = new ApiError(400, 'corrections.0.text must be shorter than or equal to 2000 characters', 'validation', { fields: ['corrections.0.text'] });
    expect(explainError(invalid, 'zh')).toEqual({ text: '以下内容填写有误：内容。', detail: invalid.message });
    const future = new ApiError(409, 'something new the client does not know yet', 'hearing.some_new_refusal');
    expect(explainError(future, 'zh')).toEqual({ text: '当前状态下无法执行此操作。', detail: future.message });
    expect(explainError(new ApiError(418, 'teapot'), 'en')).toEqual({ text: 'The request could not be completed.', detail: 'teapot' });
  });

  it('tells a request that got no answer as a network problem, and shows the client’s own errors as they are', () => {
    expect(explainError(new TypeError('Failed to fetch'), 'zh')).toEqual({ text: '无法连接服务器，请检查网络后重试。', detail: 'Failed to fetch' });
    expect(explainError(new Error('请填写驳回理由。'), 'zh')).toEqual({ text: '请填写驳回理由。', detail: null });
  });
});
