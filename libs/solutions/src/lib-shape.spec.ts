import { LibShape } from '@common-ground/shared/testing';

const shape = new LibShape(__dirname);
const tablesOf = (lib: string): string[] => shape.tablesOf(lib);

describe('the solutions lib keeps to the lib shape', () => {
  it('finds the lower libs’ tables (the check below is not empty)', () => {
    expect(tablesOf('problems')).toEqual(expect.arrayContaining(['problems', 'problem_supports']));
    expect(tablesOf('identity')).toEqual(expect.arrayContaining(['users', 'organisation_members']));
  });

  it('names no table of problems or identity in its SQL: it reads them through their services', () => {
    const foreign = [...tablesOf('problems'), ...tablesOf('identity')];
    expect(shape.sqlNaming(foreign)).toEqual([]);
  });

  it('has services that know nothing of GraphQL: no @nestjs/graphql, no input classes, no input.x paths', () => {
    expect(shape.services.length).toBeGreaterThan(4);
    expect(shape.servicesShapedByGraphQL()).toEqual([]);
  });

  it('registers its GraphQL enums only in model files, and keeps one input per file', () => {
    expect(shape.enumRegistrars().every((file) => file.endsWith('.model.ts'))).toBe(true);
    const inputs = shape.classesPerInputFile();
    expect(inputs).toEqual(inputs.map(() => 1));
  });
});
