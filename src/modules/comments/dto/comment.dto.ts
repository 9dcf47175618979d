import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsObject,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MAX_COMMENT_CHARS, OFFLINE_CHANNELS, STANCES, type Stance } from '../comment.constants';

/** A span of the unit's text, as UTF-16 offsets (JavaScript string indices), end exclusive. */
export class QuoteDto {
  @ApiProperty({ minimum: 0, example: 3 })
  @IsInt({ message: 'quote.start must be a whole number' }) @Min(0, { message: 'quote.start must be 0 or more' })
  start: number;

  @ApiProperty({ minimum: 1, example: 12, description: 'exclusive; after start' })
  @IsInt({ message: 'quote.end must be a whole number' }) @Min(1, { message: 'quote.end must be 1 or more' })
  end: number;
}

export class CreateCommentDto {
  @ApiProperty({ example: 'a7', description: 'anchor of a unit of the draft’s current version (of the plan when planIndex is given)' })
  @IsString({ message: 'anchor must be text' })
  @MinLength(1, { message: 'anchor must not be empty' })
  @MaxLength(200, { message: 'anchor is at most 200 characters' })
  anchor: string;

  @ApiProperty({ enum: STANCES })
  @IsIn(STANCES, { message: `stance must be one of ${STANCES.join(', ')}` })
  stance: Stance;

  @ApiProperty({ minLength: 1, maxLength: MAX_COMMENT_CHARS, description: 'stored exactly as sent' })
  @IsString({ message: 'text must be text' })
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(MAX_COMMENT_CHARS, { message: `text is at most ${MAX_COMMENT_CHARS} characters` })
  @Matches(/\S/, { message: 'text must not be blank' })
  text: string;

  @ApiPropertyOptional({ minimum: 0, description: 'an alternative plan (R3), from 0; absent for the main text' })
  @IsOptional() @IsInt({ message: 'planIndex must be a whole number' }) @Min(0, { message: 'planIndex starts at 0' }) @Max(99, { message: 'planIndex is at most 99' })
  planIndex?: number;

  @ApiPropertyOptional({ type: QuoteDto })
  @IsOptional() @ValidateNested() @Type(() => QuoteDto)
  quote?: QuoteDto;
}

export class OfflineAuthorDto {
  @ApiProperty({ example: '张三' })
  @IsString({ message: 'author.name must be text' })
  @MinLength(1, { message: 'author.name must not be empty' })
  @MaxLength(100, { message: 'author.name is at most 100 characters' })
  name: string;

  @ApiPropertyOptional()
  @IsOptional() @IsEmail({}, { message: 'author.email must be an email address' }) @MaxLength(200, { message: 'author.email is at most 200 characters' })
  email?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString({ message: 'author.phone must be text' }) @MaxLength(40, { message: 'author.phone is at most 40 characters' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString({ message: 'author.address must be text' }) @MaxLength(300, { message: 'author.address is at most 300 characters' })
  address?: string;
}

/** A comment received by email, letter, fax, at a symposium or by phone, typed in by staff (R5). */
export class OfflineCommentDto extends CreateCommentDto {
  @ApiProperty({ enum: OFFLINE_CHANNELS })
  @IsIn(OFFLINE_CHANNELS, { message: `channel must be one of ${OFFLINE_CHANNELS.join(', ')}` })
  channel: (typeof OFFLINE_CHANNELS)[number];

  @ApiProperty({ example: '2026-03-02T09:30:00+08:00', description: 'when the comment reached the unit; not later than commentClosesAt, not in the future' })
  @IsISO8601({ strict: true }, { message: 'receivedAt must be an ISO 8601 date-time' })
  receivedAt: string;

  @ApiProperty({ type: OfflineAuthorDto })
  @IsDefined({ message: 'author is required: {name, email?, phone?, address?}' }) @IsObject({ message: 'author must be an object' })
  @ValidateNested() @Type(() => OfflineAuthorDto)
  author: OfflineAuthorDto;
}
