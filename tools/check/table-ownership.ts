import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';

/**
 * CI: each table has one owner. A lib reads or writes another lib's tables only through that
 * lib's exported services or ports, never with SQL of its own. The owner of a table is the lib
 * whose `*.entity.ts` declares `@Entity('name')`; tables that only a migration creates get
 * their owner from {@link TABLES_WITHOUT_ENTITY}. Tables of a `shared/*` lib may be named by
 * any lib; a domain lib's tables only by that lib. Migrations (one history for every lib),
 * specs and the bench are exempt.
 */

/** Tables no entity declares (created by TypeORM or a migration only), with their owner. */
export const TABLES_WITHOUT_ENTITY: Readonly<Record<string, string>> = {
  migrations: 'shared/database', // TypeORM's migration history (`migrationsTableName`)
  typeorm_metadata: 'shared/database', // TypeORM's own bookkeeping, created by the first migration
};

export interface TableReference {
  readonly line: number;
  readonly table: string;
}

export interface Finding extends TableReference {
  readonly file: string;
  readonly lib: string;
  readonly owner: string;
}

/** A literal worth scanning: it reads like SQL (an upper-case keyword, or a statement start). */
const SQL_LOOKING =
  /\b(SELECT|INSERT|UPDATE|DELETE|WITH|FROM|JOIN|INTO|TABLE|REFERENCES|ALTER|CREATE|TRUNCATE)\b|^\s*(select|insert|update|delete|with|alter|create|truncate)\s/;

/** SQL written in lower case: then its keywords are matched in any case. */
const LOWER_CASE_SQL = /^\s*(select|insert|update|delete|with|alter|create|truncate)\s/;

/** A keyword that is followed by a table name, then the (optionally quoted, schema-qualified) name. */
const TABLE_AFTER =
  '\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\\s+(?:ONLY\\s+)?(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?(?:\\\\?"?public\\\\?"?\\.)?\\\\?"?([A-Za-z_][A-Za-z0-9_]*)';
/** Upper-case keywords only, so that a message saying "UPDATE it from the problems lib" names no table. */
const TABLE_AFTER_UPPER_KEYWORD = new RegExp(TABLE_AFTER, 'g');
const TABLE_AFTER_ANY_KEYWORD = new RegExp(TABLE_AFTER, 'gi');

/** Words after FROM/INTO/… that are SQL, not a table (`DELETE FROM`, `SELECT … FROM LATERAL`, `FROM unnest(…)` …). */
const NOT_TABLES = new Set([
  'lateral',
  'only',
  'select',
  'values',
  'unnest',
  'generate_series',
  'jsonb_array_elements',
  'json_array_elements',
  'jsonb_to_recordset',
  'set',
  'if',
]);

/** `@Entity('name')` (or `@Entity({ name: 'name' })`) in an entity file. */
export function entityTables(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/@Entity\(\s*(?:['"`]([a-z0-9_]+)['"`]|\{[^}]*\bname:\s*['"`]([a-z0-9_]+)['"`])/g)) {
    names.push(match[1] ?? match[2]);
  }
  return names;
}

/** Tables that a migration creates. */
export function createdTables(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:\\?"?public\\?"?\.)?\\?"?([a-z_][a-z0-9_]*)/gi)) {
    names.add(match[1]);
  }
  return [...names];
}

/**
 * Every table name that SQL in this source names: the string and template literals that look
 * like SQL, scanned for `FROM x`, `JOIN x`, `INTO x`, `UPDATE x`, `TABLE x`, `REFERENCES x`.
 * Comments and ordinary messages are not SQL and are not read.
 */
