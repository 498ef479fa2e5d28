import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, assertAdmin, assertCanAccessCustomer } from '../../../module-kit/security/actor';
import { CurrentActor, Public } from '../../../module-kit/security/decorators';
import { ListQuery } from '../../../module-kit/http/list-query';
import { ApiProblems } from '../../../module-kit/http/openapi/api-problems.decorator';
import { Page } from '../../../module-kit/pagination/page';
import { CustomerDto } from '../contracts/customer.dto';
import { CustomersErrors } from '../contracts/customers.errors';
import { CustomersPort } from '../contracts/customers.port';
import { RegisterCustomerBody } from './dto/register-customer.body';
import { UpdateCustomerBody } from './dto/update-customer.body';
import { CustomerPage, CustomerResponse } from './responses/customer.response';

/** HTTP in front of the customers port: it validates and translates, the module decides. */
@ApiTags('customers')
@Controller('api/v1/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersPort) {}

  /** Sign-up is open to anyone. */
  @Public()
  @Post()
  @ApiOperation({ summary: 'Sign up (public)' })
  @ApiCreatedResponse({ type: CustomerResponse, description: 'The new customer' })
  @ApiProblems({ 409: [CustomersErrors.EMAIL_TAKEN] })
  register(@Body() body: RegisterCustomerBody): Promise<CustomerDto> {
    return this.customers.register({ name: body.name, email: body.email });
  }

  @Get()
  @ApiOperation({ summary: 'List customers (admin)', description: 'Newest first.' })
  @ApiOkResponse({ type: CustomerPage, description: 'A page of customers' })
  list(@CurrentActor() actor: Actor, @Query() query: ListQuery): Promise<Page<CustomerDto>> {
    assertAdmin(actor);
    return this.customers.list(query.toPageRequest());
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a customer' })
  @ApiOkResponse({ type: CustomerResponse, description: 'The customer' })
  @ApiProblems({ 404: [CustomersErrors.NOT_FOUND] })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CustomerDto> {
    assertCanAccessCustomer(actor, id);
    return this.customers.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a customer\'s name or email', description: 'A field left out is kept.' })
  @ApiOkResponse({ type: CustomerResponse, description: 'The customer, changed' })
  @ApiProblems({ 404: [CustomersErrors.NOT_FOUND], 409: [CustomersErrors.EMAIL_TAKEN] })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateCustomerBody): Promise<CustomerDto> {
    assertCanAccessCustomer(actor, id);
    return this.customers.update(id, { name: body.name, email: body.email });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a customer', description: 'A later GET is 404, and new orders for the customer are 422.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems({ 404: [CustomersErrors.NOT_FOUND] })
  async delete(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    assertCanAccessCustomer(actor, id);
    await this.customers.delete(id);
  }
}
