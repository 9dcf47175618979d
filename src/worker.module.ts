import { Module } from '@nestjs/common';
import { AuthModule } from './common/auth/auth.module';
import { CalendarModule } from './common/calendar/calendar.module';
import { DatabaseModule } from './common/database.module';
import { QueueRootModule } from './common/queue/queue-root.module';
import { RedisModule } from './common/redis/redis.module';
import { ConfigModule } from './config/config.module';
import { AppConfig } from './config/env';
import { CommentsWorkerModule } from './modules/comments/comments.module';
import { MailWorkerModule } from './modules/mail/mail.module';
import { DraftsWorkerModule } from './modules/drafts/drafts.module';
import { NoticesWorkerModule } from './modules/notices/notices.module';

// Queue consumers; the API process never runs these, so workers scale separately.
const PROCESSORS = [MailWorkerModule, DraftsWorkerModule, NoticesWorkerModule, CommentsWorkerModule];

/** The worker process: queue consumers only, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig) {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), RedisModule, DatabaseModule, QueueRootModule, AuthModule, CalendarModule, ...PROCESSORS],
    };
  }
}
