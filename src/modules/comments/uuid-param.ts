import { Param, ParseUUIDPipe } from '@nestjs/common';
import { InvalidInput } from '../../common/errors/domain-error';

/** A route parameter that must be a UUID (400 naming it otherwise). */
export const UuidParam = (name: string) =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput('request.bad_uuid', `${name} must be a UUID`, { field: name }) }));
