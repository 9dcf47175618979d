// Backpressure (issue 8): under overload the API answers 429 or 503 (with Retry-After) quickly
// instead of queueing without bound; every 2xx comment is stored, no refused one is; the process
// keeps answering. Each block starts its own API with small limits so a burst from this process
// is enough to reach them.
import http from 'node:http';
import { commentBody } from '../factories/comments';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { resident, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

interface Answer {
  status: number; // 0: no answer (socket error)
  retryAfter?: string;
  body: any;
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: object;
}

/** Sends every call at once over up to `sockets` keep-alive connections; resolves when all settled. */
async function burst(base: string, sockets: number, calls: Call[]): Promise<Answer[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const url = new URL(base);
  try {
    return await Promise.all(
      calls.map(
        (c) =>
          new Promise<Answer>((resolve) => {
            const payload = c.body ? Buffer.from(JSON.stringify(c.body)) : undefined;
            const req = http.request(
              {
                agent,
                host: url.hostname,
                port: url.port,
                method: c.method,
                path: c.path,
                headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}), ...c.headers },
              },
              (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (d: Buffer) => chunks.push(d));
                res.on('end', () => {
                  const text = Buffer.concat(chunks).toString('utf8');
                  let body: unknown = text;
                  try {
                    body = JSON.parse(text);
                  } catch {}
                  resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body });
                });
                res.on('error', (e) => resolve({ status: 0, body: String(e) }));
              },
            );
            req.on('error', (e) => resolve({ status: 0, body: String(e) }));
            req.end(payload);
          }),
      ),
    );
  } finally {
    agent.destroy();
  }
}

/** One line per burst for docs/reliability.md (like the fault tests' FAULT-FIGURES). */
const report = (name: string, figures: object) => console.log(`BACKPRESSURE-FIGURES ${name} ${JSON.stringify(figures)}`);

const countBy = (answers: Answer[]) => answers.reduce<Record<number, number>>((m, a) => ((m[a.status] = (m[a.status] ?? 0) + 1), m), {});

/** `n` comment submissions spread over the residents, each with its own text. */
function submissions(draftId: string, people: SignedIn[], n: number): Call[] {
  return Array.from({ length: n }, (_, i) => ({
    method: 'POST' as const,
    path: `/api/drafts/${draftId}/comments`,
    headers: people[i % people.length].auth,
    body: commentBody({ anchor: `a${1 + (i % 10)}`, text: `第${i}号意见：建议延长夜间免费停车时段。` }),
  }));
}

async function residents(t: TestApp, n: number): Promise<SignedIn[]> {
  const people: SignedIn[] = [];
  for (let i = 0; i < n; i++) people.push(await resident(t, `居民${i}`));
  return people;
}

/** Every 201 is a stored row, nothing else is, and the draft's log is gap-free. */
async function expectStoredExactly(t: TestApp, draftId: string, answers: Answer[]): Promise<void> {
  const ids = answers.filter((a) => a.status === 201).map((a) => a.body.id as string);
  const found = await t.sql.query(`SELECT count(*)::int AS n FROM comment WHERE id = ANY($1::uuid[])`, [ids]);
  expect(found.rows[0].n).toBe(ids.length);
  const all = await t.sql.query(`SELECT count(*)::int AS n, coalesce(max(seq), 0)::int AS hi FROM comment WHERE draft_id = $1`, [draftId]);
  expect(all.rows[0]).toEqual({ n: ids.length, hi: ids.length });
  const log = await t.http().get(`/api/drafts/${draftId}/log`).expect(200);
  expect(log.body.treeSize).toBe(ids.length);
}

/** The API still serves: health 200 and a new comment stored. */
async function expectStillServing(t: TestApp, draft: PublishedDraft, who: SignedIn): Promise<void> {
  await t.http().get('/api/health').expect(200);
  const res = await t.http().post(`/api/drafts/${draft.draftId}/comments`).set(who.auth).send(commentBody());
  expect(res.status).toBe(201);
}

function expectRefusals(answers: Answer[], message: RegExp): void {
  const refused = answers.filter((a) => a.status === 503);
  expect(refused.length).toBeGreaterThan(0);
  for (const a of refused) {
    expect(a.retryAfter).toMatch(/^\d+$/);
    expect(a.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.any(String), code: expect.stringMatching(/^(service\.\w+|comment\.intake_busy)$/) });
  }
  expect(refused.some((a) => message.test(a.body.message))).toBe(true);
}

