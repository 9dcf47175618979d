import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, pageOf, PageQuery } from '../../common/http/pagination';
import type { DraftListItem } from './draft-view';
import type { ListDraftsQuery } from './dto/draft-query.dto';

type Row = DraftListItem & { total: string };

/** A LIKE pattern matching `q` anywhere, with the LIKE wildcards in `q` taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Read-only list queries of drafts (public list, staff console, review queue). */
@Injectable()
export class DraftsQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Drafts the public may read, newest publication first. Shows and searches the version the
   * public sees (`public_version`), not a revision still in preparation. Search is
   * `lower(col) ILIKE '%q%'` over trigram GIN indexes on lower(title) and lower(body): 3+ characters
   * use the index; a 2-character query such as 停车 has no full trigram and PostgreSQL scans,
   * which is slower but still correct.
   */
  async listPublic(query: ListDraftsQuery): Promise<Page<DraftListItem>> {
    const params: unknown[] = [];
    const where = ['d.public_version IS NOT NULL'];
    if (query.status) {
      params.push(query.status);
      where.push(`d.status = $${params.length}`);
    }
    if (query.q) {
      params.push(containsPattern(query.q));
      where.push(`(lower(v.title) ILIKE lower($${params.length}) OR lower(v.body) ILIKE lower($${params.length}))`);
    }
    return this.page(
      `FROM draft d JOIN unit u ON u.id = d.unit_id
       JOIN draft_version v ON v.draft_id = d.id AND v.version = d.public_version
       WHERE ${where.join(' AND ')}`,
      `ORDER BY v.published_at DESC NULLS LAST, d.id`,
      params,
      query,
    );
  }

  /** Every draft of one unit (all units for `null`, the admin), most recently changed first. */
  async listForUnit(query: ListDraftsQuery, unitId: string | null): Promise<Page<DraftListItem>> {
    const params: unknown[] = [];
    const where = ['true'];
    if (unitId) {
      params.push(unitId);
      where.push(`d.unit_id = $${params.length}`);
    }
    if (query.status) {
      params.push(query.status);
      where.push(`d.status = $${params.length}`);
    }
    if (query.q) {
      params.push(containsPattern(query.q));
      where.push(`(lower(d.title) ILIKE lower($${params.length}) OR lower(d.body) ILIKE lower($${params.length}))`);
    }
    return this.page(
      `FROM draft d JOIN unit u ON u.id = d.unit_id JOIN draft_version v ON v.draft_id = d.id AND v.version = d.version
       WHERE ${where.join(' AND ')}`,
      `ORDER BY d.updated_at DESC, d.id`,
      params,
      query,
    );
  }

  /**
   * Drafts in review waiting for a level `reviewerId` may approve: not ones they drafted or
   * submitted, nor ones where they already approved a level of the current round (R4).
   */
  async reviewQueue(query: PageQuery, unitId: string | null, reviewerId: string): Promise<Page<DraftListItem & { level: string }>> {
    const params: unknown[] = [reviewerId];
    const where = [
      `d.status = 'in_review'`,
      `d.created_by IS DISTINCT FROM $1`,
      `v.created_by IS DISTINCT FROM $1`,
      `NOT EXISTS (
         SELECT 1 FROM draft_event e
         WHERE e.draft_id = d.id AND e.version = d.version AND e.actor_id = $1 AND e.action IN ('submitted', 'approved')
           AND e.at >= (SELECT max(s.at) FROM draft_event s WHERE s.draft_id = d.id AND s.version = d.version AND s.action = 'submitted'))`,
    ];
    if (unitId) {
      params.push(unitId);
      where.push(`d.unit_id = $${params.length}`);
    }
    return this.page(
      `FROM draft d JOIN unit u ON u.id = d.unit_id JOIN draft_version v ON v.draft_id = d.id AND v.version = d.version
       WHERE ${where.join(' AND ')}`,
      `ORDER BY d.updated_at ASC, d.id`,
      params,
      query,
      `, coalesce(u.review_levels[d.review_level + 1], 'content') AS level`,
    ) as Promise<Page<DraftListItem & { level: string }>>;
  }

  private async page(from: string, order: string, params: unknown[], q: PageQuery, extra = ''): Promise<Page<DraftListItem>> {
    const rows: Row[] = await this.db.query(
      `SELECT d.id, d.unit_id AS "unitId", u.name AS "unitName", v.title, d.status, v.version,
              coalesce(v.comment_opens_at, d.comment_opens_at) AS "commentOpensAt",
              coalesce(v.comment_closes_at, d.comment_closes_at) AS "commentClosesAt",
              v.published_at AS "publishedAt", d.updated_at AS "updatedAt", count(*) OVER () AS total${extra}
       ${from} ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, q.offset],
    );
    const total = rows.length ? Number(rows[0].total) : await this.count(from, params);
    return pageOf(
      rows.map(({ total: _total, ...item }) => item),
      total,
      q,
    );
  }

  // A page past the end has no rows to carry the window count.
  private async count(from: string, params: unknown[]): Promise<number> {
    const [row]: Array<{ n: string }> = await this.db.query(`SELECT count(*) AS n ${from}`, params);
    return Number(row.n);
  }
}
