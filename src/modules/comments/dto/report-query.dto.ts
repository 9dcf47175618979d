import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { toBool } from './comment-query.dto';

export const REPORT_FORMATS = ['json', 'html', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class ReportQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional() @IsIn(REPORT_FORMATS, { message: `format must be one of ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;

  @ApiPropertyOptional({ description: 'unit staff: the originals (names, contact data, hidden text)' })
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'full must be true or false' })
  full?: boolean;

  @ApiPropertyOptional({ description: 'an earlier version of the report (corrections are new versions); default the latest' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'reportVersion must be a whole number' }) @Min(1, { message: 'reportVersion starts at 1' })
  reportVersion?: number;
}
