import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvalidInput, RuleViolation } from '../../common/errors/domain-error';
import { SelectionOwners } from '../selection/selection-owners';
import type { SelectionOwner, SelectionOwnerSource } from '../selection/selection.types';
import { APPLYING_CATEGORIES, hearingPlans, INVITED_CATEGORIES } from './hearing-rules';
import { Hearing } from './hearing.entity';

/** A hearing as a selection owner: public once announced, one pool per R12 category. */
@Injectable()
export class HearingOwnerSource implements SelectionOwnerSource, OnModuleInit {
  readonly kind = 'hearing' as const;
  readonly labelPrefix = 'H';

  constructor(private readonly owners: SelectionOwners) {}

  onModuleInit(): void {
    this.owners.register(this);
  }

  async load(m: EntityManager, id: string): Promise<SelectionOwner | null> {
    const h = await m.getRepository(Hearing).findOneBy({ id });
    return h ? toOwner(h) : null;
  }

  async applicationCategory(_m: EntityManager, _owner: SelectionOwner, _userId: string, requested: string | undefined): Promise<string> {
    if (requested && INVITED_CATEGORIES.includes(requested)) {
      throw new RuleViolation('R13.invited_category', `${requested} representatives are invited by the organizer; residents apply as stakeholder or resident`, {
        category: requested,
      });
    }
    if (!requested || !APPLYING_CATEGORIES.includes(requested)) throw new InvalidInput('selection.category_must_apply', 'category must be stakeholder or resident');
    return requested;
  }
}

export function toOwner(h: Hearing): SelectionOwner {
  const categories = hearingPlans(h);
  return {
    kind: 'hearing',
    id: h.id,
    unitId: h.unitId,
    draftId: h.draftId,
    title: h.title,
    venue: h.venue,
    startsAt: h.startsAt,
    signupOpensAt: h.signupOpensAt,
    signupClosesAt: h.signupClosesAt,
    isPublic: h.announcedAt !== null,
    categories,
    pools: Object.fromEntries(categories.map((c) => [c.pool, c.quota])),
  };
}
