import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { AppConfig } from '../../config/env';
import { redisOptions } from '../redis/redis.module';

/** BullMQ on the shared Redis, namespaced by REDIS_PREFIX; imported by the API and the worker. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (cfg: AppConfig) => ({
        connection: redisOptions(cfg.REDIS_URL, true) as ConnectionOptions, // options, not a client: BullMQ then closes what it opens
        prefix: `${cfg.REDIS_PREFIX}:bull`,
        defaultJobOptions: {
          attempts: 8,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 24 * 3600, count: 10000 },
          removeOnFail: false, // failed jobs stay visible on the dashboard until handled
        },
      }),
    }),
  ],
})
export class QueueRootModule {}
