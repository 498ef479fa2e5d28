import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class RegisterCustomerBody {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsEmail()
  @MaxLength(320)
  email!: string;
}
