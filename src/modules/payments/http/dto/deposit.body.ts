import { IsInt, Max, Min } from 'class-validator';

export class DepositBody {
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  amountCents!: number;
}
