import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Page, PageRequest } from '../../../module-kit/pagination/page';
import { CustomerDto, RegisterCustomerInput, UpdateCustomerInput } from '../contracts/customer.dto';
import { CustomersPort } from '../contracts/customers.port';
import { DeleteCustomerCommand } from './commands/delete-customer/delete-customer.command';
import { RegisterCustomerCommand } from './commands/register-customer/register-customer.command';
import { UpdateCustomerCommand } from './commands/update-customer/update-customer.command';
import { GetCustomerQuery } from './queries/get-customer/get-customer.query';
import { ListCustomersQuery } from './queries/list-customers/list-customers.query';

/** The customers port in the process that hosts the module: each call is a command or a query on the buses. */
@Injectable()
export class LocalCustomersPort extends CustomersPort {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  register(input: RegisterCustomerInput): Promise<CustomerDto> {
    return this.commands.execute(new RegisterCustomerCommand(input));
  }

  get(customerId: string): Promise<CustomerDto> {
    return this.queries.execute(new GetCustomerQuery(customerId));
  }

  list(page: PageRequest): Promise<Page<CustomerDto>> {
    return this.queries.execute(new ListCustomersQuery(page));
  }

  update(customerId: string, changes: UpdateCustomerInput): Promise<CustomerDto> {
    return this.commands.execute(new UpdateCustomerCommand(customerId, changes));
  }

  delete(customerId: string): Promise<void> {
    return this.commands.execute(new DeleteCustomerCommand(customerId));
  }
}
