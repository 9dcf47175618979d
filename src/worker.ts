import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { logLevels } from './app.factory';
import { ConfigError, loadConfig } from './config/env';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const cfg = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(cfg), { logger: logLevels(cfg) });
  app.enableShutdownHooks();
  new Logger('Worker').log(`consuming queues (concurrency ${cfg.WORKER_CONCURRENCY})`);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
