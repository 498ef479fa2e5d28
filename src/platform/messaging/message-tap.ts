import { Observable, Subject } from 'rxjs';
import { MessageEnvelope } from '../../module-kit/messaging/integration-message';

/**
 * Where a message was seen: its outbox row delivered by the relay, its handling by an inbox, a delivery that
 * failed (and will be tried again), or the relay giving up on it (dead-lettered).
 */
export type MessageStage = 'delivered' | 'handled' | 'failed' | 'dead-lettered';

/** Why a delivery failed, and the attempts counted so far (a consumer that was not reached is not an attempt). */
export interface FailedDelivery {
  /** As classifyDeliveryFailure (delivery-failure.ts) names it. */
  failure: 'handler-failed' | 'unroutable' | 'unavailable';
  attempts: number;
}

export interface TappedMessage {
  stage: MessageStage;
  envelope: MessageEnvelope;
  /** When it was seen, in this process (epoch ms). */
  at: number;
  /** For `failed` and `dead-lettered`. */
  delivery?: FailedDelivery;
}

/**
 * A process-local feed of the integration messages passing through this process, for watching them (the
 * dashboard). It only observes: with nobody subscribed, recording costs nothing, and subscribers get the
 * message synchronously, so they must be quick and must not throw.
 */
export class MessageTap {
  private readonly subject = new Subject<TappedMessage>();
  readonly messages$: Observable<TappedMessage> = this.subject.asObservable();

  record(stage: MessageStage, envelope: MessageEnvelope, delivery?: FailedDelivery): void {
    if (this.subject.observed) this.subject.next({ stage, envelope, at: Date.now(), ...(delivery ? { delivery } : {}) });
  }
}
