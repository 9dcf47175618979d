import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SeatsService } from './seats.service';

const EVERY_MS = 5 * 60_000;

/**
 * Applies lapsed seat offers and closes alternates' queues on a timer, as the drafts module does
 * for comment windows. Reads and writes of an owner also reconcile it first, so this only keeps
 * notices timely for owners nobody looks at. Each owner is reconciled under its row lock, so
 * several API instances running this at once do no harm.
 */
@Injectable()
export class SelectionReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(SelectionReconciler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly seats: SeatsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runOnce(), EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass; never throws (the next pass retries). */
  async runOnce(): Promise<number> {
    if (this.running) await this.running;
    const pass = this.seats.reconcileDue().catch((err: unknown) => {
      this.log.warn(`reconciling seats failed: ${err instanceof Error ? err.message : String(err)}`);
      return 0;
    });
    this.running = pass;
    try {
      return await pass;
    } finally {
      if (this.running === pass) this.running = null;
    }
  }
}
