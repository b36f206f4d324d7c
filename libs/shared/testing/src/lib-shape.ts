import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A file of a lib's source folder (specs left out). */
export interface LibSource {
  file: string;
  text: string;
}

/**
 * What a lib's own lib-shape spec checks of its source folder `dir` (libs/<lib>/src), read from
 * the files: the same reading for every lib, each spec stating its own expectations.
 */
export class LibShape {
  readonly sources: LibSource[];

  constructor(private readonly dir: string) {
    this.sources = readdirSync(dir)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
  }

  /** The tables of another lib (a sibling folder), from its entities. */
  tablesOf(lib: string): string[] {
    const other = join(this.dir, '..', '..', lib, 'src');
    return readdirSync(other)
      .filter((file) => file.endsWith('.entity.ts'))
      .flatMap((file) => [...readFileSync(join(other, file), 'utf8').matchAll(/@Entity\('([a-z_]+)'\)/g)].map((match) => match[1]));
  }

  /** `file: FROM table` for every SQL word of this lib's sources that names one of `tables`. */
  sqlNaming(tables: readonly string[]): string[] {
    const sqlWords = /\b(?:FROM|JOIN|UPDATE|INTO)\s+([a-z_]+)/gi;
    return this.sources.flatMap(({ file, text }) =>
      [...text.matchAll(sqlWords)].filter((match) => tables.includes(match[1])).map((match) => `${file}: ${match[0]}`),
    );
  }

  /** The lib's services. */
  get services(): LibSource[] {
    return this.sources.filter(({ file }) => file.endsWith('.service.ts'));
  }

  /** Services that know of GraphQL: @nestjs/graphql, input or args classes, `input.x` paths. */
  servicesShapedByGraphQL(): string[] {
    return this.services.filter(({ text }) => /@nestjs\/graphql|\.input'|\.args'|'input\./.test(text)).map(({ file }) => file);
  }

  /** The files that register GraphQL enums. */
  enumRegistrars(): string[] {
    return this.sources.filter(({ text }) => text.includes('registerEnumType(')).map(({ file }) => file);
  }

  /** How many classes each input file exports (one each, by the shape). */
  classesPerInputFile(): number[] {
    return this.sources.filter(({ file }) => file.endsWith('.input.ts')).map(({ text }) => (text.match(/^export (?:abstract )?class /gm) ?? []).length);
  }
}
