import { BadUserInputError } from '@common-ground/shared/graphql';

/**
 * The edge between a service and GraphQL: a BAD_USER_INPUT a service raises names its command's
 * fields (`note`, `fundingGoal.amountMinor`); the client sent them as `input.note`. Runs the
 * work and puts the argument's name in front of every field, keeping the error's other details
 * (its reason).
 */
export async function atInput<T>(work: () => Promise<T>, argument = 'input'): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    const mapped = new BadUserInputError(error.fields.map((f) => ({ field: `${argument}.${f.field}`, message: f.message })));
    const { fields: _fields, ...rest } = error.details;
    Object.assign(mapped.details, rest);
    throw mapped;
  }
}
