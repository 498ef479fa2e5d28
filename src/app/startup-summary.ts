import { AppConfig } from '../module-kit/config/app-config';
import { MODULE_NAMES } from './module-names';
import { redact } from '../platform/config/redact';

/**
 * The one line a person starting the process needs: where it answers, which modules it hosts, how it
 * reaches the others, and where the dashboard and the API docs are.
 */
export function startupSummary(config: AppConfig): string {
  const base = `http://localhost:${config.httpPort}`;
  const hosted = MODULE_NAMES.filter((name) => config.hosts(name));
  const remote = MODULE_NAMES.filter((name) => !config.hosts(name));
  const reaches =
    remote.length === 0
      ? 'the monolith: every module in this process'
      : config.transport === 'tcp'
        ? `reaches ${remote.map((name) => `${name} at ${config.tcpAddresses[name].host}:${config.tcpAddresses[name].port}`).join(', ')} over tcp`
        : `reaches ${remote.join(', ')} over ${config.transport} (${redact(config.brokerUrl)})`;
  const database = Object.values(config.databaseUrls).some(Boolean) ? 'PostgreSQL server' : `embedded PostgreSQL in ${config.dataDir}`;
  return `Shop listening on ${base}: hosts ${hosted.join(', ')}; ${reaches}; ${database}. Dashboard ${base}/dashboard, API docs ${base}/docs`;
}
