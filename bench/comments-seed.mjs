// Seed data for bench/comments.bench.mjs: Chinese comment texts (unique ones and campaign
// variants), and a draft filled with N comments by SQL (INSERT ... SELECT generate_series),
// counters and log head, as the intake leaves them: not analysed yet.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { root } from './lib.mjs';

const { signature, NearDuplicateIndex } = await import(join(root, 'dist/src/modules/analysis/near-duplicate.js'));
const { extractKeywords } = await import(join(root, 'dist/src/modules/analysis/keywords.js'));
const { MerkleAccumulator, toHex } = await import(join(root, 'dist/src/modules/comments/log/merkle.js'));

const CLAUSES = [
  '道路停车泊位收费标准偏高', '建议夜间免费停车', '老旧小区停车位严重不足', '应当增加公共停车场建设', '电动汽车充电桩配置不够',
  '罚款数额过重', '执法程序需要规范', '应公开收费依据', '鼓励机关单位开放内部停车场', '居住区周边实行包月收费',
  '中心城区应差别化定价', '学校医院周边应设临时停车区', '共享停车平台建设要加快', '停车诱导系统需要完善', '配建标准应提高到一比一点五',
  '外地车辆收费应当一致', '残疾人专用车位要保障', '收费时段划分不合理', '节假日应当减免费用', '违停处罚应先提醒后处罚',
  '建议增设非机动车停放区', '商业综合体停车费过高', '应明确物业停车管理责任', '停车收益应当公开使用情况', '建议听取社区居民意见',
  '新建住宅车位不得只售不租', '地下停车场照明和安全不足', '占道停车影响消防通道', '建议延长试行期', '希望出台配套细则',
  '街道应当设置便民停车点', '出租车临时停靠点太少', '货车夜间停放问题未规定', '停车信息应实时公开', '泊位设置应避开盲道',
];
const CAMPAIGNS = [
  '坚决反对第七条道路停车泊位分时段差别化收费的规定，这会大大增加老旧小区居民的停车负担，请取消该条，保留夜间免费停车政策',
  '强烈要求在第五条中规定新建住宅小区停车位配建比例不低于一比一点五，并且车位只租不售，保障业主的合法权益',
  '第九条罚款标准过高，五百元到两千元对普通市民负担太重，建议改为首次违法警告，再次违法才处以罚款',
];

function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` texts: about 1 in 5 a variant of a campaign template, the rest combinations of clauses. */
export function seedTexts(count) {
  const rnd = mulberry32(20260301);
  const out = [];
  for (let i = 0; i < count; i++) {
    let text;
    if (i % 5 === 0) {
      text = `${CAMPAIGNS[(i / 5) % CAMPAIGNS.length]}${'！'.repeat(i % 3)}——居民${i}`;
    } else {
      const n = 3 + Math.floor(rnd() * 4);
      const parts = Array.from({ length: n }, () => CLAUSES[Math.floor(rnd() * CLAUSES.length)]);
      text = `关于第${1 + Math.floor(rnd() * 20)}条：${parts.join('，')}。编号${i}`;
    }
    out.push({ text });
  }
  return out;
}

const K = 50_000;
let texts;

/**
 * Fills a draft with `size` comments by SQL: texts cycle through K distinct ones (so at 1M each
 * text appears 20 times: the clustering's heaviest case, every repeat joins a cluster), the
 * per-unit counters and the log head are written as the intake would have left them.
 * Returns the seeding time, the moment the log head was written (the analysis can start) and, as
 * the clustering baseline, the in-memory rate.
 */
export async function seedComments(db, { draftId, anchors, authorId, size }) {
  texts ??= seedTexts(K);
  const t0 = performance.now();
  await db.query(`CREATE TABLE IF NOT EXISTS bench_text (k int PRIMARY KEY, text text)`);
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM bench_text`);
  if (rows[0].n === 0) {
    await db.query(`INSERT INTO bench_text SELECT k - 1, t FROM unnest($1::text[]) WITH ORDINALITY AS x(t, k)`, [texts.map((t) => t.text)]);
  }
  // The log's leaves: SHA-256 of the seq's decimal digits (not comment JSON: only the tree matters here).
  await db.query(
    `INSERT INTO comment (id, draft_id, version, seq, anchor, plan_index, stance, text, channel, received_at, author_id, author_name,
                          author_ref, leaf_hash, root_hash)
     SELECT gen_random_uuid(), $1, 1, i, ($2::text[])[1 + i % array_length($2::text[], 1)], -1,
            (ARRAY['support','oppose','amend','question','other'])[1 + i % 5], t.text, 'web',
            now() - interval '1 hour', $3, '种子', 'u:' || i, h, h
     FROM generate_series(1, $4::int) AS i
     JOIN bench_text t ON t.k = i % ${K}
     CROSS JOIN LATERAL (SELECT encode(sha256(i::text::bytea), 'hex') AS h) x`,
    [draftId, anchors, authorId, size],
  );
  await db.query(
    `INSERT INTO comment_unit_stats (draft_id, version, plan_index, anchor, stance, count)
     SELECT draft_id, version, plan_index, anchor, stance, count(*) FROM comment WHERE draft_id = $1 GROUP BY 1, 2, 3, 4, 5`,
    [draftId],
  );
  await db.query(`ANALYZE comment`);

  // Analysis ceiling: the same texts through keywords, signature and the in-memory index alone,
  // in this process (the first 200,000 of them: the rate is flat by then). Measured before the log
  // head is written: the worker's pass starts on the comments as soon as it sees the head.
  const index = new NearDuplicateIndex();
  const sample = Math.min(size, 200_000);
  const c0 = performance.now();
  for (let i = 1; i <= sample; i++) {
    const text = texts[i % K].text;
    extractKeywords(text);
    index.add(String(i), signature(text));
  }
  const inMemoryPerSecond = sample / ((performance.now() - c0) / 1000);

  const acc = new MerkleAccumulator();
  for (let i = 1; i <= size; i++) acc.append(createHash('sha256').update(String(i)).digest());
  const state = acc.toJSON();
  await db.query(`INSERT INTO comment_log (draft_id, tree_size, frontier, root_hash) VALUES ($1, $2, $3, $4)`, [draftId, size, state.frontier, toHex(acc.root())]);
  const headWrittenAt = performance.now();
  const seconds = Math.round((headWrittenAt - t0) / 100) / 10;
  return { seconds, inMemoryPerSecond, headWrittenAt };
}
