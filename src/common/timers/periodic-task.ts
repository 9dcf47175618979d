import type { Logger } from '@nestjs/common';

/**
 * A pass run on a timer and on demand, never two at once in a process. It never throws: a failed
 * pass is logged and answers `fallback`, and the next tick retries. The timer is unreferenced (it
 * never keeps a process alive), and stop() waits for the pass under way, so that it ends before
 * the database pool closes.
 */
export class PeriodicTask<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;
  private next: Promise<T> | null = null;

  constructor(
    private readonly what: string,
    private readonly pass: () => Promise<T>,
    private readonly fallback: T,
    private readonly log: Logger,
  ) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => {
      if (!this.running) void this.run();
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.next;
    await this.running;
  }

  /** A pass that starts after this call: now, or right after the one under way (shared by every caller waiting). */
  run(): Promise<T> {
    if (!this.running) return this.begin();
    this.next ??= this.running.then(() => {
      this.next = null;
      return this.begin();
    });
    return this.next;
  }

  private begin(): Promise<T> {
    const pass = this.pass().catch((err: unknown) => {
      this.log.warn(`${this.what} failed: ${err instanceof Error ? err.message : String(err)}`);
      return this.fallback;
    });
    this.running = pass;
    void pass.finally(() => {
      if (this.running === pass) this.running = null;
    });
    return pass;
  }
}
