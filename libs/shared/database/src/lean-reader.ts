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

  /**
   * The rows matching a condition with positional parameters, e.g. `id = ANY($1::uuid[])`; with
   * `manager`, in its transaction (the condition may then end in `ORDER BY id FOR UPDATE`).
   */
  async where(condition: string, parameters: unknown[], manager?: EntityManager): Promise<Entity[]> {
    const rows: Record<string, unknown>[] = await (manager ?? this.repository).query(
      `SELECT ${this.selectList} FROM "${this.repository.metadata.tableName}" WHERE ${condition}`,
      parameters,
    );
    return rows.map((row) => this.hydrate(row));
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
    return this.hydrate(row);
  }

  private hydrate(row: Record<string, unknown>): Entity {
    const entity = this.repository.metadata.create() as Entity;
    for (const column of this.columns) {
      const value = row[column.propertyName];
      const transformer = column.transformer;
      (entity as Record<string, unknown>)[column.propertyName] = transformer && !Array.isArray(transformer) && value !== null ? transformer.from(value) : value;
    }
    return entity;
  }
}
