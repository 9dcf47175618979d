import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { InvalidInput, NotFound, StateConflict } from '../../common/errors/domain-error';
import { Page, pageOf } from '../../common/http/pagination';
import { ApplicationQuery, ApplicationStatus, ApplyDto, ReviewApplicationDto } from './dto/application.dto';
import { SeatsRepository } from './seats.repository';
import { SeatsService } from './seats.service';
import { SelectionEvents } from './selection-events';
import { SelectionNotifier } from './selection-notifier';
import { SelectionOwners } from './selection-owners';
import type { OwnerKind, SelectionOwner } from './selection.types';
import { one, rows } from './sql';

export interface ApplicationRow {
  id: string;
  label: string;
  userId: string;
  category: string;
  statement: string;
  status: ApplicationStatus;
  reason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

const COLUMNS = `a.id, a.label, a.user_id AS "userId", a.category, a.statement, a.status, a.reason,
  a.decided_at AS "decidedAt", a.created_at AS "createdAt"`;

const iso = (d: Date | null) => (d ? d.toISOString() : 'unset');

/** Sign-up (R13, R16): applications, the organizer's eligibility review, the applicant's own view. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly owners: SelectionOwners,
    private readonly events: SelectionEvents,
    private readonly notifier: SelectionNotifier,
    private readonly seats: SeatsService,
    private readonly seatsRepo: SeatsRepository,
  ) {}

  apply(kind: OwnerKind, id: string, user: Principal, dto: ApplyDto) {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, kind, id, user);
      if (!owner.isPublic) throw new StateConflict('selection.not_announced', `this ${kind} is not announced yet`, { kind });
      assertSignupOpen(owner, new Date());
      const category = await this.owners.source(kind).applicationCategory(m, owner, user.id, dto.category);
      const existing = await one(m, `SELECT 1 FROM selection_application WHERE owner_kind = $1 AND owner_id = $2 AND user_id = $3`, [kind, id, user.id]);
      if (existing) throw new StateConflict('selection.already_applied', `you have already applied to this ${kind}; one application per person`, { kind });
      const [{ seq, prefix }] = await rows<{ seq: number; prefix: string }>(
        m,
        `UPDATE selection_owner SET next_seq = next_seq + 1 WHERE kind = $1 AND id = $2 RETURNING next_seq AS seq, label_prefix AS prefix`,
        [kind, id],
      );
      const label = `${prefix}-${String(seq).padStart(4, '0')}`;
      const [row] = await rows<ApplicationRow>(
        m,
        `INSERT INTO selection_application AS a (owner_kind, owner_id, seq, label, user_id, category, statement)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [kind, id, seq, label, user.id, category, dto.statement.trim()],
      );
      await this.events.append(m, owner, 'application-received', { label, category }, user.id);
      return ownView(row);
    });
  }

  review(kind: OwnerKind, id: string, applicationId: string, user: Principal, dto: ReviewApplicationDto) {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, kind, id, user);
      this.owners.requireOrganizer(owner, user);
      const reason = dto.reason?.trim() || null;
      if (!dto.accept && !reason) throw new InvalidInput('selection.reject_needs_reason', 'reason is required when rejecting an application; the applicant is told why');
      const frozen = await one(m, `SELECT 1 FROM selection_draw WHERE owner_kind = $1 AND owner_id = $2`, [kind, id]);
      if (frozen) throw new StateConflict('selection.list_frozen', 'the eligible list is frozen: applications can no longer be reviewed');
      const app = await this.find(m, owner, applicationId);
      if (!['pending', 'accepted', 'rejected'].includes(app.status)) {
        throw new StateConflict('selection.application_final', `application ${app.label} is ${app.status}`, { label: app.label, applicationStatus: app.status });
      }
      const status: ApplicationStatus = dto.accept ? 'accepted' : 'rejected';
      const [row] = await rows<ApplicationRow>(
        m,
        `UPDATE selection_application a SET status = $2, reason = $3, reviewed_by = $4, decided_at = now()
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [app.id, status, reason, user.id],
      );
      await this.events.append(m, owner, 'application-reviewed', { label: app.label, category: app.category, outcome: status }, user.id);
      await this.notifier.notify(
        app.userId,
        dto.accept ? 'application-accepted' : 'application-rejected',
        { ownerKind: kind, ownerId: id, title: owner.title, label: app.label, category: app.category, reason },
        m,
      );
      return staffView(row);
    });
  }

  /** The organizer's full list, with names and email (staff only). */
  async list(kind: OwnerKind, id: string, user: Principal, q: ApplicationQuery): Promise<Page<ReturnType<typeof staffView>>> {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.visible(m, kind, id, user);
      this.owners.requireOrganizer(owner, user);
      const found = await rows<ApplicationRow & { displayName: string; email: string; total: number }>(
        m,
        `SELECT ${COLUMNS}, u.display_name AS "displayName", u.email, count(*) OVER ()::int AS total
           FROM selection_application a JOIN app_user u ON u.id = a.user_id
          WHERE a.owner_kind = $1 AND a.owner_id = $2
            AND ($3::text IS NULL OR a.status = $3) AND ($4::text IS NULL OR a.category = $4)
          ORDER BY a.seq LIMIT $5 OFFSET $6`,
        [kind, id, q.status ?? null, q.category ?? null, q.pageSize, q.offset],
      );
      const total = found[0]?.total ?? 0;
      return pageOf(
        found.map((r) => ({ ...staffView(r), displayName: r.displayName, email: r.email })),
        total,
        q,
      );
    });
  }

  /** The applicant's own application: status, reason, and the seat they hold or were offered. */
  async mine(kind: OwnerKind, id: string, user: Principal) {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, kind, id, user);
      await this.seats.reconcile(m, owner);
      const row = await one<ApplicationRow>(
        m,
        `SELECT ${COLUMNS} FROM selection_application a WHERE a.owner_kind = $1 AND a.owner_id = $2 AND a.user_id = $3`,
        [kind, id, user.id],
      );
      if (!row) throw new NotFound('application');
      const seat = await this.seatsRepo.latestOfApplication(m, row.id);
      const queue = row.status === 'alternate' ? await this.queuePosition(m, row.id) : null;
      return { ...ownView(row), alternatePosition: queue, seat };
    });
  }

  private async find(m: EntityManager, owner: SelectionOwner, applicationId: string): Promise<ApplicationRow> {
    const row = await one<ApplicationRow>(
      m,
      `SELECT ${COLUMNS} FROM selection_application a WHERE a.id = $1 AND a.owner_kind = $2 AND a.owner_id = $3`,
      [applicationId, owner.kind, owner.id],
    );
    if (!row) throw new NotFound('application');
    return row;
  }

  // 1 = the next alternate to be offered a seat in this pool.
  private async queuePosition(m: EntityManager, applicationId: string): Promise<number> {
    const [row] = await rows<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM selection_application o JOIN selection_application a ON a.id = $1
        WHERE o.owner_kind = a.owner_kind AND o.owner_id = a.owner_id AND o.pool = a.pool
          AND o.status = 'alternate' AND o.alternate_order <= a.alternate_order`,
      [applicationId],
    );
    return row.n;
  }
}

export function assertSignupOpen(owner: SelectionOwner, now: Date): void {
  const { signupOpensAt: opens, signupClosesAt: closes } = owner;
  if (!opens || !closes || now < opens || now >= closes) {
    throw new StateConflict('selection.signup_not_open', `sign-up is open only from ${iso(opens)} until ${iso(closes)}`, { opensAt: opens, closesAt: closes });
  }
}

function ownView(r: ApplicationRow) {
  return { id: r.id, label: r.label, category: r.category, statement: r.statement, status: r.status, reason: r.reason, decidedAt: r.decidedAt, createdAt: r.createdAt };
}

function staffView(r: ApplicationRow) {
  return { ...ownView(r), userId: r.userId };
}
