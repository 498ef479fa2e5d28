import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class DepositBody {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1_000_000_000, description: 'Cents' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  amountCents!: number;
}
