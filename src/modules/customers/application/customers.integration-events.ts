import { IEvent } from '@nestjs/cqrs';
import { CustomerDeleted, CustomerRegistered } from '../contracts/customers.events';
import { CustomerDeletedEvent, CustomerRegisteredEvent } from '../domain/customer-events';

/** What the other modules are told of the customers' domain events: both, as they are. */
export function customersIntegrationEvents(event: IEvent): Array<CustomerRegistered | CustomerDeleted> {
  if (event instanceof CustomerRegisteredEvent) {
    return [new CustomerRegistered({ customerId: event.customerId, name: event.name, email: event.email, registeredAt: event.registeredAt.toISOString() })];
  }
  if (event instanceof CustomerDeletedEvent) return [new CustomerDeleted({ customerId: event.customerId, deletedAt: event.deletedAt.toISOString() })];
  return [];
}
