import ajvFormats from 'ajv-formats';
import OpenAPIResponseValidator from 'openapi-response-validator';
import { RecordedResponse } from './shop-api';

/** Routes the document leaves out on purpose: the document itself, its UI and the dashboard. */
const UNDOCUMENTED = /^\/(docs|docs-json|dashboard)(\/|$)/;

type Response = { content?: Record<string, { schema?: object }>; headers?: Record<string, { required?: boolean }> };
type Operation = { responses: Record<string, Response> };
type Document = { paths: Record<string, Record<string, Operation>>; components?: object };

/** The string formats the document uses, checked as Ajv's own formats package checks them. */
const FORMATS = Object.fromEntries((['uuid', 'date-time', 'email'] as const).map((name) => [name, asPredicate(ajvFormats.get(name))]));

function asPredicate(format: unknown): (value: string) => boolean {
  const check = format !== null && typeof format === 'object' && !(format instanceof RegExp) ? (format as { validate: unknown }).validate : format;
  if (check instanceof RegExp) return (value) => check.test(value);
  if (typeof check === 'function') return (value) => Boolean((check as (value: string) => unknown)(value));
  throw new Error(`not a format check: ${String(format)}`);
}

interface Route {
  method: string;
  path: string;
  pattern: RegExp;
  /** How many segments are templates: a literal path wins over a template that also matches. */
  templates: number;
  operation: Operation;
  validator: OpenAPIResponseValidator;
}

/**
 * Checks answers against the OpenAPI document the shop serves, with openapi-response-validator (Ajv over the
 * document's response schemas): the route and status must be documented, the content type must be one the
 * document names for that status, and the body must match its schema. So the document cannot drift from
 * what the code answers: a status, field or error code that the document does not describe fails here.
 */
export class OpenApiConformance {
  private constructor(private readonly routes: Route[]) {}

  static of(document: object): OpenApiConformance {
    const { paths, components } = document as Document;
    const routes = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        templates: (path.match(/\{/g) ?? []).length,
        operation,
        validator: new OpenAPIResponseValidator({ responses: operation.responses, components, customFormats: FORMATS } as ConstructorParameters<typeof OpenAPIResponseValidator>[0]),
      })),
    );
    return new OpenApiConformance(routes.sort((a, b) => a.templates - b.templates));
  }

  /** Fetches the document a process serves at /docs-json. */
  static async served(baseUrl: string): Promise<OpenApiConformance> {
    const response = await fetch(`${baseUrl}/docs-json`);
    if (!response.ok) throw new Error(`${baseUrl}/docs-json answered ${response.status}`);
    return OpenApiConformance.of((await response.json()) as object);
  }

  /** What is wrong with `response` by the document, or undefined when it conforms. */
  mismatch(response: RecordedResponse): string | undefined {
    const path = new URL(response.url).pathname;
    if (UNDOCUMENTED.test(path)) return undefined;
    const route = this.routes.find((r) => r.method === response.method.toUpperCase() && r.pattern.test(path));
    // A route nobody serves: the framework's 404, a problem like any other.
    if (!route) return response.status === 404 && codeOf(response) === 'ROUTE_NOT_FOUND' ? undefined : 'no documented operation answers it';
    const documented = route.operation.responses[String(response.status)];
    if (!documented) return `status ${response.status} is not documented for ${route.method} ${route.path}`;
    const missing = Object.entries(documented.headers ?? {}).find(([name, header]) => header.required && response.headers && response.headers[name.toLowerCase()] === undefined);
    if (missing) return `the documented header ${missing[0]} is missing`;
    const mediaTypes = Object.keys(documented.content ?? {});
    if (response.body === undefined) return mediaTypes.length === 0 ? undefined : `the body is empty, but the document describes ${mediaTypes.join(', ')}`;
    const mediaType = response.contentType?.split(';')[0].trim() ?? '';
    if (!mediaTypes.includes(mediaType)) return `content type ${mediaType || 'none'} is not documented (${mediaTypes.join(', ') || 'no body'})`;
    // The validator reads a status's first media type: every status here documents one.
    const errors = route.validator.validateResponse(response.status, structuredClone(response.body));
    return errors ? `the body does not match the document: ${JSON.stringify(errors.errors)}` : undefined;
  }
}

function codeOf(response: RecordedResponse): unknown {
  return (response.body as { code?: unknown } | undefined)?.code;
}

const documents = new Map<string, Promise<OpenApiConformance>>();

/**
 * Every answer of `responses` that does not conform to the document, one line each. The document is fetched
 * once per shop, from the first process that answered (each process serves the whole API's document).
 */
export async function nonConformingAnswers(responses: RecordedResponse[]): Promise<string[]> {
  if (responses.length === 0) return [];
  const origin = new URL(responses[0].url).origin;
  if (!documents.has(origin)) documents.set(origin, OpenApiConformance.served(origin));
  const conformance = await documents.get(origin)!;
  return responses.flatMap((response) => {
    const why = conformance.mismatch(response);
    return why ? [`${response.method} ${response.url} -> ${response.status}: ${why} (body ${JSON.stringify(response.body)})`] : [];
  });
}
