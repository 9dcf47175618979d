import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ConnectionOptions, Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { TokenService } from '../../../common/auth/token.service';
import { InjectRedis, redisOptions } from '../../../common/redis/redis.module';
import { AppConfig } from '../../../config/env';
import { DELIVERY_QUEUE, NOTICES_QUEUE } from '../notice.types';

export const DASHBOARD_PATH = '/api/admin/queues';
const COOKIE = 'consult_queues';
const COOKIE_MAX_AGE_S = 15 * 60;
const DISCOVER_EVERY_MS = 30_000;
// Queues known today; others are discovered in Redis, so a new module's queue appears by itself.
const KNOWN = ['mail', 'draft-schedule', NOTICES_QUEUE, DELIVERY_QUEUE];

function sendError(reply: FastifyReply, statusCode: 401 | 403, message: string): FastifyReply {
  return reply.code(statusCode).send({ statusCode, error: statusCode === 401 ? 'Unauthorized' : 'Forbidden', message });
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

/**
 * The admin's queue dashboard (bull-board) at /api/admin/queues. It is a Fastify plugin of its own,
 * outside Nest's global guard, so it checks the token itself: a Bearer header, or `?token=` once from a browser,
 * which is traded for a short-lived HttpOnly cookie scoped to this path.
 */
@Injectable()
export class QueueDashboard implements OnModuleInit, OnModuleDestroy {
  private readonly queues = new Map<string, Queue>();
  private board: ReturnType<typeof createBullBoard> | null = null;
  private discoveredAt = 0;

  constructor(
    private readonly host: HttpAdapterHost,
    private readonly tokens: TokenService,
    @InjectRedis() private readonly redis: Redis,
    private readonly cfg: AppConfig,
  ) {}

  onModuleInit(): void {
    const adapter = new FastifyAdapter();
    adapter.setBasePath(DASHBOARD_PATH);
    // @bull-board/fastify 9.10.1 carries its own copy of @bull-board/api 9.10.1 (we have 9.10.2):
    // the same shapes under two declarations, hence the cast.
    const serverAdapter = adapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'];
    this.board = createBullBoard({ queues: [], serverAdapter, options: { uiConfig: { boardTitle: '队列 / Queues' } } });
    const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
    // Its own encapsulated scope: the hooks below guard the dashboard's routes and no others.
    void fastify.register(
      async (scope) => {
        scope.addHook('onRequest', async (req, reply) => this.guard(req, reply));
        scope.addHook('preHandler', async () => this.discover());
        await scope.register(adapter.registerPlugin());
      },
      { prefix: DASHBOARD_PATH },
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }

  /** Answers 401/403 or the cookie-setting redirect itself; returns nothing to let the request through. */
  private guard(req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    const url = new URL(req.url, 'http://local');
    const fromQuery = url.searchParams.get('token');
    const token = bearer ?? fromQuery ?? cookieValue(req.headers.cookie, COOKIE);
    const user = this.tokens.read(token);
    if (!user) return sendError(reply, 401, 'sign in required: send Authorization: Bearer <token>, or open the dashboard with ?token=<token>');
    if (!user.roles.includes('admin')) return sendError(reply, 403, 'the queue dashboard is for administrators');
    if (fromQuery) {
      // Keep the token out of the address bar and history: a cookie for this path, then redirect.
      reply.header('Set-Cookie', `${COOKIE}=${encodeURIComponent(fromQuery)}; Path=${DASHBOARD_PATH}; Max-Age=${COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Strict${this.cfg.isProduction ? '; Secure' : ''}`);
      url.searchParams.delete('token');
      return reply.redirect(`${url.pathname}${url.search}`, 303);
    }
    return undefined;
  }

  private async discover(): Promise<void> {
    if (Date.now() - this.discoveredAt < DISCOVER_EVERY_MS) return;
    this.discoveredAt = Date.now();
    const prefix = `${this.cfg.REDIS_PREFIX}:bull`;
    const names = new Set(KNOWN);
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}:*:meta`, 'COUNT', 1000);
      cursor = next;
      for (const k of keys) {
        const name = k.slice(prefix.length + 1, -':meta'.length);
        if (name && !name.includes(':')) names.add(name);
      }
    } while (cursor !== '0');
    for (const name of names) {
      if (!this.queues.has(name)) {
        this.queues.set(name, new Queue(name, { connection: redisOptions(this.cfg.REDIS_URL, true) as ConnectionOptions, prefix }));
      }
    }
    this.board?.replaceQueues([...this.queues.values()].map((q) => new BullMQAdapter(q)));
  }
}
