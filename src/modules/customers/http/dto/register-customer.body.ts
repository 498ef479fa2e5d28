import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { IsEmailAddress, IsNotBlank, IsStorableText } from '../../../../module-kit/http/text-validators';

export class RegisterCustomerBody {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  @IsStorableText()
  name!: string;

  @IsEmailAddress()
  @MaxLength(320)
  @ApiProperty({ format: 'email', maxLength: 320, example: 'ada@example.com' })
  email!: string;
}
