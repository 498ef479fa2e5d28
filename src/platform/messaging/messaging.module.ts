import { DynamicModule, Global, Module } from '@nestjs/common';
import { DeadLetterStores } from './dead-letter-stores';
import { MessageDispatcher, RemoteInboxes } from './message-dispatcher';
import { MessageRoutes } from './message-routes';
import { MessageTap } from './message-tap';
import { ModuleManifest } from '../../module-kit/messaging/module-manifest';
import { RecentMessages } from './recent-messages';

/** The token under which the transport layer (a global module) provides delivery to modules hosted elsewhere. */
export const REMOTE_INBOXES = Symbol('RemoteInboxes');

/**
 * Process-wide messaging: the routes (from every module's manifest, hosted here or not), the dispatcher
 * that hands each outbox row to a local inbox or to the transport, the hosted modules' dead letters, and the
 * feed of the messages passing through (with the last of them kept, for the dashboard).
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(manifests: ModuleManifest[]): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: MessageRoutes, useValue: new MessageRoutes(manifests) },
        { provide: MessageDispatcher, inject: [REMOTE_INBOXES], useFactory: (remote: RemoteInboxes) => new MessageDispatcher(remote) },
        { provide: MessageTap, useFactory: () => new MessageTap() },
        { provide: RecentMessages, inject: [MessageTap], useFactory: (tap: MessageTap) => new RecentMessages(tap) },
        { provide: DeadLetterStores, useFactory: () => new DeadLetterStores() },
      ],
      exports: [MessageRoutes, MessageDispatcher, MessageTap, RecentMessages, DeadLetterStores],
    };
  }
}
