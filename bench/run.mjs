// npm run bench: runs every bench/*.bench.mjs in turn (each prints one JSON object per figure).
// `npm run bench -- comments` runs only the files whose name contains "comments".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

const filter = process.argv[2];
const files = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.mjs') && (!filter || f.includes(filter))).sort();
let failed = 0;
for (const f of files) {
  const r = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench', f)], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    failed++;
    console.error(JSON.stringify({ name: f, error: `exited with ${r.status}` }));
  }
}
process.exit(failed ? 1 : 0);
