import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../../common/auth/principal';
import { NotFound } from '../../../common/errors/domain-error';
import { Page, pageOf } from '../../../common/http/pagination';
import { DraftsService } from '../../drafts/drafts.service';
import type { InboxQuery } from '../dto/notices.dto';
import { InboxItem, NoticeQueries } from '../store/notice-queries';
import { NoticeStore } from '../store/notice-store';
import { first } from '../store/sql';

export interface FollowState {
  draftId: string;
  following: boolean;
  /** Participants follow without asking; `explicit` says the person chose (following or not). */
  participant: boolean;
  explicit: boolean;
}

/** The signed-in person's notices, and which drafts they follow for results (R20). */
@Injectable()
export class InboxService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queries: NoticeQueries,
    private readonly store: NoticeStore,
    private readonly drafts: DraftsService,
  ) {}

  async list(user: Principal, q: InboxQuery): Promise<Page<InboxItem> & { unread: number }> {
    const { items, total, unread } = await this.queries.inbox(user.id, { unreadOnly: q.unread ?? false, limit: q.pageSize, offset: q.offset });
    return { ...pageOf(items, total, q), unread };
  }

  async read(user: Principal, id: string): Promise<{ id: string; readAt: Date }> {
    const done = await this.store.markRead(id, user.id);
    if (!done) throw new NotFound('notice');
    return done;
  }

  async readAll(user: Principal): Promise<{ marked: number }> {
    return { marked: await this.store.markAllRead(user.id) };
  }

  async setFollowing(user: Principal, draftId: string, following: boolean): Promise<FollowState> {
    await this.drafts.findVisible(draftId, user);
    await this.db.query(
      `INSERT INTO draft_follower (draft_id, user_id, following) VALUES ($1, $2, $3)
       ON CONFLICT (draft_id, user_id) DO UPDATE SET following = excluded.following, updated_at = now()`,
      [draftId, user.id, following],
    );
    return this.followState(user, draftId);
  }

  async followState(user: Principal, draftId: string): Promise<FollowState> {
    await this.drafts.findVisible(draftId, user);
    const row = await first<{ choice: boolean | null; participant: boolean }>(
      this.db.manager,
      `SELECT (SELECT following FROM draft_follower WHERE draft_id = $1 AND user_id = $2) AS choice,
              (EXISTS (SELECT 1 FROM comment WHERE draft_id = $1 AND author_id = $2)
               -- an offline comment whose author gave this account's verified email
               OR EXISTS (SELECT 1 FROM comment c JOIN app_user u ON u.id = $2 AND u.email_verified_at IS NOT NULL
                           WHERE c.draft_id = $1 AND c.author_id IS NULL AND lower(btrim(c.author_email)) = lower(u.email))
               OR EXISTS (SELECT 1 FROM selection_seat s
                           JOIN (SELECT 'hearing'::text AS kind, id FROM hearing WHERE draft_id = $1
                                 UNION ALL SELECT 'meeting', id FROM meeting WHERE draft_id = $1) o
                             ON o.kind = s.owner_kind AND o.id = s.owner_id
                          WHERE s.user_id = $2 AND s.status IN ('offered', 'confirmed'))) AS participant`,
      [draftId, user.id],
    );
    const choice = row?.choice ?? null;
    const participant = row?.participant ?? false;
    return { draftId, following: choice ?? participant, participant, explicit: choice !== null };
  }
}
