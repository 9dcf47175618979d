import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';

export class InviteDto {
  @ApiProperty({ example: 'zhang.san@example.org.cn' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email: string;

  @ApiProperty({ example: '张三', maxLength: 100 })
  @IsString({ message: 'displayName must be a string' })
  @Matches(/\S/, { message: 'displayName must not be empty' })
  @MaxLength(100, { message: 'displayName must be at most 100 characters' })
  displayName: string;

  @ApiProperty({ enum: ['deputy', 'expert', 'lawyer', 'other'], description: 'stakeholders and residents apply instead (R13)' })
  @IsString({ message: 'category must be a string' })
  @Matches(/^[a-z][a-z-]{0,39}$/, { message: 'category must be one of deputy, expert, lawyer, other' })
  category: string;
}
