import { DynamicModule, Provider } from '@nestjs/common';
import { AppConfig } from '../shared/config/app-config';
import { ConfigError } from '../shared/config/config-error';
import { ModuleName } from '../shared/config/module-name';
import { REMOTE_INBOXES } from '../shared/messaging/messaging.module';

export interface RemoteBindings {
  modules: DynamicModule[];
  remoteInboxes: Provider;
}

/** Binds the ports of the modules this process does not host to proxies over the configured transport. */
export function remoteModuleBindings(config: AppConfig, remote: ModuleName[]): RemoteBindings {
  if (remote.length > 0) throw new ConfigError(`MODULES=${config.modules.join(',')}: remote modules are not available yet.`);
  return {
    modules: [],
    remoteInboxes: {
      provide: REMOTE_INBOXES,
      useValue: {
        deliver: async () => {
          throw new Error('no remote modules in this process');
        },
      },
    },
  };
}
