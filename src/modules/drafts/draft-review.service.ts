import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { RuleViolation, StateConflict } from '../../common/errors/domain-error';
import { assertR1Complete, assertR2Window } from './draft-rules';
import type { DraftStatus } from './draft-status';
import type { DraftView } from './draft-view';
import { DraftWindowScheduler } from './draft-window.scheduler';
import type { DraftResultEntry } from './draft.entity';
import { DraftsRepository } from './drafts.repository';
import { DraftsService } from './drafts.service';
import { NoticesOutbox } from '../notices/queue/notices-outbox';
import type { ApproveDraftDto, DecideDraftDto, DraftResultsDto, ReturnDraftDto, SubmitDraftDto } from './dto/draft-steps.dto';

// Statuses before the adoption report exists: deciding from any of them is what R9 forbids.
const BEFORE_REPORT: DraftStatus[] = ['draft', 'in_review', 'approved', 'scheduled', 'open', 'closed'];

/**
 * The life cycle after saving: submit → review chain (R4) → publish (R1, R2) → … → decide (R9)
 * → results (R20). Each step is one conditional UPDATE plus its audit event, in one transaction.
 */
@Injectable()
export class DraftReviewService {
  constructor(
    private readonly drafts: DraftsService,
    private readonly repo: DraftsRepository,
    private readonly scheduler: DraftWindowScheduler,
    // Notices module: followers are told of each results entry (R20).
    private readonly notices: NoticesOutbox,
  ) {}

  /** The drafter submits for review, declaring the disclosure attribute and that nothing is confidential (R1, R4). */
  async submit(user: Principal, id: string, dto: SubmitDraftDto): Promise<DraftView> {
    await this.repo.db.transaction(async (m) => {
      const draft = await this.repo.getById(id, m, true);
      this.drafts.assertStaff(draft, user, 'organizer');
      if (draft.status !== 'draft') throw new StateConflict('draft.submit_wrong_status', `only a draft in draft status can be submitted; this one is ${draft.status}`, { draftStatus: draft.status });
      assertR1Complete(draft, 'submit');
      if (!dto.disclosure || dto.confidentialChecked !== true) {
        throw new RuleViolation(
          'R4.disclosure_missing',
          'the drafter must declare the disclosure attribute (disclosure: public or conditional) and that the draft holds nothing confidential (confidentialChecked: true) before review',
        );
      }
      const declaration = `disclosure: ${dto.disclosure}; declared to hold nothing confidential`;
      await this.repo.transition(
        m,
        id,
        ['draft'],
        'in_review',
        { actorId: user.id, action: 'submitted', note: dto.note ? `${declaration}. ${dto.note}` : declaration },
        { sql: 'disclosure = $4, review_level = 0', params: [dto.disclosure] },
      );
    });
    return this.drafts.get(id, user);
  }

  /** One level of the unit's review chain approves; the last level makes the draft `approved` (R4). */
  async approve(user: Principal, id: string, dto: ApproveDraftDto): Promise<DraftView> {
    await this.repo.db.transaction(async (m) => {
      const draft = await this.repo.getById(id, m, true);
      this.drafts.assertStaff(draft, user, 'reviewer');
      if (draft.status !== 'in_review') throw new StateConflict('draft.approve_wrong_status', `only a draft in review can be approved; this one is ${draft.status}`, { draftStatus: draft.status });
      const version = await this.repo.findVersion(id, draft.version, m);
      const submitter = await this.repo.submitterOfCurrentRound(id, draft.version);
      if ([draft.createdBy, version?.createdBy, submitter].includes(user.id)) {
        throw new RuleViolation('R4.own_draft', 'nobody approves their own draft: the drafter cannot review it');
      }
      if ((await this.repo.approversOfCurrentRound(id, draft.version)).includes(user.id)) {
        throw new RuleViolation('R4.same_reviewer', 'each level of the review chain needs another reviewer; you already approved a level of this review');
      }
      const levels = await this.drafts.reviewLevelsOf(draft.unitId);
      const level = levels[draft.reviewLevel] ?? levels[levels.length - 1];
      const done = draft.reviewLevel + 1 >= levels.length;
      await this.repo.transition(
        m,
        id,
        ['in_review'],
        done ? 'approved' : 'in_review',
        { actorId: user.id, action: 'approved', level, note: dto.note ?? null },
        { sql: 'review_level = review_level + 1', params: [] },
      );
    });
    return this.drafts.get(id, user);
  }

