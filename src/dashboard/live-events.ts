import { Injectable, MessageEvent, OnModuleDestroy } from '@nestjs/common';
import { interval, map, merge, Observable, of, Subject, takeUntil } from 'rxjs';
import { MessageStage, MessageTap, TappedMessage } from '../shared/messaging/message-tap';

/** What the dashboard shows of a message: names, ids and amounts, never the rest of its payload. */
export interface MessageEventView {
  stage: MessageStage;
  name: string;
  version: number;
  source: string;
  destination: string;
  messageId: string;
  occurredAt: string;
  at: string;
  orderId?: string;
  /** The payload's other ids (`customerId`, `paymentId`...) and amounts in cents (`amountCents`, `totalCents`). */
  ids: Record<string, string>;
  amounts: Record<string, number>;
  /** The trace the message travels in, when it carries a W3C traceparent. */
  traceId?: string;
}

const HEARTBEAT_MS = 15_000;
const ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** Summarises a tapped message for a public page: the payload is reduced to its ids and its amounts. */
export function toView({ stage, envelope, at }: TappedMessage): MessageEventView {
  const ids: Record<string, string> = {};
  const amounts: Record<string, number> = {};
  for (const [key, value] of Object.entries(envelope.payload ?? {})) {
    if (/Id$/.test(key) && typeof value === 'string' && ID.test(value)) ids[key] = value;
    else if (/Cents$/.test(key) && typeof value === 'number' && Number.isFinite(value)) amounts[key] = value;
  }
  const { orderId, ...otherIds } = ids;
  const traceId = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(envelope.headers?.traceparent ?? '')?.[1];
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
  };
}

/**
 * The server-sent event stream of the messages passing through this process. Streams end when the app
 * closes: an open stream would otherwise keep the HTTP server from closing.
 */
@Injectable()
export class LiveEvents implements OnModuleDestroy {
  private readonly closing = new Subject<void>();

  constructor(private readonly tap: MessageTap) {}

  stream(): Observable<MessageEvent> {
    const messages = this.tap.messages$.pipe(map((message): MessageEvent => ({ type: 'message', data: toView(message) })));
    // A comment-like event now and then keeps proxies from closing a quiet stream.
    const heartbeats = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: {} })));
    // `ready` first, so that a client knows the moment it is subscribed (and the headers go out at once).
    return merge(of<MessageEvent>({ type: 'ready', data: {} }), messages, heartbeats).pipe(takeUntil(this.closing));
  }

  onModuleDestroy(): void {
    this.closing.next();
    this.closing.complete();
  }
}
