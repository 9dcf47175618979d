// Shapes of the notices routes (GET /api/me/notices, GET /api/drafts/:id/notices...).
import type { Page } from './types';

export interface Notice {
  id: string;
  kind: string;
  draftId: string;
  subject: string;
  body: string;
  payload: Record<string, unknown>;
  createdAt: string;
  deliveredAt: string | null;
  readAt: string | null;
}

export type Inbox = Page<Notice> & { unread: number };

export interface CommentOutcome {
  commentId: string;
  seq: number;
  label: string;
  outcome: string | null;
  basis: string | null;
  reason: string | null;
}

export interface Progress {
  draftId: string;
  kind: string | null;
  sourceVersion: string | null;
  startedAt?: string | null;
  fannedOutAt?: string | null;
  total: number;
  delivered: number;
  failed: number;
  pending: number;
  unreachable: number;
}

export interface FailedNotice {
  id: string;
  kind: string;
  channel: string;
  recipientName: string | null;
  address: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}
