import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaDiff } from './schema-diff';

const MIGRATIONS_DIR = join(process.cwd(), 'libs/shared/database/src/migrations');

/** Writes `<timestamp>-<VerbNoun>.ts` with the SQL the entities need, and lists it in the history. */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    process.stderr.write('Usage: npm run db:migration:generate -- <VerbNoun>   (e.g. AddProblemTags)\n');
    process.exit(2);
  }
  const diff = await schemaDiff();
  if (diff.up.length === 0) {
    process.stdout.write('No changes: the migrations already match the entities.\n');
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const file = `${timestamp}-${name}`;
  const body = (queries: string[]) => queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  writeFileSync(
    join(MIGRATIONS_DIR, `${file}.ts`),
    `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${body(diff.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${body(diff.down)}
  }
}
`,
  );
  const indexPath = join(MIGRATIONS_DIR, 'index.ts');
  const index = readFileSync(indexPath, 'utf8')
    .replace(/\n+(export const MIGRATIONS = \[)/, `\nimport { ${className} } from './${file}';\n\n$1`)
    .replace(/export const MIGRATIONS = \[([^\]]*)\];/, (_, list: string) => {
      const items = list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return `export const MIGRATIONS = [\n${[...items, className].map((i) => `  ${i},`).join('\n')}\n];`;
    });
  writeFileSync(indexPath, index);
  process.stdout.write(`Wrote libs/shared/database/src/migrations/${file}.ts: read it before you commit.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
