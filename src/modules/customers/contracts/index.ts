export * from './customer.dto';
export * from './customers.errors';
export * from './customers.events';
export * from './customers.port';
