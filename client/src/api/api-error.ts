export type ErrorParams = Record<string, string | number | null | Array<string | number>>;

/**
 * A refusal of the API (over HTTP or a socket): `message` is the server's English detail; `code`
 * and `params` are what lib/problem.ts says in the reader's language. No DOM here, so tests and the
 * live client load it under Node.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly params?: ErrorParams,
    /** Seconds from the Retry-After header of a 429 or 503, when the server sent one. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}
