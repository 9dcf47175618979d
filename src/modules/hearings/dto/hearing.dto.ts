import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination';

const MAX_TEXT = 20_000;
const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/** The matter of the hearing (R11: content, reasons, basis, background). */
export class MatterDto {
  @ApiPropertyOptional({ description: '听证事项' })
  @IsOptional() @IsString({ message: 'content must be text' }) @MaxLength(MAX_TEXT, { message: `content is at most ${MAX_TEXT} characters` })
  content?: string | null;

  @ApiPropertyOptional({ description: '理由' })
  @IsOptional() @IsString({ message: 'reasons must be text' }) @MaxLength(MAX_TEXT, { message: `reasons is at most ${MAX_TEXT} characters` })
  reasons?: string | null;

  @ApiPropertyOptional({ description: '依据' })
  @IsOptional() @IsString({ message: 'basis must be text' }) @MaxLength(MAX_TEXT, { message: `basis is at most ${MAX_TEXT} characters` })
  basis?: string | null;

  @ApiPropertyOptional({ description: '背景' })
  @IsOptional() @IsString({ message: 'background must be text' }) @MaxLength(MAX_TEXT, { message: `background is at most ${MAX_TEXT} characters` })
  background?: string | null;
}

/** Seats per category (R12); all six are given together. */
export class QuotasDto {
  @ApiProperty({ example: 4 }) @IsInt({ message: 'stakeholder must be an integer' }) @Min(0, { message: 'stakeholder must be at least 0' }) @Max(500, { message: 'stakeholder must be at most 500' })
  stakeholder: number;

  @ApiProperty({ example: 3 }) @IsInt({ message: 'resident must be an integer' }) @Min(0, { message: 'resident must be at least 0' }) @Max(500, { message: 'resident must be at most 500' })
  resident: number;

  @ApiProperty({ example: 1 }) @IsInt({ message: 'deputy must be an integer' }) @Min(0, { message: 'deputy must be at least 0' }) @Max(500, { message: 'deputy must be at most 500' })
  deputy: number;

  @ApiProperty({ example: 1 }) @IsInt({ message: 'expert must be an integer' }) @Min(0, { message: 'expert must be at least 0' }) @Max(500, { message: 'expert must be at most 500' })
  expert: number;

  @ApiProperty({ example: 1 }) @IsInt({ message: 'lawyer must be an integer' }) @Min(0, { message: 'lawyer must be at least 0' }) @Max(500, { message: 'lawyer must be at most 500' })
  lawyer: number;

  @ApiProperty({ example: 0 }) @IsInt({ message: 'other must be an integer' }) @Min(0, { message: 'other must be at least 0' }) @Max(500, { message: 'other must be at most 500' })
  other: number;
}

/** Everything of a hearing that may be saved incomplete; announcing checks R11 and R12. */
export class HearingContentDto {
  @ApiPropertyOptional({ type: MatterDto })
  @IsOptional() @ValidateNested() @Type(() => MatterDto)
  matter?: MatterDto;

  @ApiPropertyOptional({ example: '市政府第一会议室' })
  @IsOptional() @IsString({ message: 'venue must be text' }) @MaxLength(500, { message: 'venue is at most 500 characters' })
  venue?: string | null;

  @ApiPropertyOptional({ example: '2027-01-15T09:00:00+08:00' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 time' }) @Matches(WITH_OFFSET, { message: 'startsAt must carry a time zone offset' })
  startsAt?: string | null;

  @ApiPropertyOptional({ example: '2026-12-20T09:00:00+08:00' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'signupOpensAt must be an ISO 8601 time' }) @Matches(WITH_OFFSET, { message: 'signupOpensAt must carry a time zone offset' })
  signupOpensAt?: string | null;

  @ApiPropertyOptional({ example: '2027-01-05T17:00:00+08:00' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'signupClosesAt must be an ISO 8601 time' }) @Matches(WITH_OFFSET, { message: 'signupClosesAt must carry a time zone offset' })
  signupClosesAt?: string | null;

  @ApiPropertyOptional({ example: '登录本平台在线报名，填写参加意向说明' })
  @IsOptional() @IsString({ message: 'signupMethod must be text' }) @MaxLength(2000, { message: 'signupMethod is at most 2000 characters' })
  signupMethod?: string | null;

  @ApiPropertyOptional({ example: '利害关系人、普通市民报名超过名额的公开随机抽签（hearing-draw/1）；其他代表由组织者邀请' })
  @IsOptional() @IsString({ message: 'selectionMethod must be text' }) @MaxLength(2000, { message: 'selectionMethod is at most 2000 characters' })
  selectionMethod?: string | null;

  @ApiPropertyOptional({ type: QuotasDto })
  @IsOptional() @ValidateNested() @Type(() => QuotasDto)
  quotas?: QuotasDto | null;
}

export class CreateHearingDto extends HearingContentDto {
  @ApiProperty({ description: 'the draft the hearing is about; the hearing belongs to its unit' })
  @IsUUID('all', { message: 'draftId must be a UUID' })
  draftId: string;

  @ApiProperty({ example: '关于某市机动车停车管理办法的听证会' })
  @IsString({ message: 'title must be text' }) @Matches(/\S/, { message: 'title must not be empty' }) @MaxLength(200, { message: 'title is at most 200 characters' })
  title: string;
}

export class UpdateHearingDto extends HearingContentDto {
  @ApiPropertyOptional()
  @IsOptional() @IsString({ message: 'title must be text' }) @Matches(/\S/, { message: 'title must not be empty' }) @MaxLength(200, { message: 'title is at most 200 characters' })
  title?: string;
}

export class HearingListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only hearings on this draft' })
  @IsOptional() @IsUUID('all', { message: 'draftId must be a UUID' })
  draftId?: string;
}
