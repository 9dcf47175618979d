import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'zhang@example.com' })
  @Transform(trim) @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 8 })
  @IsString() @MinLength(8, { message: 'password must be at least 8 characters' }) @MaxLength(128)
  password: string;

  @ApiProperty({ example: '张三' })
  @Transform(trim) @IsString() @MinLength(1, { message: 'displayName must not be empty' }) @MaxLength(50)
  displayName: string;

  /** The client asks the resident to accept the privacy notice (GET /api/privacy) before registering. */
  @ApiPropertyOptional({ description: 'true when the resident accepted the privacy notice shown at registration' })
  @IsOptional() @Equals(true, { message: 'acceptPrivacy must be true when given' })
  acceptPrivacy?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20)
  privacyVersion?: string;
}

export class LoginDto {
  @ApiProperty() @Transform(trim) @IsString() @MaxLength(254)
  email: string;

  @ApiProperty() @IsString() @MaxLength(128)
  password: string;
}

export class TokenDto {
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(200)
  token: string;
}

export class PasswordResetRequestDto {
  @ApiProperty() @Transform(trim) @IsEmail({}, { message: 'email must be a valid email address' })
  email: string;
}

export class PasswordResetConfirmDto extends TokenDto {
  @ApiProperty({ minLength: 8 })
  @IsString() @MinLength(8, { message: 'password must be at least 8 characters' }) @MaxLength(128)
  password: string;
}
