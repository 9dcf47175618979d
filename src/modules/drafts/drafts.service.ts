import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { isStaffOfUnit, Principal, Role } from '../../common/auth/principal';
import { Forbidden, InvalidInput, NotFound, StateConflict } from '../../common/errors/domain-error';
import { Page } from '../../common/http/pagination';
import { Unit } from '../accounts/unit.entity';
import { assertR3Alternatives } from './draft-rules';
import type { DraftAction, DraftStatus } from './draft-status';
import { DraftStructureService } from './draft-structure.service';
import { DraftVersion } from './draft-version.entity';
import { DraftListItem, draftView, DraftView, textOf } from './draft-view';
import { Draft } from './draft.entity';
import { DraftsQueries } from './drafts.queries';
import { DraftsRepository, HistoryRow } from './drafts.repository';
import type { CreateDraftDto, DraftContentDto, UpdateDraftDto } from './dto/draft-content.dto';
import type { ListDraftsQuery, ReviewQueueQuery } from './dto/draft-query.dto';
import type { DraftUnit } from './structure/draft-parser';

/**
 * Drafts: saving and reading them, and the access rules other modules reuse (comments, hearings):
 * `findVisible`, `getDraftForUpdate`, `assertStaff`, `transition`, `getUnit`.
 */
@Injectable()
export class DraftsService {
  constructor(
    private readonly repo: DraftsRepository,
    private readonly queries: DraftsQueries,
    private readonly structure: DraftStructureService,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
  ) {}

  // ---- access, shared with other modules -------------------------------------------------------

  /** Staff of the draft's unit with one of `roles` (any staff role when none); admin everywhere. */
  isStaff(draft: Pick<Draft, 'unitId'>, user: Principal | undefined, ...roles: Role[]): boolean {
    return isStaffOfUnit(user, draft.unitId, ...roles);
  }

  /** 403 unless the caller is staff of the draft's unit with one of `roles`. */
  assertStaff(draft: Pick<Draft, 'unitId'>, user: Principal | undefined, ...roles: Role[]): void {
    if (!this.isStaff(draft, user, ...roles)) {
      const named = roles.length ? roles : ['staff'];
      throw new Forbidden('draft.staff_only', `only ${named.join(' or ')} of the draft's organizing unit may do this`, { roles: named });
    }
  }

  /** Public once a version has been open for comment; the unit's staff always. */
  isVisible(draft: Draft, user?: Principal): boolean {
    return draft.publicVersion !== null || this.isStaff(draft, user);
  }

  /** The draft, or 404 when it does not exist or the caller may not see it yet. */
  async findVisible(id: string, user?: Principal): Promise<Draft> {
    const draft = await this.repo.findById(id);
    if (!draft || !this.isVisible(draft, user)) throw new NotFound('draft');
    return draft;
  }

  /**
   * The draft row, locked (FOR UPDATE) for the rest of the caller's transaction `m`; 404 if
   * unknown. Without `m` there is no transaction to hold a lock, so it is a plain read.
   */
  getDraftForUpdate(id: string, m?: EntityManager): Promise<Draft> {
    return this.repo.getById(id, m, !!m);
  }

  /**
   * Moves the draft from one of `from` to `to` atomically (a conditional UPDATE) and records the
   * step in the audit trail; 409 when it is in another status. Pass `opts.manager` to take part
   * in the caller's transaction.
   */
  async transition(
    draftId: string,
    from: DraftStatus[],
    to: DraftStatus,
    actorId: string | null,
    action: DraftAction,
    note?: string,
    opts: { manager?: EntityManager; level?: string } = {},
  ): Promise<Draft> {
    const run = (m: EntityManager) => this.repo.transition(m, draftId, from, to, { actorId, action, note, level: opts.level });
    return opts.manager ? run(opts.manager) : this.repo.db.transaction(run);
  }

