import { ModuleName } from '../config/module-name';
import { MessageEnvelope } from '../messaging/integration-message';
import { RemoteInboxes } from '../messaging/message-dispatcher';
import { ModuleClient } from './module-client';

/** The clients of every module this process reaches over the transport. */
export class ModuleClients implements RemoteInboxes {
  constructor(private readonly clients: Map<ModuleName, ModuleClient>) {}

  get(module: ModuleName): ModuleClient {
    const client = this.clients.get(module);
    if (!client) throw new Error(`module ${module} is neither hosted here nor reachable over the transport`);
    return client;
  }

  all(): ModuleClient[] {
    return [...this.clients.values()];
  }

  deliver(envelope: MessageEnvelope): Promise<void> {
    return this.get(envelope.destination).deliver(envelope);
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled(this.all().map((client) => client.close()));
  }
}
