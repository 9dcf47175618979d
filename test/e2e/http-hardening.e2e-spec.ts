import { ERROR_CODES } from '../../src/common/errors/error-codes';
import { resident, staff } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

describe('HTTP hardening: one error shape, 4xx for bad input, never 500', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '64kb' });
  });
  afterAll(() => t.close());

  // API.md's three fields, plus the registry code (and params where the message has variable parts).
  const expectShape = (body: Record<string, unknown>, status: number) => {
    const { params, ...rest } = body;
    expect(rest).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String), code: expect.any(String) });
    expect(Object.keys(ERROR_CODES)).toContain(body.code);
    if (params !== undefined) expect(params).toEqual(expect.any(Object));
  };

  it('answers malformed JSON with 400 and a clear message', async () => {
    const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": "a@b.c", ').expect(400);
    expectShape(res.body, 400);
    expect(res.body.message).toMatch(/malformed JSON/);
  });

  it('refuses a bare JSON value that is not an object or array (400), as it refuses malformed JSON', async () => {
    for (const raw of ['null', '123', '"text"', 'true']) {
      const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(raw).expect(400);
      expect(res.body).toMatchObject({ code: 'request.malformed_json', message: expect.stringMatching(/JSON object or array/) });
    }
  });

  it('answers a body in a media type the API does not read with 415, naming the ones it does', async () => {
    const res = await t.http().post('/api/auth/register').set('Content-Type', 'text/plain').send('email=a@example.com').expect(415);
    expectShape(res.body, 415);
    expect(res.body).toMatchObject({ code: 'request.unsupported_media_type', message: expect.stringMatching(/application\/json/) });
  });

  it('reads a URL-encoded form like JSON, through the same validation', async () => {
    const res = await t.http().post('/api/auth/login').type('form').send('email=nobody%40example.com&password=wrong%20password').expect(401);
    expectShape(res.body, 401);
    const bad = await t.http().post('/api/auth/register').type('form').send('email=x&password=1&displayName=A&isAdmin=1').expect(400);
    expect(bad.body.message).toMatch(/isAdmin/);
  });

  it('refuses unknown fields, naming them (400)', async () => {
    const res = await t.http().post('/api/auth/register').send({ email: 'a@example.com', password: 'long enough 1', displayName: 'A', isAdmin: true }).expect(400);
    expectShape(res.body, 400);
    expect(res.body.message).toMatch(/isAdmin/);
  });

  it('refuses wrong types, naming the field (400)', async () => {
    const res = await t.http().post('/api/auth/register').send({ email: 'b@example.com', password: 12345678, displayName: ['x'] }).expect(400);
    expect(res.body.message).toMatch(/password/);
    expect(res.body.message).toMatch(/displayName/);
  });

  it('refuses oversized bodies with 413 and stores nothing', async () => {
    const before = await t.sql.query('SELECT count(*)::int AS n FROM app_user');
    const res = await t.http().post('/api/auth/register').send({ email: 'c@example.com', password: 'long enough 1', displayName: 'x'.repeat(100_000) }).expect(413);
    expectShape(res.body, 413);
    const after = await t.sql.query('SELECT count(*)::int AS n FROM app_user');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('answers a missing token with 401 and a wrong role with 403', async () => {
    expectShape((await t.http().get('/api/me').expect(401)).body, 401);
    const r = await resident(t);
    expectShape((await t.http().get('/api/admin/users').set(r.auth).expect(403)).body, 403);
    const clerk = await staff(t, ['clerk']);
    await t.http().put('/api/calendar/overrides').set(clerk.auth).send({ day: '2027-10-01', kind: 'holiday' }).expect(403);
  });

  it('answers unknown routes with 404 in the same shape', async () => {
    expectShape((await t.http().get('/api/no-such-thing').expect(404)).body, 404);
  });

  it('survives hostile strings without a 500', async () => {
    const payloads = ["' OR 1=1 --", '<script>alert(1)</script>', '\u0000\uffff', '𠀀'.repeat(60), '{"$gt": ""}'];
    for (const p of payloads) {
      const res = await t.http().post('/api/auth/login').send({ email: p, password: p });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const res = await t.http().get('/api/calendar/days/2026-13-45');
    expect(res.status).toBe(400);
  });

  it('sends security headers and a request id', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it("sends helmet's whole set of headers on every kind of answer (200, 404, 400)", async () => {
    const answers = [
      await t.http().get('/api/health').expect(200),
      await t.http().get('/api/no-such-route').expect(404),
      await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":').expect(400),
    ];
    for (const res of answers) {
      expect(res.headers).toMatchObject({
        'content-security-policy': expect.stringContaining("connect-src 'self' ws: wss:"),
        'strict-transport-security': expect.stringContaining('max-age='),
        'x-frame-options': 'SAMEORIGIN',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'origin-agent-cluster': '?1',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      });
    }
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.paths['/api/auth/register']).toBeDefined();
  });

  it('lets the administrator add a holiday for a year the calendar package does not cover (R18)', async () => {
    const admin = await staff(t, ['admin']);
    const day = '2031-01-02'; // a Thursday, beyond the packaged years
    expect((await t.http().get(`/api/calendar/days/${day}`).expect(200)).body.workingDay).toBe(true);
    await t.http().put('/api/calendar/overrides').set(admin.auth).send({ day, kind: 'holiday', name: '元旦' }).expect(200);
    expect((await t.http().get(`/api/calendar/days/${day}`).expect(200)).body.workingDay).toBe(false);
    await t.http().put('/api/calendar/overrides').set(admin.auth).send({ day: '2031-02-30', kind: 'holiday' }).expect(400);
  });
});
