import { randomUUID } from 'node:crypto';
import { NearDuplicateIndex, signature } from '../../analysis/near-duplicate';
import { addAll } from './analysis-pass.service';

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const text = `建议第${i % 30}条增加夜间临时停车泊位，编号${i}，方便居民就近停车。`;
    return { id: randomUUID(), seq: i + 1, signature: signature(text), keywords: '停车\u001f泊位' };
  });

describe('analysis pass in the API process', () => {
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
    const found = await addAll(new NearDuplicateIndex(), rows(10_000));
    stop = true;
    expect(turns).toBeGreaterThanOrEqual(9);
    expect(found.memberIds.length).toBeGreaterThan(0);
    expect(found.terms).toEqual(['停车', '泊位']);
    expect(found.termCounts).toEqual([10_000, 10_000]);
  });
});
