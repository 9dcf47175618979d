import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/env';
import { typeormOptions } from '../database/typeorm-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (cfg: AppConfig) => ({ ...typeormOptions(cfg.DATABASE_URL, { size: cfg.DB_POOL_SIZE, connectTimeoutMs: cfg.DB_CONNECT_TIMEOUT_MS }), autoLoadEntities: true, retryAttempts: 20, retryDelay: 1000 }),
    }),
  ],
})
export class DatabaseModule {}
