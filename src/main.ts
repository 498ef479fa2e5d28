import 'reflect-metadata';
import { createApp } from './app/create-app';
import { ConfigError } from './shared/config/config-error';
import { loadConfig } from './shared/config/load-config';
import { StartupError } from './shared/config/startup-error';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.httpPort);
}

main().catch((error: unknown) => {
  // A configuration mistake is one clear line, not a stack trace.
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else if (error instanceof StartupError) console.error(`Start-up error: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
