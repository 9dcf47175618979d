import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFound, StateConflict } from '../../common/errors/domain-error';
import { DraftAlternative } from './draft-alternative.entity';
import type { DraftAction, DraftStatus } from './draft-status';
import { MAIN_PLAN } from './draft-unit.entity';
import { DraftVersion } from './draft-version.entity';
import { Draft } from './draft.entity';
import type { DraftUnit } from './structure/draft-parser';

export interface EventInput {
  draftId: string;
  version: number | null;
  actorId: string | null;
  action: DraftAction;
  fromStatus?: DraftStatus | null;
  toStatus?: DraftStatus | null;
  level?: string | null;
  note?: string | null;
}

export interface HistoryRow {
  id: string;
  at: Date;
  version: number | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  level: string | null;
  note: string | null;
  actorId: string | null;
  actorName: string | null;
}

/** Units of one version, by plan: MAIN_PLAN for the main text, 0.. for the alternatives. */
export type UnitsByPlan = Map<number, DraftUnit[]>;

/** Every write to the draft tables goes through here, so the audit trail is never forgotten. */
@Injectable()
export class DraftsRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  manager(m?: EntityManager): EntityManager {
    return m ?? this.db.manager;
  }

  async findById(id: string, m?: EntityManager, lock = false): Promise<Draft | null> {
    const qb = this.manager(m).getRepository(Draft).createQueryBuilder('d').where('d.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async getById(id: string, m?: EntityManager, lock = false): Promise<Draft> {
    const draft = await this.findById(id, m, lock);
    if (!draft) throw new NotFound('draft');
    return draft;
  }

  findVersion(draftId: string, version: number, m?: EntityManager): Promise<DraftVersion | null> {
    return this.manager(m).getRepository(DraftVersion).findOneBy({ draftId, version });
  }

  listVersions(draftId: string): Promise<DraftVersion[]> {
    return this.db.getRepository(DraftVersion).find({ where: { draftId }, order: { version: 'ASC' } });
  }

  async addEvent(m: EntityManager, e: EventInput): Promise<void> {
    await m.query(
      `INSERT INTO draft_event (draft_id, version, actor_id, action, from_status, to_status, level, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.draftId, e.version, e.actorId, e.action, e.fromStatus ?? null, e.toStatus ?? null, e.level ?? null, e.note ?? null],
    );
  }

  /**
   * Moves a draft from one of `from` to `to` in one conditional UPDATE (safe against concurrent
   * requests and several API instances) and records the step. `set` adds column assignments
   * (SQL fragments over parameters starting at $4). Returns null when the draft was not in `from`.
   */
  async tryTransition(
    m: EntityManager,
    draftId: string,
    from: DraftStatus[],
    to: DraftStatus,
    event: Omit<EventInput, 'draftId' | 'fromStatus' | 'toStatus' | 'version'>,
    set: { sql: string; params: unknown[] } = { sql: '', params: [] },
  ): Promise<Draft | null> {
    // The old status comes from a locked read in the same statement, so the event names it exactly.
    // (Wrapped in a SELECT: TypeORM returns [rows, count] for a top-level UPDATE.)
    const rows: Array<{ id: string; old_status: DraftStatus; version: number }> = await m.query(
      `WITH old AS (SELECT id, status FROM draft WHERE id = $1 AND status = ANY($2::text[]) FOR UPDATE),
       moved AS (
         UPDATE draft d SET status = $3, updated_at = now()${set.sql ? `, ${set.sql}` : ''}
         FROM old WHERE d.id = old.id
         RETURNING d.id, old.status AS old_status, d.version)
       SELECT * FROM moved`,
      [draftId, from, to, ...set.params],
    );
    if (rows.length === 0) return null;
    await this.addEvent(m, { ...event, draftId, version: rows[0].version, fromStatus: rows[0].old_status, toStatus: to });
    return this.getById(draftId, m);
  }

  /** As tryTransition, but a draft in another status is a 409 (and an unknown one a 404). */
  async transition(
    m: EntityManager,
    draftId: string,
    from: DraftStatus[],
    to: DraftStatus,
    event: Omit<EventInput, 'draftId' | 'fromStatus' | 'toStatus' | 'version'>,
    set?: { sql: string; params: unknown[] },
  ): Promise<Draft> {
    const moved = await this.tryTransition(m, draftId, from, to, event, set);
    if (moved) return moved;
    const current = await this.getById(draftId, m);
    throw new StateConflict('draft.wrong_status', `the draft is ${current.status}; this step needs it ${from.join(' or ')}`, { draftStatus: current.status, draftStatuses: from });
  }

  /** Replaces the stored structure of one version: the main text and each alternative plan. */
  async saveStructure(
    m: EntityManager,
    draftId: string,
    version: number,
    main: DraftUnit[],
    alternatives: Array<{ title: string; body: string; units: DraftUnit[] }>,
  ): Promise<void> {
    await m.query(`DELETE FROM draft_unit WHERE draft_id = $1 AND version = $2`, [draftId, version]);
    await m.query(`DELETE FROM draft_alternative WHERE draft_id = $1 AND version = $2`, [draftId, version]);
    await this.insertUnits(m, draftId, version, MAIN_PLAN, main);
    for (const [planIndex, alt] of alternatives.entries()) {
      await m.getRepository(DraftAlternative).insert({ draftId, version, planIndex, title: alt.title, body: alt.body });
      await this.insertUnits(m, draftId, version, planIndex, alt.units);
    }
  }

  private async insertUnits(m: EntityManager, draftId: string, version: number, planIndex: number, units: DraftUnit[]): Promise<void> {
    if (units.length === 0) return;
    // One statement for the whole document: a long regulation has hundreds of units.
    await m.query(
      `INSERT INTO draft_unit (draft_id, version, plan_index, ord, anchor, parent_anchor, depth, label, kind, text, start_line, end_line, continues)
       SELECT $1, $2, $3, u.* FROM unnest($4::int[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[], $11::int[], $12::int[], $13::text[])
         AS u(ord, anchor, parent_anchor, depth, label, kind, text, start_line, end_line, continues)`,
      [
        draftId,
        version,
        planIndex,
        units.map((_, i) => i),
        units.map((u) => u.anchor),
        units.map((u) => u.parentAnchor),
        units.map((u) => u.depth),
        units.map((u) => u.label),
        units.map((u) => u.kind),
        units.map((u) => u.text),
        units.map((u) => u.startLine),
        units.map((u) => u.endLine),
        units.map((u) => u.continues),
      ],
    );
  }

  async loadUnits(draftId: string, version: number, m?: EntityManager): Promise<UnitsByPlan> {
    const rows: Array<DraftUnit & { planIndex: number }> = await this.manager(m).query(
      `SELECT plan_index AS "planIndex", anchor, parent_anchor AS "parentAnchor", depth, label, kind, text,
              start_line AS "startLine", end_line AS "endLine", continues
       FROM draft_unit WHERE draft_id = $1 AND version = $2 ORDER BY plan_index, ord`,
      [draftId, version],
    );
    const byPlan: UnitsByPlan = new Map();
    for (const { planIndex, ...unit } of rows) {
      if (!byPlan.has(planIndex)) byPlan.set(planIndex, []);
      byPlan.get(planIndex)!.push(unit);
    }
    return byPlan;
  }

  loadAlternatives(draftId: string, version: number, m?: EntityManager): Promise<DraftAlternative[]> {
    return this.manager(m).getRepository(DraftAlternative).find({ where: { draftId, version }, order: { planIndex: 'ASC' } });
  }

  async history(draftId: string): Promise<HistoryRow[]> {
    return this.db.query(
      `SELECT e.id, e.at, e.version, e.action, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.level, e.note,
              e.actor_id AS "actorId", u.display_name AS "actorName"
       FROM draft_event e LEFT JOIN app_user u ON u.id = e.actor_id
       WHERE e.draft_id = $1 ORDER BY e.at, e.id`,
      [draftId],
    );
  }

  /** Who already approved a level in the current review round (one person approves one level). */
  async approversOfCurrentRound(draftId: string, version: number): Promise<string[]> {
    const rows: Array<{ actor_id: string }> = await this.db.query(
      `SELECT actor_id FROM draft_event
       WHERE draft_id = $1 AND version = $2 AND action = 'approved'
         AND at > (SELECT max(at) FROM draft_event WHERE draft_id = $1 AND version = $2 AND action = 'submitted')`,
      [draftId, version],
    );
    return rows.map((r) => r.actor_id);
  }

  /** Who submitted the current review round: they drafted it, so they may not approve it (R4). */
  async submitterOfCurrentRound(draftId: string, version: number): Promise<string | null> {
    const rows: Array<{ actor_id: string | null }> = await this.db.query(
      `SELECT actor_id FROM draft_event WHERE draft_id = $1 AND version = $2 AND action = 'submitted' ORDER BY at DESC LIMIT 1`,
      [draftId, version],
    );
    return rows[0]?.actor_id ?? null;
  }
}