export function sqlTableReferences(source: string, fileName = 'source.ts'): TableReference[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = new Map<string, TableReference>();
  const scan = (node: ts.Node, text: string, lowerCase: boolean): void => {
    // The raw text between the quotes keeps the source's line breaks, so positions map to lines.
    const start = node.getStart(file);
    for (const match of text.matchAll(lowerCase ? TABLE_AFTER_ANY_KEYWORD : TABLE_AFTER_UPPER_KEYWORD)) {
      const table = match[1].toLowerCase();
      if (NOT_TABLES.has(table)) continue;
      const line = file.getLineAndCharacterOfPosition(start + (match.index ?? 0)).line + 1;
      found.set(`${line}:${table}`, { line, table });
    }
  };
  const add = (node: ts.Node, table: string): void => {
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    found.set(`${line}:${table}`, { line, table });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const raw = node.getText(file);
      const text = raw.slice(1, -1);
      if (SQL_LOOKING.test(text)) scan(node, raw, LOWER_CASE_SQL.test(text));
      else if (TABLE_NAME.test(text) && namesATable(node)) add(node, text);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const parts: ts.Node[] = [node.head, ...node.templateSpans.map((span) => span.literal)];
      const whole = parts
        .map((part) => part.getText(file))
        .join(' ')
        .slice(1);
      if (SQL_LOOKING.test(whole)) for (const part of parts) scan(part, part.getText(file), LOWER_CASE_SQL.test(whole));
      for (const span of node.templateSpans) visit(span.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...found.values()].sort((a, b) => a.line - b.line || a.table.localeCompare(b.table));
}

/** A bare identifier, as a table name is. */
const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * A bare name given to a property or variable called `table` (`{ table: 'problems' }`, `const
 * tableName = 'users'`): SQL built with `FROM ${table}` names it just as well.
 */
function namesATable(literal: ts.Node): boolean {
  const parent = literal.parent;
  const name =
    (ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === literal
      ? parent.name.getText()
      : undefined;
  return name !== undefined && /^['"]?(table|tableName|table_name)['"]?$/i.test(name);
}

const isShared = (lib: string): boolean => lib.startsWith('shared/');

/** The lib a path under `libs/` belongs to: `problems`, or `shared/database`. */
export function libOf(pathFromLibs: string): string {
  const [first, second] = pathFromLibs.split(/[\\/]/);
  return first === 'shared' ? `shared/${second}` : first;
}

/** Whether a file is exempt from the check (specs, migrations, tests' own folders). */
export function isExempt(pathFromRoot: string): boolean {
  const path = pathFromRoot.split(sep).join('/');
  return (
    !path.endsWith('.ts') ||
    path.endsWith('.d.ts') ||
    /\.(spec|e2e-spec|fuzz-spec|faults-spec)\.ts$/.test(path) ||
    path.includes('/migrations/') ||
    path.startsWith('bench/')
  );
}

/** Whether SQL in `lib` may name a table owned by `owner`. */
export function mayName(lib: string, owner: string): boolean {
  return owner === lib || isShared(owner);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

export interface Ownership {
  readonly owners: ReadonlyMap<string, string>;
  readonly problems: readonly string[];
}

/** Every table's owner, from the entities and the map above; tables with two owners or none are problems. */
export function tableOwners(root: string): Ownership {
  const owners = new Map<string, string>();
  const problems: string[] = [];
  const libs = join(root, 'libs');
  const files = filesUnder(libs).map((path) => relative(libs, path));
  for (const path of files.filter((p) => p.endsWith('.entity.ts'))) {
    const lib = libOf(path);
    for (const table of entityTables(readFileSync(join(libs, path), 'utf8'))) {
      const owner = owners.get(table);
      if (owner !== undefined && owner !== lib) problems.push(`table ${table} has two owners: ${owner} and ${lib}`);
      owners.set(table, lib);
    }
  }
  for (const [table, lib] of Object.entries(TABLES_WITHOUT_ENTITY)) {
    const owner = owners.get(table);
    if (owner !== undefined && owner !== lib) problems.push(`table ${table} has two owners: ${owner} (entity) and ${lib} (TABLES_WITHOUT_ENTITY)`);
    if (owner === undefined) owners.set(table, lib);
  }
  for (const path of files.filter((p) => p.split(sep).join('/').includes('/migrations/') && p.endsWith('.ts'))) {
    for (const table of createdTables(readFileSync(join(libs, path), 'utf8'))) {
      if (!owners.has(table)) {
        problems.push(
          `table ${table} (created in libs/${path.split(sep).join('/')}) has no owner: declare its entity, or add it to TABLES_WITHOUT_ENTITY in tools/check/table-ownership.ts`,
        );
      }
    }
  }
  return { owners, problems: [...new Set(problems)] };
}

/** Every place where SQL in one lib names a table another domain lib owns. */
export function findViolations(root: string, owners: ReadonlyMap<string, string>): Finding[] {
  const findings: Finding[] = [];
  const libs = join(root, 'libs');
  for (const path of filesUnder(libs)) {
    const fromRoot = relative(root, path);
    if (isExempt(fromRoot)) continue;
    const lib = libOf(relative(libs, path));
    for (const { line, table } of sqlTableReferences(readFileSync(path, 'utf8'), path)) {
      const owner = owners.get(table);
      if (owner === undefined || mayName(lib, owner)) continue;
      findings.push({ file: fromRoot.split(sep).join('/'), line, table, lib, owner });
    }
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function main(): void {
  const root = process.cwd();
  const { owners, problems } = tableOwners(root);
  const findings = findViolations(root, owners);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  for (const f of findings) {
    process.stderr.write(`${f.file}:${f.line}: ${f.table} (owned by ${f.owner}, named in ${f.lib})\n`);
  }
  if (problems.length > 0 || findings.length > 0) {
    process.stderr.write(`\n${findings.length} reference(s) to another lib's table. Read or write it through that lib's exported service or a port.\n`);
    process.exit(1);
  }
  process.stdout.write(`Each of ${owners.size} tables is named only by its owner (or is shared).\n`);
}

if (require.main === module) main();
