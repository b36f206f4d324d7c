import { ArgumentMetadata, Injectable, PipeTransform, Type, ValidationError, ValidationPipe } from '@nestjs/common';
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
 * Validates resolver arguments that are classes (inputs and args); this lib's `@Args` attaches
 * it to every argument. Errors become BAD_USER_INPUT naming each offending field, prefixed with
 * the argument's name (`input.title`), so a client can point at the field.
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

  /**
   * Valid argument values already transformed, by argument class and JSON: a field resolver's
   * arguments are the same for every parent row of a list (and for most requests), so each
   * distinct small value is validated once. Bounded; errors are never cached.
   */
  private readonly valid = new Map<Type<unknown>, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    const key = metatype && this.toValidate(metadata) ? memoKey(value) : undefined;
    const known = metatype && key !== undefined ? this.valid.get(metatype)?.get(key) : undefined;
    if (known) return copy(known);
    const checked = metadata.type !== 'custom';
    try {
      // Named from the argument down; the argument's name is put in front below. Lone surrogates
      // before validating (validators may throw on them), NUL characters after the transform, by
      // which fields that clean their text (@CleanText) have dropped control characters.
      const unusable = checked ? unusableValue(value, '', { nul: false }) : undefined;
      if (unusable) throw new BadUserInputError(unusable);
      const result: unknown = await super.transform(value, metadata);
      const unclean = checked ? unusableValue(result, '') : undefined;
      if (unclean) throw new BadUserInputError(unclean);
      if (metatype && key !== undefined && typeof result === 'object' && result !== null) this.remember(metatype, key, result);
      return result;
    } catch (error) {
      const argument = metadata.data;
      if (error instanceof BadUserInputError && argument && metadata.type !== 'custom') {
        throw new BadUserInputError(error.fields.map((f) => ({ ...f, field: f.field ? `${argument}.${f.field}` : argument })));
      }
      throw error;
    }
  }

  /** The valid, transformed copy of a value validated before (synchronously), or undefined. */
  known<T>(metatype: Type<T>, value: unknown): T | undefined {
    const key = memoKey(value);
    const known = key === undefined ? undefined : this.valid.get(metatype)?.get(key);
    return known ? (copy(known) as T) : undefined;
  }

  private remember(metatype: Type<unknown>, key: string, result: object): void {
    const byJson = this.valid.get(metatype) ?? new Map<string, object>();
    if (byJson.size >= MEMO_MAX_ENTRIES) byJson.clear();
    byJson.set(key, copy(result));
    this.valid.set(metatype, byJson);
  }
}

/** The smallest normal double; smaller non-zero magnitudes underflow in PostgreSQL's arithmetic. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * The first value no field may hold, wherever it sits in an argument: a string with a NUL
 * character or a lone surrogate (neither can be stored as UTF-8 text) or a non-zero number too
 * small to compute with. Named by its path, e.g. `filter.categoryCodes.0`. `nul: false` leaves
 * NUL characters to a later check.
 */
export function unusableValue(value: unknown, path: string, options: { nul?: boolean } = {}): FieldProblem | undefined {
  if (typeof value === 'string') {
    if (options.nul !== false && value.includes('\u0000')) return { field: path, message: 'must not contain NUL characters' };
    if (!value.isWellFormed()) return { field: path, message: 'must be valid Unicode (no lone surrogates)' };
    return undefined;
  }
  if (typeof value === 'number') {
    return value !== 0 && Math.abs(value) < MIN_NORMAL ? { field: path, message: 'is too small a number' } : undefined;
  }
  if (typeof value !== 'object' || value === null || value instanceof Date) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = unusableValue(item, path ? `${path}.${key}` : key, options);
    if (found) return found;
  }
  return undefined;
}

const MEMO_MAX_JSON = 512;
const MEMO_MAX_ENTRIES = 1000;

/** The JSON of a small, flat object (no nested objects or lists), or undefined when it is not one. */
function memoKey(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (Object.values(value).some((v) => typeof v === 'object' && v !== null)) return undefined;
  const json = JSON.stringify(value);
  return json.length <= MEMO_MAX_JSON ? json : undefined;
}

/** A shallow copy with the same class, so no caller shares (or changes) another's arguments. */
function copy<T extends object>(value: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(value) as object | null) as T, value);
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
