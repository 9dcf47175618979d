// The browser's draw verifier (client/src/lib/draw-verify.ts, Web Crypto) against the server's
// algorithm: it accepts what runDraw produces and points at exactly what a tampered record changed.
import { hashChain as nodeChain, runDraw } from '../../src/modules/draws/algorithm/hearing-draw';
import { compareCodePoints, drawPrk, hashChain, listHash } from '../../client/src/lib/draw-crypto';
import { verifyDraw } from '../../client/src/lib/draw-verify';

const chain = nodeChain('example-secret-2025', 3);
const labels = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`);

function record() {
  return runDraw({
    commitment: chain[3],
    n: 3,
    k: 1,
    chainValue: chain[2],
    randomnessSource: '2026年12月1日双色球',
    randomness: 'Cafe\u0301 2025',
    categories: [
      { category: 'resident', quota: 3, labels: labels('H', 12) },
      { category: 'stakeholder', quota: 5, labels: ['H-0100', 'H-0101'] },
      { category: 'resident:东城区', quota: 1, labels: ['Z-😀', 'Z-\uffff', 'Z-a'] },
    ],
  });
}

describe('client draw-verify', () => {
  it('computes the chain, PRK and list hashes as the documented example and the server do', async () => {
    expect(await hashChain('example-secret-2025', 3)).toEqual(chain);
    const prk = Buffer.from(await drawPrk(chain[2], 'Café 2025')).toString('hex');
    expect(prk).toBe('7db36988505c568e6c7b5cd27da705579bb0e14fc8a3a999563aa8b847bf09e4');
    expect(['Z-a', 'Z-\uffff', 'Z-😀'].sort(compareCodePoints)).toEqual(['Z-a', 'Z-\uffff', 'Z-😀']);
    const r = record();
    for (const c of r.categories) expect(await listHash(c.labels)).toBe(c.listHash);
  });

  it('accepts a record made by the server, every category', async () => {
    const check = await verifyDraw(record() as never);
    expect(check.problems).toEqual([]);
    expect(check.categories.map((c) => [c.category, c.ok])).toEqual([
      ['resident', true],
      ['resident:东城区', true],
      ['stakeholder', true],
    ]);
    expect(check.ok).toBe(true);
  });

  it('names the exact mismatch of a tampered record', async () => {
    const swapped = record();
    const resident = swapped.categories.find((c) => c.category === 'resident')!;
    [resident.selected[0], resident.alternates[0]] = [resident.alternates[0], resident.selected[0]];
    const check = await verifyDraw(swapped as never);
    expect(check.ok).toBe(false);
    const bad = check.categories.find((c) => c.category === 'resident')!;
    expect(bad.problems[0]).toMatchObject({ code: 'selected', index: 1 });
    expect(check.categories.filter((c) => c.ok).length).toBe(2);

    const wrongChain = { ...record(), chainValue: chain[1] };
    const chainCheck = await verifyDraw(wrongChain as never);
    expect(chainCheck.chainOk).toBe(false);
    expect(chainCheck.problems[0]).toMatchObject({ code: 'chain', expected: chain[3] });

    const extra = record();
    extra.categories[2].labels.push('H-0102');
    const added = await verifyDraw(extra as never);
    expect(added.categories[2].problems.map((p) => p.code)).toContain('listHash');
  });

  it('checks only chain and list hashes of an rfc3797 record (no MD5 in Web Crypto)', async () => {
    const r = { ...record(), algorithm: 'rfc3797' as const };
    const check = await verifyDraw(r as never);
    expect(check.partial).toBe(true);
    expect(check.categories.every((c) => c.rankingUnchecked && c.ok)).toBe(true);
  });
});
