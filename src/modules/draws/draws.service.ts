import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { InvalidInput, NotFound, StateConflict } from '../../common/errors/domain-error';
import { maskPersonalData } from '../../common/privacy/mask';
import { SelectionEvents } from '../selection/selection-events';
import { SelectionOwners } from '../selection/selection-owners';
import type { OwnerKind, SelectionOwner } from '../selection/selection.types';
import { DrawRecord, runDraw, verifyChainValue } from './algorithm/hearing-draw';
import { DrawOutcome } from './draw-outcome';
import { FrozenList, frozenLists } from './draw-plan';
import { DrawsRepository, SelfRecommendationRow } from './draws.repository';
import { CommitmentDto, DrawDto, SelfRecommendationDto } from './dto/draw.dto';

const iso = (d: Date | null) => (d ? d.toISOString() : 'unset');

/**
 * The publicly verifiable draw (algorithm `hearing-draw/1`, docs/draw-verification.md): a
 * commitment before sign-up closes, the eligible list frozen after it closes and before the
 * randomness exists, then the draw with the revealed chain value and the public randomness.
 */
@Injectable()
export class DrawsService {
  constructor(
    private readonly owners: SelectionOwners,
    private readonly repo: DrawsRepository,
    private readonly events: SelectionEvents,
    private readonly outcome: DrawOutcome,
  ) {}

