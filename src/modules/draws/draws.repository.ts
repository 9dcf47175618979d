import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OwnerKind, SelectionOwner } from '../selection/selection.types';
import { one, rows } from '../selection/sql';
import type { DrawAlgorithm, DrawRecord } from './algorithm/hearing-draw';
import type { FrozenList } from './draw-plan';

export interface CommitmentRow {
  algorithm: DrawAlgorithm;
  commitment: string;
  chainLength: number;
  randomnessSource: string;
  committedAt: Date;
}

export interface DrawRow {
  frozenLists: FrozenList[];
  frozenAt: Date;
  record: DrawRecord | null;
  drawnAt: Date | null;
}

export interface SelfRecommendationRow {
  category: string;
  labels: string[];
  note: string;
  recordedAt: Date;
}

type Owner = Pick<SelectionOwner, 'kind' | 'id'>;

/** SQL of the commitment, the frozen list with the draw record, and self-recommendations. */
@Injectable()
export class DrawsRepository {
  commitment(m: EntityManager, kind: OwnerKind, id: string): Promise<CommitmentRow | undefined> {
    return one<CommitmentRow>(
      m,
      `SELECT algorithm, commitment, chain_length AS "chainLength", randomness_source AS "randomnessSource", committed_at AS "committedAt"
         FROM selection_commitment WHERE owner_kind = $1 AND owner_id = $2`,
      [kind, id],
    );
  }

  async insertCommitment(m: EntityManager, owner: Owner, c: Omit<CommitmentRow, 'committedAt'>, by: string): Promise<CommitmentRow> {
    const [row] = await rows<CommitmentRow>(
      m,
      `INSERT INTO selection_commitment (owner_kind, owner_id, algorithm, commitment, chain_length, randomness_source, committed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING algorithm, commitment, chain_length AS "chainLength", randomness_source AS "randomnessSource", committed_at AS "committedAt"`,
      [owner.kind, owner.id, c.algorithm, c.commitment, c.chainLength, c.randomnessSource, by],
    );
    return row;
  }

  draw(m: EntityManager, kind: OwnerKind, id: string): Promise<DrawRow | undefined> {
    return one<DrawRow>(
      m,
      `SELECT frozen_lists AS "frozenLists", frozen_at AS "frozenAt", record, drawn_at AS "drawnAt"
         FROM selection_draw WHERE owner_kind = $1 AND owner_id = $2`,
      [kind, id],
    );
  }

  async freeze(m: EntityManager, owner: Owner, lists: FrozenList[], by: string): Promise<DrawRow> {
    const [row] = await rows<DrawRow>(
      m,
      `INSERT INTO selection_draw (owner_kind, owner_id, frozen_lists, frozen_by) VALUES ($1, $2, $3, $4)
       RETURNING frozen_lists AS "frozenLists", frozen_at AS "frozenAt", record, drawn_at AS "drawnAt"`,
      [owner.kind, owner.id, JSON.stringify(lists), by],
    );
    return row;
  }

  async storeRecord(m: EntityManager, owner: Owner, record: DrawRecord, by: string): Promise<Date> {
    const [row] = await rows<{ drawnAt: Date }>(
      m,
      `UPDATE selection_draw SET record = $3, drawn_by = $4, drawn_at = now()
        WHERE owner_kind = $1 AND owner_id = $2 AND record IS NULL RETURNING drawn_at AS "drawnAt"`,
      [owner.kind, owner.id, JSON.stringify(record), by],
    );
    return row.drawnAt;
  }

  /** Labels and categories of the applications that passed review. */
  accepted(m: EntityManager, owner: Owner): Promise<Array<{ label: string; category: string }>> {
    return rows(m, `SELECT label, category FROM selection_application WHERE owner_kind = $1 AND owner_id = $2 AND status = 'accepted'`, [owner.kind, owner.id]);
  }

  async pendingCount(m: EntityManager, owner: Owner): Promise<number> {
    const [row] = await rows<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM selection_application WHERE owner_kind = $1 AND owner_id = $2 AND status = 'pending'`,
      [owner.kind, owner.id],
    );
    return row.n;
  }

  selfRecommendations(m: EntityManager, kind: OwnerKind, id: string): Promise<SelfRecommendationRow[]> {
    return rows<SelfRecommendationRow>(
      m,
      `SELECT category, labels, note, recorded_at AS "recordedAt" FROM selection_self_recommendation
        WHERE owner_kind = $1 AND owner_id = $2 ORDER BY category`,
      [kind, id],
    );
  }

  async insertSelfRecommendation(m: EntityManager, owner: Owner, r: Omit<SelfRecommendationRow, 'recordedAt'>, by: string): Promise<SelfRecommendationRow> {
    const [row] = await rows<SelfRecommendationRow>(
      m,
      `INSERT INTO selection_self_recommendation (owner_kind, owner_id, category, labels, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING category, labels, note, recorded_at AS "recordedAt"`,
      [owner.kind, owner.id, r.category, r.labels, r.note, by],
    );
    return row;
  }
}
