import type { FastifyInstance } from 'fastify';
import { parse as parseQueryString } from 'node:querystring';
import { parseSafeJson } from './safe-json';

/** A JSON body that does not parse or that the hostile-input checks refused: 400 request.malformed_json. */
export class MalformedJson extends Error {
  readonly statusCode = 400;
}

/**
 * The only bodies the API reads: JSON (through the hostile-input checks: prototype keys, deep
 * nesting, NUL, lone surrogates are a 400) and URL-encoded forms. Any other media type is a 415
 * (Fastify's FST_ERR_CTP_INVALID_MEDIA_TYPE) instead of a body silently ignored.
 */
export function registerBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    const text = body as string;
    // An empty body is "no body", as body-parser treated it, not a syntax error.
    if (text.length === 0) return done(null, undefined);
    let value: unknown;
    try {
      value = parseSafeJson(text);
    } catch (err) {
      return done(new MalformedJson((err as Error).message), undefined);
    }
    // Strict, as body-parser was: a bare `null`, `123` or `"x"` would reach handlers as a body that is no DTO.
    if (value === null || typeof value !== 'object') return done(new MalformedJson('the body must be a JSON object or array'), undefined);
    done(null, value);
  });
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    // node:querystring, as express's urlencoded({ extended: false }); a plain object for the DTO.
    done(null, { ...parseQueryString(body as string) });
  });
}
