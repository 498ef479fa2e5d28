import { MessageStage, TappedMessage } from './message-tap';

/** What may be shown of a message without a token: names, ids, amounts and states, never the rest of its payload. */
export interface MessageSummary {
  stage: MessageStage;
  name: string;
  version: number;
  source: string;
  destination: string;
  messageId: string;
  occurredAt: string;
  /** When the process that saw it saw it. */
  at: string;
  orderId?: string;
  /** The payload's other ids (`customerId`, `paymentId`...) and amounts in cents (`amountCents`, `totalCents`). */
  ids: Record<string, string>;
  amounts: Record<string, number>;
  /** The trace the message travels in, when it carries a W3C traceparent. */
  traceId?: string;
  /** For a failed or dead-lettered delivery: why (never the error's text, which may name an address) and the attempts so far. */
  failure?: string;
  attempts?: number;
}

const ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Summarises a tapped message for a public page: the payload is reduced to its ids and its amounts. */
export function summarize({ stage, envelope, at, delivery }: TappedMessage): MessageSummary {
  const ids: Record<string, string> = {};
  const amounts: Record<string, number> = {};
  for (const [key, value] of Object.entries(envelope.payload ?? {})) {
    if (/Id$/.test(key) && typeof value === 'string' && ID.test(value)) ids[key] = value;
    else if (/Cents$/.test(key) && typeof value === 'number' && Number.isFinite(value)) amounts[key] = value;
  }
  const { orderId, ...otherIds } = ids;
  const traceId = TRACEPARENT.exec(envelope.headers?.traceparent ?? '')?.[1];
  return {
    stage,
    name: envelope.name,
    version: envelope.version,
    source: envelope.source,
    destination: envelope.destination,
    messageId: envelope.id,
    occurredAt: envelope.occurredAt,
    at: new Date(at).toISOString(),
    ...(orderId ? { orderId } : {}),
    ids: otherIds,
    amounts,
    ...(traceId ? { traceId } : {}),
    ...(delivery ? { failure: delivery.failure, attempts: delivery.attempts } : {}),
  };
}
