import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../../../module-kit/http/openapi/page-of';
import { CustomerDto } from '../../contracts/customer.dto';

/** A customer as the API answers it (the OpenAPI schema of CustomerDto). */
export class CustomerResponse implements CustomerDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Ada Lovelace' })
  name!: string;

  @ApiProperty({ format: 'email', example: 'ada@example.com' })
  email!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CustomerPage extends PageOf(CustomerResponse) {}
