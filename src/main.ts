import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApi } from './app.factory';
import { ConfigError, loadConfig } from './config/env';
import { runMigrations } from './database/migrate';

async function main(): Promise<void> {
  const cfg = loadConfig();
  if (cfg.RUN_MIGRATIONS) {
    const applied = await runMigrations(cfg.DATABASE_URL);
    if (applied.length) new Logger('Migrations').log(`applied ${applied.join(', ')}`);
  }
  const app = await createApi(cfg);
  await app.listen({ port: cfg.PORT, host: '0.0.0.0', backlog: cfg.LISTEN_BACKLOG });
  new Logger('API').log(`listening on http://localhost:${cfg.PORT} (docs at /api/docs)`);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
