import { randomUUID } from 'node:crypto';
import { NearDuplicateIndex, signature } from '../../analysis/near-duplicate';
import { analyse } from './analysis-pass.service';

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const text = `建议第${i % 30}条增加夜间临时停车泊位，编号${i}，方便居民就近停车。`;
    return { id: randomUUID(), seq: i + 1, text };
  });

describe('analysis pass', () => {
  it('lets other work run while it clusters a chunk of 10,000 comments', async () => {
    // Another request or live broadcast waiting on the event loop: counts how often it got a turn.
    let turns = 0;
    let stop = false;
    const tick = () => {
      if (stop) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const input = rows(10_000);
    const found = await analyse(new NearDuplicateIndex(), input);
    stop = true;
    expect(turns).toBeGreaterThanOrEqual(9);
    expect(found.memberIds.length).toBeGreaterThan(0);
    expect(found.termCounts[found.terms.indexOf('停车')]).toBe(10_000);
    expect(found.termCounts[found.terms.indexOf('泊位')]).toBe(10_000);
    // Every comment's signature is kept for rebuilding the index, in log order.
    expect(found.signed.seqs).toEqual(input.map((r) => r.seq));
    expect(found.signed.signatures[7]).toBe(signature(input[7].text));
  });
});
