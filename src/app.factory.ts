import fastifyStatic from '@fastify/static';
import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { registerBodyParsers } from './common/http/body-parsers';
import { pathOf, registerRequestLog, requestIdOf } from './common/http/request-context';
import { validationPipe } from './common/http/validation';
import { OverloadMonitor } from './common/overload/overload.monitor';
import { RedisIoAdapter } from './common/realtime/redis-io.adapter';
import { AppConfig } from './config/env';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function logLevels(cfg: AppConfig): LogLevel[] {
  return LEVELS.slice(0, LEVELS.indexOf(cfg.LOG_LEVEL) + 1);
}

/**
 * The API application, configured identically for production, the dev command and the tests.
 * Fastify rather than Express: the same routes answer about three times as many requests per core
 * (docs/benchmarks.md), which is what comment intake on a busy day is bound by.
 */
export async function createApi(cfg: AppConfig): Promise<NestFastifyApplication> {
  const bodyLimit = cfg.bodyLimitBytes;
  const adapter = new FastifyAdapter({
    trustProxy: 'loopback', // behind the nginx of cluster mode, the client IP comes from X-Forwarded-For
    bodyLimit,
    genReqId: requestIdOf,
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(cfg), adapter, {
    bodyParser: false,
    logger: cfg.LOG_JSON ? undefined : logLevels(cfg),
    ...(cfg.LOG_JSON ? { logger: new (await import('@nestjs/common')).ConsoleLogger({ json: true, logLevels: logLevels(cfg) }) } : {}),
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const origins = cfg.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean);
  // First of all: under overload, refuse new requests before any work is done for them.
  fastify.addHook('onRequest', app.get(OverloadMonitor).onRequestHook());
  registerRequestLog(fastify, { log: logLevels(cfg).includes('log'), json: cfg.LOG_JSON });
  registerBodyParsers(fastify, bodyLimit); // 400: prototype keys, deep nesting, NUL, lone surrogates; 413; 415
  fastify.addHook('onRequest', securityHeaders());
  app.enableCors({ origin: origins, credentials: true, exposedHeaders: ['Retry-After', 'X-Request-Id', 'RateLimit', 'RateLimit-Policy'] });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const io = new RedisIoAdapter(app, cfg.REDIS_URL, cfg.REDIS_PREFIX, origins);
  io.connect();
  app.useWebSocketAdapter(io);

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

  if (cfg.SERVE_CLIENT) await serveClient(fastify);
  return app;
}

/**
 * helmet's headers on every answer. With this configuration they are the same for every request,
 * so helmet runs once, at start-up, against a response that records them, and each request gets
 * the recorded set in one call. (@fastify/helmet rebuilt helmet's middleware for every request, and
 * running its dozen middlewares per request still cost about 2 % of the API's CPU under intake.)
 */
function securityHeaders() {
  const headers = recordHeaders(
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
  return (_req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    reply.headers(headers);
    done();
  };
}

/** The headers a header-only middleware sets (helmet's: static, synchronous). */
function recordHeaders(middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name] = String(value)),
    removeHeader: (name: string) => void delete headers[name],
    getHeader: (name: string) => headers[name],
  };
  let finished = false;
  middleware({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, (err) => {
    if (err) throw err;
    finished = true;
  });
  if (!finished) throw new Error('the security headers middleware did not finish synchronously');
  return headers;
}

/** Serves the built web client from the same port; unknown non-API paths get index.html. */
async function serveClient(fastify: FastifyInstance): Promise<void> {
  const dist = join(__dirname, '..', '..', 'client', 'dist');
  const root = existsSync(dist) ? dist : join(__dirname, '..', 'client', 'dist');
  if (!existsSync(join(root, 'index.html'))) {
    new Logger('Client').warn(`client not built (${root}); run npm run build:client`);
    return;
  }
  // A scope of its own, so that its reply.sendFile does not clash with the queue dashboard's copy of
  // @fastify/static. One route per built file (wildcard: false): the catch-all is the SPA fallback.
  await fastify.register(async (scope) => {
    await scope.register(fastifyStatic, { root, wildcard: false, maxAge: '1h' });
    scope.get('/*', (req, reply) => {
      const path = pathOf(req.url);
      if (path.startsWith('/api') || path.startsWith('/socket.io')) return reply.callNotFound();
      return reply.sendFile('index.html', { maxAge: 0 });
    });
  });
}
