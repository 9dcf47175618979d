import { Injectable } from '@nestjs/common';
import type { DraftContext } from './draft-context';
import { IntakeRepository } from './intake.repository';

/** How long a draft's status, window and anchors are reused without reading them again. */
export const CONTEXT_TTL_MS = 1500;
const MAX_DRAFTS = 500;

/**
 * Per-process cache of what the intake checks a comment against, so that thousands of requests a
 * second do not each read the draft and its units. Staleness is bounded by the TTL and harmless:
 * the group commit re-checks status, version and window on the draft row it reads under the log
 * lock, and the comment's foreign key to draft_unit re-checks the anchor.
 */
@Injectable()
export class DraftContextCache {
  private readonly entries = new Map<string, { value: Promise<DraftContext | null>; expires: number }>();

  constructor(private readonly repo: IntakeRepository) {}

  get(draftId: string): Promise<DraftContext | null> {
    const now = Date.now();
    const hit = this.entries.get(draftId);
    if (hit && hit.expires > now) return hit.value;
    // The promise itself is cached: concurrent requests share one load.
    const value = this.repo.loadContext(draftId);
    this.entries.set(draftId, { value, expires: now + CONTEXT_TTL_MS });
    value.catch(() => this.entries.delete(draftId));
    if (this.entries.size > MAX_DRAFTS) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** After a transition made in this process (e.g. the report moving the draft to `reported`). */
  invalidate(draftId: string): void {
    this.entries.delete(draftId);
  }
}
