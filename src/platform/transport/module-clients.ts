import { ModuleName } from '../../module-kit/config/module-name';
import { MessageEnvelope } from '../../module-kit/messaging/integration-message';
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

  /**
   * Asks each other process of the shop the same question, all at once, and keeps one answer per process (named
   * by the modules it hosts, so a process hosting two of the modules reached here counts once). A process that
   * does not answer leaves its modules in `unanswered` rather than failing the whole question.
   */
  async askEachProcess<T extends { process: string }>(ask: (client: ModuleClient) => Promise<T>): Promise<{ answers: T[]; unanswered: ModuleName[] }> {
    const outcomes = await Promise.all(this.all().map((client) => ask(client).then((answer) => ({ client, answer }), () => ({ client, answer: undefined }))));
    const answers = new Map<string, T>();
    for (const { answer } of outcomes) if (answer && !answers.has(answer.process)) answers.set(answer.process, answer);
    const answered = new Set([...answers.keys()].flatMap((process) => process.split('+')));
    return { answers: [...answers.values()], unanswered: outcomes.map(({ client }) => client.module).filter((module) => !answered.has(module)) };
  }

  deliver(envelope: MessageEnvelope): Promise<void> {
    return this.get(envelope.destination).deliver(envelope);
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled(this.all().map((client) => client.close()));
  }
}
