import { ModuleName } from '../../module-kit/config/module-name';
import { Inbox } from '../../module-kit/messaging/inbox';
import { MessageEnvelope } from '../../module-kit/messaging/integration-message';

/** Sends an envelope to a module that lives in another process (see the transport folder). */
export interface RemoteInboxes {
  deliver(envelope: MessageEnvelope): Promise<void>;
}

/**
 * Hands an outbox row to its destination: the module's inbox directly when this process hosts it, or the
 * transport when it does not. The relay does not know which; neither do the modules.
 */
export class MessageDispatcher {
  private readonly localInboxes = new Map<ModuleName, Inbox>();

  constructor(private readonly remote: RemoteInboxes) {}

  registerLocalInbox(module: ModuleName, inbox: Inbox): void {
    this.localInboxes.set(module, inbox);
  }

  localInbox(module: ModuleName): Inbox | undefined {
    return this.localInboxes.get(module);
  }

  async deliver(envelope: MessageEnvelope): Promise<void> {
    const local = this.localInboxes.get(envelope.destination);
    if (local) await local.receive(envelope);
    else await this.remote.deliver(envelope);
  }
}
