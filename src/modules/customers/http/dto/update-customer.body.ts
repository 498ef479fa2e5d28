import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsEmailAddress, IsNotBlank, IsStorableText } from '../../../../shared/http/text-validators';

export class UpdateCustomerBody {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  @IsStorableText()
  name?: string;

  @IsOptional()
  @IsEmailAddress()
  @MaxLength(320)
  email?: string;
}
