import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Disclosure, DraftStatus } from './draft-status';

/** Contact for the consultation (R1); postal address, email and phone are never shown publicly (R19). */
export interface DraftContact {
  person: string;
  address: string;
  email: string;
  phone?: string;
  fax?: string;
}

/** One publication of results and execution (R20); later entries are execution updates. */
export interface DraftResultEntry {
  summary: string;
  execution: string;
  at: string;
  by: string;
}

/**
 * A decision matter and its current version's text. Earlier versions live in `draft_version`;
 * the columns here always mirror the row of `draft_version` for `version`.
 */
@Entity('draft')
export class Draft {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') unitId: string;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @Column('text', { nullable: true }) title: string | null;
  @Column('text', { nullable: true }) body: string | null;
  @Column('text', { nullable: true }) basis: string | null;
  @Column('text', { nullable: true }) reasons: string | null;
  @Column('text', { nullable: true }) interpretation: string | null;
  @Column('jsonb', { nullable: true }) contact: Partial<DraftContact> | null;
  @Column('timestamptz', { nullable: true }) commentOpensAt: Date | null;
  @Column('timestamptz', { nullable: true }) commentClosesAt: Date | null;
  @Column('text') status: DraftStatus;
  @Column('int') version: number;
  /** Levels of the unit's review chain approved so far in the current review (R4). */
  @Column('int') reviewLevel: number;
  @Column('timestamptz', { nullable: true }) publishedAt: Date | null;
  /** Newest version that has been open for comment; what the public sees. Null before the first opening. */
  @Column('int', { nullable: true }) publicVersion: number | null;
  @Column('text', { nullable: true }) disclosure: Disclosure | null;
  @Column('jsonb', { nullable: true }) results: DraftResultEntry[] | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
