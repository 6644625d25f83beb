import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { API_ENDPOINTS, errorAnswer, type ApiEndpoint } from '../../contract';

/**
 * Real answers checked against the contract. The test server (startTestServer) keeps every
 * answer it sends in an `AnswerLog` and checks them when it closes, so that every API test, in
 * both database modes, fails when the server answers something the contract does not describe:
 * a missing or extra field, a wrong type, an undocumented status.
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
  // The OpenAPI document is the contract itself, generated from it (http/openapi.test.ts).
  if (!path.startsWith('/api/') || path === '/api/openapi.json') return null;
  const where = `${method} ${url} → ${status}`;
  const endpoint = findEndpoint(method, path);
  if (status >= 400) {
    // Every failure, of any route or none, has the one error shape.
    const result = errorAnswer.safeParse(JSON.parse(body.toString('utf8')));
    if (!result.success) return `${where}: the error ${describeIssues(result.error)}`;
    // A request that does not arrive in time (408) may be any route's, as Node's own limit.
    const generic = status >= 500 || status === 408 || !endpoint;
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
  // NDJSON: the schema is that of every line.
  const values =
    mediaType === 'application/x-ndjson'
      ? body
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as unknown)
      : [JSON.parse(body.toString('utf8')) as unknown];
  for (const [n, value] of values.entries()) {
    const result = content.schema.safeParse(value);
    if (!result.success)
      return `${where}${values.length > 1 ? ` line ${n + 1}` : ''}: ${describeIssues(result.error)}`;
  }
  return null;
}

/** One answer of the test server, kept to be checked when the server closes. */
interface Answer {
  method: string;
  url: string;
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

/**
 * The answers of a test server, checked against the contract when it closes rather than as they
 * are sent: parsing a large answer (a grid of cells: ~1 s on a loaded machine) would otherwise
 * hold up the requests that follow, browser tests' among them. The same answer to the same
 * request (a list the dashboard asks again) is checked once.
 */
export class AnswerLog {
  private readonly answers = new Map<string, Answer>();

  /** Keep what is sent in answer to `req` (API answers with a body only). */
  record(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    if (!url.startsWith('/api/') || req.method === 'HEAD') return;
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
      if (res.statusCode === 204 || res.statusCode === 304) return;
      const contentType = res.getHeader('content-type');
      const answer: Answer = {
        method: req.method ?? 'GET',
        url,
        status: res.statusCode,
        contentType: typeof contentType === 'string' ? contentType : undefined,
        body: Buffer.concat(chunks),
      };
      const key = createHash('sha1')
        .update(`${answer.method} ${url} ${answer.status} ${answer.contentType}\n`)
        .update(answer.body)
        .digest('hex');
      this.answers.set(key, answer);
    });
  }

  /** What the contract does not describe in the answers kept, one line per answer. */
  problems(): string[] {
    const problems: string[] = [];
    for (const a of this.answers.values()) {
      try {
        const problem = contractProblem(a.method, a.url, a.status, a.contentType, a.body);
        if (problem) problems.push(problem);
      } catch (error) {
        problems.push(`${a.method} ${a.url}: ${(error as Error).message}`);
      }
    }
    return problems;
  }
}
