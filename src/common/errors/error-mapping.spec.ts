import { HttpException } from '@nestjs/common';
import { MalformedJson } from '../http/body-parsers';
import { toErrorBody } from './error-mapping';

const socketError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('toErrorBody', () => {
  it('answers a lost or refused connection to PostgreSQL or Redis with 503 (retry), never 500', () => {
    for (const err of [
      socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      socketError('ECONNRESET', 'read ECONNRESET'), // a connection cut mid-query by a restart
      socketError('EPIPE', 'write EPIPE'),
      new Error('Connection terminated unexpectedly'),
    ]) {
      expect(toErrorBody(err)).toMatchObject({ statusCode: 503, code: 'service.unavailable' });
    }
  });

  it('names malformed JSON and keeps the parser’s reason', () => {
    expect(toErrorBody(new MalformedJson('Unexpected end of JSON input'))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'malformed JSON in request body (Unexpected end of JSON input)',
      code: 'request.malformed_json',
    });
  });

  it('says which media types the API reads when it refuses one (415)', () => {
    expect(toErrorBody(new HttpException('Unsupported Media Type', 415))).toMatchObject({
      statusCode: 415,
      code: 'request.unsupported_media_type',
      message: expect.stringContaining('application/json'),
    });
  });

  it('keeps 500 for what it does not recognise', () => {
    expect(toErrorBody(new TypeError('x is undefined'))).toMatchObject({ statusCode: 500, message: 'internal error' });
  });
});
