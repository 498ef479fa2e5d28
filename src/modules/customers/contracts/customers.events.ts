import { IntegrationMessage } from '../../../module-kit/messaging/integration-message';

export interface CustomerRegisteredPayload {
  customerId: string;
  name: string;
  email: string;
  registeredAt: string;
}

/** A customer signed up. */
export class CustomerRegistered extends IntegrationMessage<CustomerRegisteredPayload> {
  static readonly messageName = 'customers.CustomerRegistered';
  static readonly version = 1;

  get orderingKey(): string {
    return this.payload.customerId;
  }
}

export interface CustomerDeletedPayload {
  customerId: string;
  deletedAt: string;
}

/** A customer was deleted: they can no longer order, and their account is closed. */
export class CustomerDeleted extends IntegrationMessage<CustomerDeletedPayload> {
  static readonly messageName = 'customers.CustomerDeleted';
  static readonly version = 1;

  get orderingKey(): string {
    return this.payload.customerId;
  }
}
