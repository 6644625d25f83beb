import type { Request } from 'express';
import { z } from 'zod';
import { ApiError, type FieldProblem } from './errors';

type Part = 'query' | 'params' | 'body';

/**
 * Parse one part of the request with a zod schema; on failure throw a 400 whose details list
 * every problem with its field, e.g. `{ field: 'query.year', message: 'must be an integer' }`.
 */
export function parseRequest<S extends z.ZodType>(req: Request, part: Part, schema: S): z.infer<S> {
  const result = schema.safeParse(req[part] ?? {});
  if (result.success) return result.data;
  const details: FieldProblem[] = result.error.issues.map((issue) => ({
    field: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
  throw ApiError.badRequest(`Invalid request: ${summary}`, details);
}
