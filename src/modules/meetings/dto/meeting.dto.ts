import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

export class CreateMeetingDto {
  @ApiProperty({ example: '市政府常务会议审议《某市机动车停车管理办法》' })
  @IsString({ message: 'title must be text' }) @Matches(/\S/, { message: 'title must not be empty' }) @MaxLength(200, { message: 'title is at most 200 characters' })
  title: string;

  @ApiProperty({ example: '2027-01-20T09:00:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 time' }) @Matches(WITH_OFFSET, { message: 'startsAt must carry a time zone offset' })
  startsAt: string;

  @ApiPropertyOptional({ default: 3, description: 'public attendees, 3 to 5 (R16)' })
  @IsOptional() @IsInt({ message: 'seats must be an integer' })
  seats?: number;

  @ApiPropertyOptional({ description: 'default: now' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'signupOpensAt must be an ISO 8601 time' }) @Matches(WITH_OFFSET, { message: 'signupOpensAt must carry a time zone offset' })
  signupOpensAt?: string;

  @ApiPropertyOptional({ description: 'default: 2 days before startsAt' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'signupClosesAt must be an ISO 8601 time' }) @Matches(WITH_OFFSET, { message: 'signupClosesAt must carry a time zone offset' })
  signupClosesAt?: string;
}

export class MeetingFeedbackDto {
  @ApiProperty({ description: 'how the attendees’ opinions were handled (told to each attendee)' })
  @IsString({ message: 'handling must be text' }) @Matches(/\S/, { message: 'handling must not be empty' }) @MaxLength(20_000, { message: 'handling is at most 20000 characters' })
  handling: string;

  @ApiProperty({ description: 'the outcome of the meeting, published' })
  @IsString({ message: 'outcome must be text' }) @Matches(/\S/, { message: 'outcome must not be empty' }) @MaxLength(20_000, { message: 'outcome is at most 20000 characters' })
  outcome: string;
}
