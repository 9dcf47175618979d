// Drafts for e2e tests of any feature (drafts, comments, hearings). Everything goes through the
// public HTTP routes except `closeDraftNow`, which moves the window into the past with SQL.
import type { TestApp } from '../setup/test-app';
import { adminToken, SignedIn, staff, unit } from './users';

const DAY = 24 * 3600 * 1000;

/** A realistic municipal draft: a title line, a preamble, 2 chapters, 10 articles with 款 and items. */
export function completeDraftBody(): string {
  return [
    '某市机动车停车管理办法（征求意见稿）',
    '',
    '第一章 总则',
    '第一条 为了加强机动车停车管理，规范停车秩序，缓解停车难问题，根据《中华人民共和国道路交通安全法》等法律、法规，结合本市实际，制定本办法。',
    '第二条 本市行政区域内机动车停车设施的规划、建设、使用和管理，适用本办法。',
    '第三条 机动车停车管理遵循政府主导、统筹规划、社会参与、有序发展的原则。',
    '市、区人民政府应当将停车设施建设纳入国民经济和社会发展规划。',
    '第四条 市交通运输主管部门负责本市机动车停车的综合协调工作。',
    '公安机关交通管理部门负责道路停车泊位的设置和停车秩序管理。',
    '',
    '第二章 停车设施的建设与管理',
    '第五条 新建、改建、扩建建筑物，应当按照停车设施配建标准配建停车场。',
    '第六条 停车场经营者应当遵守下列规定：',
    '（一）在显著位置公示收费标准和监督电话；',
    '（二）按照规定使用电子收费系统；',
    '（三）建立车辆进出登记制度。',
    '第七条 道路停车泊位实行分时段差别化收费，具体标准由价格主管部门另行制定。',
    '第八条 鼓励机关、企事业单位在夜间和节假日向社会开放内部停车场。',
    '第九条 违反本办法第六条规定的，由有关主管部门责令改正，可以处五百元以上二千元以下罚款。',
    '第十条 本办法自2026年7月1日起施行。',
  ].join('\n');
}

/** Two alternative plans (R3) for article 7's charging rule. */
export function alternativePlans(): Array<{ title: string; body: string }> {
  return [
    { title: '方案一：分时段收费', body: '第一条 道路停车泊位白天按小时收费。\n第二条 夜间二十时至次日八时免费。' },
    { title: '方案二：按区域收费', body: '第一条 道路停车泊位按中心城区和其他区域分别定价。\n第二条 居住区周边泊位实行包月收费。' },
  ];
}

/** Every R1 field, with a window opening now and closing in 14 days (R2 needs 10). */
export function completeDraftFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    title: '某市机动车停车管理办法（征求意见稿）',
    body: completeDraftBody(),
    basis: '《中华人民共和国道路交通安全法》《某省道路交通安全条例》',
    reasons: '本市机动车保有量快速增长，停车供需矛盾突出，需要制定统一的停车管理规定。',
    interpretation: '本办法主要解决停车设施不足、收费不规范等问题。',
    contact: { person: '李明', address: '某市人民路1号市交通运输局政策法规处（邮编100000）', email: 'fgc@example.gov.cn', fax: '010-12345679' },
    commentOpensAt: new Date(now).toISOString(),
    commentClosesAt: new Date(now + 14 * DAY).toISOString(),
    ...overrides,
  };
}

export const DECLARATION = { disclosure: 'public', confidentialChecked: true };

export interface DraftStaff {
  unitId: string;
  organizer: SignedIn;
  reviewer: SignedIn;
}

/** A fresh unit (one review level unless given) with an organizer and a reviewer. */
export async function draftStaff(t: TestApp, opts: { unitId?: string; reviewLevels?: string[] } = {}): Promise<DraftStaff> {
  const unitId = opts.unitId ?? (await unit(t, undefined, opts.reviewLevels));
  const organizer = await staff(t, ['organizer'], { unitId, displayName: '起草人张' });
  const reviewer = await staff(t, ['reviewer'], { unitId, displayName: '审核人王' });
  return { unitId, organizer, reviewer };
}

