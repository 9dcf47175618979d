import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvalidInput } from '../../common/errors/domain-error';
import { SelectionOwners } from '../selection/selection-owners';
import type { SelectionOwner, SelectionOwnerSource } from '../selection/selection.types';
import { tookPart } from './meeting-participation';
import { ATTENDEE_POOL, meetingPlans, OTHER_STAKEHOLDER, PARTICIPANT } from './meeting-rules';
import { Meeting } from './meeting.entity';

/** A meeting as a selection owner: public from creation, one pool of 3-5 seats, two tiers. */
@Injectable()
export class MeetingOwnerSource implements SelectionOwnerSource, OnModuleInit {
  readonly kind = 'meeting' as const;
  readonly labelPrefix = 'M';

  constructor(private readonly owners: SelectionOwners) {}

  onModuleInit(): void {
    this.owners.register(this);
  }

  async load(m: EntityManager, id: string): Promise<SelectionOwner | null> {
    const meeting = await m.getRepository(Meeting).findOneBy({ id });
    return meeting ? toOwner(meeting) : null;
  }

  /** The platform decides the tier from the person's earlier participation; nobody chooses it. */
  async applicationCategory(m: EntityManager, owner: SelectionOwner, userId: string, requested: string | undefined): Promise<string> {
    if (requested !== undefined) throw new InvalidInput('meeting.category_by_platform', 'category is decided by the platform for meetings: leave it out');
    return (await tookPart(m, owner.draftId, userId)) ? PARTICIPANT : OTHER_STAKEHOLDER;
  }
}

export function toOwner(meeting: Meeting): SelectionOwner {
  return {
    kind: 'meeting',
    id: meeting.id,
    unitId: meeting.unitId,
    draftId: meeting.draftId,
    title: meeting.title,
    venue: null,
    startsAt: meeting.startsAt,
    signupOpensAt: meeting.signupOpensAt,
    signupClosesAt: meeting.signupClosesAt,
    isPublic: true,
    categories: meetingPlans(meeting.seats),
    pools: { [ATTENDEE_POOL]: meeting.seats },
  };
}
