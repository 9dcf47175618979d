import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { logLevels } from './app.factory';
import { runInBackground } from './common/process/background-priority';
import { ConfigError, loadConfig } from './config/env';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const cfg = loadConfig();
  runInBackground(cfg.WORKER_NICE);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(cfg), { logger: logLevels(cfg) });
  app.enableShutdownHooks();
  new Logger('Worker').log(`consuming queues (concurrency ${cfg.WORKER_CONCURRENCY}, nice ${cfg.WORKER_NICE})`);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