/** Creates a draft through POST /api/drafts; returns its id. */
export async function createDraft(t: TestApp, organizer: SignedIn, fields: Record<string, unknown> = completeDraftFields()): Promise<string> {
  const res = await t.http().post('/api/drafts').set(organizer.auth).send(fields).expect(201);
  return res.body.id;
}

/** Submits (with the R4 declaration) and approves every review level with `reviewers` in turn. */
export async function submitAndApprove(t: TestApp, draftId: string, organizer: SignedIn, reviewers: SignedIn[]): Promise<void> {
  await t.http().post(`/api/drafts/${draftId}/submit`).set(organizer.auth).send(DECLARATION).expect(200);
  for (const r of reviewers) await t.http().post(`/api/drafts/${draftId}/approve`).set(r.auth).send({}).expect(200);
}

export interface PublishedDraft extends DraftStaff {
  draftId: string;
  /** GET /api/drafts/:id as the organizer sees it right after publication. */
  draft: any;
}

/**
 * A published draft open for comment now (closes in 14 days): unit, organizer and reviewer
 * created unless given, complete draft created, submitted, approved and published.
 * `fields` overrides the create body (e.g. `{ alternatives: alternativePlans() }`).
 */
export async function createPublishedDraft(
  t: TestApp,
  opts: Partial<DraftStaff> & { fields?: Record<string, unknown> } = {},
): Promise<PublishedDraft> {
  const people = opts.organizer && opts.reviewer && opts.unitId ? { unitId: opts.unitId, organizer: opts.organizer, reviewer: opts.reviewer } : await draftStaff(t, { unitId: opts.unitId });
  const draftId = await createDraft(t, people.organizer, completeDraftFields(opts.fields));
  await submitAndApprove(t, draftId, people.organizer, [people.reviewer]);
  const res = await t.http().post(`/api/drafts/${draftId}/publish`).set(people.organizer.auth).expect(200);
  return { ...people, draftId, draft: res.body };
}

/** Runs the due openings and closings now (what the API also does every DRAFT_RECONCILE_MS). */
export async function reconcileNow(t: TestApp): Promise<{ opened: string[]; closed: string[] }> {
  const res = await t.http().post('/api/drafts/reconcile').set('Authorization', `Bearer ${await adminToken(t)}`).expect(200);
  return res.body;
}

/**
 * Closes an open (or scheduled) draft's comment window now: moves the window into the past with
 * SQL, then runs the reconciler through POST /api/drafts/reconcile (admin). The draft is `closed`
 * when this returns.
 */
export async function closeDraftNow(t: TestApp, draftId: string): Promise<void> {
  await t.sql.query(
    `UPDATE draft SET comment_opens_at = least(comment_opens_at, now() - interval '2 seconds'),
                      comment_closes_at = now() - interval '1 second'
     WHERE id = $1`,
    [draftId],
  );
  await t.sql.query(
    `UPDATE draft_version v SET comment_opens_at = d.comment_opens_at, comment_closes_at = d.comment_closes_at
     FROM draft d WHERE d.id = $1 AND v.draft_id = d.id AND v.version = d.version AND v.published_at IS NOT NULL`,
    [draftId],
  );
  // The reconciler skips a draft whose row another transaction holds; the next pass takes it.
  let status: string | undefined;
  for (let pass = 0; pass < 20 && status !== 'closed'; pass++) {
    if (pass) await new Promise((r) => setTimeout(r, 100));
    await reconcileNow(t);
    status = (await t.sql.query(`SELECT status FROM draft WHERE id = $1`, [draftId])).rows[0]?.status;
  }
  if (status !== 'closed') throw new Error(`closeDraftNow: draft ${draftId} is ${status}, not closed`);
}

/** Polls GET /api/drafts/:id (as `auth`, or the public) until its status is `status`. */
export async function waitForStatus(t: TestApp, draftId: string, status: string, auth?: object, timeoutMs = 15000): Promise<any> {
  const until = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < until) {
    const req = t.http().get(`/api/drafts/${draftId}`);
    const res = auth ? await req.set(auth as Record<string, string>) : await req;
    last = res.body;
    if (res.status === 200 && res.body.status === status) return res.body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`draft ${draftId} did not reach ${status}; last seen ${JSON.stringify(last?.status ?? last)}`);
}
