import { Param, ParseUUIDPipe } from '@nestjs/common';
import { InvalidInput } from '../../../common/errors/domain-error';

/** A UUID route parameter; anything else is 400 naming the parameter. */
export const UuidParam = (name: string) => Param(name, new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput('request.bad_uuid', `${name} must be a UUID`, { field: name }) }));
