import { LocalCustomersPort } from '../modules/customers/application/customers.local-port';
import { LocalOrdersPort } from '../modules/orders/application/orders.local-port';
import { LocalPaymentsPort } from '../modules/payments/application/payments.local-port';
import { MODULE_CATALOG } from './module-catalog';

const methodsOf = (type: { prototype: object }) =>
  Object.getOwnPropertyNames(type.prototype)
    .filter((name) => name !== 'constructor')
    .sort();

describe('module catalog', () => {
  // A port method missing from the list would work in the monolith and fail only once the module is taken out.
  it.each([
    ['customers', LocalCustomersPort],
    ['orders', LocalOrdersPort],
    ['payments', LocalPaymentsPort],
  ] as const)('lists every method of the %s port for the transport', (name, local) => {
    expect([...MODULE_CATALOG[name].methods].sort()).toEqual(methodsOf(local));
  });
});
