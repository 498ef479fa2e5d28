import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

/** `?since=`: an instant in epoch milliseconds. */
export class ActivityQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  since?: number;
}
