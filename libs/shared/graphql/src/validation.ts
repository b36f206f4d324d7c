import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputError, FieldProblem } from './errors';

/** Flattens class-validator errors into `{ field: 'input.location.lat', message }` entries. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: `${message}` }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/**
 * Validates every resolver argument that is a class (inputs and args). Errors become
 * BAD_USER_INPUT naming each offending field, prefixed with the argument's name
 * (`input.title`), so a client can point at the field.
 */
@Injectable()
export class GraphQLValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidUnknownValues: false,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new BadUserInputError(fieldProblems(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof BadUserInputError && metadata.data && metadata.type !== 'custom') {
        throw new BadUserInputError(error.fields.map((f) => ({ ...f, field: `${metadata.data}.${f.field}` })));
      }
      throw error;
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For `id: ID!` arguments: anything but a UUID is BAD_USER_INPUT naming the argument. */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
    throw BadUserInputError.field(metadata.data ?? 'id', 'must be a UUID');
  }
}

/** The same check for lists of ids. */
@Injectable()
export class ParseIdsPipe implements PipeTransform<unknown, string[]> {
  transform(value: unknown, metadata: ArgumentMetadata): string[] {
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' && UUID.test(v))) {
      return value.map((v: string) => v.toLowerCase());
    }
    throw BadUserInputError.field(metadata.data ?? 'ids', 'must be a list of UUIDs');
  }
}
