import { OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';

/**
 * Marks every object schema of the document's components `additionalProperties: false`, but those named in
 * `open`. For a request body it says what the API does (the validation pipe refuses unknown fields); for a
 * response, that an answer carries exactly the fields listed, so a field added in the code but not here
 * fails the e2e suites' check of every answer against this document.
 */
export function closeObjectSchemas(document: OpenAPIObject, open: readonly string[]): void {
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    const object = schema as SchemaObject;
    if (open.includes(name) || object.properties === undefined || object.additionalProperties !== undefined) continue;
    object.additionalProperties = false;
  }
}
