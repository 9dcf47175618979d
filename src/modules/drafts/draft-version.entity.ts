import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The text of one version, kept forever: comments stay attached to the version they were made on. */
@Entity('draft_version')
export class DraftVersion {
  @PrimaryColumn('uuid') draftId: string;
  @PrimaryColumn('int') version: number;
  @Column('text', { nullable: true }) title: string | null;
  @Column('text', { nullable: true }) body: string | null;
  @Column('text', { nullable: true }) basis: string | null;
  @Column('text', { nullable: true }) reasons: string | null;
  @Column('text', { nullable: true }) interpretation: string | null;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) publishedAt: Date | null;
  /** The window this version was published with (the draft row holds the current version's). */
  @Column('timestamptz', { nullable: true }) commentOpensAt: Date | null;
  @Column('timestamptz', { nullable: true }) commentClosesAt: Date | null;
}
