import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageRequest } from '../pagination/page';

/** `?limit=&cursor=` as every list endpoint takes them. */
export class ListQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  toPageRequest(): PageRequest {
    return { limit: this.limit ?? 20, cursor: this.cursor };
  }
}
