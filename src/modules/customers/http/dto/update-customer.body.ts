import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class UpdateCustomerBody {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;
}
