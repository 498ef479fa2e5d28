import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsStorableText } from '../../../../module-kit/http/text-validators';

export class OrderItemBody {
  @ApiProperty({ minLength: 1, maxLength: 64, example: 'tea' })
  @IsString()
  @Length(1, 64)
  @IsStorableText()
  sku!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100_000_000 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  unitPriceCents!: number;
}

export class PlaceOrderBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  customerId!: string;

  @ApiProperty({ type: () => [OrderItemBody], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  // Each item an object: ValidateNested alone walks into an array in the list and finds nothing wrong with an
  // empty one, which then reached the database as an item with no price (a 500).
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OrderItemBody)
  items!: OrderItemBody[];
}
