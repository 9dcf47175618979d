import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { InvalidInput, NotFound, RuleViolation, StateConflict } from '../../common/errors/domain-error';
import { Page, PageQuery, pageOf } from '../../common/http/pagination';
import { AppConfig } from '../../config/env';
import { MailOutbox } from '../mail/mail.outbox';
import { InviteDto } from './dto/invitation.dto';
import { SeatsRepository } from './seats.repository';
import { publicSeat, SeatsService } from './seats.service';
import { SelectionEvents } from './selection-events';
import { SelectionOwners } from './selection-owners';
import { OwnerKind, planOf, SelectionOwner } from './selection.types';
import { one, rows } from './sql';

interface InvitationRow {
  id: string;
  ownerKind: OwnerKind;
  ownerId: string;
  email: string;
  displayName: string;
  category: string;
  status: 'pending' | 'accepted' | 'declined';
  userId: string | null;
  respondedAt: Date | null;
  createdAt: Date;
}

const COLUMNS = `i.id, i.owner_kind AS "ownerKind", i.owner_id AS "ownerId", i.email, i.display_name AS "displayName",
  i.category, i.status, i.user_id AS "userId", i.responded_at AS "respondedAt", i.created_at AS "createdAt"`;

const CATEGORY_ZH: Record<string, string> = { deputy: '人大代表、政协委员', expert: '专家学者', lawyer: '法律工作者', other: '其他' };
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const beijing = (d: Date | null) =>
  d ? new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short' }).format(d) : '待定';

