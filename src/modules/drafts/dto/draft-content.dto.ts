import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

// Bodies are long documents; 200k characters is far more than any municipal regulation.
export const MAX_BODY = 200_000;
const MAX_TEXT = 20_000;

export class ContactDto {
  @ApiProperty({ example: '李明' })
  @IsOptional() @IsString({ message: 'contact.person must be text' }) @MaxLength(100, { message: 'contact.person is at most 100 characters' })
  person?: string;

  @ApiProperty({ example: '某市人民路1号市司法局立法处，邮编100000' })
  @IsOptional() @IsString({ message: 'contact.address must be text' }) @MaxLength(300, { message: 'contact.address is at most 300 characters' })
  address?: string;

  @ApiProperty({ example: 'fzc@example.gov.cn' })
  @IsOptional() @IsEmail({}, { message: 'contact.email must be an email address' }) @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ example: '010-12345678' })
  @IsOptional() @IsString({ message: 'contact.phone must be text' }) @MaxLength(40, { message: 'contact.phone is at most 40 characters' })
  phone?: string;

  @ApiPropertyOptional({ example: '010-12345679' })
  @IsOptional() @IsString({ message: 'contact.fax must be text' }) @MaxLength(40, { message: 'contact.fax is at most 40 characters' })
  fax?: string;
}

export class AlternativeDto {
  @ApiProperty({ example: '方案一：分时段收费' })
  @IsString({ message: 'alternatives.title must be text' })
  @MinLength(1, { message: 'alternatives.title must not be empty' })
  @MaxLength(200, { message: 'alternatives.title is at most 200 characters' })
  title: string;

  @ApiProperty({ example: '第一条 ……' })
  @IsString({ message: 'alternatives.body must be text' })
  @MinLength(1, { message: 'alternatives.body must not be empty' })
  @MaxLength(MAX_BODY, { message: `alternatives.body is at most ${MAX_BODY} characters` })
  body: string;
}

/** Fields of a draft that may be saved incomplete (R1 is checked at submit and publish). */
export class DraftContentDto {
  @ApiPropertyOptional({ example: '某市机动车停车管理办法（征求意见稿）' })
  @IsOptional() @IsString({ message: 'title must be text' }) @MaxLength(200, { message: 'title is at most 200 characters' })
  title?: string;

  @ApiPropertyOptional({ description: 'the draft text; parsed into units (articles, 款, items)' })
  @IsOptional() @IsString({ message: 'body must be text' }) @MaxLength(MAX_BODY, { message: `body is at most ${MAX_BODY} characters` })
  body?: string;

  @ApiPropertyOptional({ description: 'legal basis for drafting (起草依据)' })
  @IsOptional() @IsString({ message: 'basis must be text' }) @MaxLength(MAX_TEXT, { message: `basis is at most ${MAX_TEXT} characters` })
  basis?: string;

  @ApiPropertyOptional({ description: 'reasons for drafting (起草理由)' })
  @IsOptional() @IsString({ message: 'reasons must be text' }) @MaxLength(MAX_TEXT, { message: `reasons is at most ${MAX_TEXT} characters` })
  reasons?: string;

  @ApiPropertyOptional({ description: 'policy interpretation material (解读)' })
  @IsOptional() @IsString({ message: 'interpretation must be text' })
  @MaxLength(MAX_BODY, { message: `interpretation is at most ${MAX_BODY} characters` })
  interpretation?: string;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional() @ValidateNested() @Type(() => ContactDto)
  contact?: ContactDto;

  @ApiPropertyOptional({ example: '2026-03-01T09:00:00+08:00' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'commentOpensAt must be an ISO 8601 time' })
  commentOpensAt?: string | null;

  @ApiPropertyOptional({ example: '2026-03-31T17:00:00+08:00' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'commentClosesAt must be an ISO 8601 time' })
  commentClosesAt?: string | null;

  @ApiPropertyOptional({ type: [AlternativeDto], description: 'two or more alternative plans (R3); [] removes them' })
  @IsOptional() @IsArray({ message: 'alternatives must be a list' }) @ArrayMaxSize(10, { message: 'alternatives holds at most 10 plans' })
  @ValidateNested({ each: true }) @Type(() => AlternativeDto)
  alternatives?: AlternativeDto[];
}

export class CreateDraftDto extends DraftContentDto {}

export class UpdateDraftDto extends DraftContentDto {}