  commit(kind: OwnerKind, id: string, user: Principal, dto: CommitmentDto) {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, kind, id, user);
      this.owners.requireOrganizer(owner, user);
      if (!owner.signupClosesAt) throw new StateConflict('draw.signup_window_unset', 'set the sign-up window before publishing a draw commitment');
      if (new Date() >= owner.signupClosesAt) {
        throw new StateConflict('draw.commit_after_signup', `sign-up closed at ${iso(owner.signupClosesAt)}: a commitment must be published before it closes`, {
          closesAt: owner.signupClosesAt,
        });
      }
      if (await this.repo.commitment(m, kind, id)) throw new StateConflict('draw.commitment_exists', 'a draw commitment is already published and cannot be changed');
      const row = await this.repo.insertCommitment(
        m,
        owner,
        { algorithm: dto.algorithm ?? 'hearing-draw/1', commitment: dto.commitment, chainLength: dto.chainLength, randomnessSource: dto.randomnessSource.trim() },
        user.id,
      );
      await this.events.append(m, owner, 'commitment-published', { ...row, committedAt: undefined }, user.id);
      return row;
    });
  }

  freeze(kind: OwnerKind, id: string, user: Principal) {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, kind, id, user);
      this.owners.requireOrganizer(owner, user);
      if (!owner.signupClosesAt || new Date() < owner.signupClosesAt) {
        throw new StateConflict('draw.signup_still_open', `sign-up is open until ${iso(owner.signupClosesAt)}; the eligible list is frozen after it closes`, {
          closesAt: owner.signupClosesAt,
        });
      }
      if (await this.repo.draw(m, kind, id)) throw new StateConflict('draw.list_already_frozen', 'the eligible list is already frozen');
      if (!(await this.repo.commitment(m, kind, id))) {
        throw new StateConflict('draw.no_commitment_before_close', 'no draw commitment was published before sign-up closed, so no verifiable draw can follow');
      }
      const pending = await this.repo.pendingCount(m, owner);
      if (pending > 0) throw new StateConflict('draw.applications_pending', `${pending} application(s) still await review; review every application before freezing`, { count: pending });
      const accepted = new Map<string, string[]>();
      for (const a of await this.repo.accepted(m, owner)) accepted.set(a.category, [...(accepted.get(a.category) ?? []), a.label]);
      const lists = frozenLists(owner.categories, owner.pools, accepted);
      const row = await this.repo.freeze(m, owner, lists, user.id);
      const summary = lists.map((l) => ({ category: l.category, quota: l.quota, count: l.labels.length, listHash: l.listHash }));
      await this.events.append(m, owner, 'list-frozen', { categories: summary }, user.id);
      return { frozenAt: row.frozenAt, lists };
    });
  }

  /** 自行推荐 (R13): the applicants of a category chose their representatives; recorded instead of a draw. */
  selfRecommend(kind: OwnerKind, id: string, user: Principal, dto: SelfRecommendationDto) {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, kind, id, user);
      this.owners.requireOrganizer(owner, user);
      const draw = await this.repo.draw(m, kind, id);
      if (!draw) throw new StateConflict('draw.freeze_first', 'freeze the eligible list first: the recommended must be on it');
      if (draw.record) throw new StateConflict('draw.already_drawn', 'the draw has already taken place');
      const list = draw.frozenLists.find((l) => l.category === dto.category);
      if (!list) {
        const categories = draw.frozenLists.map((l) => l.category);
        throw new InvalidInput('selection.bad_category', `category must be one of ${categories.join(', ')}`, { categories });
      }
      const labels = [...new Set(dto.labels)];
      const stranger = labels.find((l) => !list.labels.includes(l));
      if (stranger) throw new InvalidInput('draw.label_not_on_list', `labels: ${stranger} is not on the frozen ${dto.category} list`, { label: stranger, category: dto.category });
      if (labels.length > list.quota) throw new InvalidInput('draw.too_many_labels', `labels: ${labels.length} recommended for ${list.quota} seat(s)`, { count: labels.length, quota: list.quota });
      if ((await this.repo.selfRecommendations(m, kind, id)).some((r) => r.category === dto.category)) {
        throw new StateConflict('draw.self_recommendation_recorded', `a self-recommendation for ${dto.category} is already recorded`, { category: dto.category });
      }
      const row = await this.repo.insertSelfRecommendation(m, owner, { category: dto.category, labels, note: dto.note.trim() }, user.id);
      await this.events.append(m, owner, 'self-recommendation-recorded', { category: row.category, labels: row.labels, note: maskPersonalData(row.note) }, user.id);
      return publicSelfRecommendation(row);
    });
  }

  draw(kind: OwnerKind, id: string, user: Principal, dto: DrawDto) {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, kind, id, user);
      this.owners.requireOrganizer(owner, user);
      const frozen = await this.repo.draw(m, kind, id);
      if (!frozen) throw new StateConflict('draw.freeze_first', 'freeze the eligible list before the draw');
      if (frozen.record) throw new StateConflict('draw.already_drawn', 'the draw has already taken place; its record is public');
      const c = await this.repo.commitment(m, kind, id);
      if (!c) throw new StateConflict('draw.no_commitment', 'no draw commitment was published');
      const chainValue = dto.chainValue.toLowerCase();
      if (!verifyChainValue(chainValue, c.commitment, 1)) {
        throw new InvalidInput(
          'draw.chain_mismatch',
          `chainValue: hashed once with SHA-256 it does not give the published commitment ${c.commitment}; reveal H^(n-1)(secret)`,
          { commitment: c.commitment },
        );
      }
      const recommended = new Map((await this.repo.selfRecommendations(m, kind, id)).map((r) => [r.category, r.labels]));
      const record = this.compute(c, chainValue, dto, frozen.frozenLists, recommended);
      await this.repo.storeRecord(m, owner, record, user.id);
      const summary = record.categories.map((r) => ({ category: r.category, method: r.method, quota: r.quota, selected: r.selected, alternates: r.alternates }));
      await this.events.append(m, owner, 'drawn', { algorithm: record.algorithm, categories: summary }, user.id);
      await this.outcome.apply(m, owner, record, user.id);
      return {
        selected: Object.fromEntries(record.categories.map((r) => [r.category, r.selected])),
        alternates: Object.fromEntries(record.categories.map((r) => [r.category, r.alternates])),
        record,
      };
    });
  }

  /** The public draw record, exactly what scripts/verify-draw.ts checks. */
  record(kind: OwnerKind, id: string, user?: Principal): Promise<DrawRecord> {
    return this.owners.transaction(async (m) => {
      await this.owners.visible(m, kind, id, user);
      const row = await this.repo.draw(m, kind, id);
      if (!row?.record) throw new NotFound('draw_record');
      return row.record;
    });
  }

  /** The frozen eligible lists (pseudonymous labels and hashes) and any self-recommendations. */
  eligible(kind: OwnerKind, id: string, user?: Principal) {
    return this.owners.transaction(async (m) => {
      await this.owners.visible(m, kind, id, user);
      const row = await this.repo.draw(m, kind, id);
      if (!row) throw new NotFound('frozen_eligible_list');
      const recommended = await this.repo.selfRecommendations(m, kind, id);
      return { frozenAt: row.frozenAt, lists: row.frozenLists, selfRecommendations: recommended.map(publicSelfRecommendation) };
    });
  }

  /** The draw's public state, for the hearing and meeting pages. */
  async summary(m: EntityManager, owner: Pick<SelectionOwner, 'kind' | 'id'>) {
    const [commitment, draw] = await Promise.all([this.repo.commitment(m, owner.kind, owner.id), this.repo.draw(m, owner.kind, owner.id)]);
    return {
      commitment: commitment ?? null,
      frozenAt: draw?.frozenAt ?? null,
      frozenLists: draw?.frozenLists.map((l) => ({ category: l.category, quota: l.quota, count: l.labels.length, listHash: l.listHash })) ?? null,
      drawnAt: draw?.drawnAt ?? null,
    };
  }

  private compute(
    c: { algorithm: DrawRecord['algorithm']; commitment: string; chainLength: number; randomnessSource: string },
    chainValue: string,
    dto: DrawDto,
    lists: FrozenList[],
    recommended: Map<string, string[]>,
  ): DrawRecord {
    try {
      return runDraw({
        algorithm: c.algorithm,
        commitment: c.commitment,
        n: c.chainLength,
        k: 1,
        chainValue,
        randomnessSource: c.randomnessSource,
        randomness: dto.randomness,
        rfc3797Sources: dto.rfc3797Sources,
        categories: lists.map((l) => {
          const chosen = recommended.get(l.category);
          return chosen ? { category: l.category, quota: l.quota, labels: chosen, selfRecommended: true } : { category: l.category, quota: l.quota, labels: l.labels };
        }),
      });
    } catch (e) {
      throw new InvalidInput('draw.compute_failed', `the draw could not be computed: ${(e as Error).message}`);
    }
  }
}

function publicSelfRecommendation(r: SelfRecommendationRow) {
  return { category: r.category, labels: r.labels, note: maskPersonalData(r.note), recordedAt: r.recordedAt };
}
