export * from './payments.dto';
export * from './payments.errors';
export * from './payments.messages';
export * from './payments.port';
