import { ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidInput } from '../errors/domain-error';

function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m.replace(e.property, path) : `${path}: ${m}`));
    return own.concat(describe(e.children ?? [], path));
  });
}

/** Unknown fields are refused, types converted, and every problem named in one 400 message. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => new InvalidInput(describe(errors).join('; ') || 'invalid input'),
});
