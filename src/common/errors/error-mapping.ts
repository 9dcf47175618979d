import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, DomainErrorKind } from './domain-error';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
  invalid: HttpStatus.BAD_REQUEST,
  conflict: HttpStatus.CONFLICT,
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  unauthorized: HttpStatus.UNAUTHORIZED,
  overloaded: HttpStatus.SERVICE_UNAVAILABLE,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** PostgreSQL errors caused by the input rather than by the server. */
const PG_INPUT_ERRORS: Record<string, [number, string]> = {
  '22P02': [400, 'a value has the wrong format'],
  '22001': [400, 'a value is too long'],
  '22003': [400, 'a number is out of range'],
  '22007': [400, 'a date or time is invalid'],
  '22008': [400, 'a date or time is out of range'],
  '22021': [400, 'text contains an invalid character'],
  '22P05': [400, 'text contains a character that cannot be stored (NUL)'],
  '23505': [409, 'this already exists'],
  '23503': [400, 'refers to something that does not exist'],
  '40001': [503, 'busy, please retry'],
  '53300': [503, 'too many connections, please retry'],
  '57P01': [503, 'database restarting, please retry'],
  '57P03': [503, 'database starting up, please retry'],
  '08006': [503, 'database connection lost, please retry'],
};

/** Turns anything thrown into the one error shape of the API. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof DomainError) return body(STATUS_BY_KIND[err.kind], err.message);
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse();
    let message = err.message;
    if (typeof res === 'object' && res && 'message' in res) {
      const m = (res as { message: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : String(m);
    }
    // Nest re-throws body-parser's JSON.parse failure as a plain 400.
    if (status === 400 && /JSON/.test(message)) message = `malformed JSON in request body (${message})`;
    return body(status, message);
  }
  const e = err as { type?: string; status?: number; code?: string; message?: string };
  // body-parser errors (malformed JSON, oversized bodies) carry a status and a type.
  if (e?.type === 'entity.parse.failed') return body(400, 'malformed JSON in request body');
  if (e?.type === 'entity.too.large') return body(413, 'request body is too large');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return body(e.status, e.message ?? 'bad request');
  if (e?.code && PG_INPUT_ERRORS[e.code]) {
    const [status, message] = PG_INPUT_ERRORS[e.code];
    return body(status, message);
  }
  if (e?.code === 'ECONNREFUSED' || e?.message?.includes('Connection terminated')) return body(503, 'a backing service is unavailable, please retry');
  // pg-pool: no connection became free within DB_CONNECT_TIMEOUT_MS; nothing was sent to PostgreSQL.
  if (e?.message === 'timeout exceeded when trying to connect') return body(503, 'the database is busy, please retry');
  return body(500, 'internal error');
}

function body(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: REASON[statusCode] ?? 'Error', message };
}
