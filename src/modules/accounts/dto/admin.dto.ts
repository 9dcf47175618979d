import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '../../../common/auth/principal';
import { RegisterDto } from './auth.dto';

export class CreateStaffDto extends RegisterDto {
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5) @IsIn(ROLES, { each: true, message: `roles must be among ${ROLES.join(', ')}` })
  roles: Role[];

  @ApiPropertyOptional({ description: 'organizing unit; defaults to the unit created at start-up' })
  @IsOptional() @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;
}

export class CreateUnitDto {
  @ApiProperty({ example: '市住房和城乡建设局' })
  @IsString() @MinLength(2) @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: ['confidentiality', 'head'], description: 'review levels in order (R4); default one level' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5) @IsString({ each: true }) @MaxLength(40, { each: true })
  reviewLevels?: string[];
}
