// Independent check of a published draw:
//   npx tsx scripts/verify-draw.ts <file or URL>
// The input is the JSON of GET /api/hearings/:id/draw — either the record itself or an object
// wrapping it as { record }. Exit code 0: the record verifies; 1: it does not; 2: it could not
// be read. Only the record is used, so anyone can run this without an account.
import { readFile } from 'node:fs/promises';
import { verifyDrawRecord, type DrawRecord } from '../src/modules/draws/algorithm/hearing-draw';

async function load(source: string): Promise<unknown> {
  if (/^https?:\/\//i.test(source)) {
    const res = await fetch(source, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
    return res.json();
  }
  return JSON.parse(await readFile(source, 'utf8'));
}

// The API answers either the record or { record, ... }; a record always has `algorithm`.
function unwrap(json: unknown): DrawRecord {
  if (json && typeof json === 'object' && !('algorithm' in json) && 'record' in json) {
    return (json as { record: DrawRecord }).record;
  }
  return json as DrawRecord;
}

const METHOD_ZH: Record<string, string> = {
  ranked: '随机排序抽取',
  'all-selected': '报名人数未超过名额，全部入选',
  'self-recommended': '自行推荐（未抽签，名单由记录声明）',
};

function list(labels: readonly string[], max = 20): string {
  if (!Array.isArray(labels) || labels.length === 0) return '—';
  const shown = labels.slice(0, max).join(', ');
  return labels.length > max ? `${shown}, … (+${labels.length - max})` : shown;
}

function summary(record: DrawRecord): string[] {
  const lines: string[] = [];
  const cats = Array.isArray(record.categories) ? record.categories : [];
  lines.push('【中文】');
  lines.push(`算法：${record.algorithm}；承诺值：${record.commitment}（链长 n=${record.n}，第 k=${record.k} 次抽签）`);
  lines.push(`揭示的链值：${record.chainValue}`);
  lines.push(`公开随机数来源：${record.randomnessSource}`);
  lines.push(`随机数值：${JSON.stringify(record.randomness)}`);
  for (const c of cats) {
    lines.push(`  类别 ${c.category}：名额 ${c.quota}，名单 ${c.labels?.length ?? 0} 人，方式：${METHOD_ZH[c.method] ?? c.method}`);
    lines.push(`    冻结名单哈希：${c.listHash}`);
    lines.push(`    入选（按顺序）：${list(c.selected)}`);
    lines.push(`    候补（按顺序）：${list(c.alternates)}`);
  }
  lines.push('[English]');
  lines.push(`Algorithm: ${record.algorithm}; commitment: ${record.commitment} (chain length n=${record.n}, draw iteration k=${record.k})`);
  lines.push(`Revealed chain value: ${record.chainValue}`);
  lines.push(`Public randomness source: ${record.randomnessSource}`);
  lines.push(`Randomness value: ${JSON.stringify(record.randomness)}`);
  for (const c of cats) {
    lines.push(`  Category ${c.category}: quota ${c.quota}, ${c.labels?.length ?? 0} on the list, method: ${c.method}`);
    lines.push(`    Frozen list hash: ${c.listHash}`);
    lines.push(`    Selected, in order: ${list(c.selected)}`);
    lines.push(`    Alternates, in order: ${list(c.alternates)}`);
  }
  return lines;
}

async function main(): Promise<number> {
  const source = process.argv[2];
  if (!source) {
    console.error('用法 / usage: npx tsx scripts/verify-draw.ts <文件或网址 / file or URL>');
    return 2;
  }
  let record: DrawRecord;
  try {
    record = unwrap(await load(source));
  } catch (e) {
    console.error(`无法读取抽签记录 / cannot read the draw record: ${(e as Error).message}`);
    return 2;
  }
  const result = verifyDrawRecord(record);
  if (record && typeof record === 'object') console.log(summary(record).join('\n'));
  console.log('');
  if (result.ok) {
    console.log('✔ 验证通过：承诺、冻结名单哈希、排序位置、入选与候补名单均可由记录本身重新算出。');
    console.log('✔ Verified: commitment, frozen list hashes, positions, selected and alternates all recompute from the record.');
    if (record.categories.some((c) => c.method === 'self-recommended')) {
      console.log('  注意：自行推荐类别不经抽签，只核对了名单哈希与名额。');
      console.log('  Note: self-recommended categories involve no draw; only their list hash and quota were checked.');
    }
    return 0;
  }
  console.log(`✘ 验证失败 / verification FAILED: ${result.reason}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
