import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../common/http/pagination';
import { WELL_FORMED } from './live-socket.dto';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class TranscriptQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only the segments attributed to you (a representative of this hearing)' })
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'mine must be true or false' })
  mine?: boolean;

  @ApiPropertyOptional({ description: 'include every revision of each segment (the corrections history)' })
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'history must be true or false' })
  history?: boolean;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'afterSeq must be an integer' }) @Min(0) @Max(2_000_000_000)
  afterSeq?: number;

  @ApiPropertyOptional({ enum: ['json', 'html', 'text'], description: 'html or text: the sealed transcript as a whole document' })
  @IsOptional() @IsIn(['json', 'html', 'text'], { message: 'format must be json, html or text' })
  format?: 'json' | 'html' | 'text';
}

export class CorrectionItemDto {
  @ApiProperty({ minimum: 1 })
  @IsInt({ message: 'seq must be an integer' }) @Min(1, { message: 'seq must be 1 or more' }) @Max(2_000_000_000)
  seq: number;

  @ApiProperty({ description: 'the text as it should read' })
  @IsString({ message: 'text must be a string' })
  @Length(1, 10000, { message: 'text must be 1 to 10000 characters' })
  @Matches(/\S/, { message: 'text must not be blank' })
  @Matches(WELL_FORMED, { message: 'text contains an invalid character' })
  text: string;
}

/** Either `{confirm: true}` or `{corrections: [...]}` (R14). */
export class ConfirmationDto {
  @ApiPropertyOptional({ enum: [true] })
  @IsOptional() @Equals(true, { message: 'confirm must be true' })
  confirm?: true;

  @ApiPropertyOptional({ type: [CorrectionItemDto] })
  @IsOptional() @IsArray({ message: 'corrections must be an array' })
  @ArrayMinSize(1, { message: 'corrections must not be empty' }) @ArrayMaxSize(200, { message: 'corrections holds at most 200 items' })
  @ValidateNested({ each: true }) @Type(() => CorrectionItemDto)
  corrections?: CorrectionItemDto[];
}

export class RejectCorrectionDto {
  @ApiProperty({ description: 'why the transcript stays as it is' })
  @IsString({ message: 'reason must be a string' })
  @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class CorrectionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'accepted', 'rejected'] })
  @IsOptional() @IsIn(['pending', 'accepted', 'rejected'], { message: 'status must be pending, accepted or rejected' })
  status?: 'pending' | 'accepted' | 'rejected';
}

export class OpinionDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'the representative’s seat in this hearing' })
  @IsOptional() @IsUUID('all', { message: 'seatId must be a UUID' })
  seatId?: string;

  @ApiPropertyOptional({ description: 'who held the opinion, when not a seat (e.g. a label such as H-0003 or an organisation)' })
  @IsOptional() @IsString({ message: 'representative must be a string' }) @Length(1, 100, { message: 'representative must be 1 to 100 characters' })
  representative?: string;

  @ApiProperty()
  @IsString({ message: 'summary must be a string' }) @Length(1, 5000, { message: 'summary must be 1 to 5000 characters' })
  summary: string;

  @ApiProperty()
  @IsBoolean({ message: 'adopted must be true or false' })
  adopted: boolean;

  @ApiPropertyOptional({ description: 'required when not adopted (R15)' })
  @IsOptional() @IsString({ message: 'reason must be a string' }) @MaxLength(5000, { message: 'reason must be at most 5000 characters' })
  reason?: string;
}

export class HearingReportDto {
  @ApiProperty({ description: 'the explicit conclusions of the hearing (R15)' })
  @IsString({ message: 'conclusions must be a string' }) @MaxLength(20000, { message: 'conclusions must be at most 20000 characters' })
  conclusions: string;

  @ApiProperty({ type: [OpinionDto] })
  @IsArray({ message: 'opinions must be an array' }) @ArrayMaxSize(500, { message: 'opinions holds at most 500 items' })
  @ValidateNested({ each: true }) @Type(() => OpinionDto)
  opinions: OpinionDto[];
}
