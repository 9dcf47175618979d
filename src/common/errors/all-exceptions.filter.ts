import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pathOf } from '../http/request-context';
import { Overloaded } from './domain-error';
import { toErrorBody } from './error-mapping';

/** The single place where errors become HTTP responses: `{statusCode, error, message}`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const req = ctx.getRequest<FastifyRequest>();
    const body = toErrorBody(exception);
    // Backpressure refusals are expected under load and counted in /api/health, not logged one by one.
    if (body.statusCode >= 500 && !(exception instanceof Overloaded)) {
      this.logger.error({ msg: 'request failed', requestId: req.id, path: pathOf(req.url), err: (exception as Error)?.stack ?? String(exception) });
    }
    if (reply.sent || reply.raw.headersSent) return;
    if (body.statusCode === 503) reply.header('Retry-After', '1');
    // The rate limit guard says when its window ends; any other 429 asks for a minute.
    if (body.statusCode === 429 && !reply.hasHeader('Retry-After')) reply.header('Retry-After', '60');
    reply.code(body.statusCode).send(body);
  }
}
