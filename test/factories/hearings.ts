// Hearings and meetings for e2e tests of any feature (hearings, draws, live hearing, reports).
// Everything goes through HTTP except moving times, which uses SQL (`closeSignup`, `startNow`).
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { hashChain } from '../../src/modules/draws/algorithm/hearing-draw';
import { MAIL_QUEUE } from '../../src/modules/mail/mail.outbox';
import type { TestApp } from '../setup/test-app';
import type { PublishedDraft } from './drafts';
import { resident, SignedIn } from './users';

const DAY = 24 * 3600 * 1000;

export type OwnerKind = 'hearing' | 'meeting';
const path = (kind: OwnerKind, id: string) => `/api/${kind}s/${id}`;

/** Every R11 element: starts in 20 days, sign-up open since a minute ago for 10 days, 10 seats. */
export function hearingFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    title: '《某市机动车停车管理办法》立法听证会',
    matter: {
      content: '道路停车泊位分时段差别化收费标准',
      reasons: '停车供需矛盾突出，收费标准涉及群众切身利益',
      basis: '《某市重大行政决策程序规定》第十二条',
      background: '本市机动车保有量五年增长一倍',
    },
    venue: '市政府第一会议室',
    startsAt: new Date(now + 20 * DAY).toISOString(),
    signupOpensAt: new Date(now - 60_000).toISOString(),
    signupClosesAt: new Date(now + 10 * DAY).toISOString(),
    signupMethod: '登录本平台在线报名，填写参加意向说明',
    selectionMethod: '报名超过名额的类别公开随机抽签（hearing-draw/1）；其他代表由组织者邀请',
    quotas: { stakeholder: 3, resident: 3, deputy: 1, expert: 1, lawyer: 1, other: 1 },
    ...overrides,
  };
}

/** Prepares a hearing on the draft (POST /api/hearings); returns its id. */
export async function createHearing(t: TestApp, draft: PublishedDraft, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await t.http().post('/api/hearings').set(draft.organizer.auth).send({ draftId: draft.draftId, ...hearingFields(overrides) });
  if (res.status !== 201) throw new Error(`createHearing: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A hearing on the draft, created and announced; sign-up is open now. Returns its id. */
export async function announcedHearing(t: TestApp, draft: PublishedDraft, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await createHearing(t, draft, overrides);
  const res = await t.http().post(`/api/hearings/${id}/announce`).set(draft.organizer.auth);
  if (res.status !== 200) throw new Error(`announcedHearing: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

export interface Applicant {
  user: SignedIn;
  applicationId: string;
  label: string;
}

/** `n` new residents apply to the hearing (or meeting) in `category`, one after the other. */
export async function applicants(t: TestApp, ownerId: string, n: number, category: string | undefined = 'resident', kind: OwnerKind = 'hearing'): Promise<Applicant[]> {
  const out: Applicant[] = [];
  for (let i = 0; i < n; i++) out.push(await apply(t, await resident(t, `申请人${i + 1}`), ownerId, category, kind));
  return out;
}

export async function apply(t: TestApp, user: SignedIn, ownerId: string, category: string | undefined, kind: OwnerKind = 'hearing'): Promise<Applicant> {
  const body = category === undefined ? { statement: '我住在附近，关心停车收费' } : { category, statement: '我住在附近，关心停车收费' };
  const res = await t.http().post(`${path(kind, ownerId)}/applications`).set(user.auth).send(body);
  if (res.status !== 201) throw new Error(`apply: ${res.status} ${JSON.stringify(res.body)}`);
  return { user, applicationId: res.body.id, label: res.body.label };
}

/** The organizer accepts every application listed (before the freeze). */
export async function acceptAll(t: TestApp, ownerId: string, organizer: SignedIn, people: Applicant[], kind: OwnerKind = 'hearing'): Promise<void> {
  for (const a of people) {
    await t.http().post(`${path(kind, ownerId)}/applications/${a.applicationId}/review`).set(organizer.auth).send({ accept: true }).expect(200);
  }
}

/** Publishes a commitment H^n(secret); returns the chain so the test can reveal H^(n-1). */
export async function commit(t: TestApp, ownerId: string, organizer: SignedIn, secret = 'organizer secret 2026', n = 3, kind: OwnerKind = 'hearing'): Promise<string[]> {
  const chain = hashChain(secret, n);
  await t
    .http()
    .post(`${path(kind, ownerId)}/draw-commitment`)
    .set(organizer.auth)
    .send({ commitment: chain[n], chainLength: n, randomnessSource: '2026年12月1日中国福利彩票双色球开奖号码' })
    .expect(201);
  return chain;
}

/** Ends sign-up a moment ago (SQL), keeping every time constraint of the tables satisfied. */
export async function closeSignup(t: TestApp, kind: OwnerKind, ownerId: string): Promise<void> {
  const extra = kind === 'hearing' ? `, announced_at = least(announced_at, now() - interval '3 seconds')` : '';
  await t.sql.query(
    `UPDATE ${kind} SET signup_opens_at = least(signup_opens_at, now() - interval '2 seconds'),
                        signup_closes_at = now() - interval '1 second' ${extra}
      WHERE id = $1`,
    [ownerId],
  );
}

/** Moves the start of the hearing or meeting into the past (SQL). */
export async function startNow(t: TestApp, kind: OwnerKind, ownerId: string): Promise<void> {
  // A hearing's CHECK keeps R11 (start ≥ announcement + 10 days), so the announcement moves too.
  const extra = kind === 'hearing' ? `, announced_at = now() - interval '11 days'` : '';
  await t.sql.query(
    `UPDATE ${kind} SET signup_opens_at = least(signup_opens_at, now() - interval '4 seconds'),
                        signup_closes_at = least(signup_closes_at, now() - interval '3 seconds'),
                        starts_at = now() - interval '1 second' ${extra} WHERE id = $1`,
    [ownerId],
  );
}

/** Freeze and draw with the revealed H^(n-1)(secret); returns the response body. */
export async function freezeAndDraw(t: TestApp, ownerId: string, organizer: SignedIn, chain: string[], randomness = '03 07 12 19 25 31 + 08', kind: OwnerKind = 'hearing') {
  await t.http().post(`${path(kind, ownerId)}/freeze`).set(organizer.auth).expect(200);
  const res = await t.http().post(`${path(kind, ownerId)}/draw`).set(organizer.auth).send({ chainValue: chain[chain.length - 2], randomness }).expect(201);
  return res.body;
}

/** The token of an invitation, read from the email waiting in the mail queue. */
export async function invitationToken(t: TestApp, invitationId: string): Promise<string> {
  const queue = t.app.get<Queue>(getQueueToken(MAIL_QUEUE));
  const job = await queue.getJob(`invitation-${invitationId}`);
  const token = /#\/invitations\/([A-Za-z0-9_-]+)/.exec(job?.data?.text ?? '')?.[1];
  if (!token) throw new Error(`no invitation mail for ${invitationId}`);
  return token;
}
