import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isStaffOfUnit, Principal } from '../../common/auth/principal';
import { Forbidden, NotFound, Unauthorized } from '../../common/errors/domain-error';

/** What the live hearing needs to know about a hearing; read from the hearings module's table. */
export interface HearingFacts {
  id: string;
  unitId: string;
  draftId: string;
  title: string;
  venue: string | null;
  startsAt: Date | null;
  /** Announced (R11): from then on anyone may watch it (R14: the hearing is public). */
  isPublic: boolean;
}

// Sockets check every event; a hearing's unit never changes and its announcement only once, so a
// few seconds of caching spare the database thousands of identical reads when viewers flock in.
const CACHE_MS = 5_000;

/** Read-only access to `hearing` (owned by the hearings module) and the access rules built on it. */
@Injectable()
export class HearingFactsReader {
  private readonly cache = new Map<string, { facts: Promise<HearingFacts | null>; at: number }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** `cached`: reuse a read of the last few seconds, or one in flight (a crowd joining at once). */
  find(id: string, opts: { cached?: boolean } = {}): Promise<HearingFacts | null> {
    const hit = this.cache.get(id);
    if (opts.cached && hit && Date.now() - hit.at < CACHE_MS) return hit.facts;
    const facts = this.read(id);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { facts, at: Date.now() });
    facts.catch(() => this.cache.get(id)?.facts === facts && this.cache.delete(id));
    return facts;
  }

  private async read(id: string): Promise<HearingFacts | null> {
    const [row] = await this.db.query(
      `SELECT id, unit_id AS "unitId", draft_id AS "draftId", title, venue, starts_at AS "startsAt",
              announced_at IS NOT NULL AS "isPublic"
         FROM hearing WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The hearing as `user` may see it: unknown, or not announced and not staff of its unit → 404. */
  async visible(id: string, user?: Principal | null, opts: { cached?: boolean } = {}): Promise<HearingFacts> {
    const facts = await this.find(id, opts);
    if (!facts || (!facts.isPublic && !isStaffOfUnit(user ?? undefined, facts.unitId))) throw new NotFound('hearing');
    return facts;
  }

  /** Clerks and organizers of the hearing's unit (and the admin) run the hearing and write its transcript. */
  requireRecorder(facts: HearingFacts, user: Principal | null | undefined): Principal {
    if (!user) throw new Unauthorized('auth.sign_in_required', 'sign in required');
    if (!isStaffOfUnit(user, facts.unitId, 'clerk', 'organizer')) throw new Forbidden('live.clerks_only', 'only the clerks and organizers of the hearing’s unit may do this');
    return user;
  }

  requireOrganizer(facts: HearingFacts, user: Principal | null | undefined): Principal {
    if (!user) throw new Unauthorized('auth.sign_in_required', 'sign in required');
    if (!isStaffOfUnit(user, facts.unitId, 'organizer')) throw new Forbidden('live.organizers_only', 'only the organizers of the hearing’s unit may do this');
    return user;
  }

  isStaff(facts: HearingFacts, user: Principal | null | undefined): boolean {
    return isStaffOfUnit(user ?? undefined, facts.unitId);
  }
}
