import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A government meeting on a draft with public attendees (列席, R16) and its feedback (R17). */
@Entity('meeting')
export class Meeting {
  // Chosen by the service, because the selection_owner row must exist first.
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') draftId: string;
  @Column('uuid') unitId: string;
  @Column('uuid') createdBy: string;
  @Column('text') title: string;
  @Column('timestamptz') startsAt: Date;
  @Column('int') seats: number;
  @Column('timestamptz') signupOpensAt: Date;
  @Column('timestamptz') signupClosesAt: Date;
  @Column('text', { nullable: true }) feedbackHandling: string | null;
  @Column('text', { nullable: true }) feedbackOutcome: string | null;
  @Column('timestamptz', { nullable: true }) feedbackAt: Date | null;
  @Column('uuid', { nullable: true }) feedbackBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
