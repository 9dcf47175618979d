/**
 * Every machine-readable error `code` the API can send, with its kind and the names of its
 * `params`. Clients translate by code (the web client's catalogs are checked against this list by
 * test/client/error-catalog.spec.ts); `message` stays the English detail for API users and logs.
 * Params named `…At` are ISO times, `fields` are API field names, `*Status`/`*State`/`category`/
 * `kind`/`roles` are the API's enum values, the rest counts or identifiers.
 */
export type ErrorKind = 'rule' | 'invalid' | 'conflict' | 'not_found' | 'forbidden' | 'unauthorized' | 'overloaded' | 'http';

function spec<K extends ErrorKind>(kind: K) {
  return <const P extends readonly string[]>(...params: P) => ({ kind, params });
}
const rule = spec('rule');
const invalid = spec('invalid');
const conflict = spec('conflict');
const forbidden = spec('forbidden');
const unauthorized = spec('unauthorized');
const overloaded = spec('overloaded');
const http = spec('http');

/** `not_found.<thing>`: the message reads "<thing with spaces> not found". */
function notFound<const T extends readonly string[]>(...things: T) {
  return Object.fromEntries(things.map((t) => [`not_found.${t}`, { kind: 'not_found', params: [] }])) as unknown as {
    [K in T[number] as `not_found.${K}`]: { kind: 'not_found'; params: readonly [] };
  };
}

