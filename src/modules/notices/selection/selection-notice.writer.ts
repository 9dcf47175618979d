import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../../config/env';
import { composeSelectionNotice } from '../compose/other-notices';
import { NoticeDraft, userRecipient } from '../notice.types';
import { NoticeStore } from '../store/notice-store';
import { first } from '../store/sql';

export interface SelectionNews {
  ownerKind: 'hearing' | 'meeting';
  ownerId: string;
  title: string;
  label?: string | null;
  category?: string | null;
  reason?: string | null;
  confirmBy?: Date | string | null;
  position?: number | null;
  [key: string]: unknown;
}

/**
 * Writes what the selection machinery tells one applicant or representative (accepted, rejected
 * with the reason, selected, alternate, not selected, a seat offered or lapsed, meeting feedback)
 * as inbox and email notices, inside the caller's transaction: the notice exists exactly when the
 * decision does. The worker's dispatcher queues the rows once committed.
 */
@Injectable()
export class SelectionNoticeWriter {
  private readonly log = new Logger(SelectionNoticeWriter.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: NoticeStore,
    private readonly cfg: AppConfig,
  ) {}

  async write(userId: string, event: string, news: SelectionNews, m?: EntityManager): Promise<void> {
    if (!m) return this.db.transaction((tx) => this.write(userId, event, news, tx));
    const table = news.ownerKind === 'hearing' ? 'hearing' : 'meeting';
    const row = await first<{ draftId: string; name: string; email: string | null; tx: string }>(
      m,
      `SELECT o.draft_id AS "draftId", u.display_name AS name,
              CASE WHEN u.email_verified_at IS NOT NULL THEN u.email END AS email, txid_current()::text AS tx
         FROM ${table} o, app_user u WHERE o.id = $1 AND u.id = $2`,
      [news.ownerId, userId],
    );
    if (!row) return;
    const base = this.cfg.PUBLIC_URL.replace(/\/+$/, '');
    const composed = composeSelectionNotice({
      event,
      ownerKind: news.ownerKind,
      title: news.title,
      recipientName: row.name,
      label: news.label,
      category: news.category,
      reason: news.reason,
      confirmBy: news.confirmBy,
      position: news.position,
      handling: typeof news.handling === 'string' ? news.handling : null,
      outcome: typeof news.outcome === 'string' ? news.outcome : null,
      link: `${base}/#/${table}s/${news.ownerId}`,
    });
    const notice: Omit<NoticeDraft, 'channel' | 'address'> = {
      recipient: userRecipient(userId),
      userId,
      kind: event === 'meeting-feedback' ? 'meeting_feedback' : 'selection',
      draftId: row.draftId,
      // One decision (one transaction) tells a person one thing once; a later decision is news again.
      sourceVersion: `${news.ownerKind}.${news.ownerId}.${event}.${row.tx}`,
      recipientName: row.name,
      ...composed,
    };
    const notices: NoticeDraft[] = [{ ...notice, channel: 'inbox', address: null }];
    if (row.email) notices.push({ ...notice, channel: 'email', address: row.email });
    // A savepoint: a notice that cannot be written must not undo the decision it reports.
    await m.query('SAVEPOINT selection_notice');
    try {
      await this.store.insert(notices, { queued: false, m });
      await m.query('RELEASE SAVEPOINT selection_notice');
    } catch (err) {
      await m.query('ROLLBACK TO SAVEPOINT selection_notice');
      this.log.error(`notice ${event} for ${userId} not written: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
