import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Overloaded } from './domain-error';
import { toErrorBody } from './error-mapping';

/** The single place where errors become HTTP responses: `{statusCode, error, message}`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = toErrorBody(exception);
    // Backpressure refusals are expected under load and counted in /api/health, not logged one by one.
    if (body.statusCode >= 500 && !(exception instanceof Overloaded)) {
      this.logger.error({ msg: 'request failed', requestId: req.id, path: req.path, err: (exception as Error)?.stack ?? String(exception) });
    }
    if (res.headersSent) return;
    if (body.statusCode === 503) res.setHeader('Retry-After', '1');
    if (body.statusCode === 429 && !res.getHeader('Retry-After')) {
      // The throttler names its header after the limit that tripped (Retry-After-ip); clients expect the standard one.
      const named = Object.entries(res.getHeaders()).find(([k]) => k.startsWith('retry-after-'));
      res.setHeader('Retry-After', String(named?.[1] ?? 60));
    }
    res.status(body.statusCode).json(body);
  }
}
