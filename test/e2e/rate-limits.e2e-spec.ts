import { commentBody } from '../factories/comments';
import { createPublishedDraft } from '../factories/drafts';
import { resident } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

describe('rate limits shared across API instances', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    // Two instances on one database and one Redis namespace, with the production limits (no override).
    a = await createTestApp({ THROTTLE_LIMIT: '' });
    b = await createTestApp({ THROTTLE_LIMIT: '', DATABASE_URL: a.cfg.DATABASE_URL, REDIS_PREFIX: a.cfg.REDIS_PREFIX });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('answers 429 with Retry-After once one IP spends the login budget, counting both instances together', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const target = i % 2 ? a : b;
      const res = await target.http().post('/api/auth/login').send({ email: 'x@example.com', password: 'wrong password' });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
        expect(res.body.statusCode).toBe(429);
      }
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('does not limit reads', async () => {
    for (let i = 0; i < 15; i++) await a.http().get('/api/privacy').expect(200);
  });
});

describe('rate limits on comments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ THROTTLE_LIMIT: '' }); // the production limits: 60 writes a minute per account
  });
  afterAll(async () => {
    await t.close();
  });

  it("refuses an account's 61st comment in a minute with 429 and stores nothing, while a neighbour on the same IP is still served", async () => {
    const draft = await createPublishedDraft(t);
    const [busy, neighbour] = [await resident(t, '刷屏者'), await resident(t, '邻居')];
    const statuses: number[] = [];
    const standing: string[] = [];
    for (let i = 0; i < 62; i++) {
      const res = await t.http().post(`/api/drafts/${draft.draftId}/comments`).set(busy.auth).send(commentBody());
      statuses.push(res.status);
      standing.push(res.headers['ratelimit']);
      if (i === 0) expect(res.headers['ratelimit-policy']).toBe('"ip";q=300;w=60, "account";q=60;w=60');
    }
    // Told as it goes how much of the tighter budget is left (IETF RateLimit fields).
    expect(standing[0]).toMatch(/^"account";r=59;t=\d+$/);
    expect(standing[58]).toMatch(/^"account";r=1;t=\d+$/);
    expect(statuses.slice(0, 60)).toEqual(Array(60).fill(201));
    expect(statuses.slice(60)).toEqual([429, 429]);
    const stored = await t.sql.query(`SELECT count(*)::int AS n FROM comment WHERE author_id = $1`, [busy.id]);
    expect(stored.rows[0].n).toBe(60);
    await t.http().post(`/api/drafts/${draft.draftId}/comments`).set(neighbour.auth).send(commentBody()).expect(201);
  });
});
