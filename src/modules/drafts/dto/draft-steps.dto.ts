import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DISCLOSURES, Disclosure } from '../draft-status';

/** The drafter's declaration (R4). Optional in the schema so that a missing one is a clear 422 R4. */
export class SubmitDraftDto {
  @ApiPropertyOptional({ enum: DISCLOSURES, description: 'disclosure attribute declared by the drafter (R4)' })
  @IsOptional() @IsIn(DISCLOSURES, { message: `disclosure must be one of ${DISCLOSURES.join(', ')}` })
  disclosure?: Disclosure;

  @ApiPropertyOptional({ description: 'the drafter declares the text holds nothing confidential (R4); must be true' })
  @IsOptional() @IsBoolean({ message: 'confidentialChecked must be true or false' })
  confidentialChecked?: boolean;

  @ApiPropertyOptional()
  @IsOptional() @IsString({ message: 'note must be text' }) @MaxLength(2000, { message: 'note is at most 2000 characters' })
  note?: string;
}

export class ApproveDraftDto {
  @ApiPropertyOptional({ description: 'reviewer remark recorded in the history' })
  @IsOptional() @IsString({ message: 'note must be text' }) @MaxLength(2000, { message: 'note is at most 2000 characters' })
  note?: string;
}

export class ReturnDraftDto {
  @ApiProperty({ description: 'why the draft goes back to the drafter (R4)' })
  @IsString({ message: 'reason must be text' })
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(2000, { message: 'reason is at most 2000 characters' })
  reason: string;
}

export class DecideDraftDto {
  @ApiPropertyOptional({ description: 'how and by whom the decision was taken' })
  @IsOptional() @IsString({ message: 'note must be text' }) @MaxLength(2000, { message: 'note is at most 2000 characters' })
  note?: string;
}

export class DraftResultsDto {
  @ApiProperty({ description: 'the decision and its results (R20)' })
  @IsString({ message: 'summary must be text' })
  @MinLength(1, { message: 'summary must not be empty' })
  @MaxLength(20_000, { message: 'summary is at most 20000 characters' })
  summary: string;

  @ApiProperty({ description: 'how it is being executed (R20)' })
  @IsString({ message: 'execution must be text' })
  @MinLength(1, { message: 'execution must not be empty' })
  @MaxLength(20_000, { message: 'execution is at most 20000 characters' })
  execution: string;
}
