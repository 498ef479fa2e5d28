export * from './order.dto';
export * from './orders.errors';
export * from './orders.events';
export * from './orders.port';
