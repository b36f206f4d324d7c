import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { generateFiles, GeneratorCallback, Tree } from '@nx/devkit';

export interface DomainLibOptions {
  name: string;
  after?: string;
  thing?: string;
  skipMigration?: boolean;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const RESERVED = new Set(['shared', 'api', 'api-e2e', 'tools']);
const ESLINT_CONFIG = 'eslint.config.cjs';
const DOMAINS_FILE = 'apps/api/src/domains.ts';
const ORDER = /const order = \[([^\]]*)\];/;

const pascal = (kebab: string) =>
  kebab
    .split('-')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
const camel = (kebab: string) => pascal(kebab)[0].toLowerCase() + pascal(kebab).slice(1);
const constant = (kebab: string) => kebab.replace(/-/g, '_').toUpperCase();
const alias = (lib: string) => `@common-ground/${lib}`;

/** Rewrites a JSON file in the repository's layout (two spaces), keeping its final newline or its lack of one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form JSON documents
function editJson(tree: Tree, path: string, edit: (json: any) => void): any {
  const text = tree.read(path, 'utf8') ?? fail(`${path} is missing`);
  const json = JSON.parse(text);
  edit(json);
  tree.write(path, JSON.stringify(json, null, 2) + (text.endsWith('\n') ? '\n' : ''));
  return json;
}

function fail(message: string): never {
  throw new Error(`lib:new: ${message}`);
}

/** The libs in their one-way order (eslint.config.cjs), lowest first. */
export function readOrder(source: string): string[] {
  const match = ORDER.exec(source);
  if (!match) fail(`${ESLINT_CONFIG} has no \`const order = [...]\``);
  return [...match[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

/** The order with `lib` in it: unchanged when it is already there, otherwise right after `after`. */
export function placeInOrder(order: readonly string[], lib: string, after: string): string[] {
  if (order.includes(lib)) return [...order];
  const at = order.indexOf(after);
  if (at < 0) fail(`--after ${after}: not in the order (${order.join(', ')})`);
  return [...order.slice(0, at + 1), lib, ...order.slice(at + 1)];
}

/** `paths` with the alias of `lib` inserted right after the alias of `previous` (else before the app's). */
export function withPath(paths: Record<string, string[]>, lib: string, previous: string[]): Record<string, string[]> {
  const entry: [string, string[]] = [alias(lib), [`libs/${lib}/src/index.ts`]];
  const entries = Object.entries(paths).filter(([key]) => key !== alias(lib));
  const anchor = [...previous]
    .reverse()
    .map(alias)
    .find((key) => key in paths);
  const at = anchor ? entries.findIndex(([key]) => key === anchor) + 1 : entries.findIndex(([key]) => key === alias('api'));
  entries.splice(at < 0 ? entries.length : at, 0, entry);
  return Object.fromEntries(entries);
}

/** domains.ts with the lib's import and its entry, placed after the highest lib below it that is registered. */
export function withDomain(source: string, lib: string, below: string[]): string {
  const Lib = pascal(lib);
  const LIB = constant(lib);
  if (source.includes(`'${alias(lib)}'`)) fail(`${DOMAINS_FILE} already registers ${alias(lib)}`);
  const lines = source.split('\n');
  const importAt = lines.findLastIndex((line) => /^import .* from '@common-ground\//.test(line));
  if (importAt < 0) fail(`${DOMAINS_FILE} imports no domain lib`);
  lines.splice(importAt + 1, 0, `import { ${LIB}_ENTITIES, ${LIB}_RESOLVERS, ${Lib}Module } from '${alias(lib)}';`);
  const listAt = lines.findIndex((line) => /^export const DOMAINS\b/.test(line));
  const endAt = lines.findIndex((line, i) => i > listAt && line === '];');
  if (listAt < 0 || endAt < 0) fail(`${DOMAINS_FILE} has no \`export const DOMAINS = [ ... ];\``);
  let at = listAt + 1;
  for (const lower of below) {
    const entryAt = lines.findIndex((line, i) => i > listAt && i < endAt && line.startsWith(`  { module: ${pascal(lower)}Module,`));
    if (entryAt >= 0) at = entryAt + 1;
  }
  lines.splice(at, 0, `  { module: ${Lib}Module, entities: ${LIB}_ENTITIES, resolvers: ${LIB}_RESOLVERS },`);
  return lines.join('\n');
}

/**
 * A domain lib in the shape of libs/README.md with one example thing, registered in the one list of
 * the app (domains.ts), the path aliases (tsconfig.base.json and .swcrc), the lint order and with
 * an e2e smoke spec; afterwards the migration of the example's table and the schema are generated.
 */
export default function domainLibGenerator(tree: Tree, options: DomainLibOptions): GeneratorCallback {
  const lib = options.name;
  if (!KEBAB.test(lib)) fail(`name "${lib}" must be kebab-case (pledges, street-lights)`);
  if (RESERVED.has(lib)) fail(`name "${lib}" is reserved`);
  if (tree.exists(`libs/${lib}`)) fail(`libs/${lib} already exists`);
  const thing = options.thing ?? (lib.length > 3 && lib.endsWith('s') && !lib.endsWith('ss') ? lib.slice(0, -1) : lib);
  if (!KEBAB.test(thing)) fail(`thing "${thing}" must be kebab-case`);
  const e2eSpec = `apps/api-e2e/src/${lib}.e2e-spec.ts`;
  if (tree.exists(e2eSpec)) fail(`${e2eSpec} already exists`);

  // The lint order decides which libs lie below the new one.
  const eslint = tree.read(ESLINT_CONFIG, 'utf8') ?? fail(`${ESLINT_CONFIG} is missing`);
  const current = readOrder(eslint);
  const existing = current.filter((scope) => scope !== 'shared' && tree.exists(`libs/${scope}/project.json`));
  const after = options.after ?? existing[existing.length - 1] ?? 'shared';
  if (current.includes(lib) && options.after && current[current.indexOf(lib) - 1] !== options.after) {
    fail(`${lib} is already in the order after ${current[current.indexOf(lib) - 1]}; change ${ESLINT_CONFIG} by hand to move it`);
  }
  const order = placeInOrder(current, lib, after);
  const below = order.slice(0, order.indexOf(lib));
  tree.write(ESLINT_CONFIG, eslint.replace(ORDER, `const order = [${order.map((s) => `'${s}'`).join(', ')}];`));

  const words = thing.replace(/-/g, ' ');
  const substitutions = {
    tmpl: '',
    lib,
    Lib: pascal(lib),
    LIB: constant(lib),
    thing,
    Thing: pascal(thing),
    thingCamel: camel(thing),
    thingsCamel: `${camel(thing)}s`,
    THING: constant(thing),
    thingWords: words,
    table: `${thing.replace(/-/g, '_')}s`,
  };
  generateFiles(tree, join(__dirname, 'files'), `libs/${lib}`, substitutions);
  generateFiles(tree, join(__dirname, 'e2e'), 'apps/api-e2e/src', substitutions);

  // Path aliases: tsconfig.base.json is the source, .swcrc the copy (npm run paths:check).
  const tsconfig = editJson(tree, 'tsconfig.base.json', (json) => {
    json.compilerOptions.paths = withPath(json.compilerOptions.paths, lib, below);
  });
  editJson(tree, '.swcrc', (json) => {
    json.jsc = { ...json.jsc, paths: tsconfig.compilerOptions.paths };
  });

  const domains = tree.read(DOMAINS_FILE, 'utf8') ?? fail(`${DOMAINS_FILE} is missing`);
  tree.write(DOMAINS_FILE, withDomain(domains, lib, below));

  return () => {
    if (options.skipMigration) return;
    const run = (command: string) => execSync(command, { stdio: 'inherit', cwd: tree.root });
    // One build for both tools (db:migration:generate and schema:print would build twice).
    run('npm run build');
    run(`"${process.execPath}" dist/tools/db/generate-migration.js Create${pascal(lib)}`);
    run(`"${process.execPath}" dist/tools/graphql/print-schema.js`);
  };
}
