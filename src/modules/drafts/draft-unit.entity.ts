import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { UnitKind } from './structure/draft-parser';

/** Main text of a version, as opposed to alternative plans 0, 1, ... (R3). */
export const MAIN_PLAN = -1;

/** One parsed structure unit (article, 款, item...) of a version's main text or of one plan. */
@Entity('draft_unit')
export class DraftUnitRow {
  @PrimaryColumn('uuid') draftId: string;
  @PrimaryColumn('int') version: number;
  @PrimaryColumn('int') planIndex: number;
  @PrimaryColumn('text') anchor: string;
  /** Reading order within (version, plan). */
  @Column('int') ord: number;
  @Column('text', { nullable: true }) parentAnchor: string | null;
  @Column('int') depth: number;
  @Column('text') label: string;
  @Column('text') kind: UnitKind;
  @Column('text') text: string;
  @Column('int') startLine: number;
  @Column('int') endLine: number;
  @Column('text', { nullable: true }) continues: string | null;
}