  /** A reviewer sends the draft back to the drafter with a reason; the review starts over (R4). */
  async return(user: Principal, id: string, dto: ReturnDraftDto): Promise<DraftView> {
    await this.repo.db.transaction(async (m) => {
      const draft = await this.repo.getById(id, m, true);
      this.drafts.assertStaff(draft, user, 'reviewer');
      if (draft.status !== 'in_review' && draft.status !== 'approved') {
        throw new StateConflict('draft.return_wrong_status', `only a draft in review or approved can be returned; this one is ${draft.status}`, { draftStatus: draft.status });
      }
      const levels = await this.drafts.reviewLevelsOf(draft.unitId);
      const level = draft.status === 'in_review' ? (levels[draft.reviewLevel] ?? null) : null;
      await this.repo.transition(
        m,
        id,
        ['in_review', 'approved'],
        'draft',
        { actorId: user.id, action: 'returned', level, note: dto.reason },
        { sql: 'review_level = 0', params: [] },
      );
    });
    return this.drafts.get(id, user);
  }

  /** Publication: R1 again and R2 from when the window actually opens; `scheduled` or `open`. */
  async publish(user: Principal, id: string): Promise<DraftView> {
    const published = await this.repo.db.transaction(async (m) => {
      const draft = await this.repo.getById(id, m, true);
      this.drafts.assertStaff(draft, user, 'organizer');
      if (draft.status !== 'approved') throw new StateConflict('draft.publish_wrong_status', `only an approved draft can be published; this one is ${draft.status}`, { draftStatus: draft.status });
      assertR1Complete(draft, 'publish');
      const now = new Date();
      assertR2Window(draft.commentOpensAt!, draft.commentClosesAt!, now);
      const opensLater = draft.commentOpensAt!.getTime() > now.getTime();
      const moved = await this.repo.transition(
        m,
        id,
        ['approved'],
        opensLater ? 'scheduled' : 'open',
        { actorId: user.id, action: 'published', note: opensLater ? `opens for comment at ${draft.commentOpensAt!.toISOString()}` : null },
        {
          sql: `published_at = $4, public_version = CASE WHEN $5::boolean THEN public_version ELSE version END`,
          params: [now, opensLater],
        },
      );
      await m.query(
        `UPDATE draft_version SET published_at = $3, comment_opens_at = $4, comment_closes_at = $5 WHERE draft_id = $1 AND version = $2`,
        [id, draft.version, now, draft.commentOpensAt, draft.commentClosesAt],
      );
      return moved;
    });
    await this.scheduler.schedule(published);
    return this.drafts.get(id, user);
  }

  /** The decision is taken only once the participation report is published: status `reported` (R9). */
  async decide(user: Principal, id: string, dto: DecideDraftDto): Promise<DraftView> {
    await this.repo.db.transaction(async (m) => {
      const draft = await this.repo.getById(id, m, true);
      this.drafts.assertStaff(draft, user, 'organizer');
      if (BEFORE_REPORT.includes(draft.status)) {
        throw new RuleViolation('R9.report_before_decision', `the participation report (adoption report) must be published before the draft goes to decision; the draft is ${draft.status}`, {
          draftStatus: draft.status,
        });
      }
      await this.repo.transition(m, id, ['reported'], 'decided', { actorId: user.id, action: 'decided', note: dto.note ?? null });
    });
    return this.drafts.get(id, user);
  }

  /**
   * Results and execution after the decision (R20): the first call publishes them, later calls
   * append execution updates, each with its date, all kept public.
   */
  async results(user: Principal, id: string, dto: DraftResultsDto): Promise<DraftView> {
    const resultIndex = await this.repo.db.transaction(async (m) => {
      const draft = await this.repo.getById(id, m, true);
      this.drafts.assertStaff(draft, user, 'organizer');
      if (draft.status !== 'decided' && draft.status !== 'results_published') {
        throw new StateConflict('draft.results_before_decision', `results are published after the decision; the draft is ${draft.status}`, { draftStatus: draft.status });
      }
      const entry: DraftResultEntry = { summary: dto.summary, execution: dto.execution, at: new Date().toISOString(), by: user.id };
      const first = draft.status === 'decided';
      await this.repo.transition(
        m,
        id,
        [draft.status],
        'results_published',
        { actorId: user.id, action: first ? 'results_published' : 'results_updated' },
        { sql: `results = coalesce(results, '[]'::jsonb) || $4::jsonb`, params: [JSON.stringify([entry])] },
      );
      return draft.results?.length ?? 0;
    });
    // Notices module: tell followers of this entry (R20). Best effort after the commit: if Redis
    // refuses, the notices worker's sweep finds the entry without a notice run and queues it.
    await this.notices.enqueueFanOut({ kind: 'results', draftId: id, resultIndex }).catch(() => undefined);
    return this.drafts.get(id, user);
  }
}
