import { Injectable } from '@nestjs/common';
import type { Principal, Role } from '../../../common/auth/principal';
import { Forbidden } from '../../../common/errors/domain-error';
import { Page, pageOf } from '../../../common/http/pagination';
import { maskName } from '../../../common/privacy/mask';
import type { Draft } from '../../drafts/draft.entity';
import { DraftsService } from '../../drafts/drafts.service';
import type { LettersQuery, RunPageQuery } from '../dto/notices.dto';
import type { RunKind } from '../notice.types';
import { NoticesOutbox } from '../queue/notices-outbox';
import { NoticeQueries, Progress, RunRow, StaffNoticeRow } from '../store/notice-queries';
import { NoticeStore } from '../store/notice-store';
import { lettersHtml } from './letters-html';

export interface ProgressView extends Progress {
  draftId: string;
  kind: RunKind | null;
  sourceVersion: string | null;
  startedAt: Date | null;
  fannedOutAt: Date | null;
}

const EMPTY: Progress = { total: 0, delivered: 0, failed: 0, pending: 0, unreachable: 0 };

/**
 * The organizer's side of a draft's notices: progress, failures and retry, the letter batch, and
 * the unreachable participants. Letters and the unreachable list are also public in masked form:
 * they show that everybody was accounted for (R10) without any personal data (R19).
 */
@Injectable()
export class DraftNoticesService {
  constructor(
    private readonly drafts: DraftsService,
    private readonly queries: NoticeQueries,
    private readonly store: NoticeStore,
    private readonly outbox: NoticesOutbox,
  ) {}

  /** 404 when the draft is not visible to the caller, 403 unless staff of its unit (with `roles`). */
  async staffDraft(user: Principal | undefined, draftId: string, ...roles: Role[]): Promise<Draft> {
    const draft = await this.drafts.findVisible(draftId, user);
    if (!this.drafts.isStaff(draft, user, ...roles)) {
      const named = roles.length ? roles : ['staff'];
      throw new Forbidden('notice.staff_only', `only ${named.join(' or ')} of the draft's organizing unit may see or act on its notices`, { roles: named });
    }
    return draft;
  }

  async progress(user: Principal, draftId: string, kind?: RunKind): Promise<ProgressView> {
    await this.staffDraft(user, draftId);
    return this.progressOf(draftId, kind);
  }

  /** Also what the gateway sends when a viewer joins. */
  async progressOf(draftId: string, kind?: RunKind): Promise<ProgressView> {
    const run = await this.queries.latestRun(draftId, kind);
    if (!run) return { draftId, kind: kind ?? null, sourceVersion: null, startedAt: null, fannedOutAt: null, ...EMPTY };
    return { ...run, ...(await this.queries.progress(run)) };
  }

  async runs(user: Principal, draftId: string): Promise<Array<RunRow & Progress>> {
    await this.staffDraft(user, draftId);
    const runs = await this.queries.runs(draftId);
    return Promise.all(runs.map(async (r) => ({ ...r, ...(await this.queries.progress(r)) })));
  }

  async failures(user: Principal, draftId: string, q: RunPageQuery): Promise<Page<ReturnType<typeof staffRow>>> {
    await this.staffDraft(user, draftId);
    const rows = await this.queries.failures(draftId, q.pageSize, q.offset);
    return pageOf(rows.map(staffRow), rows[0]?.total ?? 0, q);
  }

  async retry(user: Principal, draftId: string): Promise<{ requeued: number }> {
    await this.staffDraft(user, draftId, 'organizer');
    const rows = await this.store.retryFailed(draftId);
    await this.outbox.enqueueDeliveries(rows);
    return { requeued: rows.length };
  }

  async letters(user: Principal | undefined, draftId: string, q: LettersQuery): Promise<{ html: string } | Page<unknown>> {
    const draft = await this.drafts.findVisible(draftId, user);
    const staff = this.drafts.isStaff(draft, user);
    if (q.format === 'html' && !staff) throw new Forbidden('notice.letters_staff_only', "only staff of the draft's organizing unit may print the letters");
    const run = await this.queries.latestRun(draftId, q.kind);
    if (q.format === 'html') {
      // The whole batch, for printing.
      const rows = run ? await this.queries.byChannel(run, 'letter', 100_000, 0) : [];
      return { html: lettersHtml(draft.title ?? '', rows) };
    }
    const rows = run ? await this.queries.byChannel(run, 'letter', q.pageSize, q.offset) : [];
    const items = rows.map((r) =>
      staff
        ? { id: r.id, status: r.status, recipientName: r.recipientName, address: r.address, subject: r.subject, body: r.body, createdAt: r.createdAt, deliveredAt: r.deliveredAt }
        : { id: r.id, status: r.status, recipientName: maskName(r.recipientName), createdAt: r.createdAt, deliveredAt: r.deliveredAt },
    );
    return pageOf(items, rows[0]?.total ?? 0, q);
  }

  async lettersMailed(user: Principal, draftId: string, ids: string[] | undefined): Promise<{ marked: number }> {
    await this.staffDraft(user, draftId, 'organizer');
    const marked = await this.store.markLettersMailed(draftId, ids ?? null);
    return { marked };
  }

  /** Participants nobody can reach: told by the public report (R10); masked unless staff (R19). */
  async unreachable(user: Principal | undefined, draftId: string, q: RunPageQuery): Promise<Page<unknown>> {
    const draft = await this.drafts.findVisible(draftId, user);
    const staff = this.drafts.isStaff(draft, user);
    const run = await this.queries.latestRun(draftId, q.kind);
    const rows = run ? await this.queries.byChannel(run, 'public', q.pageSize, q.offset) : [];
    const items = rows.map((r) => {
      const comments = Array.isArray(r.payload.comments) ? r.payload.comments.length : 0;
      return staff
        ? { id: r.id, recipientName: r.recipientName, phone: typeof r.payload.phone === 'string' ? r.payload.phone : null, comments, coveredBy: 'public_report' }
        : { id: r.id, recipientName: maskName(r.recipientName), comments, coveredBy: 'public_report' };
    });
    return pageOf(items, rows[0]?.total ?? 0, q);
  }
}

function staffRow(r: StaffNoticeRow) {
  return {
    id: r.id,
    kind: r.kind,
    sourceVersion: r.sourceVersion,
    channel: r.channel,
    recipientName: r.recipientName,
    address: r.address,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt,
  };
}
