// Posting a planned set of comments: residents' web comments (each resident in turn, several
// residents at once) and the letters, emails, calls and symposium notes the organizer records
// (R5). Every comment carries a fixed Idempotency-Key, so a rerun stores nothing twice.
import { pool } from './api-client.mjs';
import { articles, receivedAt } from './drafts.mjs';
import { STANCES } from './texts/parking-comments.mjs';

/**
 * A planned comment: `{ by: {resident: i} | {offline: author}, article, stance, text, plan? }`
 * (`plan`: the 0-based alternative plan, `article` then counts inside that plan).
 */
function target(draft, c) {
  const units = c.plan === undefined ? articles(draft) : (draft.alternatives[c.plan]?.units ?? []).filter((u) => u.kind === 'article');
  const unit = units[c.article - 1];
  if (!unit) return null;
  return { anchor: unit.anchor, stance: STANCES[c.stance] ?? c.stance, text: c.text, ...(c.plan === undefined ? {} : { planIndex: c.plan }) };
}

/** Posts every planned comment not stored yet; returns how many the draft's log holds. */
export async function postComments(api, people, draft, planned, prefix) {
  const head = await api.must('GET', `/drafts/${draft.id}/log`);
  if (head.treeSize >= planned.length) return head.treeSize;
  const key = (i) => `demo-${prefix}-${draft.id.slice(0, 8)}-${i}`;
  // A draft left by an older seed may be shorter: comments on articles it lacks are left out.
  const missing = planned.filter((c) => !target(draft, c)).length;
  if (missing) api.log(`${draft.title} has fewer articles than the demo expects: ${missing} comments left out (reset the demo database for the full demo)`);
  const byResident = new Map();
  const offline = [];
  planned.forEach((c, i) => {
    if (!target(draft, c)) return;
    if (c.by.offline) return offline.push([c, i]);
    const list = byResident.get(c.by.resident) ?? [];
    byResident.set(c.by.resident, [...list, [c, i]]);
  });
  const when = receivedAt(draft);
  const organizer = await people.organizer.token();
  const writeOffline = pool(offline, 2, ([c, i]) => {
    const { name, channel, email, phone, address } = c.by.offline;
    const author = { name, ...(email ? { email } : {}), ...(phone ? { phone } : {}), ...(address ? { address } : {}) };
    return api.idempotent('POST', `/drafts/${draft.id}/comments/offline`, key(i), { token: organizer, body: { ...target(draft, c), channel, receivedAt: when, author } });
  });
  // Residents in order of their index: those who sign in first write first.
  const residents = [...byResident.keys()].sort((a, b) => a - b);
  const writeWeb = pool(residents, 6, async (r) => {
    const token = await people.residents[r].token();
    for (const [c, i] of byResident.get(r)) await api.idempotent('POST', `/drafts/${draft.id}/comments`, key(i), { token, body: target(draft, c) });
  });
  await Promise.all([writeOffline, writeWeb]);
  return (await api.must('GET', `/drafts/${draft.id}/log`)).treeSize;
}

/** The organizer's analysis once the near-duplicate clustering has read every stored comment. */
export async function analysisCaughtUp(api, people, draftId, ms = 60_000) {
  const token = await people.organizer.token();
  const until = Date.now() + ms;
  for (;;) {
    const a = await api.must('GET', `/drafts/${draftId}/analysis`, { token });
    if (a.analysedThrough === a.treeSize || Date.now() > until) return a;
    await new Promise((r) => setTimeout(r, 300));
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐';
const GIVEN = ['秀英', '建国', '志强', '海燕', '丽娟', '文斌', '玉兰', '德胜', '春梅', '晓红', '国平', '立军', '淑珍', '红霞', '永刚', '美玲', '建平', '桂芳', '振华', '丽萍'];
/** The i-th of many distinct names (for letters and emails of a campaign). */
export function nameOf(i) {
  return `${SURNAMES[(i * 7) % SURNAMES.length]}${GIVEN[(i * 3) % GIVEN.length]}`;
}
