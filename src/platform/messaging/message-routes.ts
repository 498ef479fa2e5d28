import { ModuleName } from '../../module-kit/config/module-name';
import { messageKey } from '../../module-kit/messaging/integration-message';
import { ModuleManifest } from '../../module-kit/messaging/module-manifest';

/** Who consumes which message, for every module of the system, built from the module manifests. */
export class MessageRoutes {
  private readonly consumers = new Map<string, ModuleName[]>();

  constructor(manifests: ModuleManifest[]) {
    for (const manifest of manifests) {
      for (const type of manifest.consumes) {
        const key = messageKey(type.messageName, type.version);
        this.consumers.set(key, [...(this.consumers.get(key) ?? []), manifest.name]);
      }
    }
  }

  destinationsOf(name: string, version: number): ModuleName[] {
    return this.consumers.get(messageKey(name, version)) ?? [];
  }
}
