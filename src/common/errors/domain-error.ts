/**
 * Errors thrown by domain code. Services never import Nest's HttpException: one filter maps these
 * kinds to HTTP statuses, so the same rule reads the same way over HTTP and over sockets.
 * Each carries a `code` from the registry (error-codes.ts) and the `params` its translations fill in;
 * the English `message` stays for API users and logs.
 */
import type { CodeOf, ErrorCode, NotFoundThing, ParamsArg, ParamValue } from './error-codes';

export type { ErrorCode } from './error-codes';
export type RuleId = `R${number}`;

export type DomainErrorKind = 'rule' | 'invalid' | 'conflict' | 'not_found' | 'forbidden' | 'unauthorized' | 'overloaded';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly params?: Readonly<Record<string, ParamValue>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A rule R1..R20 refused the action (422); the code and the message start with the rule id. */
export class RuleViolation<C extends CodeOf<'rule'> = CodeOf<'rule'>> extends DomainError {
  readonly rule: RuleId;
  constructor(code: C, detail: string, ...params: ParamsArg<C>) {
    const rule = code.slice(0, code.indexOf('.')) as RuleId;
    super('rule', code, `${rule}: ${detail}`, params[0]);
    this.rule = rule;
  }
}

export class InvalidInput<C extends CodeOf<'invalid'> = CodeOf<'invalid'>> extends DomainError {
  constructor(code: C, message: string, ...params: ParamsArg<C>) {
    super('invalid', code, message, params[0]);
  }
}

export class StateConflict<C extends CodeOf<'conflict'> = CodeOf<'conflict'>> extends DomainError {
  constructor(code: C, message: string, ...params: ParamsArg<C>) {
    super('conflict', code, message, params[0]);
  }
}

/** `what` names the code (not_found.adoption_report); `shown` overrides the message's noun. */
export class NotFound extends DomainError {
  constructor(what: NotFoundThing, shown = what.replace(/_/g, ' ')) {
    super('not_found', `not_found.${what}`, `${shown} not found`);
  }
}

export class Forbidden<C extends CodeOf<'forbidden'> = CodeOf<'forbidden'>> extends DomainError {
  constructor(code: C, message: string, ...params: ParamsArg<C>) {
    super('forbidden', code, message, params[0]);
  }
}

export class Unauthorized<C extends CodeOf<'unauthorized'> = CodeOf<'unauthorized'>> extends DomainError {
  constructor(code: C, message: string) {
    super('unauthorized', code, message);
  }
}

/** Backpressure: refused before anything was done or stored; the client retries later (503 + Retry-After). */
export class Overloaded extends DomainError {
  constructor(code: CodeOf<'overloaded'>, message: string) {
    super('overloaded', code, message);
  }
}
