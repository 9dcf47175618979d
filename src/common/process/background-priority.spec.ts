import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const linux = process.platform === 'linux' ? it : it.skip;

describe('runInBackground', () => {
  linux('lowers the nice value of every thread of the process, the runtime threads started before it included', () => {
    // A fresh Node process (its GC and libuv threads already running) lowers itself, then reports
    // the nice value of each of its threads from /proc.
    const script = `
      require(${JSON.stringify(join(__dirname, 'background-priority.ts'))}).runInBackground(7);
      const fs = require('node:fs');
      const nices = fs.readdirSync('/proc/self/task').map((t) => Number(fs.readFileSync('/proc/self/task/' + t + '/stat', 'utf8').split(') ')[1].split(' ')[16]));
      console.log(JSON.stringify(nices));`;
    const nices: number[] = JSON.parse(execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { encoding: 'utf8' }));
    expect(nices.length).toBeGreaterThan(1);
    expect(new Set(nices)).toEqual(new Set([7]));
  });
});
