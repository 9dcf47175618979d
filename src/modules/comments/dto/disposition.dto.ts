import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { BASES, OUTCOMES, type Basis, type Outcome } from '../comment.constants';

/** `not_adopted` without basis and reason passes validation on purpose: R6 answers it with 422. */
export class DispositionDto {
  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES, { message: `outcome must be one of ${OUTCOMES.join(', ')}` })
  outcome: Outcome;

  @ApiPropertyOptional({ enum: BASES, description: 'required for not_adopted (R6)' })
  @IsOptional() @IsIn(BASES, { message: `basis must be one of ${BASES.join(', ')}` })
  basis?: Basis;

  @ApiPropertyOptional({ description: 'required for not_adopted (R6) and for a concentrated cluster not adopted (R8)' })
  @IsOptional() @IsString({ message: 'reason must be text' }) @MaxLength(5000, { message: 'reason is at most 5000 characters' })
  reason?: string;
}

export class ModerationDto {
  @ApiProperty({ description: 'true hides the text on public pages (R7: still listed, counted and reported)' })
  @IsBoolean({ message: 'hidden must be true or false' })
  hidden: boolean;

  @ApiPropertyOptional({ description: 'shown publicly in place of the text; required when hiding (R7: 422 without it)' })
  @IsOptional() @IsString({ message: 'reason must be text' }) @MaxLength(500, { message: 'reason is at most 500 characters' })
  reason?: string;
}

export class AnalysisSettingsDto {
  @ApiProperty({ nullable: true, minimum: 2, description: 'cluster size from which it is a concentrated opinion; null restores max(5, 5% of all)' })
  @ValidateIf((o: AnalysisSettingsDto) => o.concentrationThreshold !== null)
  @IsInt({ message: 'concentrationThreshold must be a whole number or null' })
  @Min(2, { message: 'concentrationThreshold must be at least 2' })
  @Max(1_000_000_000, { message: 'concentrationThreshold is too large' })
  concentrationThreshold: number | null;
}

export class ClusterFlagDto {
  @ApiProperty({ nullable: true, description: 'true marks the cluster concentrated below the threshold; null follows the threshold again' })
  @ValidateIf((o: ClusterFlagDto) => o.concentrated !== null)
  @IsIn([true], { message: 'concentrated must be true or null (a cluster above the threshold stays concentrated, R8)' })
  concentrated: true | null;
}
