// Comments for e2e tests of any feature (comments, notices, reports). Everything goes through the
// public HTTP routes.
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../setup/test-app';
import type { SignedIn } from './users';

export interface CommentBody {
  anchor: string;
  stance: string;
  text: string;
  planIndex?: number;
  quote?: { start: number; end: number };
}

export interface StoredComment {
  id: string;
  seq: number;
  receipt: { leafIndex: number; leafHash: string; treeSize: number; rootHash: string };
  body: CommentBody;
}

let counter = 0;

/** A comment body on article 7 (anchor a7) unless overridden; the text is unique per call. */
export function commentBody(overrides: Partial<CommentBody> = {}): CommentBody {
  return { anchor: 'a7', stance: 'amend', text: `建议夜间停车免费，第${++counter}条意见。`, ...overrides };
}

/** Posts a web comment as `who` (201 expected); returns the receipt and the body sent. */
export async function comment(t: TestApp, draftId: string, who: SignedIn, overrides: Partial<CommentBody> = {}, key?: string): Promise<StoredComment> {
  const body = commentBody(overrides);
  const req = t.http().post(`/api/drafts/${draftId}/comments`).set(who.auth);
  if (key) req.set('Idempotency-Key', key);
  const res = await req.send(body);
  if (res.status !== 201) throw new Error(`comment: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, body };
}

export interface OfflineBody extends CommentBody {
  channel: string;
  receivedAt: string;
  author: { name: string; email?: string; phone?: string; address?: string };
}

export function offlineBody(overrides: Partial<OfflineBody> = {}): OfflineBody {
  return {
    ...commentBody(),
    channel: 'letter',
    receivedAt: new Date().toISOString(),
    author: { name: '赵老师', email: 'zhao.teacher@example.com', phone: '13912345678', address: '某市和平路88号3栋501室' },
    ...overrides,
  };
}

/** Records an offline comment as the unit's organizer (201 expected). */
export async function offlineComment(t: TestApp, draftId: string, organizer: SignedIn, overrides: Partial<OfflineBody> = {}): Promise<StoredComment> {
  const body = offlineBody(overrides);
  const res = await t.http().post(`/api/drafts/${draftId}/comments/offline`).set(organizer.auth).set('Idempotency-Key', randomUUID()).send(body);
  if (res.status !== 201) throw new Error(`offlineComment: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, body };
}

/** Every comment of the draft in the organizer's full view (all pages). */
export async function allComments(t: TestApp, draftId: string, staff: SignedIn, query = ''): Promise<any[]> {
  const items: any[] = [];
  for (let page = 1; ; page++) {
    const res = await t.http().get(`/api/drafts/${draftId}/comments?full=true&pageSize=100&page=${page}${query}`).set(staff.auth).expect(200);
    items.push(...res.body.items);
    if (items.length >= res.body.total || res.body.items.length === 0) return items;
  }
}

/**
 * Gives every comment without a disposition the same one (adopted unless given), then every
 * concentrated cluster a disposition, so that the adoption report can be published.
 */
export async function disposeAll(
  t: TestApp,
  draftId: string,
  organizer: SignedIn,
  disposition: { outcome: string; basis?: string; reason?: string } = { outcome: 'adopted', reason: '已采纳' },
): Promise<number> {
  const open = await allComments(t, draftId, organizer, '&undecided=true');
  for (const c of open) await t.http().put(`/api/comments/${c.id}/disposition`).set(organizer.auth).send(disposition).expect(200);
  return open.length;
}

/** The organizer's analysis once the clustering has read every stored comment. */
export async function analysisCaughtUp(t: TestApp, draftId: string, staff: SignedIn, timeoutMs = 15000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http().get(`/api/drafts/${draftId}/analysis`).set(staff.auth).expect(200);
    if (res.body.analysedThrough === res.body.treeSize || Date.now() > until) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
}
