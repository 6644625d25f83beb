import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { API_ENDPOINTS, type ApiEndpoint, type ApiResponse } from '../../../contract';

/**
 * The OpenAPI 3.1 document served at /api/openapi.json, generated from the contract: the same
 * zod schemas validate the requests, type the server's answers and the client's, and check
 * real answers in the API tests, so the document cannot drift from what is served.
 */
export function openApiDocument(endpoints: readonly ApiEndpoint[] = API_ENDPOINTS) {
  const registry = new OpenAPIRegistry();
  for (const endpoint of endpoints) registry.registerPath(routeConfig(endpoint));
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Berceau API',
      version: '0.1.0',
      description:
        'Early-childhood care coverage in France (CNAF taux de couverture global) by commune, EPCI and département, with facilities, travel times and map layers. Every figure carries its sources (dataset ids, see /api/health); fictional data is flagged `fictional: true`.',
    },
  });
  for (const endpoint of endpoints) addParameterExamples(document, endpoint);
  return document;
}

function routeConfig(endpoint: ApiEndpoint): RouteConfig {
  const { body, params, query } = endpoint.request ?? {};
  return {
    method: endpoint.method,
    path: endpoint.path,
    summary: endpoint.summary,
    request: {
      ...(params && { params }),
      ...(query && { query }),
      ...(body && { body: { required: true, content: { 'application/json': body } } }),
    },
    responses: Object.fromEntries(
      Object.entries(endpoint.responses).map(([status, response]) => [
        status,
        responseConfig(response),
      ]),
    ),
  };
}

function responseConfig({ description, content }: ApiResponse): ResponseConfig {
  if (!content) return { description };
  return {
    description,
    content: Object.fromEntries(
      Object.entries(content).map(([type, c]) => [
        type,
        // A body that is not JSON (CSV, vector tile) has no schema: any bytes of its type.
        { schema: c.schema ?? {}, ...(c.example === undefined ? {} : { example: c.example }) },
      ]),
    ),
  };
}

/** Each parameter's example (checked by the contract test). */
function addParameterExamples(
  document: ReturnType<OpenApiGeneratorV31['generateDocument']>,
  endpoint: ApiEndpoint,
) {
  const operation = document.paths?.[endpoint.path]?.[endpoint.method];
  for (const parameter of operation?.parameters ?? []) {
    if ('name' in parameter && endpoint.parameterExamples?.[parameter.name] !== undefined) {
      parameter.example = endpoint.parameterExamples[parameter.name];
    }
  }
}
