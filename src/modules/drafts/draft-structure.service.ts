import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MAIN_PLAN } from './draft-unit.entity';
import { DraftsRepository } from './drafts.repository';
import { DraftUnit, parseDraft } from './structure/draft-parser';
import { linkVersions } from './structure/unit-matcher';

export interface PlanText {
  title: string;
  body: string;
}

/** Parses a version's main text and plans into units and stores them, linked to the previous version. */
@Injectable()
export class DraftStructureService {
  constructor(private readonly repo: DraftsRepository) {}

  async store(m: EntityManager, draftId: string, version: number, body: string | null, alternatives: PlanText[]): Promise<void> {
    const previous = version > 1 ? await this.repo.loadUnits(draftId, version - 1, m) : new Map<number, DraftUnit[]>();
    // Each plan continues the plan with the same index in the previous version; the main text the main text.
    const link = (plan: number, units: DraftUnit[]) => (previous.has(plan) ? linkVersions(previous.get(plan)!, units) : units);
    const main = link(MAIN_PLAN, parseDraft(body ?? ''));
    const plans = alternatives.map((a, i) => ({ ...a, units: link(i, parseDraft(a.body)) }));
    await this.repo.saveStructure(m, draftId, version, main, plans);
  }
}
