import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The tables of the libs below this one, from their entities. */
function tablesOf(lib: string): string[] {
  const dir = join(__dirname, '..', '..', lib, 'src');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.entity.ts'))
    .flatMap((file) => [...readFileSync(join(dir, file), 'utf8').matchAll(/@Entity\('([a-z_]+)'\)/g)].map((match) => match[1]));
}

const sources = readdirSync(__dirname)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
  .map((file) => ({ file, text: readFileSync(join(__dirname, file), 'utf8') }));

describe('the actions lib keeps to the lib shape', () => {
  it('finds the lower libs’ tables (the check below is not empty)', () => {
    expect(tablesOf('problems')).toEqual(expect.arrayContaining(['problems', 'problem_supports']));
    expect(tablesOf('solutions')).toEqual(expect.arrayContaining(['solutions', 'comments', 'solution_votes']));
    expect(tablesOf('identity')).toEqual(expect.arrayContaining(['users', 'organisation_members']));
  });

  it('names no table of solutions, problems or identity in its SQL: it reads them through their services', () => {
    const foreign = [...tablesOf('solutions'), ...tablesOf('problems'), ...tablesOf('identity')];
    const sqlWords = /\b(?:FROM|JOIN|UPDATE|INTO)\s+([a-z_]+)/gi;
    const offending = sources.flatMap(({ file, text }) =>
      [...text.matchAll(sqlWords)].filter((match) => foreign.includes(match[1])).map((match) => `${file}: ${match[0]}`),
    );
    expect(offending).toEqual([]);
  });

  it('has services that know nothing of GraphQL: no @nestjs/graphql, no input classes, no input.x paths', () => {
    const services = sources.filter(({ file }) => file.endsWith('.service.ts'));
    expect(services.length).toBeGreaterThan(4);
    const offending = services.filter(({ text }) => /@nestjs\/graphql|\.input'|\.args'|'input\./.test(text)).map(({ file }) => file);
    expect(offending).toEqual([]);
  });

  it('registers its GraphQL enums only in model files, and keeps one input per file', () => {
    const registering = sources.filter(({ text }) => text.includes('registerEnumType(')).map(({ file }) => file);
    expect(registering.every((file) => file.endsWith('.model.ts'))).toBe(true);
    const inputs = sources.filter(({ file }) => file.endsWith('.input.ts'));
    expect(inputs.map(({ text }) => (text.match(/^export (?:abstract )?class /gm) ?? []).length)).toEqual(inputs.map(() => 1));
  });
});
