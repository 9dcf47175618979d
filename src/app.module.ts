import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { AuthGuard } from './common/auth/auth.guard';
import { AuthModule } from './common/auth/auth.module';
import { CalendarModule } from './common/calendar/calendar.module';
import { DatabaseModule } from './common/database.module';
import { OverloadModule } from './common/overload/overload.module';
import { QueueRootModule } from './common/queue/queue-root.module';
import { REDIS, RedisModule } from './common/redis/redis.module';
import { RateLimitGuard } from './common/throttle/rate-limit.guard';
import { RedisThrottlerStorage } from './common/throttle/redis-throttler.storage';
import { ConfigModule } from './config/config.module';
import { AppConfig } from './config/env';
import { AccountsModule } from './modules/accounts/accounts.module';
import { HealthModule } from './modules/health/health.module';
import { DraftsModule } from './modules/drafts/drafts.module';
import { HearingsModule } from './modules/hearings/hearings.module';
import { MeetingsModule } from './modules/meetings/meetings.module';
import { CommentsModule } from './modules/comments/comments.module';
import { NoticesModule } from './modules/notices/notices.module';
import { LiveModule } from './modules/live/live.module';

// Feature modules of the API process; the worker has its own list in worker.module.ts.
const FEATURES = [AccountsModule, HealthModule, DraftsModule, HearingsModule, MeetingsModule, CommentsModule, NoticesModule, LiveModule];

/** The API process. Built with the already validated configuration. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig) {
    RateLimitGuard.useConfig(config);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        RedisModule,
        DatabaseModule,
        OverloadModule,
        QueueRootModule,
        AuthModule,
        CalendarModule,
        ThrottlerModule.forRootAsync({
          inject: [AppConfig, REDIS],
          useFactory: (cfg: AppConfig, redis: Redis) => ({
            storage: new RedisThrottlerStorage(redis, cfg.REDIS_PREFIX),
            throttlers: [
              { name: 'ip', ttl: 60_000, limit: 300, getTracker: (req) => req.ip ?? 'unknown' },
              { name: 'account', ttl: 60_000, limit: 60, getTracker: (req) => req.user?.id ?? `ip:${req.ip}` },
            ],
          }),
        }),
        ...FEATURES,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}
