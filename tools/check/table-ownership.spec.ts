import { createdTables, entityTables, isExempt, libOf, mayName, sqlTableReferences } from './table-ownership';

const tables = (source: string): string[] => sqlTableReferences(source).map((r) => `${r.line}:${r.table}`);

describe('sqlTableReferences', () => {
  it('finds the table after each keyword, quoted or not, in strings and templates', () => {
    const source = [
      "await manager.query('SELECT 1 FROM problems WHERE id = $1', [id]);",
      'await manager.query(`SELECT u.id FROM comments c JOIN "users" u ON u.id = c.author_id`);',
      "await manager.query('INSERT INTO public.problem_events (kind) VALUES ($1)');",
      'await manager.query("UPDATE areas SET name = $1");',
      'await queryRunner.query(`ALTER TABLE \\"solutions\\" ADD CONSTRAINT fk FOREIGN KEY (problem_id) REFERENCES \\"problems\\"(\\"id\\")`);',
      'await manager.query(`SELECT count(*) FROM ${table} t',
      '  JOIN organisation_members m ON m.user_id = t.author_id`);',
      "await manager.query('select id from categories where code = $1');",
    ].join('\n');
    expect(tables(source)).toEqual([
      '1:problems',
      '2:comments',
      '2:users',
      '3:problem_events',
      '4:areas',
      '5:problems',
      '5:solutions',
      '7:organisation_members',
      '8:categories',
    ]);
  });

  it('finds a bare table name given to a property or variable called table', () => {
    const source = ["const T = { table: 'problems', what: 'Problem' };", "const tableName = 'users';", "const label = 'users';"].join('\n');
    expect(tables(source)).toEqual(['1:problems', '2:users']);
  });

  it('does not read comments, messages or descriptions', () => {
    const source = [
      '// SELECT status FROM problems: read from the problems lib instead',
      '/** Reads FROM users through the identity lib. */',
      "throw new ConflictError('Moved from the problems lib into users of the solutions lib');",
      "const description = 'DELETE it from the problems list, then join users to it';",
      'const message = `Flagged by ${count} users from problems`;',
      "const key = 'organisations-by-id';",
    ].join('\n');
    expect(tables(source)).toEqual([]);
  });

  it('skips SQL words that are not tables', () => {
    expect(tables("q('SELECT x FROM unnest($1::int[]) AS x JOIN LATERAL (SELECT 1) y ON true')")).toEqual([]);
  });
});

describe('entities and migrations', () => {
  it('reads the table of each entity', () => {
    expect(entityTables("@Entity('problems')\nclass A {}\n@Entity({ name: 'problem_supports' })\nclass B {}")).toEqual(['problems', 'problem_supports']);
  });

  it('reads the tables a migration creates', () => {
    expect(createdTables('q(`CREATE TABLE "timeline_event_kinds" (...)`); q(`CREATE TABLE IF NOT EXISTS "typeorm_metadata" (...)`)')).toEqual([
      'timeline_event_kinds',
      'typeorm_metadata',
    ]);
  });
});

describe('ownership rules', () => {
  it('names the lib of a path', () => {
    expect(libOf('solutions/src/comment.service.ts')).toBe('solutions');
    expect(libOf('shared/database/src/lean-reader.ts')).toBe('shared/database');
  });

  it('lets anyone name a shared table, a domain table only its owner', () => {
    expect(mayName('solutions', 'shared/database')).toBe(true);
    expect(mayName('solutions', 'solutions')).toBe(true);
    expect(mayName('solutions', 'problems')).toBe(false);
    expect(mayName('shared/testing', 'identity')).toBe(false);
  });

  it('exempts specs, migrations and the bench', () => {
    expect(isExempt('libs/solutions/src/vote.service.spec.ts')).toBe(true);
    expect(isExempt('libs/shared/database/src/migrations/1795874454304-CreateIdentity.ts')).toBe(true);
    expect(isExempt('bench/src/run.ts')).toBe(true);
    expect(isExempt('libs/solutions/src/vote.service.ts')).toBe(false);
  });
});
