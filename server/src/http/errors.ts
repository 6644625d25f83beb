/**
 * The one error type of the API. Every failure reaches the client as
 * `{ "error": { "code", "message", "details"? } }` with the status carried here.
 */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static badRequest(message: string, details?: unknown): ApiError {
    return new ApiError(400, 'bad_request', message, details);
  }

  static notFound(message: string, details?: unknown): ApiError {
    return new ApiError(404, 'not_found', message, details);
  }

  toJSON(): { error: { code: string; message: string; details?: unknown } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** One problem with one field of the request, for 400 details. */
export interface FieldProblem {
  /** Where: `query.year`, `params.code`, `body.minutes[2]`. */
  field: string;
  message: string;
}
