import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SelectionNoticeWriter } from '../notices/selection/selection-notice.writer';
import type { OwnerKind } from './selection.types';

export type SelectionNoticeKind =
  | 'application-accepted'
  | 'application-rejected'
  | 'selected'
  | 'alternate'
  | 'not-selected'
  | 'seat-offered'
  | 'seat-lapsed'
  | 'meeting-feedback';

export interface SelectionNotice {
  ownerKind: OwnerKind;
  ownerId: string;
  title: string;
  label?: string;
  category?: string;
  reason?: string | null;
  confirmBy?: Date | null;
  /** Place in the queue of alternates (1 = next). */
  position?: number;
  [key: string]: unknown;
}

/**
 * THE single place where the selection machinery tells a person something: accepted or rejected
 * with the reason, selected, alternate, not selected, offered a seat, offer lapsed, meeting
 * feedback (R17). The outcome itself is already stored on the application and the seat, which
 * the person reads through `/applications/mine`; this hook is for delivery.
 *
 * Delivery is the notices module's: an inbox notice (and an email to a verified address) written
 * in `m`, the transaction that made the decision, so the notice exists exactly when the decision
 * does; the worker queues it once committed (a transactional outbox).
 */
@Injectable()
export class SelectionNotifier {
  private readonly logger = new Logger(SelectionNotifier.name);

  constructor(private readonly notices: SelectionNoticeWriter) {}

  async notify(userId: string, kind: SelectionNoticeKind, payload: SelectionNotice, m?: EntityManager): Promise<void> {
    this.logger.debug(`notice ${kind} for ${userId} on ${payload.ownerKind} ${payload.ownerId}`);
    await this.notices.write(userId, kind, payload, m);
  }
}
