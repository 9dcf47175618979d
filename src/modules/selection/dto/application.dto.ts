import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination';

export const APPLICATION_STATUSES = ['pending', 'accepted', 'rejected', 'selected', 'alternate', 'not_selected', 'declined', 'lapsed'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export class ApplyDto {
  @ApiPropertyOptional({
    example: 'resident',
    description: 'hearings: stakeholder or resident (R13; deputies, experts, lawyers and others are invited); meetings: decided by the platform, leave out',
  })
  @IsOptional()
  @IsString({ message: 'category must be a string' })
  @Matches(/^[a-z][a-z-]{0,39}$/, { message: 'category must be a category name such as stakeholder or resident' })
  category?: string;

  @ApiProperty({ description: 'statement of interest: why you want to take part', maxLength: 4000 })
  @IsString({ message: 'statement must be a string' })
  @Matches(/\S/, { message: 'statement must not be empty' })
  @MaxLength(4000, { message: 'statement must be at most 4000 characters' })
  statement: string;
}

export class ReviewApplicationDto {
  @ApiProperty({ description: 'true: eligible for the draw; false: rejected (a reason is then required)' })
  @IsBoolean({ message: 'accept must be true or false' })
  accept: boolean;

  @ApiPropertyOptional({ maxLength: 2000, description: 'required when rejecting; the applicant sees it' })
  @IsOptional()
  @IsString({ message: 'reason must be a string' })
  @MaxLength(2000, { message: 'reason must be at most 2000 characters' })
  reason?: string;
}

export class ApplicationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, { message: `status must be one of ${APPLICATION_STATUSES.join(', ')}` })
  status?: ApplicationStatus;

  @ApiPropertyOptional({ example: 'resident' })
  @IsOptional()
  @IsString()
  @MaxLength(40, { message: 'category must be at most 40 characters' })
  category?: string;
}
