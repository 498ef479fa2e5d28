import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { IsEmailAddress, IsNotBlank, IsStorableText } from '../../../../module-kit/http/text-validators';

// A field left out is kept as it is; a field sent as null is not a value, and is refused. (@IsOptional would let
// null through to the domain, which answered 500.)
const whenSent = ValidateIf((_body: object, value: unknown) => value !== undefined);

export class UpdateCustomerBody {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @whenSent
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  @IsStorableText()
  name?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 320 })
  @whenSent
  @IsEmailAddress()
  @MaxLength(320)
  email?: string;
}
