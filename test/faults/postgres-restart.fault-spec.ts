// PostgreSQL stops (immediate shutdown: every connection cut) and starts again while residents
// post comments concurrently with Idempotency-Keys. Clients retry a failed request with the same
// key and body. The API must come back by itself within seconds, never die, and end with every
// acknowledged comment stored once, under a gap-free log.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createPublishedDraft } from '../factories/drafts';
import { resident, SignedIn } from '../factories/users';
import { eventually, figures, sleep, Stack, startStack } from './harness';

const RESIDENTS = 10;
const CONCURRENCY = 40;
const DOWN_MS = 2000;

jest.setTimeout(180_000);

describe('fault: PostgreSQL restarts during comment intake', () => {
  let s: Stack;
  beforeAll(async () => void (s = await startStack()));
  afterAll(() => s?.destroy());

  it('recovers by itself and stores every acknowledged comment exactly once', async () => {
    const api = await s.api();
    const t = s.handle(api);
    const d = await createPublishedDraft(t);
    const people: SignedIn[] = [];
    for (let i = 0; i < RESIDENTS; i++) people.push(await resident(t, `居民${i}`));

    const acked = new Map<string, string>(); // Idempotency-Key -> comment id
    const statuses = new Map<string, number>();
    // "No request may return 500": an outage is a 503 (retry), never an internal error.
    const serverErrors: string[] = [];
    let upAt = 0;
    let firstAfterUp = 0;
    let running = true;
    let counter = 0;
    const died = () => (api.child.exitCode !== null || api.child.signalCode !== null ? `the API process died (exit ${api.child.exitCode}, signal ${api.child.signalCode})` : null);
    const post = async (who: SignedIn, key: string, body: object) => {
      for (;;) {
        if (died()) return; // the test fails on that below; the clients stop retrying
        let status = 0;
        let json: any = null;
        try {
          const res = await fetch(`${api.url}/api/drafts/${d.draftId}/comments`, {
            method: 'POST',
            headers: { ...who.auth, 'Content-Type': 'application/json', 'Idempotency-Key': key },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(10_000),
          });
          status = res.status;
          json = await res.json().catch(() => null);
        } catch {
          status = -1; // no answer: retried
        }
        statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
        if (status >= 500 && status !== 503) serverErrors.push(`${status} ${JSON.stringify(json)}`);
        if (status === 201 || status === 200) {
          if (upAt && !firstAfterUp) firstAfterUp = Date.now();
          const prior = acked.get(key);
          if (prior && prior !== json.id) throw new Error(`key ${key} answered with two ids`);
          acked.set(key, json.id);
          return;
        }
        if (status >= 400 && status < 500 && status !== 408 && status !== 429) throw new Error(`refused ${status}: ${JSON.stringify(json)}`);
        await sleep(100);
      }
    };
    const loop = async (i: number) => {
      const who = people[i % people.length];
      while (running && !died()) await post(who, randomUUID(), { anchor: 'a7', stance: 'amend', text: `建议夜间停车免费，第${++counter}条意见。` });
    };
    const loops = Array.from({ length: CONCURRENCY }, (_, i) => loop(i));

    await eventually(async () => acked.size >= 300, 60_000, '300 comments before the restart');
    const beforeRestart = acked.size;
    await s.pg.stop();
    await sleep(DOWN_MS);
    await s.pg.start();
    upAt = Date.now();
    await eventually(
      async () => {
        const dead = died();
        if (dead) {
          running = false;
          throw new Error(dead);
        }
        return firstAfterUp > 0;
      },
      30_000,
      'the first 201 after PostgreSQL is back',
    ).catch((err) => {
      running = false;
      throw new Error(died() ?? (err as Error).message);
    });
    const recoverySeconds = (firstAfterUp - upAt) / 1000;
    const atRecovery = acked.size;
    await eventually(async () => acked.size >= atRecovery + 300, 60_000, '300 more comments after recovery');
    running = false;
    await Promise.all(loops);

    expect(api.child.exitCode).toBeNull();
    expect(api.child.signalCode).toBeNull();
    expect((await fetch(`${api.url}/api/health`)).ok).toBe(true);

    const db = new Client({ connectionString: s.dbUrl });
    await db.connect();
    try {
      const ids = [...acked.values()];
      const found = (await db.query(`SELECT count(*)::int AS n FROM comment WHERE id = ANY($1::uuid[])`, [ids])).rows[0].n;
      const seqs = (await db.query(`SELECT seq FROM comment WHERE draft_id = $1 ORDER BY seq`, [d.draftId])).rows.map((r) => Number(r.seq));
      const texts = (await db.query(`SELECT count(*)::int AS n, count(DISTINCT text)::int AS distinct FROM comment WHERE draft_id = $1`, [d.draftId])).rows[0];
      const lost = ids.length - found;
      const duplicates = texts.n - texts.distinct;
      const gaps = seqs.filter((q, i) => q !== i + 1).length;
      figures('postgres-restart', {
        concurrency: CONCURRENCY,
        acknowledged: ids.length,
        stored: seqs.length,
        beforeRestart,
        pgDownMs: DOWN_MS,
        recoverySeconds,
        lost,
        duplicates,
        seqGaps: gaps,
        statuses: Object.fromEntries(statuses),
      });
      expect(serverErrors).toEqual([]);
      expect(lost).toBe(0);
      expect(duplicates).toBe(0);
      expect(new Set(ids).size).toBe(ids.length);
      expect(seqs.length).toBe(ids.length); // nothing stored that no client holds an answer for
      expect(gaps).toBe(0);
      expect(recoverySeconds).toBeLessThan(10);
    } finally {
      await db.end();
    }
  });
});
