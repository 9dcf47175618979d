import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type Redis from 'ioredis';
import type { Namespace, Socket } from 'socket.io';
import { isStaffOfUnit, Principal } from '../../../common/auth/principal';
import { TokenService } from '../../../common/auth/token.service';
import { Forbidden, InvalidInput, Unauthorized } from '../../../common/errors/domain-error';
import { ErrorBody, toErrorBody } from '../../../common/errors/error-mapping';
import { InjectRedis, logOutages } from '../../../common/redis/redis.module';
import { AppConfig } from '../../../config/env';
import { DraftsService } from '../../drafts/drafts.service';
import { DraftNoticesService, ProgressView } from '../api/draft-notices.service';
import { progressChannel, ProgressEvent, watchKey, WATCH_TTL_S } from './progress-channel';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const room = (draftId: string) => `draft:${draftId}`;

type JoinAck = { ok: true; progress: ProgressView } | { error: ErrorBody };

/**
 * Socket namespace `/notices`: unit staff join a draft's room and receive `notices:progress`.
 * The token (handshake `auth.token`) is checked on connect (staff only) and the unit on each join.
 * Workers publish counts on Redis; every API instance relays them to its own sockets only
 * (`local`), since each instance receives the Redis message itself.
 */
@WebSocketGateway({ namespace: '/notices' })
export class NoticesGateway implements OnGatewayInit, OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger(NoticesGateway.name);
  @WebSocketServer() private readonly server: Namespace;
  private subscriber: Redis | null = null;
  private refresher: NodeJS.Timeout | null = null;

  constructor(
    private readonly tokens: TokenService,
    private readonly drafts: DraftsService,
    private readonly notices: DraftNoticesService,
    @InjectRedis() private readonly redis: Redis,
    private readonly cfg: AppConfig,
  ) {}

  afterInit(ns: Namespace): void {
    ns.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const user = this.tokens.read(typeof token === 'string' ? token : null);
      const refuse = (err: Unauthorized | Forbidden) => next(Object.assign(new Error(err.message), { data: toErrorBody(err) }));
      if (!user) return refuse(new Unauthorized('auth.sign_in_required', 'sign in required: pass the access token as auth.token'));
      if (!user.roles.some((r) => r !== 'resident')) {
        return refuse(new Forbidden('notice.watch_staff_only', "only staff of a draft's organizing unit may watch notice progress"));
      }
      (socket.data as { user?: Principal }).user = user;
      next();
    });
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = logOutages(this.redis.duplicate());
    this.subscriber.on('message', (_channel: string, message: string) => this.relay(message));
    await this.subscriber.subscribe(progressChannel(this.cfg.REDIS_PREFIX));
    this.refresher = setInterval(() => void this.refreshWatches(), (WATCH_TTL_S / 3) * 1000);
    this.refresher.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.refresher) clearInterval(this.refresher);
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
    this.subscriber = null;
  }

  @SubscribeMessage('join')
  async join(@MessageBody() body: { draftId?: unknown } | undefined, @ConnectedSocket() socket: Socket): Promise<JoinAck> {
    try {
      const draftId = body?.draftId;
      if (typeof draftId !== 'string' || !UUID.test(draftId)) throw new InvalidInput('request.bad_uuid', 'draftId must be a UUID', { field: 'draftId' });
      const user = (socket.data as { user?: Principal }).user;
      const draft = await this.drafts.findVisible(draftId, user);
      if (!isStaffOfUnit(user, draft.unitId)) throw new Forbidden('notice.watch_staff_only', "only staff of the draft's organizing unit may watch its notice progress");
      await socket.join(room(draftId));
      await this.redis.set(watchKey(this.cfg.REDIS_PREFIX, draftId), '1', 'EX', WATCH_TTL_S);
      return { ok: true, progress: await this.notices.progressOf(draftId) };
    } catch (err) {
      return { error: toErrorBody(err) };
    }
  }

  @SubscribeMessage('leave')
  async leave(@MessageBody() body: { draftId?: unknown } | undefined, @ConnectedSocket() socket: Socket): Promise<{ ok: true }> {
    if (typeof body?.draftId === 'string') await socket.leave(room(body.draftId));
    return { ok: true };
  }

  private relay(message: string): void {
    try {
      const event = JSON.parse(message) as ProgressEvent;
      if (typeof event.draftId === 'string') this.server.local.to(room(event.draftId)).emit('notices:progress', event);
    } catch (err) {
      this.log.warn(`bad progress message: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  // Workers count only watched drafts; keep the marks alive while rooms here have members.
  private async refreshWatches(): Promise<void> {
    const rooms = [...this.server.adapter.rooms.keys()].filter((r) => r.startsWith('draft:'));
    for (const r of rooms) {
      await this.redis.set(watchKey(this.cfg.REDIS_PREFIX, r.slice(6)), '1', 'EX', WATCH_TTL_S).catch(() => undefined);
    }
  }
}