/**
 * Direct invitations (R13): deputies, experts, lawyers and others are invited by email and accept
 * or decline with the link's token, with or without an account. Accepting takes a seat.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly owners: SelectionOwners,
    private readonly seatsRepo: SeatsRepository,
    private readonly seats: SeatsService,
    private readonly events: SelectionEvents,
    private readonly mail: MailOutbox,
    private readonly cfg: AppConfig,
  ) {}

  async invite(kind: OwnerKind, id: string, user: Principal, dto: InviteDto) {
    const { row, token, owner } = await this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, kind, id, user);
      this.owners.requireOrganizer(owner, user);
      const plan = planOf(owner, dto.category);
      if (plan?.admission === 'apply') {
        throw new RuleViolation(
          'R13.applying_category',
          `${dto.category} representatives apply and are chosen by draw; only deputies, experts, lawyers and others are invited`,
          { category: dto.category },
        );
      }
      const invitable = owner.categories.filter((c) => c.admission === 'invite').map((c) => c.category);
      if (!plan) throw new InvalidInput('selection.bad_category', `category must be one of ${invitable.join(', ')}`, { categories: invitable });
      if (owner.startsAt && owner.startsAt <= new Date()) throw new StateConflict('selection.already_started', `this ${kind} has already started`, { kind });
      const email = dto.email.trim();
      const waiting = await one(
        m,
        `SELECT 1 FROM selection_invitation WHERE owner_kind = $1 AND owner_id = $2 AND lower(email) = lower($3) AND status = 'pending'`,
        [kind, id, email],
      );
      if (waiting) throw new StateConflict('invitation.already_waiting', 'an invitation to this address is already waiting for an answer');
      const token = randomBytes(32).toString('base64url');
      const [row] = await rows<InvitationRow>(
        m,
        `INSERT INTO selection_invitation AS i (owner_kind, owner_id, email, display_name, category, token_hash, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [kind, id, email, dto.displayName.trim(), dto.category, sha256(token), user.id],
      );
      await this.events.append(m, owner, 'invitation-sent', { category: dto.category }, user.id);
      return { row, token, owner };
    });
    // After commit: a rolled-back invitation must not be mailed. The job id makes a retry harmless.
    await this.mail.enqueue(this.mailFor(owner, row, token), `invitation-${row.id}`);
    return staffView(row);
  }

  list(kind: OwnerKind, id: string, user: Principal, q: PageQuery): Promise<Page<ReturnType<typeof staffView>>> {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.visible(m, kind, id, user);
      this.owners.requireOrganizer(owner, user);
      const found = await rows<InvitationRow & { total: number }>(
        m,
        `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM selection_invitation i
          WHERE i.owner_kind = $1 AND i.owner_id = $2 ORDER BY i.created_at LIMIT $3 OFFSET $4`,
        [kind, id, q.pageSize, q.offset],
      );
      return pageOf(found.map(staffView), found[0]?.total ?? 0, q);
    });
  }

  /** What the invitation is about, for the page the email links to. */
  view(token: string) {
    return this.owners.transaction(async (m) => {
      const inv = await this.byToken(m, token);
      const owner = await this.owners.lockedForSystem(m, inv.ownerKind, inv.ownerId);
      return {
        ownerKind: owner.kind, ownerId: owner.id, title: owner.title, venue: owner.venue, startsAt: owner.startsAt,
        displayName: inv.displayName, category: inv.category, status: inv.status,
      };
    });
  }

  accept(token: string, user: Principal | undefined) {
    return this.owners.transaction(async (m) => {
      const inv = await this.byToken(m, token);
      const owner = await this.owners.lockedForSystem(m, inv.ownerKind, inv.ownerId);
      if (inv.status !== 'pending') throw new StateConflict('invitation.already_answered', `this invitation was already ${inv.status}`, { invitationStatus: inv.status });
      if (owner.startsAt && owner.startsAt <= new Date()) throw new StateConflict('selection.already_started', `this ${owner.kind} has already started`, { kind: owner.kind });
      const plan = planOf(owner, inv.category);
      if (!plan) throw new StateConflict('invitation.category_gone', `${inv.category} is no longer a category of this ${owner.kind}`, { category: inv.category, kind: owner.kind });
      const userId = user?.id ?? (await this.verifiedAccount(m, inv.email));
      if (userId && (await this.holdsSeat(m, owner, userId))) throw new StateConflict('invitation.seat_held', `you already hold a seat at this ${owner.kind}`, { kind: owner.kind });
      const slot = await this.seatsRepo.freeSlot(m, owner, plan.pool);
      if (slot === null) throw new StateConflict('invitation.seats_full', `all ${plan.quota} ${inv.category} seats are taken`, { quota: plan.quota, category: inv.category });
      const seat = await this.seatsRepo.insert(m, owner, {
        pool: plan.pool, slot, category: inv.category, source: 'invitation', status: 'confirmed', confirmBy: null,
        invitationId: inv.id, userId, displayName: inv.displayName, email: inv.email,
      });
      await m.query(`UPDATE selection_invitation SET status = 'accepted', user_id = $2, responded_at = now() WHERE id = $1`, [inv.id, userId]);
      await this.events.append(m, owner, 'invitation-accepted', { category: inv.category, slot }, userId);
      return { status: 'accepted' as const, seat: publicSeat(seat) };
    });
  }

  /** Declines a waiting invitation, or gives back the seat an accepted one took. */
  decline(token: string, user: Principal | undefined) {
    return this.owners.transaction(async (m) => {
      const inv = await this.byToken(m, token);
      const owner = await this.owners.lockedForSystem(m, inv.ownerKind, inv.ownerId);
      if (inv.status === 'declined') throw new StateConflict('invitation.already_answered', 'this invitation was already declined', { invitationStatus: 'declined' });
      const actorId = user?.id ?? inv.userId;
      if (inv.status === 'accepted') {
        const seat = await one<{ id: string }>(
          m,
          `SELECT id FROM selection_seat WHERE invitation_id = $1 AND status IN ('offered','confirmed')`,
          [inv.id],
        );
        if (seat) {
          await this.seats.release(m, owner, await this.seatsRepo.find(m, owner, seat.id), 'declined', actorId);
          return { status: 'declined' as const };
        }
      }
      await m.query(`UPDATE selection_invitation SET status = 'declined', responded_at = now() WHERE id = $1`, [inv.id]);
      await this.events.append(m, owner, 'invitation-declined', { category: inv.category }, actorId);
      return { status: 'declined' as const };
    });
  }

  private async byToken(m: EntityManager, token: string): Promise<InvitationRow> {
    const inv = await one<InvitationRow>(m, `SELECT ${COLUMNS} FROM selection_invitation i WHERE i.token_hash = $1 FOR UPDATE`, [sha256(token)]);
    if (!inv) throw new NotFound('invitation');
    return inv;
  }

  private async verifiedAccount(m: EntityManager, email: string): Promise<string | null> {
    const row = await one<{ id: string }>(m, `SELECT id FROM app_user WHERE lower(email) = lower($1) AND email_verified_at IS NOT NULL`, [email]);
    return row?.id ?? null;
  }

  private async holdsSeat(m: EntityManager, owner: SelectionOwner, userId: string): Promise<boolean> {
    const row = await one(
      m,
      `SELECT 1 FROM selection_seat WHERE owner_kind = $1 AND owner_id = $2 AND user_id = $3 AND status IN ('offered','confirmed')`,
      [owner.kind, owner.id, userId],
    );
    return !!row;
  }

  private mailFor(owner: SelectionOwner, inv: InvitationRow, token: string) {
    const link = `${this.cfg.PUBLIC_URL}/#/invitations/${token}`;
    const what = owner.kind === 'hearing' ? '听证会' : '会议';
    return {
      to: inv.email,
      subject: `${what}代表邀请：${owner.title} / Invitation to take part`,
      text:
        `${inv.displayName}，您好：\n\n诚邀您以「${CATEGORY_ZH[inv.category] ?? inv.category}」代表身份参加${what}「${owner.title}」。\n` +
        `时间：${beijing(owner.startsAt)}\n地点：${owner.venue ?? '待定'}\n\n请打开以下链接接受或谢绝邀请：\n${link}\n\n` +
        `You are invited to take part as a representative (${inv.category}) in "${owner.title}". ` +
        `Open the link above to accept or decline.`,
      messageId: `<invitation-${inv.id}@consult>`,
    };
  }
}

function staffView(r: InvitationRow) {
  return { id: r.id, email: r.email, displayName: r.displayName, category: r.category, status: r.status, userId: r.userId, respondedAt: r.respondedAt, createdAt: r.createdAt };
}
