import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { SPEAKER_ROLES } from '../roster.service';

// Payloads of the `/hearings` namespace, validated by the same pipe as HTTP bodies.

/** No lone UTF-16 surrogates: they have no canonical JSON form, so they could not be hashed. */
export const WELL_FORMED = /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

export class JoinDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'hearingId must be a UUID' })
  hearingId: string;

  @ApiPropertyOptional({ minimum: 0, description: 'the last seq the client has; the server sends every segment after it' })
  @IsOptional() @IsInt({ message: 'afterSeq must be an integer' }) @Min(0, { message: 'afterSeq must be 0 or more' }) @Max(2_000_000_000)
  afterSeq?: number;
}

export class LeaveDto {
  @IsUUID('all', { message: 'hearingId must be a UUID' })
  hearingId: string;
}

export class AddSegmentDto {
  @IsUUID('all', { message: 'hearingId must be a UUID' })
  hearingId: string;

  @ApiPropertyOptional({ description: 'who spoke, as the clerk names them; optional with seatId or userId' })
  @IsOptional() @IsString({ message: 'speaker must be a string' }) @Length(1, 100, { message: 'speaker must be 1 to 100 characters' })
  @Matches(WELL_FORMED, { message: 'speaker contains an invalid character' })
  speaker?: string;

  @ApiProperty()
  @IsString({ message: 'text must be a string' })
  @Length(1, 10000, { message: 'text must be 1 to 10000 characters' })
  @Matches(/\S/, { message: 'text must not be blank' })
  @Matches(WELL_FORMED, { message: 'text contains an invalid character' })
  text: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the representative’s seat (from the roster)' })
  @IsOptional() @IsUUID('all', { message: 'seatId must be a UUID' })
  seatId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'an organizer or clerk of the unit who spoke' })
  @IsOptional() @IsUUID('all', { message: 'userId must be a UUID' })
  userId?: string;

  @ApiPropertyOptional({ enum: SPEAKER_ROLES, description: 'for a speaker without a seat; a seat’s category wins' })
  @IsOptional() @IsIn(SPEAKER_ROLES, { message: `role must be one of ${SPEAKER_ROLES.join(', ')}` })
  role?: (typeof SPEAKER_ROLES)[number];

  @ApiPropertyOptional({ description: 'the console’s id for this segment: a resend after a lost ack stores nothing new' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'clientKey must be 1 to 64 letters, digits or _.:-' })
  clientKey?: string;
}

export class CorrectSegmentDto {
  @IsUUID('all', { message: 'hearingId must be a UUID' })
  hearingId: string;

  @IsInt({ message: 'seq must be an integer' }) @Min(1, { message: 'seq must be 1 or more' }) @Max(2_000_000_000)
  seq: number;

  @IsString({ message: 'text must be a string' })
  @Length(1, 10000, { message: 'text must be 1 to 10000 characters' })
  @Matches(/\S/, { message: 'text must not be blank' })
  @Matches(WELL_FORMED, { message: 'text contains an invalid character' })
  text: string;
}
