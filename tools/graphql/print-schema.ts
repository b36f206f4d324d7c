import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { RESOLVERS } from '@common-ground/api';

const SCHEMA_FILE = join(process.cwd(), 'schema.graphql');

/**
 * Emits the sorted schema from the resolver classes alone (no database, no app).
 * `--check` fails when the committed schema.graphql differs.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS, { numberScalarMode: 'integer' });
  await app.close();
  const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      // missing counts as different
    }
    if (committed !== printed) {
      process.stderr.write('schema.graphql differs from the code. Run `npm run schema:print` and commit it.\n');
      process.exit(1);
    }
    process.stdout.write('schema.graphql matches the code.\n');
    return;
  }
  writeFileSync(SCHEMA_FILE, printed);
  process.stdout.write('Wrote schema.graphql\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
