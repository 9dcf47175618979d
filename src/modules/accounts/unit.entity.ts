import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An organizing unit (决策承办单位): its staff manage only its drafts and hearings. */
@Entity('unit')
export class Unit {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  /** Review chain a draft passes before publication (R4), in order, e.g. ['confidentiality', 'head']. */
  @Column('text', { array: true }) reviewLevels: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
