import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { InvalidInput, NotFound, StateConflict } from '../../common/errors/domain-error';
import { Page, pageOf } from '../../common/http/pagination';
import { DraftsService } from '../drafts/drafts.service';
import { DrawsService } from '../draws/draws.service';
import { SelectionEvents } from '../selection/selection-events';
import { SelectionOwners } from '../selection/selection-owners';
import { rows } from '../selection/sql';
import { CreateHearingDto, HearingContentDto, HearingListQuery, UpdateHearingDto } from './dto/hearing.dto';
import { announcementViolation, quotasOf, setQuotas } from './hearing-rules';
import { hearingView } from './hearing-view';
import { Hearing } from './hearing.entity';

type HearingView = ReturnType<typeof hearingView>;

/** Hearings on a draft: prepared by the organizer, announced (R11, R12), then public. */
@Injectable()
export class HearingsService {
  constructor(
    private readonly owners: SelectionOwners,
    private readonly drafts: DraftsService,
    private readonly draws: DrawsService,
    private readonly events: SelectionEvents,
  ) {}

  async create(user: Principal, dto: CreateHearingDto): Promise<HearingView> {
    const draft = await this.drafts.findVisible(dto.draftId, user);
    this.drafts.assertStaff(draft, user, 'organizer');
    const id = randomUUID();
    await this.owners.transaction(async (m) => {
      await this.owners.create(m, 'hearing', id);
      const h = m.getRepository(Hearing).create({ id, draftId: draft.id, unitId: draft.unitId, createdBy: user.id, title: dto.title.trim(), announcedAt: null });
      applyContent(h, dto);
      await m.getRepository(Hearing).insert(h);
    });
    return this.get(id, user);
  }

  async update(user: Principal, id: string, dto: UpdateHearingDto): Promise<HearingView> {
    await this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, 'hearing', id, user);
      this.owners.requireOrganizer(owner, user);
      const h = await m.getRepository(Hearing).findOneByOrFail({ id });
      if (h.announcedAt) throw new StateConflict('hearing.announced_locked', 'an announced hearing cannot be changed');
      if (dto.title) h.title = dto.title.trim();
      applyContent(h, dto);
      await m.getRepository(Hearing).save(h);
    });
    return this.get(id, user);
  }

  async announce(user: Principal, id: string): Promise<HearingView> {
    await this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, 'hearing', id, user);
      this.owners.requireOrganizer(owner, user);
      const h = await m.getRepository(Hearing).findOneByOrFail({ id });
      if (h.announcedAt) throw new StateConflict('hearing.already_announced', 'this hearing is already announced');
      // Announcing publishes the matter, so the draft must already be public (R4: review first).
      const publicDraft = await this.drafts.findVisible(h.draftId).catch((e: unknown) => {
        if (e instanceof NotFound) return null;
        throw e;
      });
      if (!publicDraft) throw new StateConflict('hearing.draft_not_public', 'the draft is not public yet; announce its hearing once the draft has been published for comment');
      const now = new Date();
      const violation = announcementViolation(h, now);
      if (violation) throw violation;
      h.announcedAt = now;
      await m.getRepository(Hearing).save(h);
      await this.events.append(m, owner, 'announced', { startsAt: h.startsAt, signupOpensAt: h.signupOpensAt, signupClosesAt: h.signupClosesAt, quotas: quotasOf(h) }, user.id);
    });
    return this.get(id, user);
  }

  /** Public once announced; before that only the unit's staff see it (others get 404). */
  get(id: string, user?: Principal): Promise<HearingView> {
    return this.owners.transaction(async (m) => {
      await this.owners.visible(m, 'hearing', id, user);
      const h = await m.getRepository(Hearing).findOneByOrFail({ id });
      return this.view(m, h);
    });
  }

  /** Announced hearings, the latest start first; `?draftId=` narrows to one draft. */
  list(q: HearingListQuery): Promise<Page<HearingView>> {
    return this.owners.transaction(async (m) => {
      const [found, total] = await m.getRepository(Hearing).createQueryBuilder('h')
        .where('h.announcedAt IS NOT NULL')
        .andWhere(q.draftId ? 'h.draftId = :draftId' : '1 = 1', { draftId: q.draftId })
        .orderBy('h.startsAt', 'DESC')
        .skip(q.offset)
        .take(q.pageSize)
        .getManyAndCount();
      const items: HearingView[] = [];
      for (const h of found) items.push(await this.view(m, h));
      return pageOf(items, total, q);
    });
  }

  private async view(m: EntityManager, h: Hearing): Promise<HearingView> {
    const counts = await rows<{ category: string; n: number }>(
      m,
      `SELECT category, count(*)::int AS n FROM selection_application WHERE owner_kind = 'hearing' AND owner_id = $1 GROUP BY category`,
      [h.id],
    );
    const applications = { stakeholder: 0, resident: 0, ...Object.fromEntries(counts.map((c) => [c.category, c.n])) };
    return hearingView(h, await this.draws.summary(m, { kind: 'hearing', id: h.id }), applications, new Date());
  }
}

const date = (v: string | null | undefined, current: Date | null) => (v === undefined ? current : v === null ? null : new Date(v));
const text = (v: string | null | undefined, current: string | null) => (v === undefined ? current : v === null ? null : v.trim() || null);

/** Copies the given fields (null clears one) and checks the order of the times. */
function applyContent(h: Hearing, dto: HearingContentDto): void {
  h.matterContent = text(dto.matter?.content, h.matterContent ?? null);
  h.matterReasons = text(dto.matter?.reasons, h.matterReasons ?? null);
  h.matterBasis = text(dto.matter?.basis, h.matterBasis ?? null);
  h.matterBackground = text(dto.matter?.background, h.matterBackground ?? null);
  h.venue = text(dto.venue, h.venue ?? null);
  h.signupMethod = text(dto.signupMethod, h.signupMethod ?? null);
  h.selectionMethod = text(dto.selectionMethod, h.selectionMethod ?? null);
  h.startsAt = date(dto.startsAt, h.startsAt ?? null);
  h.signupOpensAt = date(dto.signupOpensAt, h.signupOpensAt ?? null);
  h.signupClosesAt = date(dto.signupClosesAt, h.signupClosesAt ?? null);
  if (dto.quotas !== undefined) setQuotas(h, dto.quotas);
  else if (h.quotaStakeholder === undefined) setQuotas(h, null);
  if (h.signupOpensAt && h.signupClosesAt && h.signupClosesAt <= h.signupOpensAt) {
    throw new InvalidInput('selection.signup_order', 'signupClosesAt must be after signupOpensAt');
  }
  if (h.signupClosesAt && h.startsAt && h.signupClosesAt > h.startsAt) throw new InvalidInput('selection.signup_after_start', 'signupClosesAt must not be after startsAt');
}
