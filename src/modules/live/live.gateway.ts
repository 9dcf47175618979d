import { Logger } from '@nestjs/common';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { Principal } from '../../common/auth/principal';
import { TokenService } from '../../common/auth/token.service';
import { InvalidInput } from '../../common/errors/domain-error';
import { toErrorBody } from '../../common/errors/error-mapping';
import { validationPipe } from '../../common/http/validation';
import { AddSegmentDto, CorrectSegmentDto, JoinDto, LeaveDto } from './dto/live-socket.dto';
import { HearingFactsReader } from './hearing-facts';
import { roomOf } from './realtime/live-events';
import { LiveFeed } from './realtime/live-feed';
import type { HubMember } from './realtime/live-hub';
import { SegmentsService } from './segments.service';

type AckFn = ((response: unknown) => void) | undefined;

interface SocketData {
  token?: string;
  /** Who connected (null: a viewer without a valid token). */
  principal?: Principal | null;
  /** The writes of one socket run one after another, so a clerk's segments keep their order. */
  writes?: Promise<unknown>;
}

function member(socket: Socket): HubMember {
  return {
    id: socket.id,
    get connected() {
      return socket.connected;
    },
    emit: (event, payload) => socket.emit(event, payload),
    joinRoom: (hearingId) => void socket.join(roomOf(hearingId)),
    leaveRoom: (hearingId) => void socket.leave(roomOf(hearingId)),
  };
}

async function parse<T extends object>(cls: new () => T, payload: unknown): Promise<T> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new InvalidInput('request.payload_not_object', 'the payload must be an object');
  return validationPipe.transform(payload, { type: 'body', metatype: cls }) as Promise<T>;
}

/**
 * The `/hearings` namespace (API.md, "Live hearing"). Anyone may watch an announced hearing; the
 * token (`auth: {token}`) is read on connect and again on every write, and only the clerks and
 * organizers of the hearing's unit may write. Every answer is an ack: `{seq}`, `{ok, lastSeq}`
 * or `{error, statusCode, code, params?}` (code and params as in HTTP error bodies); a bad payload
 * never reaches the services.
 */
@WebSocketGateway({ namespace: '/hearings' })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('LiveGateway');

  constructor(
    private readonly tokens: TokenService,
    private readonly facts: HearingFactsReader,
    private readonly writer: SegmentsService,
    private readonly feed: LiveFeed,
  ) {}

  afterInit(nsp: Namespace): void {
    this.feed.attach(nsp);
  }

  handleConnection(socket: Socket): void {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const data = socket.data as SocketData;
    data.token = typeof token === 'string' ? token : undefined;
    // A missing or invalid token still watches: the hearing is public (R14). Every write reads the
    // token again, so one that expires during the hearing stops writing at once.
    data.principal = this.tokens.read(data.token);
  }

  handleDisconnect(socket: Socket): void {
    this.feed.hub.disconnected(socket.id);
  }

  @SubscribeMessage('join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @Ack() ack: AckFn): Promise<void> {
    await this.answer(ack, async (reply) => {
      const dto = await parse(JoinDto, body);
      const facts = await this.facts.visible(dto.hearingId, this.principal(socket), { cached: true });
      await this.feed.hub.join(member(socket), facts.id, dto.afterSeq ?? 0, reply);
    });
  }

  @SubscribeMessage('leave')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @Ack() ack: AckFn): Promise<void> {
    await this.answer(ack, async (reply) => {
      const dto = await parse(LeaveDto, body);
      this.feed.hub.leave(member(socket), dto.hearingId);
      reply({ ok: true });
    });
  }

  @SubscribeMessage('segment:add')
  async add(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @Ack() ack: AckFn): Promise<void> {
    await this.answer(ack, (reply) =>
      this.serially(socket, async () => {
        const dto = await parse(AddSegmentDto, body);
        reply(await this.writer.add(this.principal(socket), dto));
      }),
    );
  }

  @SubscribeMessage('segment:correct')
  async correct(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @Ack() ack: AckFn): Promise<void> {
    await this.answer(ack, (reply) =>
      this.serially(socket, async () => {
        const dto = await parse(CorrectSegmentDto, body);
        reply(await this.writer.correct(this.principal(socket), dto));
      }),
    );
  }

  /** The token is verified again on every event: an expired token stops writing at once. */
  private principal(socket: Socket): Principal | null {
    return this.tokens.read((socket.data as SocketData).token);
  }

  private serially(socket: Socket, work: () => Promise<void>): Promise<void> {
    const data = socket.data as SocketData;
    const run = (data.writes ?? Promise.resolve()).then(work, work);
    data.writes = run.catch(() => undefined);
    return run;
  }

  /** Runs a handler; whatever it throws becomes an `{error}` ack, never an unhandled rejection. */
  private async answer(ack: AckFn, work: (reply: (r: unknown) => void) => Promise<void>): Promise<void> {
    let answered = false;
    const reply = (r: unknown) => {
      if (answered) return;
      answered = true;
      if (typeof ack === 'function') ack(r);
    };
    try {
      await work(reply);
    } catch (err) {
      const body = toErrorBody(err);
      if (body.statusCode >= 500) this.logger.error(`socket event failed: ${(err as Error)?.stack ?? err}`);
      reply({ error: body.message, statusCode: body.statusCode, code: body.code, params: body.params });
    }
  }
}
