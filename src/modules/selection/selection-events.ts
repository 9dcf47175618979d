import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Page, PageQuery, pageOf } from '../../common/http/pagination';
import type { OwnerKind } from './selection.types';
import { rows } from './sql';

export type SelectionEventKind =
  | 'announced'
  | 'application-received'
  | 'application-reviewed'
  | 'invitation-sent'
  | 'invitation-accepted'
  | 'invitation-declined'
  | 'commitment-published'
  | 'list-frozen'
  | 'self-recommendation-recorded'
  | 'drawn'
  | 'seat-offered'
  | 'seat-confirmed'
  | 'seat-declined'
  | 'seat-lapsed'
  | 'seat-vacant'
  | 'alternates-closed'
  | 'feedback-published';

export interface SelectionEventView {
  id: string;
  at: Date;
  kind: string;
  data: Record<string, unknown>;
}

/**
 * The public log of a selection. `data` is shown to everyone as stored, so callers put only
 * labels, categories, slots, counts and hashes in it: never names, email or statements (R19).
 */
@Injectable()
export class SelectionEvents {
  async append(
    m: EntityManager,
    owner: { kind: OwnerKind; id: string },
    kind: SelectionEventKind,
    data: Record<string, unknown>,
    actorId: string | null,
  ): Promise<void> {
    await m.query(`INSERT INTO selection_event (owner_kind, owner_id, actor_id, kind, data) VALUES ($1, $2, $3, $4, $5)`, [
      owner.kind,
      owner.id,
      actorId,
      kind,
      JSON.stringify(data),
    ]);
  }

  async list(m: EntityManager, kind: OwnerKind, id: string, q: PageQuery): Promise<Page<SelectionEventView>> {
    const items = await rows<SelectionEventView & { total: number }>(
      m,
      `SELECT id::text, at, kind, data, count(*) OVER ()::int AS total
         FROM selection_event WHERE owner_kind = $1 AND owner_id = $2
        ORDER BY id LIMIT $3 OFFSET $4`,
      [kind, id, q.pageSize, q.offset],
    );
    const total = items[0]?.total ?? (await this.count(m, kind, id));
    return pageOf(
      items.map(({ total: _total, ...e }) => e),
      total,
      q,
    );
  }

  private async count(m: EntityManager, kind: OwnerKind, id: string): Promise<number> {
    const [row] = await rows<{ n: number }>(m, `SELECT count(*)::int AS n FROM selection_event WHERE owner_kind = $1 AND owner_id = $2`, [kind, id]);
    return row.n;
  }
}
