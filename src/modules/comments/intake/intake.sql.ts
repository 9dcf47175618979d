// SQL of the group commit. Parameters of the rows: $1 the draft, $2..$24 one array per column
// (unnest), $25..$27 the log head after the batch (size, frontier, root).

const ROWS = `
  INSERT INTO comment (id, draft_id, version, seq, anchor, plan_index, quote_start, quote_end, quote_text, stance, text,
    channel, received_at, author_id, author_name, author_email, author_phone, author_address, author_ref, entered_by,
    idempotency_key, request_hash, leaf_hash, root_hash)
  SELECT u.id, $1, u.version, u.seq, u.anchor, u.plan_index, u.qs, u.qe, u.qt, u.stance, u.text,
    u.channel, u.received_at, u.author_id, u.author_name, u.ae, u.ap, u.aa, u.author_ref, u.entered_by,
    u.ik, u.rh, u.leaf, u.root
  FROM unnest($2::uuid[], $3::int[], $4::bigint[], $5::text[], $6::int[], $7::int[], $8::int[], $9::text[], $10::text[],
    $11::text[], $12::text[], $13::timestamptz[], $14::uuid[], $15::text[], $16::text[], $17::text[], $18::text[],
    $19::text[], $20::uuid[], $21::text[], $22::text[], $23::text[], $24::text[])
    AS u(id, version, seq, anchor, plan_index, qs, qe, qt, stance, text, channel, received_at, author_id, author_name,
         ae, ap, aa, author_ref, entered_by, ik, rh, leaf, root)`;

// Per-unit counters, one upsert per (unit, stance) of the batch.
const STATS = `
  INSERT INTO comment_unit_stats AS s (draft_id, version, plan_index, anchor, stance, count)
  SELECT $1, v, p, a, st, count(*) FROM unnest($3::int[], $6::int[], $5::text[], $10::text[]) AS x(v, p, a, st)
  GROUP BY v, p, a, st
  ON CONFLICT (draft_id, version, plan_index, anchor, stance) DO UPDATE SET count = s.count + excluded.count`;

/** Locks the log head (and reads the draft's state) for the rest of the transaction. */
export const LOCK_LOG = `
  SELECT l.tree_size::int AS size, l.frontier, l.root_hash AS root, l.epoch::int AS epoch,
         d.status, d.version, d.comment_opens_at AS opens, d.comment_closes_at AS closes
  FROM comment_log l JOIN draft d ON d.id = l.draft_id
  WHERE l.draft_id = $1
  FOR UPDATE OF l`;

// Each key is probed in its unique index (LATERAL ... LIMIT 1 keeps the planner from turning the
// lookup into a hash join over every comment).
const WEB_KEY = `
  FROM unnest($SCOPE::uuid[], $KEY::text[]) AS k(scope, key)
  CROSS JOIN LATERAL (
    SELECT * FROM comment c
    WHERE c.author_id = k.scope AND c.idempotency_key = k.key AND c.author_id IS NOT NULL AND c.idempotency_key IS NOT NULL
    LIMIT 1) c`;
const OFFLINE_KEY = `
  FROM unnest($SCOPE::uuid[], $KEY::text[]) AS k(scope, key)
  CROSS JOIN LATERAL (
    SELECT * FROM comment c
    WHERE c.author_id IS NULL AND c.entered_by = k.scope AND c.idempotency_key = k.key AND c.idempotency_key IS NOT NULL
    LIMIT 1) c`;
const keys = (sql: string, scope: number, key: number) => sql.replace('$SCOPE', `$${scope}`).replace('$KEY', `$${key}`);

/** Comments already stored under the Idempotency-Keys of a batch ($1/$2 web, $3/$4 offline). */
export const STORED_KEYS = `
  SELECT c.id, c.seq::int AS seq, c.leaf_hash, c.root_hash, c.request_hash, c.author_id, c.entered_by, c.channel, c.idempotency_key
  ${keys(WEB_KEY, 1, 2)}
  UNION ALL
  SELECT c.id, c.seq::int, c.leaf_hash, c.root_hash, c.request_hash, c.author_id, c.entered_by, c.channel, c.idempotency_key
  ${keys(OFFLINE_KEY, 3, 4)}`;

/** Inside the locking transaction: the rows, the counters and the new head. */
export const INSERT_LOCKED = `
  WITH ins AS (${ROWS}), stats AS (${STATS})
  UPDATE comment_log SET tree_size = $25, frontier = $26, root_hash = $27, epoch = epoch + 1, updated_at = now()
  WHERE draft_id = $1`;

/**
 * The whole group commit in one autocommit statement, planned against a remembered head: the head
 * moves only if it is still exactly that tree ($28 size, $36 root) and nobody else wrote the row
 * since ($29 epoch: a report publication bumps it), the draft is still in the state the batch was
 * checked against ($30 status, $31 version) and none of the batch's Idempotency-Keys is stored
 * ($32..$35); otherwise nothing is written and the batch is planned again under the row lock.
 * One round trip and no lock held across round trips.
 *
 * The head is compared on the row as it is once this statement holds its lock (`latest`, FOR
 * UPDATE), not on the statement's snapshot: a batch sent while the one it was planned on is still
 * committing waits for that commit and then finds the head it expects. Compared on the snapshot,
 * it would see the older head and give up at once, and the pair of batches in flight would become
 * one statement wasted and sent again.
 */
export const INSERT_IF_HEAD = `
  WITH latest AS (
    SELECT tree_size, epoch, root_hash FROM comment_log WHERE draft_id = $1 FOR UPDATE
  ),
  head AS (
    UPDATE comment_log SET tree_size = $25, frontier = $26, root_hash = $27, epoch = epoch + 1, updated_at = now()
    WHERE draft_id = $1
      AND (SELECT tree_size = $28 AND epoch = $29 AND root_hash = $36 FROM latest)
      AND EXISTS (SELECT 1 FROM draft d WHERE d.id = $1 AND d.status = $30 AND d.version = $31)
      AND NOT EXISTS (SELECT 1 ${keys(WEB_KEY, 32, 33)})
      AND NOT EXISTS (SELECT 1 ${keys(OFFLINE_KEY, 34, 35)})
    RETURNING epoch::int AS epoch
  ),
  ins AS (${ROWS} WHERE EXISTS (SELECT 1 FROM head)),
  stats AS (${STATS.replace('GROUP BY', 'WHERE EXISTS (SELECT 1 FROM head) GROUP BY')})
  SELECT epoch FROM head`;
