import { Observable, Subject } from 'rxjs';
import { MessageEnvelope } from './integration-message';

/** Where a message was seen: its outbox row delivered by the relay, or its handling by an inbox. */
export type MessageStage = 'delivered' | 'handled';

export interface TappedMessage {
  stage: MessageStage;
  envelope: MessageEnvelope;
  /** When it was seen, in this process (epoch ms). */
  at: number;
}

/**
 * A process-local feed of the integration messages passing through this process, for watching them live
 * (the dashboard). It only observes: with nobody subscribed, recording costs nothing, and subscribers get
 * the message synchronously, so they must be quick and must not throw.
 */
export class MessageTap {
  private readonly subject = new Subject<TappedMessage>();
  readonly messages$: Observable<TappedMessage> = this.subject.asObservable();

  record(stage: MessageStage, envelope: MessageEnvelope): void {
    if (this.subject.observed) this.subject.next({ stage, envelope, at: Date.now() });
  }
}
