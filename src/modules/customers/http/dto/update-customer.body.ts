import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsEmailAddress, IsNotBlank, IsStorableText } from '../../../../shared/http/text-validators';

export class UpdateCustomerBody {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  @IsStorableText()
  name?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 320 })
  @IsOptional()
  @IsEmailAddress()
  @MaxLength(320)
  email?: string;
}
