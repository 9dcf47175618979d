// The only writes the seed makes outside the API. A demo on a fresh machine needs states that
// normally take days or weeks to reach (a comment window closing, a sign-up deadline passing, a
// hearing's start coming); the seed moves those few timestamps into the past with SQL, exactly as
// the test factories do, and lets the API apply what time has decided (its reconciler, its rules).
// Nothing else is touched: comments, seats, transcripts and reports all go through the API.
import pg from 'pg';

export async function timeShifter(databaseUrl) {
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  return {
    /** Sign-up ended a moment ago (announcement kept before it, as the table's checks require). */
    async closeSignup(hearingId) {
      await sql.query(
        `UPDATE hearing SET signup_opens_at = least(signup_opens_at, now() - interval '2 seconds'),
                            signup_closes_at = now() - interval '1 second',
                            announced_at = least(announced_at, now() - interval '3 seconds')
          WHERE id = $1`,
        [hearingId],
      );
    },
    /** The hearing's announced start is now; R11 (start ≥ announcement + 10 days) moves the announcement back. */
    async startNow(hearingId) {
      await sql.query(
        `UPDATE hearing SET signup_opens_at = least(signup_opens_at, now() - interval '4 seconds'),
                            signup_closes_at = least(signup_closes_at, now() - interval '3 seconds'),
                            starts_at = now() - interval '1 second', announced_at = now() - interval '11 days'
          WHERE id = $1`,
        [hearingId],
      );
    },
    /** The comment window closed a moment ago; the caller then runs the API's reconciler. */
    async closeWindow(draftId) {
      await sql.query(
        `UPDATE draft SET comment_opens_at = least(comment_opens_at, now() - interval '2 seconds'),
                          comment_closes_at = now() - interval '1 second'
          WHERE id = $1`,
        [draftId],
      );
      await sql.query(
        `UPDATE draft_version v SET comment_opens_at = d.comment_opens_at, comment_closes_at = d.comment_closes_at
           FROM draft d WHERE d.id = $1 AND v.draft_id = d.id AND v.version = d.version AND v.published_at IS NOT NULL`,
        [draftId],
      );
    },
    end: () => sql.end(),
  };
}
