import { Logger } from '@nestjs/common';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the CPU priority (nice value) of this process, every thread of it: the worker's work
 * (analysis, notices, windows) can wait a moment, a resident's submission cannot. Where the worker
 * shares cores with an API instance or PostgreSQL, the scheduler then gives them the CPU first
 * and the worker what is left; alone on its cores it runs at full speed all the same.
 * On Linux a nice value belongs to a thread, and the runtime's threads (GC, compiler, libuv pool)
 * already exist when this runs, so each one listed in /proc/self/task is lowered.
 */
export function runInBackground(nice: number): void {
  if (nice <= 0) return;
  try {
    const threads = process.platform === 'linux' ? readdirSync('/proc/self/task').map(Number) : [0];
    for (const tid of threads) setPriority(tid, nice);
  } catch (err) {
    new Logger('Worker').warn(`could not lower the worker's CPU priority: ${(err as Error).message}`);
  }
}
