import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DRAFT_SCHEDULE_QUEUE, DraftWindowService, WindowJob } from './draft-window.service';

/** Worker side: a delayed job fires at a window edge and runs the same conditional update as the reconciler. */
@Processor(DRAFT_SCHEDULE_QUEUE)
export class DraftWindowProcessor extends WorkerHost {
  constructor(private readonly windows: DraftWindowService) {
    super();
  }

  async process(job: Job<WindowJob>): Promise<string> {
    return this.windows.runJob(job.data);
  }
}
