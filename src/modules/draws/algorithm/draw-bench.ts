// Timing helper for the draw: how long a draw and its verification take for n applicants,
// next to a baseline that only generates and sorts n random 32-byte values (the least any
// "give everyone a random key and sort" draw has to do). Run for example with
//   npx tsx -e "console.log(require('./src/modules/draws/algorithm/draw-bench').benchDraw(100000))"
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { hashChain, runDraw, verifyDrawRecord, type DrawInput } from './hearing-draw';

// Best of a few runs, so a stray GC pause or JIT warm-up does not decide the number.
function timeIt(runs: number, fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export function benchDraw(n: number, runs = 3): { drawMs: number; verifyMs: number; baselineMs: number } {
  const chain = hashChain('bench secret', 10);
  const labels = Array.from({ length: n }, (_, i) => `A${String(i).padStart(7, '0')}`);
  const input: DrawInput = {
    commitment: chain[10],
    n: 10,
    k: 1,
    chainValue: chain[9],
    randomnessSource: 'benchmark',
    randomness: 'drand round 1234567: 8f3c',
    categories: [{ category: 'resident', quota: 20, labels }],
  };
  let record = runDraw(input);
  const drawMs = timeIt(runs, () => {
    record = runDraw(input);
  });
  const verifyMs = timeIt(runs, () => {
    if (!verifyDrawRecord(record).ok) throw new Error('benchmark record does not verify');
  });
  const baselineMs = timeIt(runs, () => {
    const keys = Array.from({ length: n }, () => randomBytes(32));
    keys.sort(Buffer.compare);
  });
  return { drawMs, verifyMs, baselineMs };
}
