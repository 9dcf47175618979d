// The closed consultation, taken through the whole cycle: the dog-keeping draft, comments with a
// dog owners' campaign, a hearing (draw, live transcript, confirmations, seal, report), the window
// closing, every comment answered (R6, R8), the adoption report published (R9) and every
// participant notified by the worker (R10).
import { eventually, random } from './api-client.mjs';
import { nameOf, postComments, analysisCaughtUp } from './comments.mjs';
import { CONTACT, ensureDraft, readText } from './drafts.mjs';
import { applyAll, commitAndDraw, confirmSeats, ensureHearing, reviewAll } from './hearings.mjs';
import { holdHearing } from './live-hearing.mjs';
import { BIG_DOG_ANSWER, bigDogCampaign, DOG_HEARING_SCRIPT, DOG_OFFLINE_AUTHORS, DOG_OPINIONS } from './texts/dog-comments.mjs';

export const DOG_TITLE = '某市养犬管理规定（征求意见稿）';
export const DOG_HEARING_TITLE = '《某市养犬管理规定》立法听证会';

/** The dog-keeping comments with their planned answers, the same on every machine. */
export function planDogComments() {
  const rnd = random(1018);
  const out = [];
  // The demo resident (a dog owner) writes on articles 6 and 11 and signs the campaign.
  const own = (article, nth) => nth === 0 && (article === 6 || article === 11);
  for (const [article, list] of Object.entries(DOG_OPINIONS)) {
    list.forEach(([stance, text, outcome, basis, reason], nth) => {
      const by = own(Number(article), nth) ? { resident: 0 } : rnd.next() < 0.8 ? { resident: 1 + rnd.int(9) } : { offline: rnd.pick(DOG_OFFLINE_AUTHORS) };
      out.push({ article: Number(article), stance, text, by, answer: { outcome, ...(basis ? { basis } : {}), reason } });
    });
  }
  for (let i = 0; i < 12; i++) {
    const by = i < 6 ? { resident: [0, 2, 4, 6, 8, 9][i] } : { offline: { name: nameOf(80 + i), channel: 'email', email: `dog.owner${i}@example.com` } };
    out.push({ article: 10, stance: 'o', text: bigDogCampaign(i), by, campaign: true });
  }
  return out;
}

const DOG_FIELDS = () => ({
  title: DOG_TITLE,
  body: readText('dog-draft.txt'),
  basis: '《中华人民共和国动物防疫法》《某省动物防疫条例》《某市重大行政决策程序规定》',
  reasons: '本市登记犬只已超过三十万只，犬只扰民、伤人和污染环境问题群众反映强烈，现行规定已不适应管理需要。',
  interpretation: '本规定的重点是养犬登记（第二章）、文明养犬行为规范（第三章），以及重点管理区域禁养大型犬、烈性犬（第十条）和遛犬时段（第十一条）。',
  contact: CONTACT,
});

const HEARING_FIELDS = {
  title: DOG_HEARING_TITLE,
  matter: {
    content: '重点管理区域内禁止饲养大型犬、烈性犬（第十条）和禁止携犬进入公园广场的时段（第十一条）',
    reasons: '禁养范围和遛犬时段直接涉及养犬人和其他居民的切身利益，意见分歧较大',
    basis: '《某市重大行政决策程序规定》第十二条',
    background: '全市登记犬只超过三十万只，近三年年均犬只伤人事件四千余起',
  },
  venue: '某市人民路1号市政府第二会议室',
  signupMethod: '登录本平台在线报名，选择利害关系人或普通居民类别，并填写参加意向说明',
  selectionMethod: '报名人数超过名额的类别公开随机抽签（hearing-draw/1）；人大代表、专家和律师由组织单位邀请',
  quotas: { stakeholder: 3, resident: 3, deputy: 1, expert: 2, lawyer: 1, other: 0 },
};

const APPLICANTS = [
  [0, 'stakeholder', '我养了一只金毛，八年来从未伤人，第十条禁养大型犬与我直接相关。'],
  [1, 'stakeholder', '我是小区业委会成员，小区养犬矛盾多，希望代表业主发表意见。'],
  [2, 'stakeholder', '我经营宠物店，禁养目录会直接影响我的经营。'],
  [3, 'resident', '我是小学生家长，关心孩子上下学路上的安全。'],
  [4, 'resident', '我每天在公园晨练，关心公园遛犬时段的规定。'],
  [5, 'resident', '我不养狗，想从普通居民的角度谈谈意见。'],
];

