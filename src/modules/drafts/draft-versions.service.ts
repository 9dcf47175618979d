import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { NotFound, StateConflict } from '../../common/errors/domain-error';
import { assertR3Alternatives } from './draft-rules';
import { REVISABLE_STATUSES } from './draft-status';
import { DraftStructureService } from './draft-structure.service';
import { MAIN_PLAN } from './draft-unit.entity';
import { DraftVersion } from './draft-version.entity';
import type { DraftView } from './draft-view';
import { Draft } from './draft.entity';
import { DraftsRepository } from './drafts.repository';
import { DraftsService } from './drafts.service';
import type { StartVersionDto } from './dto/draft-version.dto';
import { diffVersions, UnitDiff } from './structure/unit-matcher';

export interface VersionSummary {
  version: number;
  title: string | null;
  createdAt: Date;
  publishedAt: Date | null;
  commentOpensAt: Date | null;
  commentClosesAt: Date | null;
}

export interface VersionDiff {
  from: number;
  to: number;
  changes: UnitDiff[];
  /** The same comparison for each alternative plan present in both versions (R3). */
  plans: Array<{ planIndex: number; changes: UnitDiff[] }>;
}

/**
 * Revised versions after consultation. Each version's text and units are kept; the new units say
 * which unit of the previous version they continue, so earlier comments can be followed.
 */
@Injectable()
export class DraftVersionsService {
  constructor(
    private readonly drafts: DraftsService,
    private readonly repo: DraftsRepository,
    private readonly structure: DraftStructureService,
  ) {}

  /** Starts version n+1 in `draft` status (it is reviewed again before publication, R4). */
  async start(user: Principal, id: string, dto: StartVersionDto): Promise<DraftView> {
    await this.repo.db.transaction(async (m) => {
      const current = await this.repo.getById(id, m, true);
      // Rights before rules: another unit's organizer learns nothing from a rule message.
      this.drafts.assertStaff(current, user, 'organizer');
      assertR3Alternatives(dto.alternatives);
      if (!REVISABLE_STATUSES.includes(current.status)) {
        throw new StateConflict('draft.revision_before_close', `a revised version is started after the comment window closes; the draft is ${current.status}`, { draftStatus: current.status });
      }
      const carriedPlans = dto.alternatives ?? (await this.repo.loadAlternatives(id, current.version, m));
      // The previous window is over; the revision gets the one given here, or none until edited.
      const window = this.drafts.windowOf(dto, null);
      await this.repo.transition(
        m,
        id,
        REVISABLE_STATUSES,
        'draft',
        { actorId: user.id, action: 'version_started', note: `version ${current.version + 1}` },
        { sql: 'version = version + 1, review_level = 0, disclosure = NULL', params: [] },
      );
      const draft = await this.repo.getById(id, m);
      this.drafts.applyContent(draft, dto);
      draft.commentOpensAt = window.opens;
      draft.commentClosesAt = window.closes;
      await m.getRepository(Draft).save(draft);
      await m.getRepository(DraftVersion).insert(this.drafts.versionRow(draft, user.id));
      await this.structure.store(m, id, draft.version, draft.body, carriedPlans.map((p) => ({ title: p.title, body: p.body })));
    });
    return this.drafts.get(id, user);
  }

  async list(id: string, user?: Principal): Promise<{ items: VersionSummary[]; total: number; page: number; pageSize: number }> {
    const draft = await this.drafts.findVisible(id, user);
    const newest = this.newestVisible(draft, user);
    const items = (await this.repo.listVersions(id))
      .filter((v) => v.version <= newest)
      .map((v) => {
        const current = v.version === draft.version;
        return {
          version: v.version,
          title: v.title,
          createdAt: v.createdAt,
          publishedAt: v.publishedAt,
          commentOpensAt: current ? draft.commentOpensAt : v.commentOpensAt,
          commentClosesAt: current ? draft.commentClosesAt : v.commentClosesAt,
        };
      });
    return { items, total: items.length, page: 1, pageSize: items.length };
  }

  /** Unit-by-unit changes between two versions the caller may see. */
  async diff(id: string, from: number, to: number, user?: Principal): Promise<VersionDiff> {
    const draft = await this.drafts.findVisible(id, user);
    const newest = this.newestVisible(draft, user);
    if (from > newest || to > newest) throw new NotFound('version');
    const [a, b] = await Promise.all([this.repo.loadUnits(id, from), this.repo.loadUnits(id, to)]);
    const plans = [...b.keys()].filter((p) => p !== MAIN_PLAN && a.has(p)).sort((x, y) => x - y);
    return {
      from,
      to,
      changes: diffVersions(a.get(MAIN_PLAN) ?? [], b.get(MAIN_PLAN) ?? []),
      plans: plans.map((planIndex) => ({ planIndex, changes: diffVersions(a.get(planIndex)!, b.get(planIndex)!) })),
    };
  }

  private newestVisible(draft: Draft, user?: Principal): number {
    return this.drafts.isStaff(draft, user) ? draft.version : draft.publicVersion!;
  }
}
