import { ArgumentMetadata } from '@nestjs/common';
import { ConnectionArgs } from './pagination';
import { BadUserInputError } from './errors';
import { IsString } from 'class-validator';
import { CleanText } from './text';
import { GraphQLValidationPipe, unusableValue } from './validation';

class CleanedInput {
  @CleanText()
  @IsString()
  text: string;

  @IsString()
  code: string;
}

// As @nestjs/graphql hands over @Args() (its own numeric param type; anything but 'custom' is validated).
const ARGS: ArgumentMetadata = { type: 'body', metatype: ConnectionArgs };

describe('GraphQLValidationPipe', () => {
  it('validates the same small arguments once and hands every caller its own instance', async () => {
    const pipe = new GraphQLValidationPipe();
    const validate = jest.spyOn(pipe as unknown as { validate: () => unknown }, 'validate');
    const first = await pipe.transform({ first: 5 }, ARGS);
    const second = await pipe.transform({ first: 5 }, ARGS);
    expect(validate).toHaveBeenCalledTimes(1);
    expect(first).toBeInstanceOf(ConnectionArgs);
    expect(second).toBeInstanceOf(ConnectionArgs);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    (first as ConnectionArgs).first = 99;
    expect(await pipe.transform({ first: 5 }, ARGS)).toMatchObject({ first: 5 });
  });

  it('rejects invalid arguments every time, naming the field', async () => {
    const pipe = new GraphQLValidationPipe();
    for (let i = 0; i < 2; i++) {
      const error = await pipe.transform({ first: 101 }, ARGS).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadUserInputError);
      expect((error as BadUserInputError).fields.map((f) => f.field)).toEqual(['first']);
    }
  });

  it('refuses NUL characters left after cleaning and lone surrogates, naming the field under the argument', async () => {
    const pipe = new GraphQLValidationPipe();
    const input: ArgumentMetadata = { type: 'body', metatype: CleanedInput, data: 'input' };
    expect(await pipe.transform({ text: 'a\u0000b', code: 'X' }, input)).toEqual(Object.assign(new CleanedInput(), { text: 'ab', code: 'X' }));
    const nul = await pipe.transform({ text: 'ok', code: 'X\u0000' }, input).catch((e: unknown) => e);
    expect((nul as BadUserInputError).fields).toEqual([{ field: 'input.code', message: 'must not contain NUL characters' }]);
    const surrogate = await pipe.transform({ text: 'a\ud800', code: 'X' }, input).catch((e: unknown) => e);
    expect((surrogate as BadUserInputError).fields).toEqual([{ field: 'input.text', message: 'must be valid Unicode (no lone surrogates)' }]);
    const plain = await pipe.transform('a\u0000', { type: 'body', metatype: String, data: 'title' }).catch((e: unknown) => e);
    expect((plain as BadUserInputError).fields).toEqual([{ field: 'title', message: 'must not contain NUL characters' }]);
  });

  it('strips unknown properties from remembered values too', async () => {
    const pipe = new GraphQLValidationPipe();
    await pipe.transform({ first: 3, extra: 'x' }, ARGS);
    expect(await pipe.transform({ first: 3, extra: 'x' }, ARGS)).not.toHaveProperty('extra');
  });
});

describe('unusableValue', () => {
  it('names the first string with a NUL or a lone surrogate, or a number too small to compute with', () => {
    expect(unusableValue({ filter: { categoryCodes: ['ok', 'a\u0000b'] } }, '')).toEqual({
      field: 'filter.categoryCodes.1',
      message: 'must not contain NUL characters',
    });
    expect(unusableValue({ email: 'a\ud800@example.org' }, 'input')).toEqual({
      field: 'input.email',
      message: 'must be valid Unicode (no lone surrogates)',
    });
    expect(unusableValue({ near: { lat: 1, lng: 2, radiusMeters: 5e-324 } }, 'filter')).toEqual({
      field: 'filter.near.radiusMeters',
      message: 'is too small a number',
    });
    expect(unusableValue('a\u0000', 'title')).toEqual({ field: 'title', message: 'must not contain NUL characters' });
  });

  it('accepts ordinary values', () => {
    expect(unusableValue({ title: 'Café 😀', lat: 0, lng: -0.5, tiny: 2.5e-308, list: [1, 'x', null] }, 'input')).toBeUndefined();
  });
});
