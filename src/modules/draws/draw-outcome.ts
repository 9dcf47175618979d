import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SeatsRepository } from '../selection/seats.repository';
import { SeatsService } from '../selection/seats.service';
import { SelectionNotifier } from '../selection/selection-notifier';
import type { SelectionOwner } from '../selection/selection.types';
import { rows } from '../selection/sql';
import type { DrawRecord } from './algorithm/hearing-draw';

const SELF_RECOMMENDED_REASON = '本类别由申请人自行推荐代表 / the applicants of this category recommended their representatives among themselves';

/**
 * Turns a draw record into seats and outcomes: the selected are offered seats (to confirm within
 * the deadline), alternates queue per pool in ranking order (earlier tiers first), and accepted
 * applicants left out by a self-recommendation are not selected. Each person is told through
 * the notifier.
 */
@Injectable()
export class DrawOutcome {
  constructor(
    private readonly seats: SeatsService,
    private readonly seatsRepo: SeatsRepository,
    private readonly notifier: SelectionNotifier,
  ) {}

  async apply(m: EntityManager, owner: SelectionOwner, record: DrawRecord, actorId: string): Promise<void> {
    const apps = await rows<{ id: string; label: string; userId: string; category: string }>(
      m,
      `SELECT id, label, user_id AS "userId", category FROM selection_application
        WHERE owner_kind = $1 AND owner_id = $2 AND status = 'accepted'`,
      [owner.kind, owner.id],
    );
    const byLabel = new Map(apps.map((a) => [a.label, a]));
    const confirmBy = await this.seats.offerDeadline(owner);
    const notice = { ownerKind: owner.kind, ownerId: owner.id, title: owner.title };
    const drawn = owner.categories.filter((c) => c.admission === 'apply').sort((a, b) => a.tier - b.tier);

    for (const pool of new Set(drawn.map((c) => c.pool))) {
      let queue = 0;
      for (const plan of drawn.filter((c) => c.pool === pool)) {
        const result = record.categories.find((c) => c.category === plan.category);
        if (!result) continue;
        for (const label of result.selected) {
          const app = byLabel.get(label);
          const slot = await this.seatsRepo.freeSlot(m, owner, pool);
          if (!app || slot === null) throw new Error(`draw outcome: no application or seat for ${label}`);
          await m.query(`UPDATE selection_application SET status = 'selected', pool = $2, decided_at = now() WHERE id = $1`, [app.id, pool]);
          const source = result.method === 'self-recommended' ? 'self-recommended' : 'draw';
          await this.seats.offer(m, owner, { pool, slot, category: app.category, source, confirmBy, applicationId: app.id, userId: app.userId, label }, actorId);
          await this.notifier.notify(app.userId, 'selected', { ...notice, label, category: app.category, confirmBy }, m);
        }
        for (const label of result.alternates) {
          const app = byLabel.get(label);
          if (!app) throw new Error(`draw outcome: no application for ${label}`);
          queue++;
          await m.query(
            `UPDATE selection_application SET status = 'alternate', pool = $2, alternate_order = $3, decided_at = now() WHERE id = $1`,
            [app.id, pool, queue],
          );
          await this.notifier.notify(app.userId, 'alternate', { ...notice, label, category: app.category, position: queue }, m);
        }
      }
    }

    const left = await rows<{ userId: string; label: string; category: string }>(
      m,
      `UPDATE selection_application SET status = 'not_selected', reason = $3, decided_at = now()
        WHERE owner_kind = $1 AND owner_id = $2 AND status = 'accepted' RETURNING user_id AS "userId", label, category`,
      [owner.kind, owner.id, SELF_RECOMMENDED_REASON],
    );
    for (const a of left) {
      await this.notifier.notify(a.userId, 'not-selected', { ...notice, label: a.label, category: a.category, reason: SELF_RECOMMENDED_REASON }, m);
    }
  }
}
