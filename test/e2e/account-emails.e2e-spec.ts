import { login } from '../factories/users';
import { startSmtpSink } from '../setup/smtp-sink';
import { createTestApp, TestApp } from '../setup/test-app';

describe('account emails through a real SMTP server', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: smtp.url });
    await t.startWorker();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const tokenIn = (text: string, path: string) => new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(text)?.[1];

  it('sends a verification link that marks the address verified once, and only once', async () => {
    await t.http().post('/api/auth/register').send({ email: 'verify.me@example.com', password: 'secret pass 9', displayName: '赵六' }).expect(201);
    const mail = await smtp.waitFor((m) => m.to.includes('verify.me@example.com'));
    expect(mail.subject).toContain('验证');
    const token = tokenIn(mail.text, 'verify-email');
    expect(token).toBeDefined();
    const access = await login(t, 'verify.me@example.com', 'secret pass 9');
    expect((await t.http().get('/api/me').set('Authorization', `Bearer ${access}`)).body.emailVerified).toBe(false);
    await t.http().post('/api/auth/verify-email').send({ token }).expect(204);
    expect((await t.http().get('/api/me').set('Authorization', `Bearer ${access}`)).body.emailVerified).toBe(true);
    await t.http().post('/api/auth/verify-email').send({ token }).expect(400);
  });

  it('resets a password by email without revealing whether an address is registered', async () => {
    await t.http().post('/api/auth/register').send({ email: 'forgot@example.com', password: 'old password 1', displayName: '钱七' }).expect(201);
    await t.http().post('/api/auth/password-reset/request').send({ email: 'nobody-here@example.com' }).expect(202);
    await t.http().post('/api/auth/password-reset/request').send({ email: 'forgot@example.com' }).expect(202);
    const mail = await smtp.waitFor((m) => m.to.includes('forgot@example.com') && m.subject.includes('重置'));
    const token = tokenIn(mail.text, 'reset-password');
    await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'new password 2' }).expect(204);
    await login(t, 'forgot@example.com', 'new password 2');
    await t.http().post('/api/auth/login').send({ email: 'forgot@example.com', password: 'old password 1' }).expect(401);
    expect(smtp.mails.some((m) => m.to.includes('nobody-here@example.com'))).toBe(false);
  });
});
