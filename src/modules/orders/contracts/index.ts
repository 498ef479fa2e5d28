export * from './order.dto';
export * from './order-saga.dto';
export * from './order-summary.dto';
export * from './orders.errors';
export * from './orders.events';
export * from './orders.port';
