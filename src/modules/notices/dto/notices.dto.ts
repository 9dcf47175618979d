import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination';
import { RUN_KINDS, RunKind } from '../notice.types';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only notices not read yet' })
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class RunQuery {
  @ApiPropertyOptional({ enum: RUN_KINDS, description: 'which kind of run; default the latest of any kind' })
  @IsOptional() @IsIn(RUN_KINDS, { message: `kind must be one of ${RUN_KINDS.join(', ')}` })
  kind?: RunKind;
}

export class RunPageQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RUN_KINDS, description: 'which kind of run; default the latest of any kind' })
  @IsOptional() @IsIn(RUN_KINDS, { message: `kind must be one of ${RUN_KINDS.join(', ')}` })
  kind?: RunKind;
}

export class LettersQuery extends RunPageQuery {
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json', description: 'html: a printable batch, one letter per page (unit staff)' })
  @IsOptional() @IsIn(['json', 'html'], { message: 'format must be json or html' })
  format?: 'json' | 'html';
}

export class LettersMailedDto {
  @ApiPropertyOptional({ type: [String], description: 'the letters posted; default every pending letter of the draft' })
  @IsOptional() @IsArray({ message: 'ids must be an array of notice ids' })
  @ArrayMinSize(1, { message: 'ids must not be empty' }) @ArrayMaxSize(10000, { message: 'ids holds at most 10000 notice ids' })
  @IsUUID('all', { each: true, message: 'ids must hold notice ids (UUIDs)' })
  ids?: string[];
}

export class MeetingFeedbackQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'one meeting' })
  @IsOptional() @IsUUID('all', { message: 'meetingId must be a UUID' })
  meetingId?: string;

  @ApiPropertyOptional({ description: 'only meetings whose feedback is not published yet' })
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'awaiting must be true or false' })
  awaiting?: boolean;
}
