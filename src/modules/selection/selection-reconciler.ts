import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from '../../common/timers/periodic-task';
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
  private readonly task: PeriodicTask<number>;

  constructor(private readonly seats: SeatsService) {
    this.task = new PeriodicTask('reconciling seats', () => this.seats.reconcileDue(), 0, new Logger(SelectionReconciler.name));
  }

  onApplicationBootstrap(): void {
    this.task.start(EVERY_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  /** One pass; never throws (the next pass retries). */
  runOnce(): Promise<number> {
    return this.task.run();
  }
}
