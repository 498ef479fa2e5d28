import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app/app.module';
import { loadConfig } from './app/load-app-config';
import { createOpenApiDocument } from './platform/http/openapi';

/**
 * Writes the OpenAPI document (the one served at /docs-json) to the file named by the first argument, for
 * linting: the app is created in preview mode, which reads the routes and decorators without connecting
 * to a database or a broker, and nothing listens.
 */
async function main(): Promise<void> {
  const file = process.argv[2] ?? 'openapi.json';
  const app = await NestFactory.create(AppModule.forRoot(loadConfig({}, false)), { preview: true, logger: false, abortOnError: false });
  writeFileSync(file, JSON.stringify(createOpenApiDocument(app), null, 2) + '\n');
  await app.close();
  console.log(`OpenAPI document written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
