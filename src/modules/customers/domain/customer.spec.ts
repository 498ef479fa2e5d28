import { CustomersErrors } from '../contracts/customers.errors';
import { Customer } from './customer';
import { CustomerDeletedEvent, CustomerRegisteredEvent } from './customer-events';

// A customer's rules without a process, a database or HTTP.
describe('Customer', () => {
  const now = new Date('2026-01-01T10:00:00Z');
  const later = new Date('2026-01-02T10:00:00Z');
  const registered = () => Customer.register('customer-1', { name: '  Ada Lovelace ', email: ' ada@example.com ' }, now);

  it('is registered with its name and email trimmed, recording that it registered', () => {
    const customer = registered();

    expect(customer).toMatchObject({ id: 'customer-1', name: 'Ada Lovelace', email: 'ada@example.com', createdAt: now, deletedAt: null });
    expect(customer.getUncommittedEvents()).toEqual([new CustomerRegisteredEvent('customer-1', 'Ada Lovelace', 'ada@example.com', now)]);
  });

  it.each([
    ['a blank name', { name: '   ', email: 'ada@example.com' }],
    ['a name too long', { name: 'a'.repeat(201), email: 'ada@example.com' }],
    ['an email without @', { name: 'Ada', email: 'ada.example.com' }],
    ['an email with a space', { name: 'Ada', email: 'ada lovelace@example.com' }],
  ])('refuses %s', (_, details) => {
    expect(() => Customer.register('customer-1', details, now)).toThrow(expect.objectContaining({ code: CustomersErrors.DETAILS_INVALID }));
  });

  it('changes only the fields given, by the same rules, and tells no one', () => {
    const customer = registered();
    customer.uncommit();

    customer.update({ email: ' ada@lovelace.example ' });

    expect(customer).toMatchObject({ name: 'Ada Lovelace', email: 'ada@lovelace.example' });
    expect(() => customer.update({ name: '' })).toThrow(expect.objectContaining({ code: CustomersErrors.DETAILS_INVALID }));
    expect(customer.getUncommittedEvents()).toEqual([]);
  });

  it('is deleted once, recording when; a deleted customer no longer exists for changes', () => {
    const customer = registered();
    customer.uncommit();

    customer.delete(later);

    expect(customer.isDeleted).toBe(true);
    expect(customer.getUncommittedEvents()).toEqual([new CustomerDeletedEvent('customer-1', later)]);
    expect(() => customer.delete(later)).toThrow(expect.objectContaining({ code: CustomersErrors.NOT_FOUND }));
    expect(() => customer.update({ name: 'Ada' })).toThrow(expect.objectContaining({ code: CustomersErrors.NOT_FOUND }));
  });

  it('is restored as stored, with nothing recorded', () => {
    const customer = Customer.restore('customer-1', 'Ada', 'ada@example.com', now, later);

    expect(customer.isDeleted).toBe(true);
    expect(customer.getUncommittedEvents()).toEqual([]);
  });
});
