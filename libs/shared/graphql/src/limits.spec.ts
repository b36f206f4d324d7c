import { parse } from 'graphql';
import { countFields } from './limits';

describe('countFields', () => {
  it('counts every field selection, __typename and aliases included', () => {
    expect(countFields(parse('{ a: __typename b: __typename problems { edges { node { id } } } }'))).toBe(6);
  });

  it('counts fragments where they are spread, and every operation', () => {
    const document = parse(`
      query A { problem(id: "x") { ...P ...P ... on Problem { id } } }
      query B { me { id } }
      fragment P on Problem { id title }`);
    expect(countFields(document)).toBe(1 + 2 + 2 + 1 + 2);
  });

  it('follows no fragment cycle', () => {
    expect(countFields(parse('{ me { ...A } } fragment A on User { id ...B } fragment B on User { roles ...A }'))).toBe(3);
  });

  it('counts introspection as one field only when told to', () => {
    const document = parse('{ __schema { types { name fields { name } } } me { id } }');
    expect(countFields(document)).toBe(7);
    expect(countFields(document, { ignoreIntrospection: true })).toBe(3);
  });
});
