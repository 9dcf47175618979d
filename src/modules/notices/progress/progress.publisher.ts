import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { InjectRedis } from '../../../common/redis/redis.module';
import { AppConfig } from '../../../config/env';
import { RUN_KINDS, RunKind } from '../notice.types';
import { NoticeQueries, RunKey } from '../store/notice-queries';
import { progressChannel, ProgressEvent, watchKey } from './progress-channel';

/** Updates per second at most, whatever the delivery rate. */
const INTERVAL_MS = 300;

/**
 * Worker side of the live progress: delivery marks a run dirty; a timer recounts dirty runs that
 * someone watches (or that must be announced, like the end of a fan-out) and publishes the counts
 * on Redis for the API gateways to emit.
 */
@Injectable()
export class ProgressPublisher implements OnModuleDestroy {
  private readonly log = new Logger(ProgressPublisher.name);
  private readonly dirty = new Map<string, { run: RunKey; force: boolean }>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly queries: NoticeQueries,
    @InjectRedis() private readonly redis: Redis,
    private readonly cfg: AppConfig,
  ) {}

  /** Notes a change of a run; selection and reminder notices belong to no run and are ignored. */
  touch(run: { draftId: string; kind: string; sourceVersion: string }, force = false): void {
    if (!RUN_KINDS.includes(run.kind as RunKind)) return;
    const key = `${run.kind}|${run.draftId}|${run.sourceVersion}`;
    const prev = this.dirty.get(key);
    this.dirty.set(key, { run: run as RunKey, force: force || !!prev?.force });
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), INTERVAL_MS);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushing;
  }

  private async flush(): Promise<void> {
    this.timer = null;
    if (this.flushing) return void this.flushing.then(() => this.rearm());
    const batch = [...this.dirty.values()];
    this.dirty.clear();
    this.flushing = this.publish(batch)
      .catch((err: unknown) => this.log.warn(`progress not published: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => (this.flushing = null));
    await this.flushing;
  }

  private rearm(): void {
    if (this.dirty.size && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), INTERVAL_MS);
      this.timer.unref();
    }
  }

  private async publish(batch: Array<{ run: RunKey; force: boolean }>): Promise<void> {
    const prefix = this.cfg.REDIS_PREFIX;
    for (const { run, force } of batch) {
      if (!force && !(await this.redis.exists(watchKey(prefix, run.draftId)))) continue;
      const counts = await this.queries.progress(run);
      const event: ProgressEvent = { ...run, ...counts, at: new Date().toISOString() };
      await this.redis.publish(progressChannel(prefix), JSON.stringify(event));
    }
  }
}
