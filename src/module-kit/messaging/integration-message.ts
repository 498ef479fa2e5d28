import { ModuleName } from '../config/module-name';

/**
 * A message that crosses a module boundary: plain, serializable data with a stable name and version.
 * Each module declares its own in its `contracts/`; a consumer depends on the producer's contract,
 * never on its internals.
 */
export abstract class IntegrationMessage<TPayload extends object = object> {
  constructor(readonly payload: TPayload) {}

  /**
   * What the message's order is kept by: messages with the same key reach a consumer in the order they were
   * written (an order's payment request before its refund request); messages with other keys do not wait for
   * them. Usually the id of the aggregate the message is about.
   */
  abstract get orderingKey(): string;
}

/**
 * The class of an integration message: how a message is rebuilt from JSON and routed by name. Without a
 * type argument it stands for any message class (a list of what a module consumes, say).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface MessageType<TPayload extends object = any> {
  new (payload: TPayload): IntegrationMessage<TPayload>;
  readonly messageName: string;
  readonly version: number;
}

export function messageKey(name: string, version: number): string {
  return `${name}@v${version}`;
}

export function typeOf(message: IntegrationMessage): MessageType {
  return message.constructor as MessageType;
}

/** What is stored in the outbox and carried over a transport. */
export interface MessageEnvelope {
  id: string;
  name: string;
  version: number;
  source: ModuleName;
  destination: ModuleName;
  occurredAt: string;
  payload: object;
  /** Context that travels with the message, such as the trace it belongs to. */
  headers: Record<string, string>;
}
