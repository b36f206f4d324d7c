import { BadUserInputError } from './errors';

/**
 * The same error with each field put under `prefix` (`email` becomes `input.email`, '' becomes
 * `input`); any other error as it is. Services name the fields of their command; the resolver, which knows where
 * the command came from, maps them onto the GraphQL path.
 */
export function underPath(error: unknown, prefix: string): unknown {
  if (!(error instanceof BadUserInputError) || prefix === '') return error;
  // A field of '' is the command as a whole: it becomes the argument itself (`input`).
  const mapped = new BadUserInputError(error.fields.map((f) => ({ ...f, field: [prefix, f.field].filter(Boolean).join('.') })));
  const { fields: _fields, ...rest } = error.details;
  Object.assign(mapped.details, rest);
  return mapped;
}

/**
 * Runs a service call from a resolver and maps its BadUserInputError fields onto the argument
 * they came from: `return atInput(() => this.users.create(command))` turns a refused `email`
 * into `input.email`. `prefix` is the argument's name (`input` unless given).
 */
export async function atInput<T>(work: Promise<T> | (() => Promise<T> | T), prefix = 'input'): Promise<T> {
  try {
    return await (typeof work === 'function' ? work() : work);
  } catch (error) {
    throw underPath(error, prefix);
  }
}
