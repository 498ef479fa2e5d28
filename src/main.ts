import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startupSummary } from './app/startup-summary';
import { createApp } from './app/create-app';
import { ConfigError } from './platform/config/config-error';
import { loadConfig } from './app/load-app-config';
import { StartupError } from './platform/config/startup-error';
import { redact } from './platform/config/redact';
import { BootingResponder } from './platform/health/booting-responder';

async function main(): Promise<void> {
  const config = loadConfig();
  // Start-up may wait a long time (for a database or a broker that is not up yet): meanwhile the port says so.
  const booting = await BootingResponder.start(config.httpPort);
  const app = await createApp(config).finally(() => booting.close());
  await app.listen(config.httpPort);
  new Logger('Shop').log(startupSummary(config));
}

main().catch((error: unknown) => {
  // A configuration mistake is one clear line, not a stack trace.
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else if (error instanceof StartupError) console.error(`Start-up error: ${error.message}`);
  // An unexpected error may quote a broker or database URL: its password never reaches the log.
  else console.error(redact(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  process.exit(1);
});
