import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination';
import { STANCES, type Stance } from '../comment.constants';

export const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

export class ListCommentsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only comments on this unit' })
  @IsOptional() @IsString() @MaxLength(200, { message: 'anchor is at most 200 characters' })
  anchor?: string;

  @ApiPropertyOptional({ description: 'with anchor: the alternative plan (from 0); -1 the main text; absent: any' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'planIndex must be a whole number' }) @Min(-1, { message: 'planIndex is -1 (main text) or more' })
  planIndex?: number;

  @ApiPropertyOptional({ enum: STANCES })
  @IsOptional() @IsIn(STANCES, { message: `stance must be one of ${STANCES.join(', ')}` })
  stance?: Stance;

  @ApiPropertyOptional({ description: 'unit staff: the originals (names, contact data, unmasked and hidden text)' })
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'full must be true or false' })
  full?: boolean;

  @ApiPropertyOptional({ description: 'unit staff with full=true: only comments without a disposition' })
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'undecided must be true or false' })
  undecided?: boolean;
}

export class ProofQuery {
  @ApiPropertyOptional({ description: 'prove inclusion in the tree of this size (a receipt’s or the report’s); default the current size' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'treeSize must be a whole number' }) @Min(1, { message: 'treeSize must be 1 or more' })
  treeSize?: number;
}
