import { CustomersErrors } from '../contracts/customers.errors';
import { DeleteCustomerCommand } from './commands/delete-customer/delete-customer.command';
import { DeleteCustomerHandler } from './commands/delete-customer/delete-customer.handler';
import { RegisterCustomerCommand } from './commands/register-customer/register-customer.command';
import { RegisterCustomerHandler } from './commands/register-customer/register-customer.handler';
import { UpdateCustomerCommand } from './commands/update-customer/update-customer.command';
import { UpdateCustomerHandler } from './commands/update-customer/update-customer.handler';
import { customersIntegrationEvents } from './customers.integration-events';
import { GetCustomerHandler } from './queries/get-customer/get-customer.handler';
import { GetCustomerQuery } from './queries/get-customer/get-customer.query';
import { InMemoryCustomersRepository } from './testing/in-memory-customers.repository';

// The customers' use cases on an in-memory repository (the application's own interface): what they change,
// and what the unit of work would tell the other modules, without a database or a process.
describe('customers use cases', () => {
  let customers: InMemoryCustomersRepository;
  const register = (name: string, email: string) => new RegisterCustomerHandler(customers).execute(new RegisterCustomerCommand({ name, email }));
  /** The messages the events recorded by the saved customers map to, as the outbox would get them. */
  const messages = () => [...customers.customers.values()].flatMap((c) => c.getUncommittedEvents().flatMap(customersIntegrationEvents)).map((m) => m.payload);

  beforeEach(() => {
    customers = new InMemoryCustomersRepository();
  });

  it('registers a customer and tells the other modules', async () => {
    const ada = await register(' Ada ', 'ada@example.com');

    expect(ada).toEqual({ id: expect.any(String), name: 'Ada', email: 'ada@example.com', createdAt: expect.any(String) });
    expect(messages()).toEqual([{ customerId: ada.id, name: 'Ada', email: 'ada@example.com', registeredAt: ada.createdAt }]);
  });

  it('refuses a second customer with the same email', async () => {
    await register('Ada', 'ada@example.com');

    await expect(register('Other Ada', 'ada@example.com')).rejects.toMatchObject({ code: CustomersErrors.EMAIL_TAKEN });
    expect(customers.customers.size).toBe(1);
  });

  it('updates a customer', async () => {
    const ada = await register('Ada', 'ada@example.com');

    await expect(new UpdateCustomerHandler(customers).execute(new UpdateCustomerCommand(ada.id, { name: 'Ada L.' }))).resolves.toMatchObject({ name: 'Ada L.', email: 'ada@example.com' });
  });

  it('deletes a customer, who is then not found, and tells the other modules', async () => {
    const ada = await register('Ada', 'ada@example.com');
    customers.customers.get(ada.id)!.uncommit();

    await new DeleteCustomerHandler(customers).execute(new DeleteCustomerCommand(ada.id));

    expect(messages()).toEqual([{ customerId: ada.id, deletedAt: expect.any(String) }]);
    await expect(new GetCustomerHandler(customers).execute(new GetCustomerQuery(ada.id))).rejects.toMatchObject({ code: CustomersErrors.NOT_FOUND });
    await expect(new DeleteCustomerHandler(customers).execute(new DeleteCustomerCommand(ada.id))).rejects.toMatchObject({ code: CustomersErrors.NOT_FOUND });
  });
});
