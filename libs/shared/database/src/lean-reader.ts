import { EntityManager, ObjectLiteral, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

type ColumnMetadata = Repository<ObjectLiteral>['metadata']['columns'][number];

/**
 * Reads whole entities with plain SQL: the column list is built once from the entity's metadata
 * and rows are mapped by hand (with the columns' transformers), skipping TypeORM's query
 * building and hydration on hot reads. Only for entities whose column values pg already parses
 * as TypeORM would (no enum arrays, no embedded or relation-only columns). The same list serves
 * as an INSERT's RETURNING clause, so a created row is answered from what its transaction wrote.
 */
export class LeanReader<Entity extends ObjectLiteral> {
  private readonly columns: readonly ColumnMetadata[];
  private readonly selectList: string;

  constructor(private readonly repository: Repository<Entity>) {
    this.columns = repository.metadata.columns.filter((column) => column.isSelect && !column.isVirtual);
    for (const column of this.columns) {
      if (column.isArray && column.type === 'enum') {
        throw new Error(`LeanReader cannot read ${repository.metadata.name}.${column.propertyName} (an enum array)`);
      }
      if (column.embeddedMetadata) throw new Error(`LeanReader cannot read the embedded ${repository.metadata.name}.${column.propertyName}`);
    }
    this.selectList = this.columns.map((column) => `"${column.databaseName}" AS "${column.propertyName}"`).join(', ');
  }

  /** The table read. */
  get table(): string {
    return this.repository.metadata.tableName;
  }

  private readonly listsByAlias = new Map<string, string>();

  /** The SELECT list of every column of the row aliased `alias`, named by property (for {@link fromRow}); built once per alias. */
  columnsOf(alias: string): string {
    let list = this.listsByAlias.get(alias);
    if (list === undefined) {
      list = this.columns.map((column) => `${alias}."${column.databaseName}" AS "${column.propertyName}"`).join(', ');
      this.listsByAlias.set(alias, list);
    }
    return list;
  }

  /**
   * The rows matching a condition with positional parameters, e.g. `id = ANY($1::uuid[])`; with
   * `manager`, in its transaction (the condition may then end in `ORDER BY id FOR UPDATE`).
   */
  async where(condition: string, parameters: unknown[], manager?: EntityManager): Promise<Entity[]> {
    const rows: Record<string, unknown>[] = await (manager ?? this.repository).query(
      `SELECT ${this.selectList} FROM "${this.repository.metadata.tableName}" WHERE ${condition}`,
      parameters,
    );
    return rows.map((row) => this.fromRow(row));
  }

  /**
   * Inserts one row in the manager's transaction and returns it as written, every column from
   * the statement's RETURNING clause (defaults and generated columns included): no read after
   * the insert, nor after the commit. `parameters` are for SQL-expression values.
   */
  async insert(manager: EntityManager, values: QueryDeepPartialEntity<Entity>, parameters: Record<string, unknown> = {}): Promise<Entity> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(this.repository.target)
      .values(values)
      .setParameters(parameters)
      .returning(this.selectList)
      .updateEntity(false)
      .execute();
    const [row] = result.raw as Record<string, unknown>[];
    if (!row) throw new Error(`INSERT INTO ${this.repository.metadata.tableName} returned no row`);
    return this.fromRow(row);
  }

  /** The entity of a row selected with {@link columnsOf} (or this reader's own list). */
  fromRow(row: Record<string, unknown>): Entity {
    const entity = this.repository.metadata.create() as Entity;
    for (const column of this.columns) {
      const value = row[column.propertyName];
      const transformer = column.transformer;
      (entity as Record<string, unknown>)[column.propertyName] = transformer && !Array.isArray(transformer) && value !== null ? transformer.from(value) : value;
    }
    return entity;
  }
}

/**
 * Rows of an entity as JSON inside another statement (a LATERAL first page, a joined user): the
 * JSON object of the chosen columns, and the entity read back from it, with JSON's strings for
 * timestamps made Dates again and the columns' transformers applied. Only the columns named are
 * read, so a secret column (a password hash) is never part of a JSON row.
 */
export class JsonRows<Entity extends ObjectLiteral> {
  private readonly columns: readonly ColumnMetadata[];

  constructor(repository: Repository<Entity>, properties: readonly (keyof Entity & string)[]) {
    const byProperty = new Map(repository.metadata.columns.map((column) => [column.propertyName, column]));
    this.columns = properties.map((property) => {
      const column = byProperty.get(property);
      if (!column || column.embeddedMetadata) throw new Error(`JsonRows cannot read ${repository.metadata.name}.${property}`);
      return column;
    });
  }

  private readonly objectsByAlias = new Map<string, string>();

  /** Every column a query reads of the entity (as LeanReader does): for rows that hold no secret. */
  static ofAllColumns<Entity extends ObjectLiteral>(repository: Repository<Entity>): JsonRows<Entity> {
    const properties = repository.metadata.columns.filter((column) => column.isSelect && !column.isVirtual).map((column) => column.propertyName);
    return new JsonRows(repository, properties as (keyof Entity & string)[]);
  }

  /** `json_build_object(...)` of the columns of the row aliased `alias`, keyed by property; built once per alias. */
  objectOf(alias: string): string {
    let object = this.objectsByAlias.get(alias);
    if (object === undefined) {
      // bigint as text: a JSON number would lose digits beyond 2^53 before the transformer sees it.
      const value = (column: ColumnMetadata) => `${alias}."${column.databaseName}"${column.type === 'bigint' || column.type === 'int8' ? '::text' : ''}`;
      object = `json_build_object(${this.columns.map((column) => `'${column.propertyName}', ${value(column)}`).join(', ')})`;
      this.objectsByAlias.set(alias, object);
    }
    return object;
  }

  /** The entity (with only the chosen columns) of a JSON object made by {@link objectOf}. */
  fromJson(json: Record<string, unknown>): Entity {
    const entity: Record<string, unknown> = {};
    for (const column of this.columns) {
      let value = json[column.propertyName] ?? null;
      if (value !== null && isTimestamp(column)) value = new Date(value as string);
      const transformer = column.transformer;
      entity[column.propertyName] = transformer && !Array.isArray(transformer) && value !== null ? transformer.from(value) : value;
    }
    return entity as Entity;
  }
}

function isTimestamp(column: ColumnMetadata): boolean {
  const type = typeof column.type === 'string' ? column.type : '';
  return column.type === Date || type.startsWith('timestamp') || type === 'date' || column.isCreateDate || column.isUpdateDate;
}
