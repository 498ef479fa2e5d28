import { ModuleManifest } from '../../module-kit/messaging/module-manifest';

/** The customers module consumes no messages: it is the upstream of the other two. */
export const customersManifest: ModuleManifest = { name: 'customers', consumes: [] };