describe('Backpressure (e2e)', () => {
  describe('bounded comment intake (INTAKE_MAX_WAITING)', () => {
    let t: TestApp;
    let draft: PublishedDraft;
    let people: SignedIn[];
    beforeAll(async () => {
      // Only the intake queue is small: the request guard's limits stay out of the way.
      t = await createTestApp({ INTAKE_MAX_WAITING: '20', OVERLOAD_MAX_IN_FLIGHT: '100000', OVERLOAD_MAX_LOOP_DELAY_MS: '100000' });
      draft = await createPublishedDraft(t);
      people = await residents(t, 8);
    });
    afterAll(() => t.close());

    it('answers 2,000 simultaneous submissions with 201 or 503 + Retry-After; every 201 is stored, no 503 is, the log has no gap', async () => {
      const answers = await burst(t.url, 500, submissions(draft.draftId, people, 2000));
      const statuses = countBy(answers);
      // All settled (Promise.all above) and every answer is an acceptance or a clean refusal.
      expect(Object.keys(statuses).map(Number).filter((s) => ![201, 429, 503].includes(s))).toEqual([]);
      expect(statuses[201]).toBeGreaterThan(0);
      expectRefusals(answers, /comment intake is busy/);
      await expectStoredExactly(t, draft.draftId, answers);
      const health = await t.http().get('/api/health').expect(200);
      expect(health.body.info.overload).toMatchObject({ status: 'up', intakeWaiting: 0, intakeRefused: statuses[503] });
      report('intake', { statuses, overload: health.body.info.overload });
      await expectStillServing(t, draft, people[0]);
    });
  });

  describe('overload guard: requests in flight (OVERLOAD_MAX_IN_FLIGHT)', () => {
    let t: TestApp;
    let draft: PublishedDraft;
    let people: SignedIn[];
    beforeAll(async () => {
      t = await createTestApp({ OVERLOAD_MAX_IN_FLIGHT: '10', OVERLOAD_MAX_LOOP_DELAY_MS: '100000' });
      draft = await createPublishedDraft(t);
      people = await residents(t, 4);
    });
    afterAll(() => t.close());

    it('refuses requests beyond the limit with 503 before any work, while /api/health keeps answering', async () => {
      const calls = submissions(draft.draftId, people, 600);
      // Health checks in the middle of the burst: never refused.
      for (let i = 50; i < calls.length; i += 100) calls.splice(i, 0, { method: 'GET', path: '/api/health' });
      const answers = await burst(t.url, 300, calls);
      const healthAnswers = answers.filter((_, i) => calls[i].path === '/api/health');
      expect(healthAnswers.map((a) => a.status)).toEqual(healthAnswers.map(() => 200));
      const comments = answers.filter((_, i) => calls[i].path !== '/api/health');
      expect(Object.keys(countBy(comments)).map(Number).filter((s) => ![201, 503].includes(s))).toEqual([]);
      expectRefusals(comments, /the server is overloaded/);
      await expectStoredExactly(t, draft.draftId, comments);
      const health = await t.http().get('/api/health').expect(200);
      expect(health.body.info.overload.shedTotal).toBe(comments.filter((a) => a.status === 503).length);
      report('in-flight', { statuses: countBy(comments), health: countBy(healthAnswers), overload: health.body.info.overload });
      await expectStillServing(t, draft, people[0]);
    });
  });

  describe('overload guard: event-loop delay (OVERLOAD_MAX_LOOP_DELAY_MS)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ OVERLOAD_MAX_LOOP_DELAY_MS: '100' });
    });
    afterAll(() => t.close());

    const shedding = async () => (await t.http().get('/api/health').expect(200)).body.info.overload.shedding as boolean;
    async function until(want: boolean): Promise<void> {
      for (let i = 0; i < 40 && (await shedding()) !== want; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await shedding()).toBe(want);
    }

    it('refuses requests while the event loop is blocked and serves again once it recovers', async () => {
      await t.http().get('/api/drafts').expect(200);
      // The API runs in this process: blocking our loop blocks its loop (250 ms out of every 300).
      const blocker = setInterval(() => {
        const end = Date.now() + 250;
        while (Date.now() < end);
      }, 50);
      try {
        await until(true);
        const res = await t.http().get('/api/drafts').expect(503);
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
        expect(res.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/overloaded/), code: 'service.overloaded' });
        const health = await t.http().get('/api/health').expect(200);
        expect(health.body.info.overload).toMatchObject({ status: 'up', shedding: true, reason: expect.stringMatching(/event loop delayed/) });
      } finally {
        clearInterval(blocker);
      }
      await until(false);
      await t.http().get('/api/drafts').expect(200);
    });
  });

  describe('database pool: bounded wait for a connection (DB_POOL_SIZE, DB_CONNECT_TIMEOUT_MS)', () => {
    let t: TestApp;
    let draft: PublishedDraft;
    let who: SignedIn;
    beforeAll(async () => {
      t = await createTestApp({ DB_POOL_SIZE: '2', DB_CONNECT_TIMEOUT_MS: '100', OVERLOAD_MAX_IN_FLIGHT: '100000', OVERLOAD_MAX_LOOP_DELAY_MS: '100000', OVERLOAD_MAX_DB_WAITING: '100000' });
      draft = await createPublishedDraft(t);
      who = await resident(t);
    });
    afterAll(() => t.close());

    it('answers 503 (not 500) when no connection is free in time, and recovers', async () => {
      const reads: Call[] = Array.from({ length: 400 }, () => ({ method: 'GET', path: `/api/drafts/${draft.draftId}/comments` }));
      const answers = await burst(t.url, 400, reads);
      expect(Object.keys(countBy(answers)).map(Number).filter((s) => ![200, 503].includes(s))).toEqual([]);
      expectRefusals(answers, /the database is busy/);
      report('db-pool', { statuses: countBy(answers) });
      await expectStillServing(t, draft, who);
    });
  });
});
