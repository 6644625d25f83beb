import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { API_ENDPOINTS, errorAnswer, type ApiEndpoint } from '../../contract';

/**
 * Real answers checked against the contract. The test server (startTestServer) runs every
 * answer it sends through `checkAnswer`, so that every API test, in both database modes,
 * fails when the server answers something the contract does not describe: a missing or extra
 * field, a wrong type, an undocumented status.
 */

/** The value parsed by `schema`, or an error listing every problem with its path. */
export function expectContract<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new Error(`does not match the contract:\n${describeIssues(result.error)}`);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('\n');
}

const ENDPOINTS = API_ENDPOINTS.map((endpoint) => ({
  endpoint,
  pattern: new RegExp(`^${endpoint.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

function findEndpoint(method: string, path: string): ApiEndpoint | undefined {
  return ENDPOINTS.find((e) => e.endpoint.method === method.toLowerCase() && e.pattern.test(path))
    ?.endpoint;
}

/** What is wrong with one answer, or null when the contract describes it. */
export function contractProblem(
  method: string,
  url: string,
  status: number,
  contentType: string | undefined,
  body: Buffer,
): string | null {
  const path = url.split('?')[0];
  if (!path.startsWith('/api/')) return null;
  const where = `${method} ${url} → ${status}`;
  const endpoint = findEndpoint(method, path);
  if (status >= 400) {
    // Every failure, of any route or none, has the one error shape.
    const result = errorAnswer.safeParse(JSON.parse(body.toString('utf8')));
    if (!result.success) return `${where}: the error ${describeIssues(result.error)}`;
    const generic = status >= 500 || !endpoint;
    if (!generic && !endpoint.responses[status]) return `${where}: status not documented`;
    return null;
  }
  if (!endpoint) return `${where}: endpoint not in the contract`;
  const response = endpoint.responses[status];
  if (!response) return `${where}: status not documented`;
  if (!response.content) return null;
  const mediaType = (contentType ?? '').split(';')[0].trim();
  const content = response.content[mediaType];
  if (!content) return `${where}: content type ${mediaType} not documented`;
  if (!content.schema) return null;
  const result = content.schema.safeParse(JSON.parse(body.toString('utf8')));
  return result.success ? null : `${where}: ${describeIssues(result.error)}`;
}

/**
 * Record in `problems` what the contract does not describe in the answer to this request (the
 * answer itself goes out unchanged: the test reads what the server sent).
 */
export function checkAnswer(req: IncomingMessage, res: ServerResponse, problems: string[]) {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'function') keep(chunk);
    return end(chunk, ...rest);
  }) as ServerResponse['end'];
  res.on('finish', () => {
    if (req.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304) return;
    const where = `${req.method} ${req.url}`;
    try {
      const contentType = res.getHeader('content-type');
      const problem = contractProblem(
        req.method ?? 'GET',
        req.url ?? '/',
        res.statusCode,
        typeof contentType === 'string' ? contentType : undefined,
        Buffer.concat(chunks),
      );
      if (problem) problems.push(problem);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  });
}
