import { AggregateRoot } from '@nestjs/cqrs';
import { CustomerDetailsInvalidError, CustomerNotFoundError } from './customer-errors';
import { CustomerDeletedEvent, CustomerRegisteredEvent } from './customer-events';

const MAX_NAME_LENGTH = 200;
const MAX_EMAIL_LENGTH = 320;

/**
 * A customer: a name and an email, both kept without surrounding spaces. Deleting one keeps it, marked, so
 * that its history keeps its meaning; a deleted customer is no longer changed. Registering and deleting are
 * recorded as events: the other modules hear of them (payments opens and closes the account).
 * The email's uniqueness is the store's to guard: one aggregate cannot see the others.
 */
export class Customer extends AggregateRoot {
  private constructor(
    readonly id: string,
    private _name: string,
    private _email: string,
    readonly createdAt: Date,
    private _deletedAt: Date | null,
  ) {
    super();
  }

  static register(id: string, details: { name: string; email: string }, now: Date): Customer {
    const customer = new Customer(id, nameOf(details.name), emailOf(details.email), now, null);
    customer.apply(new CustomerRegisteredEvent(id, customer.name, customer.email, now));
    return customer;
  }

  /** A customer as stored: no rule is checked again, no event recorded. */
  static restore(id: string, name: string, email: string, createdAt: Date, deletedAt: Date | null): Customer {
    return new Customer(id, name, email, createdAt, deletedAt);
  }

  get name(): string {
    return this._name;
  }

  get email(): string {
    return this._email;
  }

  get deletedAt(): Date | null {
    return this._deletedAt;
  }

  get isDeleted(): boolean {
    return this._deletedAt !== null;
  }

  /** Changes the fields given; a field left out keeps its value. Other modules are not told (no event). */
  update(changes: { name?: string; email?: string }): void {
    this.assertNotDeleted();
    if (changes.name !== undefined) this._name = nameOf(changes.name);
    if (changes.email !== undefined) this._email = emailOf(changes.email);
  }

  delete(now: Date): void {
    this.assertNotDeleted();
    this._deletedAt = now;
    this.apply(new CustomerDeletedEvent(this.id, now));
  }

  private assertNotDeleted(): void {
    // A deleted customer is, to everyone outside, one that does not exist.
    if (this.isDeleted) throw new CustomerNotFoundError(this.id);
  }
}

function nameOf(raw: string): string {
  const name = raw.trim();
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) throw new CustomerDetailsInvalidError(`A name has 1 to ${MAX_NAME_LENGTH} characters besides surrounding spaces.`);
  return name;
}

function emailOf(raw: string): string {
  const email = raw.trim();
  // The full syntax is checked at the edge (HTTP); the domain keeps what makes an address an address.
  if (email.length > MAX_EMAIL_LENGTH || !/^\S+@\S+$/.test(email)) throw new CustomerDetailsInvalidError(`"${email}" is not an email address.`);
  return email;
}
