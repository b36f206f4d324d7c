import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';

/** How many distinct statements are prepared at most; any statement beyond is sent unnamed. */
export const MAX_PREPARED_STATEMENTS = 500;

/**
 * Names for SQL texts, shared by every connection of a pool. TypeORM sends each statement
 * unnamed, so PostgreSQL parses and plans it on every execution; a named statement is parsed
 * once per connection, and its plan is cached. The app's statements are parameterised, so their
 * texts are few; the cap bounds what each connection (and its PostgreSQL backend) keeps.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly max = MAX_PREPARED_STATEMENTS) {}

  /** The name for this text, or undefined when the cap is reached and the text is new. */
  nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.max) {
      name = `cg_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
      this.names.set(text, name);
    }
    return name;
  }
}

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Makes a pg client send every statement that has parameters as a named (prepared) statement.
 * Statements without parameters (transaction control, DDL) stay unnamed.
 */
export function prepareStatements(client: ClientBase, names: StatementNames): void {
  const target = client as unknown as { query: Query };
  const query = target.query.bind(client) as Query;
  target.query = (config, values, callback) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const name = names.nameOf(config);
      if (name !== undefined) return callback === undefined ? query({ name, text: config, values }) : query({ name, text: config, values }, callback);
    }
    return query(config, values, callback);
  };
}
