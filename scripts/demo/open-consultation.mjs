// The open consultation: the parking draft (28 articles, two alternative plans for the charging
// rule), a few hundred comments from residents and from letters, emails, calls and a symposium,
// with a campaign text sent by many (a concentrated cluster) and a smaller one below the threshold;
// and a hearing on it whose representatives have been drawn. Also a draft in the review queue.
import { nameOf, postComments, analysisCaughtUp } from './comments.mjs';
import { random } from './api-client.mjs';
import { CONTACT, ensureDraft, readText } from './drafts.mjs';
import { applyAll, commitAndDraw, confirmSeats, ensureHearing, reviewAll } from './hearings.mjs';
import { ASIDES, creditCampaign, nightParkingCampaign, OFFLINE_AUTHORS, OPENERS, PARKING_OPINIONS } from './texts/parking-comments.mjs';

export const PARKING_TITLE = '某市机动车停车管理办法（征求意见稿）';
export const PARKING_HEARING_TITLE = '《某市机动车停车管理办法》立法听证会';

const PLAN_COMMENTS = [
  [0, 2, 's', '方案一夜间免费最符合老城区的实际情况，晚上路边车位本来就空着，收费没有必要。'],
  [0, 1, 'q', '方案一白天按小时收费，不足一小时的是否按一小时计算？'],
  [1, 2, 'a', '方案二的包月收费建议优先面向周边没有固定车位的居民，并且公开摇号分配。'],
  [1, 1, 'o', '方案二按区域定价，中心城区收费太高，在中心城区上班的人负担不起。'],
  [0, 2, 'o', '夜间一律免费会导致僵尸车长期占用泊位，建议夜间免费但限时停放。'],
];

