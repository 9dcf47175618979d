import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import { FanOutService } from '../fan-out/fan-out.service';
import { FAN_OUT_JOB, FanOutJob, NOTICES_QUEUE, SWEEP_JOB } from '../notice.types';
import { LOCKS } from './delivery.processor';
import { NoticeSweeper } from './notice-sweeper';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks what another module put on the queue; a malformed job is refused for good. */
export function parseFanOut(data: unknown): FanOutJob {
  const d = (data ?? {}) as Record<string, unknown>;
  if (typeof d.draftId !== 'string' || !UUID.test(d.draftId)) throw new UnrecoverableError('fan-out: draftId must be a UUID');
  if (d.kind === 'adoption_report' && Number.isInteger(d.reportVersion) && (d.reportVersion as number) >= 1) {
    return { kind: 'adoption_report', draftId: d.draftId, reportVersion: d.reportVersion as number };
  }
  if (d.kind === 'results' && Number.isInteger(d.resultIndex) && (d.resultIndex as number) >= 0) {
    return { kind: 'results', draftId: d.draftId, resultIndex: d.resultIndex as number };
  }
  throw new UnrecoverableError(`fan-out: unknown job ${JSON.stringify(d)}`);
}

/** Fan-outs (a few at a time: each streams a whole draft's participants) and the periodic sweep. */
@Processor(NOTICES_QUEUE, { ...LOCKS, concurrency: 2 })
export class NoticesProcessor extends WorkerHost {
  constructor(
    private readonly fanOut: FanOutService,
    private readonly sweeper: NoticeSweeper,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === FAN_OUT_JOB) return this.fanOut.run(parseFanOut(job.data));
    if (job.name === SWEEP_JOB) return this.sweeper.sweep();
    throw new UnrecoverableError(`unknown notices job ${job.name}`);
  }
}
