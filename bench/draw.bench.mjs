// The verifiable draw over 100,000 applicants and its verifier, beside sorting 100,000 random
// 32-byte values (the least any ranking draw must do), measured in the same run.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { figure, root } from './lib.mjs';

const require = createRequire(import.meta.url);
const { benchDraw } = require(join(root, 'dist/src/modules/draws/algorithm/draw-bench.js'));
for (const n of [100_000]) {
  const r = benchDraw(n, 3);
  figure(`draw.run.${n}`, r.drawMs, 'ms', r.baselineMs, { goal: '≤ 1000 ms', baselineName: 'sort of random 32-byte values' });
  figure(`draw.verify.${n}`, r.verifyMs, 'ms', r.baselineMs, { goal: '≤ 1000 ms', baselineName: 'sort of random 32-byte values' });
}
