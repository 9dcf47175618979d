import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { DrawAlgorithm } from '../algorithm/hearing-draw';
import type { Rfc3797Source } from '../algorithm/rfc3797';

export const DRAW_ALGORITHMS: DrawAlgorithm[] = ['hearing-draw/1', 'rfc3797'];

export class CommitmentDto {
  @ApiProperty({ description: 'H^n(secret): SHA-256 applied n times to the UTF-8 secret, 64 lower-case hex digits', example: '2eab8f658c5eb929f98fba5c583f857e0d6f375b6d3a502e6039277a5ce15e40' })
  @IsString({ message: 'commitment must be a string' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'commitment must be 64 lower-case hex digits (a SHA-256 value)' })
  commitment: string;

  @ApiProperty({ description: 'n, the length of the hash chain (≥ 1); draw k reveals H^(n-k)(secret)', example: 3 })
  @IsInt({ message: 'chainLength must be an integer' })
  @Min(1, { message: 'chainLength must be at least 1' })
  @Max(10_000, { message: 'chainLength must be at most 10000' })
  chainLength: number;

  @ApiProperty({ description: 'the public value, not yet known, that the draw will use', example: '2026-12-01 福利彩票双色球开奖号码' })
  @IsString({ message: 'randomnessSource must be a string' })
  @Matches(/\S/, { message: 'randomnessSource must name the future public value' })
  @MaxLength(500, { message: 'randomnessSource must be at most 500 characters' })
  randomnessSource: string;

  @ApiPropertyOptional({ enum: DRAW_ALGORITHMS, default: 'hearing-draw/1' })
  @IsOptional()
  @IsIn(DRAW_ALGORITHMS, { message: `algorithm must be one of ${DRAW_ALGORITHMS.join(', ')}` })
  algorithm?: DrawAlgorithm;
}

export class DrawDto {
  @ApiProperty({ description: 'H^(n-1)(secret) in hex: hashed once it must give the commitment' })
  @IsString({ message: 'chainValue must be a string' })
  @Matches(/^(?:[0-9a-fA-F]{2})+$/, { message: 'chainValue must be hex digits (an even number of them)' })
  @MaxLength(2048, { message: 'chainValue must be at most 2048 hex digits' })
  chainValue: string;

  @ApiPropertyOptional({ description: 'the value of the announced randomness source (hearing-draw/1)' })
  @IsOptional()
  @IsString({ message: 'randomness must be a string' })
  @Matches(/\S/, { message: 'randomness must not be empty' })
  @MaxLength(1000, { message: 'randomness must be at most 1000 characters' })
  randomness?: string;

  @ApiPropertyOptional({ description: 'rfc3797 only: the sources in announced order (numbers, lists of numbers, or {text})' })
  @IsOptional()
  @IsArray({ message: 'rfc3797Sources must be an array' })
  @ArrayMinSize(1, { message: 'rfc3797Sources must not be empty' })
  @ArrayMaxSize(20, { message: 'rfc3797Sources must have at most 20 sources' })
  rfc3797Sources?: Rfc3797Source[];
}

export class SelfRecommendationDto {
  @ApiProperty({ example: 'stakeholder' })
  @IsString({ message: 'category must be a string' })
  @Matches(/^[a-z][a-z-]{0,39}$/, { message: 'category must be a category name such as stakeholder or resident' })
  category: string;

  @ApiProperty({ example: ['H-0003', 'H-0007'], description: 'labels of the applicants the category chose among themselves (自行推荐)' })
  @IsArray({ message: 'labels must be an array' })
  @ArrayMinSize(1, { message: 'labels must name at least one applicant' })
  @ArrayMaxSize(1000, { message: 'labels must have at most 1000 entries' })
  @Matches(/^[A-Z]{1,3}-[0-9]{4,}$/, { each: true, message: 'labels must be application labels such as H-0001' })
  labels: string[];

  @ApiProperty({ description: 'how the applicants agreed (public)', maxLength: 2000 })
  @IsString({ message: 'note must be a string' })
  @Matches(/\S/, { message: 'note must say how the applicants agreed' })
  @MaxLength(2000, { message: 'note must be at most 2000 characters' })
  note: string;
}
