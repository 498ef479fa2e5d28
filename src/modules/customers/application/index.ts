import { DeleteCustomerHandler } from './commands/delete-customer/delete-customer.handler';
import { RegisterCustomerHandler } from './commands/register-customer/register-customer.handler';
import { UpdateCustomerHandler } from './commands/update-customer/update-customer.handler';
import { GetCustomerHandler } from './queries/get-customer/get-customer.handler';
import { ListCustomersHandler } from './queries/list-customers/list-customers.handler';

export const CommandHandlers = [RegisterCustomerHandler, UpdateCustomerHandler, DeleteCustomerHandler];
export const QueryHandlers = [GetCustomerHandler, ListCustomersHandler];
