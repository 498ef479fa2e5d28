import { IsString, Length, MaxLength } from 'class-validator';
import { IsEmailAddress, IsNotBlank, IsStorableText } from '../../../../shared/http/text-validators';

export class RegisterCustomerBody {
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  @IsStorableText()
  name!: string;

  @IsEmailAddress()
  @MaxLength(320)
  email!: string;
}
