import { Injectable } from '@nestjs/common';
import { hash, randomUUID } from 'node:crypto';
import { isStaffOfUnit, type Principal } from '../../../common/auth/principal';
import { Forbidden, NotFound, StateConflict } from '../../../common/errors/domain-error';
import { canonicalJson } from '../../../common/hashing/canonical-json';
import type { CreateCommentDto, OfflineCommentDto } from '../dto/comment.dto';
import { CommentBatcher } from './comment-batcher';
import type { DraftContext } from './draft-context';
import { DraftContextCache } from './draft-context.cache';
import { assertNotFuture, keyReused, offlineWindowProblem, resolveTarget, webWindowProblem } from './intake-rules';
import { IntakeRepository } from './intake.repository';
import type { CommentReceipt, Submission } from './submission';

/** Comments received one by one from every channel (R5), each with its log receipt. */
@Injectable()
export class CommentIntakeService {
  constructor(
    private readonly contexts: DraftContextCache,
    private readonly batcher: CommentBatcher,
    private readonly repo: IntakeRepository,
  ) {}

  /** A signed-in person's comment, received now; only while the window is open (409 otherwise). */
  async submitWeb(user: Principal, draftId: string, dto: CreateCommentDto, key: string | null): Promise<CommentReceipt> {
    const ctx = await this.visibleContext(draftId, user);
    const receivedAt = new Date();
    const requestHash = key ? hashRequest({ kind: 'web', draftId, ...targetOf(dto) }) : null;
    const problem = webWindowProblem(ctx, receivedAt.getTime(), ctx.version);
    if (problem) return this.replayOr(problem, { authorId: user.id, enteredBy: null, web: true }, key, requestHash);
    return this.batcher.submit(
      submission(ctx, dto, {
        channel: 'web',
        receivedAt,
        authorId: user.id,
        authorName: user.displayName,
        authorEmail: null,
        authorPhone: null,
        authorAddress: null,
        authorRef: `u:${randomUUID()}`,
        enteredBy: null,
        idempotencyKey: key,
        requestHash,
      }),
    );
  }

  /**
   * A comment that reached the unit by email, letter, fax, at a symposium or by phone, typed in by
   * the unit's organizer with the channel and when it was received (R5). Accepted after the close
   * when it was received in time.
   */
  async submitOffline(user: Principal, draftId: string, dto: OfflineCommentDto, key: string | null): Promise<CommentReceipt> {
    const ctx = await this.visibleContext(draftId, user);
    if (!isStaffOfUnit(user, ctx.unitId, 'organizer')) throw new Forbidden('comment.offline_organizer_only', "only organizers of the draft's unit may record offline comments");
    const now = Date.now();
    const receivedAt = new Date(dto.receivedAt);
    assertNotFuture(receivedAt.getTime(), now);
    const author = { name: dto.author.name, email: dto.author.email ?? null, phone: dto.author.phone ?? null, address: dto.author.address ?? null };
    const requestHash = key
      ? hashRequest({ kind: 'offline', draftId, ...targetOf(dto), channel: dto.channel, receivedAt: receivedAt.toISOString(), author })
      : null;
    const problem = offlineWindowProblem(ctx, receivedAt.getTime(), ctx.version);
    if (problem) return this.replayOr(problem, { authorId: null, enteredBy: user.id, web: false }, key, requestHash);
    return this.batcher.submit(
      submission(ctx, dto, {
        channel: dto.channel,
        receivedAt,
        authorId: null,
        authorName: author.name,
        authorEmail: author.email,
        authorPhone: author.phone,
        authorAddress: author.address,
        authorRef: `o:${randomUUID()}`,
        enteredBy: user.id,
        idempotencyKey: key,
        requestHash,
      }),
    );
  }

  private async visibleContext(draftId: string, user: Principal): Promise<DraftContext> {
    const ctx = await this.contexts.get(draftId);
    if (!ctx || (ctx.publicVersion === null && !isStaffOfUnit(user, ctx.unitId))) throw new NotFound('draft');
    return ctx;
  }

  /** The window refuses it; but a replay of a comment stored in time still gets its receipt. */
  private async replayOr(
    problem: StateConflict,
    scope: { authorId: string | null; enteredBy: string | null; web: boolean },
    key: string | null,
    requestHash: string | null,
  ): Promise<CommentReceipt> {
    if (key) {
      const stored = await this.repo.findByKey(scope, key);
      if (stored && stored.requestHash === requestHash) return stored.receipt;
      if (stored) throw keyReused();
    }
    throw problem;
  }
}

/** Who sent it, through which channel and when: the part of a submission that differs by channel. */
type Source = Pick<Submission, 'channel' | 'receivedAt' | 'authorId' | 'authorName' | 'authorEmail' | 'authorPhone' | 'authorAddress' | 'authorRef' | 'enteredBy' | 'idempotencyKey' | 'requestHash'>;

/**
 * The submission queued for the log; the target is checked against the draft first (400s).
 * Every field written out: spreading the source into the literal cost about 4 % of the intake's CPU.
 */
function submission(ctx: DraftContext, dto: CreateCommentDto, from: Source): Submission {
  const target = resolveTarget(ctx, dto);
  return {
    id: randomUUID(),
    draftId: ctx.id,
    version: ctx.version,
    anchor: dto.anchor,
    planIndex: target.planIndex,
    quoteStart: dto.quote?.start ?? null,
    quoteEnd: dto.quote?.end ?? null,
    quoteText: target.quoteText,
    stance: dto.stance,
    text: dto.text,
    channel: from.channel,
    receivedAt: from.receivedAt,
    authorId: from.authorId,
    authorName: from.authorName,
    authorEmail: from.authorEmail,
    authorPhone: from.authorPhone,
    authorAddress: from.authorAddress,
    authorRef: from.authorRef,
    enteredBy: from.enteredBy,
    idempotencyKey: from.idempotencyKey,
    requestHash: from.requestHash,
  };
}

function targetOf(dto: CreateCommentDto) {
  return {
    anchor: dto.anchor,
    stance: dto.stance,
    text: dto.text,
    planIndex: dto.planIndex ?? null,
    quote: dto.quote ? { start: dto.quote.start, end: dto.quote.end } : null,
  };
}

/** The request an Idempotency-Key stands for: same key and same hash = the same submission. */
export function hashRequest(body: object): string {
  return hash('sha256', canonicalJson(body), 'hex');
}
