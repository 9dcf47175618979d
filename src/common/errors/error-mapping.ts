import { HttpException, HttpStatus } from '@nestjs/common';
import { MalformedJson } from '../http/body-parsers';
import { DomainError, DomainErrorKind } from './domain-error';
import type { ErrorCode, ParamValue } from './error-codes';

/** API.md's `{statusCode, error, message}` plus `code` (error-codes.ts) and, when it has any, `params`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: ErrorCode;
  params?: Record<string, string | number | null | Array<string | number>>;
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

/** The code of an answer that names no more precise one (Nest's own 404 for an unknown route, say). */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'request.invalid',
  401: 'auth.sign_in_required',
  403: 'request.forbidden',
  404: 'request.not_found',
  409: 'request.conflict',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
  422: 'request.unprocessable',
  429: 'request.throttled',
  500: 'internal',
  503: 'service.unavailable',
};

/** PostgreSQL errors caused by the input rather than by the server. */
const PG_INPUT_ERRORS: Record<string, [number, string, ErrorCode]> = {
  '22P02': [400, 'a value has the wrong format', 'input.bad_format'],
  '22001': [400, 'a value is too long', 'input.too_long'],
  '22003': [400, 'a number is out of range', 'input.out_of_range'],
  '22007': [400, 'a date or time is invalid', 'input.bad_date'],
  '22008': [400, 'a date or time is out of range', 'input.date_out_of_range'],
  '22021': [400, 'text contains an invalid character', 'input.bad_character'],
  '22P05': [400, 'text contains a character that cannot be stored (NUL)', 'input.bad_character'],
  '23505': [409, 'this already exists', 'input.already_exists'],
  '23503': [400, 'refers to something that does not exist', 'input.unknown_reference'],
  '40001': [503, 'busy, please retry', 'service.busy'],
  '53300': [503, 'too many connections, please retry', 'service.busy'],
  '57P01': [503, 'database restarting, please retry', 'service.unavailable'],
  '57P03': [503, 'database starting up, please retry', 'service.unavailable'],
  '08006': [503, 'database connection lost, please retry', 'service.unavailable'],
};

/** Socket errors of a connection to PostgreSQL or Redis that is down, restarting or cut. */
const CONNECTION_LOST = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);

/** Turns anything thrown into the one error shape of the API. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof DomainError) return body(STATUS_BY_KIND[err.kind], err.message, err.code, err.params);
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse();
    let message = err.message;
    if (typeof res === 'object' && res && 'message' in res) {
      const m = (res as { message: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : String(m);
    }
    // Fastify names no media type; say which ones the API reads.
    if (status === 415) message = 'unsupported Content-Type: send the body as application/json (or a URL-encoded form)';
    return body(status, message);
  }
  if (err instanceof MalformedJson) return body(400, `malformed JSON in request body (${err.message})`, 'request.malformed_json');
  const e = err as { status?: number; statusCode?: number; code?: string; message?: string };
  const status = e?.statusCode ?? e?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return body(status, e.message ?? 'bad request');
  if (e?.code && PG_INPUT_ERRORS[e.code]) {
    const [status, message, code] = PG_INPUT_ERRORS[e.code];
    return body(status, message, code);
  }
  // A backing service (PostgreSQL, Redis) refused, cut or lost the connection: retry, not a server fault.
  if ((e?.code && CONNECTION_LOST.has(e.code)) || e?.message?.includes('Connection terminated')) return body(503, 'a backing service is unavailable, please retry');
  // pg-pool: no connection became free within DB_CONNECT_TIMEOUT_MS; nothing was sent to PostgreSQL.
  if (e?.message === 'timeout exceeded when trying to connect') return body(503, 'the database is busy, please retry', 'service.busy');
  return body(500, 'internal error');
}

function body(statusCode: number, message: string, code?: ErrorCode, params?: Readonly<Record<string, ParamValue>>): ErrorBody {
  const out: ErrorBody = { statusCode, error: REASON[statusCode] ?? 'Error', message, code: code ?? CODE_BY_STATUS[statusCode] ?? 'request.failed' };
  if (params) out.params = jsonParams(params);
  return out;
}

/** Dates as ISO 8601, so every client formats them in its reader's language and zone. */
function jsonParams(params: Readonly<Record<string, ParamValue>>): NonNullable<ErrorBody['params']> {
  const out: NonNullable<ErrorBody['params']> = {};
  for (const [name, v] of Object.entries(params)) out[name] = v instanceof Date ? v.toISOString() : Array.isArray(v) ? [...v] : (v as string | number | null);
  return out;
}
