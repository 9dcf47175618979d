import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination';
import { DRAFT_STATUSES, DraftStatus } from '../draft-status';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class ListDraftsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DRAFT_STATUSES })
  @IsOptional() @IsIn(DRAFT_STATUSES, { message: `status must be one of ${DRAFT_STATUSES.join(', ')}` })
  status?: DraftStatus;

  @ApiPropertyOptional({ description: 'case-insensitive substring of the title or text; two Chinese characters work (停车)' })
  @IsOptional() @IsString() @MinLength(1, { message: 'q must not be empty' }) @MaxLength(100, { message: 'q is at most 100 characters' })
  q?: string;

  @ApiPropertyOptional({ description: "staff: their unit's drafts in every status (admin: every unit's)" })
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'mine must be true or false' })
  mine?: boolean;
}

export class ReviewQueueQuery extends PageQuery {}

export class VersionQuery {
  @ApiPropertyOptional({ description: 'an earlier version; default the latest one you may see' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'version must be a whole number' }) @Min(1, { message: 'version starts at 1' })
  version?: number;
}

export class DiffQuery {
  @ApiProperty({ description: 'older version' })
  @Type(() => Number) @IsInt({ message: 'from must be a version number' }) @Min(1, { message: 'from starts at 1' })
  from: number;

  @ApiProperty({ description: 'newer version' })
  @Type(() => Number) @IsInt({ message: 'to must be a version number' }) @Min(1, { message: 'to starts at 1' })
  to: number;
}
