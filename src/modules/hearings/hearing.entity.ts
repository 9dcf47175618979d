import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A public hearing (听证会) on a draft. Most fields may stay empty while it is prepared;
 * announcing checks R11 and R12, and the table's CHECK constraints repeat both.
 */
@Entity('hearing')
export class Hearing {
  // Chosen by the service, because the selection_owner row must exist first.
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') draftId: string;
  @Column('uuid') unitId: string;
  @Column('uuid') createdBy: string;
  @Column('text') title: string;
  @Column('text', { nullable: true }) matterContent: string | null;
  @Column('text', { nullable: true }) matterReasons: string | null;
  @Column('text', { nullable: true }) matterBasis: string | null;
  @Column('text', { nullable: true }) matterBackground: string | null;
  @Column('text', { nullable: true }) venue: string | null;
  @Column('timestamptz', { nullable: true }) startsAt: Date | null;
  @Column('timestamptz', { nullable: true }) signupOpensAt: Date | null;
  @Column('timestamptz', { nullable: true }) signupClosesAt: Date | null;
  @Column('text', { nullable: true }) signupMethod: string | null;
  @Column('text', { nullable: true }) selectionMethod: string | null;
  @Column('int', { nullable: true }) quotaStakeholder: number | null;
  @Column('int', { nullable: true }) quotaResident: number | null;
  @Column('int', { nullable: true }) quotaDeputy: number | null;
  @Column('int', { nullable: true }) quotaExpert: number | null;
  @Column('int', { nullable: true }) quotaLawyer: number | null;
  @Column('int', { nullable: true }) quotaOther: number | null;
  @Column('timestamptz', { nullable: true }) announcedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
