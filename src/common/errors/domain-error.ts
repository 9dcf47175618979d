/**
 * Errors thrown by domain code. Services never import Nest's HttpException: one filter maps these
 * kinds to HTTP statuses, so the same rule reads the same way over HTTP and over sockets.
 */
export type RuleId = `R${number}`;

export type DomainErrorKind = 'rule' | 'invalid' | 'conflict' | 'not_found' | 'forbidden' | 'unauthorized' | 'overloaded';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A rule R1..R20 refused the action; the message starts with the rule id (422). */
export class RuleViolation extends DomainError {
  constructor(
    readonly rule: RuleId,
    detail: string,
  ) {
    super('rule', `${rule}: ${detail}`);
  }
}

export class InvalidInput extends DomainError {
  constructor(message: string) {
    super('invalid', message);
  }
}

export class StateConflict extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'not allowed') {
    super('forbidden', message);
  }
}

export class Unauthorized extends DomainError {
  constructor(message = 'sign in required') {
    super('unauthorized', message);
  }
}

/** Backpressure: refused before anything was done or stored; the client retries later (503 + Retry-After). */
export class Overloaded extends DomainError {
  constructor(message: string) {
    super('overloaded', message);
  }
}
