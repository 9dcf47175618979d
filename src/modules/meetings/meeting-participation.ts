import type { EntityManager } from 'typeorm';
import { one } from '../selection/sql';

// The comments module is built separately; until its `comment` table exists (with draft_id and
// author_id) commenting cannot be checked, and applying to or sitting in a hearing still counts.
async function commentTableReady(m: EntityManager): Promise<boolean> {
  const row = await one<{ n: number }>(
    m,
    `SELECT count(*)::int AS n FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'comment' AND column_name IN ('draft_id', 'author_id')`,
  );
  return row?.n === 2;
}

/**
 * Whether the person took part earlier in the decision on this draft (R16): commented on it,
 * applied to one of its hearings, or held a seat (spoke) at one of them.
 */
export async function tookPart(m: EntityManager, draftId: string, userId: string): Promise<boolean> {
  const commented = (await commentTableReady(m)) ? `OR EXISTS (SELECT 1 FROM comment c WHERE c.draft_id = $1 AND c.author_id = $2)` : '';
  const row = await one<{ tookPart: boolean }>(
    m,
    `SELECT EXISTS (SELECT 1 FROM selection_application a JOIN hearing h ON a.owner_kind = 'hearing' AND h.id = a.owner_id
                     WHERE h.draft_id = $1 AND a.user_id = $2)
         OR EXISTS (SELECT 1 FROM selection_seat s JOIN hearing h ON s.owner_kind = 'hearing' AND h.id = s.owner_id
                     WHERE h.draft_id = $1 AND s.user_id = $2)
         ${commented} AS "tookPart"`,
    [draftId, userId],
  );
  return row?.tookPart === true;
}
