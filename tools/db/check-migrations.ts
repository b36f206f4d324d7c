import { schemaDiff } from './schema-diff';

/** CI: fails when the entities need SQL that no migration holds. */
async function main(): Promise<void> {
  const diff = await schemaDiff();
  if (diff.up.length > 0) {
    process.stderr.write(
      `Entities and migrations have drifted. A migration would need:\n\n${diff.up.join(';\n')};\n\n` +
        'Run `npm run db:migration:generate -- <VerbNoun>`, read the file, and commit it.\n',
    );
    process.exit(1);
  }
  process.stdout.write('Migrations match the entities.\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