export const ERROR_CODES = {
  // Answers that are not domain errors: the HTTP layer, PostgreSQL, backpressure (error-mapping.ts).
  'request.invalid': http(),
  'request.forbidden': http(),
  'request.not_found': http(),
  'request.conflict': http(),
  'request.unprocessable': http(),
  'request.failed': http(),
  'request.malformed_json': http(),
  'request.too_large': http(),
  'request.unsupported_media_type': http(),
  'request.throttled': http(),
  'input.bad_format': http(),
  'input.too_long': http(),
  'input.out_of_range': http(),
  'input.bad_date': http(),
  'input.date_out_of_range': http(),
  'input.bad_character': http(),
  'input.unknown_reference': http(),
  'input.already_exists': http(),
  'service.busy': http(),
  'service.unavailable': http(),
  internal: http(),
  validation: invalid('fields'),
  'request.bad_uuid': invalid('field'),
  'request.payload_not_object': invalid(),
  'request.bad_idempotency_key': invalid(),
  'calendar.bad_day': invalid(),
  'service.overloaded': overloaded(),

  ...notFound(
    'draft', 'version', 'comment', 'cluster', 'adoption_report', 'user', 'hearing', 'meeting', 'application', 'seat',
    'invitation', 'draw_record', 'frozen_eligible_list', 'segment', 'correction', 'seal', 'hearing_report', 'notice',
  ),

  // Accounts and roles
  'auth.sign_in_required': unauthorized(),
  'auth.token_invalid': unauthorized(),
  'auth.bad_credentials': unauthorized(),
  'auth.role_required': forbidden('roles'),
  'account.no_unit': forbidden(),
  'account.no_such_unit': invalid(),
  'account.unit_name_taken': conflict(),
  'account.already_verified': conflict(),
  'account.email_taken': conflict(),
  'account.token_invalid': invalid(),

  // Drafts and their review (R1-R4, R9)
  'draft.staff_only': forbidden('roles'),
  'draft.mine_staff_only': forbidden(),
  'draft.window_order': invalid(),
  'draft.wrong_status': conflict('draftStatus', 'draftStatuses'),
  'draft.edit_wrong_status': conflict('draftStatus'),
  'draft.submit_wrong_status': conflict('draftStatus'),
  'draft.approve_wrong_status': conflict('draftStatus'),
  'draft.return_wrong_status': conflict('draftStatus'),
  'draft.publish_wrong_status': conflict('draftStatus'),
  'draft.results_before_decision': conflict('draftStatus'),
  'draft.revision_before_close': conflict('draftStatus'),
  'R1.missing_fields': rule('fields'),
  'R2.window_too_short': rule('opensAt', 'days'),
  'R3.one_alternative': rule(),
  'R4.disclosure_missing': rule(),
  'R4.own_draft': rule(),
  'R4.same_reviewer': rule(),
  'R9.report_before_decision': rule('draftStatus'),

  // Comments, their log, dispositions and the adoption report (R5-R9)
  'comment.new_version': conflict(),
  'comment.draft_not_open': conflict('draftStatus'),
  'comment.window_not_open': conflict('opensAt'),
  'comment.window_closed': conflict('closesAt'),
  'comment.offline_not_accepting': conflict('draftStatus'),
  'comment.offline_before_window': conflict('opensAt'),
  'comment.offline_after_window': conflict('closesAt'),
  'comment.offline_organizer_only': forbidden(),
  'comment.idempotency_key_reused': conflict(),
  'comment.intake_busy': overloaded(),
  'comment.received_in_future': invalid(),
  'comment.unknown_plan': invalid('planIndex', 'version'),
  'comment.unknown_anchor': invalid('anchor', 'version'),
  'comment.quote_order': invalid(),
  'comment.quote_beyond_unit': invalid('end', 'anchor', 'length'),
  'comment.full_staff_only': forbidden(),
  'comment.undecided_needs_full': forbidden(),
  'comment_log.tree_too_small': invalid('treeSize', 'seq'),
  'comment_log.tree_too_large': invalid('treeSize', 'logSize'),
  'disposition.wrong_status': conflict('draftStatus'),
  'R6.basis_missing': rule(),
  'R6.reason_missing': rule(),
  'R7.hidden_without_reason': rule(),
  'R8.reason_missing': rule(),
  'R8.cluster_without_reason': rule('cluster', 'size'),
  'R9.undisposed_comments': rule('count'),
  'report.before_close': conflict('draftStatus'),
  'report.comments_arriving': conflict(),

  // Hearings and meetings (R11-R13, R16)
  'hearing.announced_locked': conflict(),
  'hearing.already_announced': conflict(),
  'hearing.draft_not_public': conflict(),
  'R11.announcement_incomplete': rule('fields'),
  'R11.notice_too_short': rule('minDays', 'days'),
  'R11.signup_ended': rule(),
  'R12.too_few_representatives': rule('min', 'total'),
  'R12.category_without_seat': rule('categories'),
  'R13.invited_category': rule('category'),
  'R13.applying_category': rule('category'),
  'R16.seats_out_of_range': rule('min', 'max', 'seats'),
  'meeting.draft_not_public': conflict(),
  'meeting.starts_in_past': invalid(),
  'meeting.category_by_platform': invalid(),
  'meeting.not_yet_held': conflict(),
  'meeting.feedback_published': conflict(),
  'meeting.feedback_staff_only': forbidden(),

  // Sign-up, review, invitations, seats and draws
  'selection.signup_order': invalid(),
  'selection.signup_after_start': invalid(),
  'selection.signup_not_open': conflict('opensAt', 'closesAt'),
  'selection.not_announced': conflict('kind'),
  'selection.already_applied': conflict('kind'),
  'selection.already_started': conflict('kind'),
  'selection.category_must_apply': invalid(),
  'selection.bad_category': invalid('categories'),
  'selection.reject_needs_reason': invalid(),
  'selection.list_frozen': conflict(),
  'selection.application_final': conflict('label', 'applicationStatus'),
  'selection.organizers_only': forbidden('kind'),
  'selection.staff_only': forbidden('kind'),
  'seat.decline_not_allowed': forbidden(),
  'seat.not_yours': forbidden(),
  'seat.already_final': conflict('seatStatus'),
  'seat.passed_on': conflict('seatStatus'),
  'invitation.already_waiting': conflict(),
  'invitation.already_answered': conflict('invitationStatus'),
  'invitation.category_gone': conflict('category', 'kind'),
  'invitation.seat_held': conflict('kind'),
  'invitation.seats_full': conflict('quota', 'category'),
  'draw.signup_window_unset': conflict(),
  'draw.commit_after_signup': conflict('closesAt'),
  'draw.commitment_exists': conflict(),
  'draw.signup_still_open': conflict('closesAt'),
  'draw.list_already_frozen': conflict(),
  'draw.no_commitment_before_close': conflict(),
  'draw.applications_pending': conflict('count'),
  'draw.freeze_first': conflict(),
  'draw.already_drawn': conflict(),
  'draw.label_not_on_list': invalid('label', 'category'),
  'draw.too_many_labels': invalid('count', 'quota'),
  'draw.self_recommendation_recorded': conflict('category'),
  'draw.no_commitment': conflict(),
  'draw.chain_mismatch': invalid('commitment'),
  'draw.compute_failed': invalid(),

  // The live hearing, its transcript, confirmations and report (R14, R15)
  'live.clerks_only': forbidden(),
  'live.organizers_only': forbidden(),
  'live.staff_only': forbidden(),
  'live.too_early': conflict('startsAt'),
  'live.bad_transition': conflict('hearingState', 'nextState'),
  'live.not_live': conflict('hearingState'),
  'live.segment_race': conflict(),
  'live.join_superseded': conflict(),
  'live.after_end': conflict('hearingState'),
  'roster.seat_not_representative': invalid(),
  'roster.user_not_staff': invalid(),
  'roster.speaker_missing': invalid(),
  'R14.not_announced': rule(),
  'R14.corrections_pending': rule('count'),
  'R14.unconfirmed': rule('waiting', 'total', 'deadlineAt'),
  'seal.not_ended': conflict('hearingState'),
  'seal.already_sealed': conflict(),
  'seal.export_before_seal': conflict(),
  'confirm.representatives_only': forbidden(),
  'confirm.seat_not_held': forbidden(),
  'confirm.not_your_segment': forbidden('seq'),
  'confirm.both_given': invalid(),
  'confirm.nothing_given': invalid(),
  'confirm.seq_repeated': invalid('index', 'seq'),
  'confirm.already_confirmed': conflict(),
  'confirm.corrections_pending': conflict(),
  'confirm.correction_waiting': conflict('seq'),
  'confirm.correction_decided': conflict('correctionStatus'),
  'confirm.before_end': conflict(),
  'confirm.sealed': conflict(),
  'R15.no_conclusions': rule(),
  'R15.opinion_without_reason': rule('n'),
  'hearing_report.before_seal': conflict(),
  'hearing_report.already_published': conflict(),
  'hearing_report.opinion_without_speaker': invalid('n'),
  'hearing_report.unknown_seat': invalid('n'),

  // Notices (R17-R20)
  'notice.staff_only': forbidden('roles'),
  'notice.letters_staff_only': forbidden(),
  'notice.watch_staff_only': forbidden(),
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
type Spec<C extends ErrorCode> = (typeof ERROR_CODES)[C];
export type CodeOf<K extends ErrorKind> = { [C in ErrorCode]: Spec<C>['kind'] extends K ? C : never }[ErrorCode];
export type NotFoundThing = CodeOf<'not_found'> extends `not_found.${infer T}` ? T : never;

export type ParamValue = string | number | Date | null | readonly (string | number)[];
export type ParamsOf<C extends ErrorCode> = { [P in Spec<C>['params'][number]]: ParamValue };
/** The trailing constructor argument: the params when the code has any, nothing otherwise. */
export type ParamsArg<C extends ErrorCode> = [Spec<C>['params'][number]] extends [never] ? [] : [params: ParamsOf<C>];