const HEARING_REPORT = {
  conclusions:
    '一、多数代表支持重点管理区域禁养烈性犬，对“一刀切”禁养大型犬意见分歧较大。起草单位采纳代表意见：禁养范围缩小为烈性犬和体高超过七十厘米的大型犬，并保留已登记大型犬继续饲养至自然死亡的过渡规定。\n' +
    '二、代表普遍认为第十一条的禁止时段过长。采纳代表意见，调整为每日九时至十八时，并要求各区结合公园建设设立犬只活动场所。\n' +
    '三、采纳以养犬人签署文明养犬承诺书代替邻里意见书的意见。',
  opinions: [
    { seat: 0, summary: '按体型禁养不合理，应按犬只行为和养犬人责任管理；体高标准应公开征求意见。', adopted: true, reason: '禁养范围已缩小，体高标准将公开征求意见。' },
    { seat: 1, summary: '支持加强管理，已养大型犬的家庭需要过渡办法。', adopted: true },
    { seat: 2, summary: '一刀切禁养可能导致弃养，应设过渡期并配套收容救助。', adopted: true },
    { seat: 3, summary: '支持限制遛犬时段，但七时至二十时过长。', adopted: true },
    { seat: 4, summary: '在公园划定专门的遛狗区域。', adopted: true },
    { seat: 5, summary: '以承诺书代替邻里意见书。', adopted: true },
    { representative: '市人大代表 何建平', summary: '执法重点应放在牵绳和清理粪便，禁养范围适当缩小。', adopted: true },
    { representative: '某律师事务所 孙律师', summary: '已登记大型犬应允许继续饲养，保护信赖利益。', adopted: true },
    { representative: '某农业大学动物医学院 张教授', summary: '建立犬只伤人后的强制评估和管控制度。', adopted: false, reason: '犬只伤人后的评估和管控涉及执法程序，拟在实施细则中规定。' },
  ],
};

/** Every undecided comment gets its planned answer; the campaign cluster is answered as a whole. */
async function answerAll(api, people, draftId, planned) {
  const token = await people.organizer.token();
  const analysis = await analysisCaughtUp(api, people, draftId);
  const campaign = analysis.clusters.filter((c) => c.concentrated).sort((a, b) => b.size - a.size)[0];
  if (campaign && !campaign.outcome) await api.must('PUT', `/drafts/${draftId}/clusters/${campaign.id}/disposition`, { token, body: BIG_DOG_ANSWER });
  const answers = new Map(planned.map((c) => [c.text, c.campaign ? BIG_DOG_ANSWER : c.answer]));
  for (;;) {
    const page = await api.must('GET', `/drafts/${draftId}/comments?full=true&undecided=true&pageSize=100`, { token });
    if (!page.items.length) return;
    for (const c of page.items) {
      const answer = answers.get(c.text) ?? { outcome: 'adopted', reason: '已研究采纳。' };
      await api.must('PUT', `/comments/${c.id}/disposition`, { token, body: answer });
    }
  }
}

async function closeWindow(api, people, shift, draftId) {
  await shift.closeWindow(draftId);
  const admin = await people.admin.token();
  // The reconciler skips a draft another transaction holds; the next pass takes it.
  await eventually('the comment window to close', async () => {
    await api.must('POST', '/drafts/reconcile', { token: admin });
    return (await api.must('GET', `/drafts/${draftId}`)).status === 'closed';
  }, 20_000, 200);
}

/** The closed, reported consultation; returns its ids and counts. */
export async function seedClosedConsultation(api, people, shift, log) {
  let draft = await ensureDraft(api, people, DOG_FIELDS(), { days: 30 });
  const planned = planDogComments();
  if (draft.status === 'open') await postComments(api, people, draft, planned, 'dog');
  const hearing = await ensureHearing(api, people, draft, HEARING_FIELDS);
  if (!shift) {
    log('no DATABASE_URL: the dog-keeping consultation stays open (closing it needs time to pass)');
    return { draft, hearing };
  }
  const applicants = APPLICANTS.map(([r, category, statement]) => ({ person: people.residents[r], category, statement }));
  await applyAll(api, hearing.id, applicants);
  await reviewAll(api, people, hearing.id);
  const record = await commitAndDraw(api, people, shift, hearing.id, { randomnessSource: '2026年11月15日中国福利彩票双色球开奖号码', randomness: '05 11 16 22 27 33 + 12' });
  const seats = await confirmSeats(api, hearing.id, applicants.map((a) => a.person));
  await holdHearing(api, people, shift, hearing, {
    script: DOG_HEARING_SCRIPT,
    seats,
    correction: { seat: 0, nth: 0, text: '我养金毛八年了，从来没有伤过人，每年按时免疫。按体型禁养，等于惩罚守规矩的养犬人。我建议按犬只行为和养犬人责任来管理，比如对伤过人的犬只强制评估、强制管控。' },
    report: HEARING_REPORT,
  });
  draft = await api.must('GET', `/drafts/${draft.id}`);
  if (draft.status === 'open') await closeWindow(api, people, shift, draft.id);
  if ((await api.call('GET', `/drafts/${draft.id}/adoption-report`)).status !== 200) {
    await answerAll(api, people, draft.id, planned);
    await api.must('POST', `/drafts/${draft.id}/adoption-report`, { token: await people.organizer.token() });
  }
  // The worker delivers the in-site notices; wait for the demo resident's outcome notice.
  const inbox = await eventually('the outcome notices to reach the inbox (is the worker running?)', async () => {
    const page = await api.must('GET', '/me/notices?pageSize=100', { token: await people.resident.token() });
    return page.items.some((n) => n.kind.startsWith('adoption_report')) && page;
  }, 90_000, 500).catch((err) => (log(err.message), null));
  return { draft: await api.must('GET', `/drafts/${draft.id}`), hearing, record, inbox };
}
