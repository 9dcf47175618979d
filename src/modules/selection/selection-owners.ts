import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isStaffOfUnit, Principal } from '../../common/auth/principal';
import { Forbidden, NotFound } from '../../common/errors/domain-error';
import type { OwnerKind, SelectionOwner, SelectionOwnerSource } from './selection.types';

/**
 * Where the shared selection code finds hearings and meetings. The hearings and meetings modules
 * register their source at start-up, so this module depends on neither of them.
 */
@Injectable()
export class SelectionOwners {
  private readonly sources = new Map<OwnerKind, SelectionOwnerSource>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  register(source: SelectionOwnerSource): void {
    this.sources.set(source.kind, source);
  }

  source(kind: OwnerKind): SelectionOwnerSource {
    const source = this.sources.get(kind);
    if (!source) throw new Error(`no selection owner source registered for ${kind}`);
    return source;
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The owner row every selection table points at; call in the transaction creating the owner. */
  async create(m: EntityManager, kind: OwnerKind, id: string): Promise<void> {
    await m.query(`INSERT INTO selection_owner (kind, id, label_prefix) VALUES ($1, $2, $3)`, [kind, id, this.source(kind).labelPrefix]);
  }

  /** The owner as `user` may see it: unknown, or not yet public and not staff of its unit → 404. */
  async visible(m: EntityManager, kind: OwnerKind, id: string, user?: Principal): Promise<SelectionOwner> {
    const owner = await this.source(kind).load(m, id);
    if (!owner || (!owner.isPublic && !isStaffOfUnit(user, owner.unitId))) throw new NotFound(kind);
    return owner;
  }

  /**
   * Locks the owner for the rest of the transaction, then loads it. Every selection write goes
   * through here, so numbering, reviews, the freeze, the draw and seat changes never interleave.
   */
  async locked(m: EntityManager, kind: OwnerKind, id: string, user?: Principal): Promise<SelectionOwner> {
    await m.query(`SELECT 1 FROM selection_owner WHERE kind = $1 AND id = $2 FOR UPDATE`, [kind, id]);
    return this.visible(m, kind, id, user);
  }

  /** Locks and loads the owner whatever its visibility: for token holders and the system. */
  async lockedForSystem(m: EntityManager, kind: OwnerKind, id: string): Promise<SelectionOwner> {
    await m.query(`SELECT 1 FROM selection_owner WHERE kind = $1 AND id = $2 FOR UPDATE`, [kind, id]);
    const owner = await this.source(kind).load(m, id);
    if (!owner) throw new NotFound(kind);
    return owner;
  }

  requireOrganizer(owner: SelectionOwner, user: Principal | undefined): void {
    if (!isStaffOfUnit(user, owner.unitId, 'organizer')) {
      throw new Forbidden('selection.organizers_only', `only organizers of the unit holding this ${owner.kind} may do this`, { kind: owner.kind });
    }
  }

  requireStaff(owner: SelectionOwner, user: Principal | undefined): void {
    if (!isStaffOfUnit(user, owner.unitId)) throw new Forbidden('selection.staff_only', `only staff of the unit holding this ${owner.kind} may see this`, { kind: owner.kind });
  }
}
