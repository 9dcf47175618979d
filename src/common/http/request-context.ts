import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const logger = new Logger('HTTP');

/** A request URL without its query: what logs and path checks use (the query may carry personal data). */
export function pathOf(url: string): string {
  return url.split('?', 1)[0];
}

/** Fastify's genReqId: the caller's X-Request-Id when sane (a proxy's trace id), else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
}

/** Echoes the request id to the caller and, when `log` is a level in use, logs one structured line per request. */
export function registerRequestLog(fastify: FastifyInstance, opts: { log: boolean; json: boolean }): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    reply.header('X-Request-Id', req.id);
    done();
  });
  if (!opts.log) return;
  fastify.addHook('onResponse', (req, reply, done) => {
    // Path only, never the query or body: they may carry personal data.
    const entry = { requestId: req.id, method: req.method, path: pathOf(req.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    // JSON logs keep the fields; console logs get one readable line.
    logger.log(opts.json ? entry : `${entry.method} ${entry.path} ${entry.status} ${entry.ms}ms req=${entry.requestId}`);
    done();
  });
}
