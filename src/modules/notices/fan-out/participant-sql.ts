// SQL that lists the participants of a draft, one row per comment or seat, sorted by identity so
// that a cursor hands over each participant's rows together. Kept apart from the code that runs
// it because the identity rules (who is the same person) must read the same for every source.

/**
 * The identity of a comment's author: the account (the author's, or an account whose verified
 * email the offline author gave), else the email, phone, name with postal address, or the log
 * pseudonym. Only `u.` identities are stored as such; the others are hashed before storage.
 */
const COMMENT_IDENTITY = `
  CASE WHEN coalesce(c.author_id, vu.id) IS NOT NULL THEN 'u.' || coalesce(c.author_id, vu.id)::text
       WHEN nullif(btrim(c.author_email), '') IS NOT NULL THEN 'email:' || lower(btrim(c.author_email))
       WHEN nullif(regexp_replace(coalesce(c.author_phone, ''), '\\D', '', 'g'), '') IS NOT NULL
         THEN 'phone:' || regexp_replace(c.author_phone, '\\D', '', 'g')
       WHEN nullif(btrim(c.author_address), '') IS NOT NULL
         THEN 'post:' || btrim(c.author_name) || '|' || regexp_replace(c.author_address, '\\s', '', 'g')
       ELSE 'ref:' || c.author_ref END`;

/** An account whose verified email an offline author or an invitee gave: the same person. */
const verifiedAccount = (guard: string, email: string) => `
  LEFT JOIN LATERAL (
    SELECT a.id FROM app_user a
     WHERE ${guard} AND lower(a.email) = lower(btrim(${email})) AND a.email_verified_at IS NOT NULL LIMIT 1
  ) vu ON true`;

/**
 * The disposition of comment `c` as it stood at `at` (a report's publication): the current one
 * (`d`) unless it was decided later, else the last one in the history before `at`. Dispositions
 * and publication lock the draft, so this is exactly what the report published. The history is
 * read only for comments changed since, which keeps a run of a million comments to one join.
 */
const dispositionAt = (alias: string, at: string) => `
  LEFT JOIN LATERAL (
    SELECT h.outcome, h.basis, h.reason FROM comment_disposition_history h
     WHERE d.decided_at > ${at} AND h.comment_id = c.id AND h.decided_at <= ${at}
     ORDER BY h.id DESC LIMIT 1
  ) ${alias} ON true`;

const dispositionColumns = (alias: string, at: string, prefix = '') =>
  ['outcome', 'basis', 'reason'].map((col) => `CASE WHEN d.decided_at <= ${at} THEN d.${col} ELSE ${alias}.${col} END AS ${prefix}${col}`).join(', ');

const SEAT_ROWS = `
  SELECT CASE WHEN coalesce(s.user_id, vu.id) IS NOT NULL THEN 'u.' || coalesce(s.user_id, vu.id)::text
              ELSE 'email:' || lower(btrim(s.email)) END AS identity,
         coalesce(s.user_id, vu.id) AS user_id, s.display_name AS name, s.email AS contact_email,
         NULL::text AS phone, NULL::text AS address, s.owner_kind AS source,
         NULL::uuid AS comment_id, NULL::bigint AS seq, NULL::text AS label, NULL::text AS stance, NULL::text AS text,
         NULL::text AS outcome, NULL::text AS basis, NULL::text AS reason,
         NULL::text AS prev_outcome, NULL::text AS prev_basis, NULL::text AS prev_reason
    FROM selection_seat s
    JOIN (SELECT 'hearing'::text AS kind, id FROM hearing WHERE draft_id = $1
          UNION ALL SELECT 'meeting', id FROM meeting WHERE draft_id = $1) o ON o.kind = s.owner_kind AND o.id = s.owner_id
    ${verifiedAccount('s.user_id IS NULL', 's.email')}
   WHERE s.status IN ('offered', 'confirmed')`;

function commentRows(withDetails: boolean, previous: boolean): string {
  const label = `CASE WHEN c.plan_index >= 0 THEN '备选方案' || (c.plan_index + 1) || ' ' ELSE '' END || coalesce(nullif(u.label, ''), c.anchor)`;
  const none = (cols: string[], prefix = '') => cols.map((col) => `NULL::text AS ${prefix}${col}`).join(', ');
  return `
  SELECT ${COMMENT_IDENTITY} AS identity,
         coalesce(c.author_id, vu.id) AS user_id, c.author_name AS name, nullif(btrim(c.author_email), '') AS contact_email,
         c.author_phone AS phone, nullif(btrim(c.author_address), '') AS address, 'comment'::text AS source,
         ${withDetails ? `c.id AS comment_id, c.seq, ${label} AS label, c.stance, c.text, ${dispositionColumns('cur', '$2')}` : `NULL::uuid AS comment_id, NULL::bigint AS seq, ${none(['label', 'stance', 'text', 'outcome', 'basis', 'reason'])}`},
         ${previous ? dispositionColumns('prev', '$3', 'prev_') : none(['outcome', 'basis', 'reason'], 'prev_')}
    FROM comment c
    ${verifiedAccount('c.author_id IS NULL AND c.author_email IS NOT NULL', 'c.author_email')}
    ${withDetails ? `LEFT JOIN draft_unit u ON u.draft_id = c.draft_id AND u.version = c.version AND u.plan_index = c.plan_index AND u.anchor = c.anchor
    LEFT JOIN comment_disposition d ON d.comment_id = c.id
    ${dispositionAt('cur', '$2')}` : ''}
    ${previous ? dispositionAt('prev', '$3') : ''}
   WHERE c.draft_id = $1`;
}

/** Columns added to every row: the account behind a `u.` identity. */
function withAccounts(inner: string, where = 'true'): string {
  return `
  SELECT p.*, a.display_name AS account_name,
         CASE WHEN a.email_verified_at IS NOT NULL THEN a.email END AS account_email
    FROM (${inner}) p
    LEFT JOIN app_user a ON a.id = p.user_id
   WHERE ${where}
   ORDER BY p.identity, p.source, p.seq`;
}

/**
 * Everyone who took part in a draft, for its adoption report: commenters with each comment and
 * its disposition as of the report ($2 = published_at), hearing representatives and meeting
 * attendees. Parameters: $1 draft id, $2 the report's published_at.
 */
export const REPORT_PARTICIPANTS = withAccounts(`${commentRows(true, false)} UNION ALL ${SEAT_ROWS}`);

/**
 * For a corrected report: only comments whose disposition differs between the previous version
 * ($3) and this one ($2); so only their authors are told again.
 */
export const CORRECTION_PARTICIPANTS = withAccounts(`
  SELECT * FROM (${commentRows(true, true)}) changed
   WHERE (outcome, coalesce(basis, ''), coalesce(btrim(reason), ''))
         IS DISTINCT FROM (prev_outcome, coalesce(prev_basis, ''), coalesce(btrim(prev_reason), ''))`);

/**
 * Followers of a draft for its results (R20): participants follow automatically, anyone may
 * follow explicitly, and an explicit unfollow wins. Parameter: $1 draft id.
 */
export const RESULTS_FOLLOWERS = withAccounts(
  `${commentRows(false, false)} UNION ALL ${SEAT_ROWS}
    UNION ALL
    SELECT 'u.' || df.user_id::text, df.user_id, NULL, NULL, NULL, NULL, 'follower', NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL
      FROM draft_follower df WHERE df.draft_id = $1 AND df.following`,
  `NOT EXISTS (SELECT 1 FROM draft_follower opt WHERE opt.draft_id = $1 AND opt.user_id = p.user_id AND NOT opt.following)`,
);
