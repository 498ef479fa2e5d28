import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { closeObjectSchemas } from './openapi/closed-schemas';
import { addCommonProblems } from './openapi/common-problems';
import { Problem } from '../../module-kit/http/openapi/problem.schema';
import { markPublicOperations } from './openapi/public-operations';

/**
 * The OpenAPI document of the whole API: built from the controllers' and DTOs' decorators, then completed
 * by rules that hold for every route (who needs a token, the errors any route may answer, closed schemas),
 * so that a route is described the same way whoever adds it.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Shop API')
    .setDescription(
      'Customers, orders and payments of a modular monolith whose modules can run as separate services. ' +
        'Errors are application/problem+json with a stable `code`. Every route but sign-up, health and metrics ' +
        'needs a Bearer JWT. POSTs that take an `Idempotency-Key` can be retried safely with the same key.',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('/', 'The process that serves this document (every process serves the whole API)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [Problem] });
  markPublicOperations(document, app);
  addCommonProblems(document);
  // A problem may carry extension members (RFC 9457): its schema stays open.
  closeObjectSchemas(document, [Problem.name]);
  return document;
}

/** The OpenAPI document at /docs-json and its UI at /docs. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
