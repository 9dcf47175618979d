import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { safeJsonReviver } from './common/http/json-reviver';
import { validationPipe } from './common/http/validation';
import { OverloadMonitor } from './common/overload/overload.monitor';
import { RedisIoAdapter } from './common/realtime/redis-io.adapter';
import { AppConfig } from './config/env';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function logLevels(cfg: AppConfig): LogLevel[] {
  return LEVELS.slice(0, LEVELS.indexOf(cfg.LOG_LEVEL) + 1);
}

/** The API application, configured identically for production, the dev command and the tests. */
export async function createApi(cfg: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(cfg), {
    bodyParser: false,
    logger: cfg.LOG_JSON ? undefined : logLevels(cfg),
    ...(cfg.LOG_JSON ? { logger: new (await import('@nestjs/common')).ConsoleLogger({ json: true, logLevels: logLevels(cfg) }) } : {}),
  });
  const origins = cfg.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean);
  app.set('trust proxy', 'loopback'); // behind the nginx of cluster mode, the client IP comes from X-Forwarded-For
  app.disable('x-powered-by');
  // First of all: under overload, refuse new requests before any work is done for them.
  app.use(app.get(OverloadMonitor).middleware());
  app.useBodyParser('json', { limit: cfg.BODY_LIMIT, reviver: safeJsonReviver }); // 400: prototype keys, deep nesting, NUL, lone surrogates
  app.useBodyParser('urlencoded', { limit: cfg.BODY_LIMIT, extended: false });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
        },
      },
    }),
  );
  app.enableCors({ origin: origins, credentials: true, exposedHeaders: ['Retry-After', 'X-Request-Id'] });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const adapter = new RedisIoAdapter(app, cfg.REDIS_URL, cfg.REDIS_PREFIX, origins);
  adapter.connect();
  app.useWebSocketAdapter(adapter);

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('公众参与平台 API / Public consultation API')
      .setDescription('Drafts, comments, hearings, draws, notices. Errors are {statusCode, error, message, code, params?}: `code` is stable and machine-readable (docs/errors.md), `params` hold the variable parts of the English `message`; rule violations are 422 "Rn: ..." with code "Rn.<reason>".')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  if (cfg.SERVE_CLIENT) serveClient(app);
  return app;
}

/** Serves the built web client from the same port; unknown non-API paths get index.html. */
function serveClient(app: NestExpressApplication): void {
  const dist = join(__dirname, '..', '..', 'client', 'dist');
  const root = existsSync(dist) ? dist : join(__dirname, '..', 'client', 'dist');
  if (!existsSync(join(root, 'index.html'))) {
    new Logger('Client').warn(`client not built (${root}); run npm run build:client`);
    return;
  }
  app.useStaticAssets(root, { index: 'index.html', maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/socket.io')) return next();
    res.sendFile(join(root, 'index.html'));
  });
}
