import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { DayOverride } from './working-days';

/** An administrator's holiday or make-up working day, overriding the packaged official calendar. */
@Entity('calendar_day')
export class CalendarDay {
  @PrimaryColumn('date') day: string;
  @Column('text') kind: DayOverride;
  @Column('text') name: string;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
