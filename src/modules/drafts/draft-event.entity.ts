import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DraftAction, DraftStatus } from './draft-status';

/** One step of a draft's audit trail (R4: who, when, what). Append only; the database refuses updates. */
@Entity('draft_event')
export class DraftEvent {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') draftId: string;
  @Column('int', { nullable: true }) version: number | null;
  @Column('timestamptz') at: Date;
  /** Null when the system acted (the scheduler opening or closing the window). */
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('text') action: DraftAction;
  @Column('text', { nullable: true }) fromStatus: DraftStatus | null;
  @Column('text', { nullable: true }) toStatus: DraftStatus | null;
  /** Review level name (R4) when the step belongs to the review chain. */
  @Column('text', { nullable: true }) level: string | null;
  @Column('text', { nullable: true }) note: string | null;
}