  /** A unit of a version (planIndex -1 for the main text), for anchoring comments; null if absent. */
  async getUnit(draftId: string, version: number, planIndex: number, anchor: string): Promise<DraftUnit | null> {
    const units = (await this.repo.loadUnits(draftId, version)).get(planIndex) ?? [];
    return units.find((u) => u.anchor === anchor) ?? null;
  }

  async reviewLevelsOf(unitId: string): Promise<string[]> {
    const unit = await this.units.findOneBy({ id: unitId });
    return unit?.reviewLevels?.length ? unit.reviewLevels : ['content'];
  }

  // ---- routes ----------------------------------------------------------------------------------

  async create(user: Principal, dto: CreateDraftDto): Promise<DraftView> {
    if (!user.unitId) throw new Forbidden('account.no_unit', 'staff must belong to an organizing unit to draft');
    assertR3Alternatives(dto.alternatives);
    const window = this.windowOf(dto, null);
    const id = await this.repo.db.transaction(async (m) => {
      const draft = await m.getRepository(Draft).save(
        m.getRepository(Draft).create({
          unitId: user.unitId!,
          createdBy: user.id,
          title: dto.title ?? null,
          body: dto.body ?? null,
          basis: dto.basis ?? null,
          reasons: dto.reasons ?? null,
          interpretation: dto.interpretation ?? null,
          contact: dto.contact ? { ...dto.contact } : null,
          commentOpensAt: window.opens,
          commentClosesAt: window.closes,
          status: 'draft',
          version: 1,
          reviewLevel: 0,
        }),
      );
      await m.getRepository(DraftVersion).insert(this.versionRow(draft, user.id));
      await this.structure.store(m, draft.id, 1, draft.body, dto.alternatives ?? []);
      await this.repo.addEvent(m, { draftId: draft.id, version: 1, actorId: user.id, action: 'created', toStatus: 'draft' });
      return draft.id;
    });
    return this.get(id, user);
  }

  async update(user: Principal, id: string, dto: UpdateDraftDto): Promise<DraftView> {
    await this.repo.db.transaction(async (m) => {
      const draft = await this.repo.getById(id, m, true);
      // Rights before rules: another unit's organizer learns nothing from a rule message.
      this.assertStaff(draft, user, 'organizer');
      assertR3Alternatives(dto.alternatives);
      if (draft.status !== 'draft') throw new StateConflict('draft.edit_wrong_status', `only a draft in draft status can be edited; this one is ${draft.status}`, { draftStatus: draft.status });
      const window = this.windowOf(dto, draft);
      const changed = this.applyContent(draft, dto);
      if (dto.commentOpensAt !== undefined) changed.push('commentOpensAt');
      if (dto.commentClosesAt !== undefined) changed.push('commentClosesAt');
      draft.commentOpensAt = window.opens;
      draft.commentClosesAt = window.closes;
      await m.getRepository(Draft).save(draft);
      await m.getRepository(DraftVersion).update({ draftId: id, version: draft.version }, this.versionText(draft));
      if (dto.body !== undefined || dto.alternatives !== undefined) {
        const plans = dto.alternatives ?? (await this.repo.loadAlternatives(id, draft.version, m));
        await this.structure.store(m, id, draft.version, draft.body, plans.map((p) => ({ title: p.title, body: p.body })));
      }
      await this.repo.addEvent(m, { draftId: id, version: draft.version, actorId: user.id, action: 'edited', note: changed.join(', ') || null });
    });
    return this.get(id, user);
  }

  /** A draft as its caller may see it: staff the latest version, the public the version opened last. */
  async get(id: string, user?: Principal, requested?: number): Promise<DraftView> {
    const draft = await this.findVisible(id, user);
    const staff = this.isStaff(draft, user);
    const newest = staff ? draft.version : draft.publicVersion!;
    const shown = requested ?? newest;
    if (shown > newest) throw new NotFound('version');
    const versionRow = await this.repo.findVersion(id, shown);
    if (!versionRow) throw new NotFound('version');
    const [units, alternatives] = await Promise.all([this.repo.loadUnits(id, shown), this.repo.loadAlternatives(id, shown)]);
    return draftView({
      draft,
      shownVersion: shown,
      text: textOf(draft, versionRow),
      units,
      alternatives,
      staff: staff ? { reviewLevels: await this.reviewLevelsOf(draft.unitId) } : null,
    });
  }

