import { ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidInput } from '../errors/domain-error';

/** Each refused field by its path (contact.email, corrections.0.text) with class-validator's messages. */
function describe(errors: ValidationError[], parent = ''): Array<{ path: string; messages: string[] }> {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const messages = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m.replace(e.property, path) : `${path}: ${m}`));
    return (messages.length ? [{ path, messages }] : []).concat(describe(e.children ?? [], path));
  });
}

/** Unknown fields are refused, types converted, and every problem named in one 400 message. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => {
    const problems = describe(errors);
    const message = problems.flatMap((p) => p.messages).join('; ') || 'invalid input';
    return new InvalidInput('validation', message, { fields: problems.map((p) => p.path) });
  },
});
