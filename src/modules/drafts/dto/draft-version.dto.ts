import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { DraftContentDto, MAX_BODY } from './draft-content.dto';

/** A revised version after consultation: a new body; other fields carried over unless given. */
export class StartVersionDto extends OmitType(DraftContentDto, ['body'] as const) {
  @ApiProperty({ description: 'the revised draft text' })
  @IsString({ message: 'body must be text' })
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(MAX_BODY, { message: `body is at most ${MAX_BODY} characters` })
  body: string;
}