  async list(query: ListDraftsQuery, user?: Principal): Promise<Page<DraftListItem>> {
    if (query.mine) {
      if (!user || !user.roles.some((r) => r !== 'resident')) throw new Forbidden('draft.mine_staff_only', 'mine=true is for staff of an organizing unit');
      const unitId = user.roles.includes('admin') ? null : user.unitId;
      if (!user.roles.includes('admin') && !unitId) throw new Forbidden('account.no_unit', 'staff must belong to an organizing unit');
      return this.queries.listForUnit(query, unitId);
    }
    return this.queries.listPublic(query);
  }

  /** Drafts of the reviewer's unit waiting in review for a level this reviewer may approve (R4). */
  async reviewQueue(user: Principal, query: ReviewQueueQuery): Promise<Page<DraftListItem & { level: string }>> {
    const admin = user.roles.includes('admin');
    if (!admin && !user.unitId) throw new Forbidden('account.no_unit', 'reviewers must belong to an organizing unit');
    return this.queries.reviewQueue(query, admin ? null : user.unitId, user.id);
  }

  async history(id: string, user?: Principal): Promise<{ items: HistoryRow[]; total: number; page: number; pageSize: number }> {
    const draft = await this.findVisible(id, user);
    // The public sees the steps of published versions, not the review of a revision in preparation.
    const all = await this.repo.history(id);
    const items = this.isStaff(draft, user) ? all : all.filter((e) => e.version === null || e.version <= draft.publicVersion!);
    return { items, total: items.length, page: 1, pageSize: items.length };
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** The window after applying `dto` over the stored one; 400 when it closes before it opens. */
  windowOf(dto: Pick<DraftContentDto, 'commentOpensAt' | 'commentClosesAt'>, current: Draft | null): { opens: Date | null; closes: Date | null } {
    // undefined keeps the stored time; null clears it (an incomplete draft may have no window yet).
    const pick = (given: string | null | undefined, stored: Date | null | undefined) => (given === undefined ? (stored ?? null) : given === null ? null : new Date(given));
    const opens = pick(dto.commentOpensAt, current?.commentOpensAt);
    const closes = pick(dto.commentClosesAt, current?.commentClosesAt);
    if (opens && closes && closes.getTime() <= opens.getTime()) throw new InvalidInput('draft.window_order', 'commentClosesAt must be after commentOpensAt');
    return { opens, closes };
  }

  /** Copies the given text fields onto the draft; returns the names of those that changed. */
  applyContent(draft: Draft, dto: Omit<DraftContentDto, 'commentOpensAt' | 'commentClosesAt'>): string[] {
    const changed: string[] = [];
    for (const key of ['title', 'body', 'basis', 'reasons', 'interpretation'] as const) {
      if (dto[key] !== undefined && dto[key] !== draft[key]) {
        draft[key] = dto[key]!;
        changed.push(key);
      }
    }
    if (dto.contact !== undefined) {
      draft.contact = { ...dto.contact };
      changed.push('contact');
    }
    if (dto.alternatives !== undefined) changed.push('alternatives');
    return changed;
  }

  versionText(draft: Draft): Pick<DraftVersion, 'title' | 'body' | 'basis' | 'reasons' | 'interpretation'> {
    return { title: draft.title, body: draft.body, basis: draft.basis, reasons: draft.reasons, interpretation: draft.interpretation };
  }

  versionRow(draft: Draft, createdBy: string): Partial<DraftVersion> {
    return { draftId: draft.id, version: draft.version, createdBy, ...this.versionText(draft) };
  }
}
