import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An alternative plan (备选方案, R3) of one version; its units are `draft_unit` rows with its plan index. */
@Entity('draft_alternative')
export class DraftAlternative {
  @PrimaryColumn('uuid') draftId: string;
  @PrimaryColumn('int') version: number;
  @PrimaryColumn('int') planIndex: number;
  @Column('text') title: string;
  @Column('text') body: string;
}
