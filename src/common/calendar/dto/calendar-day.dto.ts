import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CalendarDayDto {
  @ApiProperty({ example: '2027-10-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'day must be a date written YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'day must be a real date' })
  day: string;

  @ApiProperty({ enum: ['holiday', 'workday'] })
  @IsIn(['holiday', 'workday'], { message: 'kind must be holiday or workday' })
  kind: 'holiday' | 'workday';

  @ApiPropertyOptional({ example: '国庆节' })
  @IsOptional() @IsString() @MaxLength(40)
  name?: string;
}
