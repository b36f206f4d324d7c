import { LibShape } from '@common-ground/shared/testing';

const shape = new LibShape(__dirname);
const tablesOf = (lib: string): string[] => shape.tablesOf(lib);

describe('the pledges lib keeps to the lib shape', () => {
  it('finds the lower libs’ tables (the check below is not empty)', () => {
    expect(tablesOf('solutions')).toEqual(expect.arrayContaining(['solutions', 'solution_capacity_needs']));
    expect(tablesOf('identity')).toEqual(expect.arrayContaining(['organisations', 'organisation_members']));
  });

  it('names no table of solutions, problems or identity in its SQL: it keeps their totals through SolutionPledgeTotals', () => {
    const foreign = [...tablesOf('solutions'), ...tablesOf('problems'), ...tablesOf('identity')];
    expect(shape.sqlNaming(foreign)).toEqual([]);
  });

  it('has services that know nothing of GraphQL: no @nestjs/graphql, no input classes, no input.x paths', () => {
    expect(shape.services.length).toBeGreaterThan(3);
    expect(shape.servicesShapedByGraphQL()).toEqual([]);
  });

  it('registers its GraphQL enums only in model files, and keeps one input per file', () => {
    expect(shape.enumRegistrars().every((file) => file.endsWith('.model.ts'))).toBe(true);
    const inputs = shape.classesPerInputFile();
    expect(inputs).toEqual(inputs.map(() => 1));
  });
});
