import type { Request } from 'express';
import { z } from 'zod';
import { InvalidInput, type FieldProblem } from '../domain/errors';

type Part = 'query' | 'params' | 'body';

/**
 * Parse one part of the request with a contract schema; on failure throw an InvalidInput whose
 * details list every problem with its field, e.g. `{ field: 'query.year', message: 'must be an integer' }`.
 */
export function parseRequest<S extends z.ZodType>(
  req: Request,
  part: Part,
  schema: S,
): z.output<S> {
  const result = schema.safeParse(req[part] ?? {});
  if (result.success) return result.data;
  const details: FieldProblem[] = result.error.issues.map((issue) => ({
    field: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
  throw new InvalidInput(`Invalid request: ${summary}`, { details });
}
