import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { Actor, assertAdmin, assertCanAccessCustomer } from '../../../shared/security/actor';
import { CurrentActor, Public } from '../../../shared/security/decorators';
import { ListQuery } from '../../../shared/http/list-query';
import { Page } from '../../../shared/pagination/page';
import { CustomerDto } from '../contracts/customer.dto';
import { CustomersPort } from '../contracts/customers.port';
import { RegisterCustomerBody } from './dto/register-customer.body';
import { UpdateCustomerBody } from './dto/update-customer.body';

/** HTTP in front of the customers port: it validates and translates, the module decides. */
@Controller('api/v1/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersPort) {}

  /** Sign-up is open to anyone. */
  @Public()
  @Post()
  register(@Body() body: RegisterCustomerBody): Promise<CustomerDto> {
    return this.customers.register({ name: body.name, email: body.email });
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListQuery): Promise<Page<CustomerDto>> {
    assertAdmin(actor);
    return this.customers.list(query.toPageRequest());
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CustomerDto> {
    assertCanAccessCustomer(actor, id);
    return this.customers.get(id);
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateCustomerBody): Promise<CustomerDto> {
    assertCanAccessCustomer(actor, id);
    return this.customers.update(id, { name: body.name, email: body.email });
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    assertCanAccessCustomer(actor, id);
    await this.customers.delete(id);
  }
}