/** The comments of the open consultation, the same on every machine (a seeded shuffle). */
export function planParkingComments(residents) {
  const rnd = random(2027);
  const out = [];
  const web = () => ({ resident: 1 + rnd.int(residents - 1) });
  const regular = () => OFFLINE_AUTHORS[rnd.int(OFFLINE_AUTHORS.length)];
  const opinions = Object.entries(PARKING_OPINIONS).flatMap(([article, list]) => list.map(([stance, text], nth) => ({ article: Number(article), nth, stance, text })));
  // The demo resident's own comments: the first opinions on articles 8, 13 and 22.
  const own = (o) => o.nth === 0 && [8, 13, 22].includes(o.article);
  opinions.forEach((o) => out.push({ ...o, by: own(o) ? { resident: 0 } : rnd.next() < 0.75 ? web() : { offline: regular() } }));
  // Some opinions come again from someone else, in their own words around the same point.
  opinions.forEach((o, i) => {
    if (i % 2 !== 0) return;
    const text = `${OPENERS[rnd.int(OPENERS.length)]}${o.text}${rnd.pick(ASIDES)}`;
    out.push({ ...o, text, by: rnd.next() < 0.7 ? web() : { offline: regular() } });
  });
  for (const [plan, article, stance, text] of PLAN_COMMENTS) out.push({ plan, article, stance, text, by: web() });
  for (let i = 0; i < 30; i++) {
    const by = i < 12 ? { resident: 3 + i } : { offline: { name: nameOf(i), channel: i % 3 ? 'email' : 'letter', ...(i % 3 ? { email: `owner${i}@example.com` } : { address: `某市老城区${nameOf(i + 40)}巷${i}号` }) } };
    out.push({ article: 18, stance: 'a', text: nightParkingCampaign(i), by });
  }
  for (let i = 0; i < 8; i++) out.push({ article: 25, stance: 'o', text: creditCampaign(i), by: i < 4 ? { resident: 2 + 3 * i } : { offline: { name: nameOf(60 + i), channel: 'email', email: `credit${i}@example.com` } } });
  // Interleave, as comments arrive in no particular order; the seeded shuffle keeps it stable.
  for (let i = out.length - 1; i > 0; i--) {
    const j = rnd.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const PARKING_FIELDS = () => ({
  title: PARKING_TITLE,
  body: readText('parking-draft.txt'),
  basis: '《中华人民共和国道路交通安全法》《某省道路交通安全条例》《某市重大行政决策程序规定》',
  reasons: '本市机动车保有量五年增长一倍，达到二百一十万辆，停车泊位缺口约六十万个；道路停车收费标准不统一，内部停车场开放不够，群众反映强烈，需要制定统一的停车管理规定。',
  interpretation: '本办法重点解决三个问题：停车设施不足（第二章）、道路停车收费不规范（第十七条、第十八条）、内部停车场开放不够（第十四条）。第十七条的收费方式有两个备选方案，欢迎对方案发表意见。',
  contact: CONTACT,
  alternatives: [
    { title: '方案一：分时段收费', body: '第一条　道路停车泊位白天按小时收费，不足一小时的按一小时计算。\n第二条　夜间二十时至次日八时免费停放。' },
    { title: '方案二：按区域收费', body: '第一条　道路停车泊位按中心城区和其他区域分别定价。\n第二条　居住区周边泊位实行包月收费。' },
  ],
});

const APPLICANTS = [
  [2, 'stakeholder', '我在人民路经营宠物店，门前的道路停车泊位收费和夜间泊位设置直接影响我的生意。'],
  [7, 'stakeholder', '我经营一个有一百二十个车位的社会停车场，收费标准的制定与我直接相关。'],
  [5, 'stakeholder', '我是网约车司机，每天在市区临时停车，收费标准和免费时长与我的收入直接相关。'],
  [14, 'stakeholder', '我在物业公司管理三个小区，第十五条和第十八条会改变小区周边的停车秩序。'],
  [11, 'stakeholder', '我是外卖骑手，经常在商圈临时停车。'],
  [0, 'resident', '我家住老城区幸福里小区，小区没有车位，晚上只能停在路边，希望就夜间临时泊位发表意见。'],
  [1, 'resident', '我是小区业委会成员，一直在协调小区停车问题，想把居民的意见带到听证会上。'],
  [3, 'resident', '我每天步行接送孩子，学校门口的违停让孩子很不安全，希望反映行人的意见。'],
  [4, 'resident', '我是退休职工，不开车，想从不开车的居民的角度谈谈人行道被占的问题。'],
  [6, 'resident', '我在医院上夜班，夜里下班找不到车位，对夜间泊位有切身体会。'],
  [8, 'resident', '家里有残疾人专用车，关心第十九条免费范围的规定。'],
  [12, 'resident', '我住的老旧小区一个车位都没有，支持挖潜增加车位。'],
  [15, 'resident', '我是大学生，想从年轻人的角度谈谈智慧停车平台和电子支付。'],
];

const HEARING_FIELDS = {
  title: PARKING_HEARING_TITLE,
  matter: {
    content: '道路停车泊位分时段、分区域差别化收费（第十七条及其两个备选方案）和居住区周边夜间临时停车泊位（第十八条）',
    reasons: '停车收费标准涉及群众切身利益，意见分歧较大，依法应当听取利害关系人和公众的意见',
    basis: '《某市重大行政决策程序规定》第十二条、第十三条',
    background: '本市机动车保有量五年增长一倍，中心城区道路停车泊位周转率低，老旧小区夜间停车矛盾突出',
  },
  venue: '某市人民路1号市政府第一会议室',
  signupMethod: '登录本平台在线报名，选择利害关系人或普通居民类别，并填写参加意向说明',
  selectionMethod: '报名人数超过名额的类别，以公开随机抽签方式确定代表（hearing-draw/1，可公开验证）；人大代表、专家和律师由组织单位邀请',
  quotas: { stakeholder: 3, resident: 3, deputy: 1, expert: 2, lawyer: 1, other: 0 },
};

/** The open consultation, its hearing with a completed draw, and the draft waiting for review. */
export async function seedOpenConsultation(api, people, shift, log) {
  const draft = await ensureDraft(api, people, PARKING_FIELDS(), { days: 30 });
  await ensureDraft(api, people, { title: '某市生活垃圾分类管理规定（征求意见稿）', body: readText('waste-draft.txt'), basis: '《中华人民共和国固体废物污染环境防治法》', reasons: '落实生活垃圾分类制度，改善人居环境。', contact: CONTACT }, { until: 'in_review' });
  const planned = planParkingComments(people.residents.length);
  const hearing = await ensureHearing(api, people, draft, HEARING_FIELDS);
  const applying = applyAll(api, hearing.id, APPLICANTS.map(([r, category, statement]) => ({ person: people.residents[r], category, statement })));
  const total = await postComments(api, people, draft, planned, 'parking');
  await applying;
  let record = null;
  if (shift) {
    await reviewAll(api, people, hearing.id, { [people.residents[11].email]: '申请说明中未说明与停车收费和夜间泊位事项的直接利害关系，请关注后续公布的听证笔录，或以普通居民身份参与其他听证。' });
    record = await commitAndDraw(api, people, shift, hearing.id, { randomnessSource: '2026年12月1日中国福利彩票双色球开奖号码', randomness: '03 07 12 19 25 31 + 08' });
    // Most of those drawn confirm their seat at once; the rest have two working days (R18).
    const drawn = APPLICANTS.map(([r]) => people.residents[r]).filter((p) => p !== people.resident);
    await confirmSeats(api, hearing.id, drawn.slice(0, 6));
  } else log('no DATABASE_URL: the hearing stays in sign-up (its draw needs the sign-up to have ended)');
  const analysis = await analysisCaughtUp(api, people, draft.id);
  return { draft, hearing, record, comments: total, analysis };
}
