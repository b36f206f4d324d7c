import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthenticatedUser, hasAnyRole, MODERATOR_ROLES } from '@common-ground/shared/auth';
import { LeanReader } from '@common-ground/shared/database';
import {
  attachPlanned,
  BadUserInputError,
  connection,
  ConnectionShape,
  cursorKeysSql,
  cursorScope,
  decodeCursor,
  encodeCursor,
  FieldPlans,
  orderBySql,
  pageOfRows,
  pageSize,
  PlannedColumn,
  plannedSelect,
  seekSql,
  SelectedField,
  SelectionInfo,
  SortKey,
  SqlParams,
} from '@common-ground/shared/graphql';
import { ListProblems, ProblemOrder } from './problem.commands';
import { OPEN_STATUSES } from './problem-status';
import { ProblemEntity } from './problem.entity';
import { readsExactPlaces, visibleAreaCondition } from './problem-visibility';

/** How many rows in list order a search reads before it searches the whole table. */
export const SEARCH_WINDOW = 2000;
/** Within this distance, open problems with a similar title are offered to support instead. */
export const SIMILAR_RADIUS_METRES = 500;
export const SIMILAR_LIMIT = 10;

/** Nearest-first cursors: the distance from the search point, then the id. */
const NEAREST_SCOPE = cursorScope('problems', [
  { name: 'distance', direction: 'ASC', type: 'float8' },
  { name: 'id', direction: 'ASC', type: 'uuid' },
]);

/** What a read was asked for: the fields selected on each problem, and the request they are planned for. */
export interface ProblemSelection {
  fields: readonly SelectedField[];
  context: unknown;
  info: SelectionInfo;
}

/** A problem as read: its row, with the values planned for its selected fields attached. */
export type ReadProblem = ProblemEntity;

/** The filters of a list as SQL over the alias `p`, with their parameters. */
interface Filtered {
  params: SqlParams;
  where: string[];
  /** The public or the exact location column, as the viewer searches. */
  earth: string;
}

/**
 * The read side of problems: every root read (`problem`, `problems`) is one statement built from
 * the selection — the problem's columns, and a column for each selected field that a planner
 * (of this lib or a higher one, see `FieldPlans`) can answer in the same statement: the reporter's
 * name, the first page of its solutions with their proposers. No query builder, no entity
 * hydration: plain SQL, sent as a prepared statement, rows mapped by `LeanReader`.
 *
 * Privacy is where it always is: the filters use the rules of problem-visibility.ts (public
 * points and areas, hidden problems unmatched by search), and the planned values pass through
 * the same field resolvers, which apply the visibility rules to them.
 */
@Injectable()
export class ProblemReader {
  private readonly rows: LeanReader<ProblemEntity>;

  constructor(
    @InjectRepository(ProblemEntity) private readonly problems: Repository<ProblemEntity>,
    private readonly plans: FieldPlans,
  ) {
    this.rows = new LeanReader(problems);
  }

  /** One problem with its planned fields; one statement. */
  async byId(id: string, selection: ProblemSelection): Promise<ReadProblem | null> {
    const params = new SqlParams();
    const idParam = params.add(id, 'uuid');
    const planned = this.planned(selection, params);
    const rows: Record<string, unknown>[] = await this.problems.query(
      `SELECT ${this.rows.columnsOf('p')}${plannedSelect(planned)} FROM problems p WHERE p.id = ${idParam}`,
      params.values,
    );
    return rows[0] ? this.read(rows[0], planned) : null;
  }

  /**
   * Filtered, ordered, keyset-paged. Officers search on exact points; everyone else on the
   * public ones, so a sensitive problem's exact place cannot be found by probing radii.
   */
  async page(args: ListProblems, viewer: AuthenticatedUser | undefined, selection: ProblemSelection): Promise<ConnectionShape<ReadProblem>> {
    const filter = args.filter ?? {};
    const order = args.orderBy ?? ProblemOrder.NEWEST;
    const filtered: Filtered = { params: new SqlParams(), where: [], earth: readsExactPlaces(viewer) ? 'p.location_earth' : 'p.public_earth' };
    const { params, where } = filtered;
    if (filter.areaId) where.push(visibleAreaCondition(viewer, params.add(filter.areaId, 'uuid'), () => params.add(viewer?.id, 'uuid')));
    if (filter.statuses?.length) where.push(`p.status = ANY(${params.add(filter.statuses, 'problem_status[]')})`);
    if (filter.categoryCodes?.length) where.push(`p.category_code = ANY(${params.add(filter.categoryCodes, 'text[]')})`);
    if (!filter.near) {
      if (order === ProblemOrder.NEAREST) throw BadUserInputError.field('orderBy', 'NEAREST needs filter.near');
      if (filter.search) return this.searchPage(filtered, filter.search, sortKeys(order), args, viewer, selection);
      return this.keysetPage(filtered, sortKeys(order), args, selection);
    }
    if (filter.search) {
      where.push(`p.search_vector @@ websearch_to_tsquery('english', ${params.add(filter.search, 'text')})`);
      where.push(...matchable(viewer, params));
    }
    const point = `ll_to_earth(${params.add(filter.near.lat, 'float8')}, ${params.add(filter.near.lng, 'float8')})`;
    const radius = params.add(filter.near.radiusMeters, 'float8');
    const withinRadius = [`earth_box(${point}, ${radius}) @> ${filtered.earth}`, `earth_distance(${point}, ${filtered.earth}) <= ${radius}`];
    if (order !== ProblemOrder.NEAREST) return this.keysetPage({ ...filtered, where: [...where, ...withinRadius] }, sortKeys(order), args, selection);
    return this.nearestPage(filtered, point, radius, withinRadius, args, selection);
  }

  /**
   * Open problems near a point whose titles look alike (trigram similarity), most alike first;
   * one statement. Hidden ones only for moderators and their reporters, as in searches.
   */
  async similar(
    title: string,
    location: { lat: number; lng: number },
    viewer: AuthenticatedUser | undefined,
    selection: ProblemSelection,
  ): Promise<ReadProblem[]> {
    const params = new SqlParams();
    const earth = readsExactPlaces(viewer) ? 'p.location_earth' : 'p.public_earth';
    const point = `ll_to_earth(${params.add(location.lat, 'float8')}, ${params.add(location.lng, 'float8')})`;
    const radius = params.add(SIMILAR_RADIUS_METRES, 'float8');
    const like = params.add(title, 'text');
    const where = [
      `p.status = ANY(${params.add(OPEN_STATUSES, 'problem_status[]')})`,
      `earth_box(${point}, ${radius}) @> ${earth}`,
      `earth_distance(${point}, ${earth}) <= ${radius}`,
      `similarity(p.title, ${like}) >= 0.3`,
      ...matchable(viewer, params),
    ];
    const planned = this.planned(selection, params);
    const rows = await this.query(
      `SELECT ${this.rows.columnsOf('p')}${plannedSelect(planned)} FROM problems p${whereSql(where)}
        ORDER BY similarity(p.title, ${like}) DESC, p.support_count DESC, p.id LIMIT ${params.add(SIMILAR_LIMIT, 'int')}`,
      params,
    );
    return rows.map((row) => this.read(row, planned));
  }

  /**
   * An officer's queue: open problems in the areas they are assigned to that they lead or that
   * nobody leads, highest priority first (the problems(orderBy: PRIORITY) order and cursors).
   */
  queue(officerId: string, args: { first?: number; after?: string }, selection: ProblemSelection): Promise<ConnectionShape<ReadProblem>> {
    const params = new SqlParams();
    const officer = params.add(officerId, 'uuid');
    const where = [
      `p.area_id IN (SELECT ao.area_id FROM area_officers ao WHERE ao.user_id = ${officer})`,
      `p.status = ANY(${params.add(OPEN_STATUSES, 'problem_status[]')})`,
      `(p.lead_officer_id IS NULL OR p.lead_officer_id = ${officer})`,
    ];
    return this.keysetPage({ params, where, earth: 'p.location_earth' }, sortKeys(ProblemOrder.PRIORITY), args, selection);
  }

  private async keysetPage(
    filtered: Filtered,
    keys: SortKey[],
    args: { first?: number; after?: string },
    selection: ProblemSelection,
  ): Promise<ConnectionShape<ReadProblem>> {
    const { params } = filtered;
    const counted = { ...filtered, params: copyParams(params), where: [...filtered.where] };
    const first = pageSize(args);
    const where = [...filtered.where];
    const seek = seekSql('problems', keys, args.after, params);
    if (seek) where.push(seek);
    const planned = this.planned(selection, params);
    const rows = await this.query(
      `SELECT ${this.rows.columnsOf('p')}${cursorKeysSql(keys)}${plannedSelect(planned)} FROM problems p${whereSql(where)}
        ORDER BY ${orderBySql(keys)} LIMIT ${params.add(first + 1, 'int')}`,
      params,
    );
    return pageOfRows(
      'problems',
      keys,
      first,
      rows,
      (row) => this.read(row, planned),
      () => this.count(counted),
    );
  }

  /**
   * Full-text search in the list's order. PostgreSQL plans a search as a bitmap scan of every
   * match plus a sort, which grows with the table for common words (and multi-word searches,
   * whose words it takes as independent). So the next SEARCH_WINDOW rows in the list's order are
   * read first, through its index, and the page is taken from the matches among them; only when
   * they hold less than a full page is the whole table searched (the index on the search vector).
   * Both give the same rows: when the window holds first + 1 matches, no row outside it can come
   * before them. Problems hidden by moderation match only for moderators and their reporters.
   */
  private async searchPage(
    filtered: Filtered,
    search: string,
    keys: SortKey[],
    args: ListProblems,
    viewer: AuthenticatedUser | undefined,
    selection: ProblemSelection,
  ): Promise<ConnectionShape<ReadProblem>> {
    const first = pageSize(args);
    const base = { ...filtered, where: [...filtered.where, ...matchable(viewer, filtered.params)] };
    const searched = (from: Filtered): Filtered => {
      const params = copyParams(from.params);
      return { ...from, params, where: [...from.where, `p.search_vector @@ websearch_to_tsquery('english', ${params.add(search, 'text')})`] };
    };
    const params = copyParams(base.params);
    const where = [...base.where];
    const seek = seekSql('problems', keys, args.after, params);
    if (seek) where.push(seek);
    const windowKeys = keys.map((key, i) => `, (${key.expression}) AS wk${i}`).join('');
    const windowOrder = keys.map((key, i) => `w.wk${i} ${key.direction}`).join(', ');
    const query = params.add(search, 'text');
    const take = params.add(first + 1, 'int');
    const planned = this.planned(selection, params);
    const rows = await this.query(
      `SELECT ${this.rows.columnsOf('p')}${cursorKeysSql(keys)}${plannedSelect(planned)} FROM problems p
        WHERE p.id IN (SELECT w.wid FROM (SELECT p.id AS wid, p.search_vector AS wsv${windowKeys} FROM problems p${whereSql(where)}
                                           ORDER BY ${orderBySql(keys)} LIMIT ${SEARCH_WINDOW}) w
                        WHERE w.wsv @@ websearch_to_tsquery('english', ${query}) ORDER BY ${windowOrder} LIMIT ${take})
        ORDER BY ${orderBySql(keys)} LIMIT ${take}`,
      params,
    );
    if (rows.length > first) {
      return pageOfRows(
        'problems',
        keys,
        first,
        rows,
        (row) => this.read(row, planned),
        () => this.count(searched(base)),
      );
    }
    return this.keysetPage(searched(base), keys, args, selection);
  }

  /**
   * Nearest first. The GiST index hands rows over in distance order (KNN) when the query is
   * ordered by the distance alone, so the page reads about `first` rows whatever the radius and
   * the table size; it stops at the radius. The id breaks ties in the cursor: when equally
   * distant rows straddle the end of the page, all of them are read and ordered by id, so a
   * page never skips or repeats a row.
   */
  private async nearestPage(
    filtered: Filtered,
    point: string,
    radius: string,
    withinRadius: string[],
    args: ListProblems,
    selection: ProblemSelection,
  ): Promise<ConnectionShape<ReadProblem>> {
    const first = pageSize(args);
    const distance = `(${filtered.earth} <-> ${point})`;
    const counted = { ...filtered, params: copyParams(filtered.params), where: [...filtered.where, ...withinRadius] };
    const fetch = async (extra: (params: SqlParams) => string[], limit?: number) => {
      const params = copyParams(filtered.params);
      const where = [...filtered.where, ...extra(params)];
      if (args.after) {
        const [d0, id0] = decodeCursor(args.after, NEAREST_SCOPE, ['float8', 'uuid']);
        const d = params.add(d0, 'float8');
        where.push(`(${distance} > ${d} OR (${distance} = ${d} AND p.id > ${params.add(id0, 'uuid')}))`);
      }
      const planned = this.planned(selection, params);
      const rows = await this.query(
        `SELECT ${this.rows.columnsOf('p')}, ${distance}::text AS distance_key, earth_distance(${point}, ${filtered.earth}) <= ${radius} AS inside${plannedSelect(planned)}
           FROM problems p${whereSql(where)} ORDER BY ${distance} ASC${limit ? ` LIMIT ${params.add(limit, 'int')}` : ''}`,
        params,
      );
      return rows.map((row) => ({ node: this.read(row, planned), key: String(row['distance_key']), inside: row['inside'] === true }));
    };
    let rows = await fetch(() => [], first + 1);
    const outside = rows.findIndex((row) => !row.inside);
    if (outside >= 0) rows = rows.slice(0, outside);
    if (rows.length > first && rows[first].key === rows[first - 1].key) {
      const tie = rows[first - 1].key;
      // The box (radius: the tie's straight-line distance as a great-circle one, plus a metre)
      // lets the GiST index find the equally distant rows; without it this is a full scan.
      const tied = await fetch((params) => {
        const t = params.add(tie, 'float8');
        return [`earth_box(${point}, sec_to_gc(${t}) + 1) @> ${filtered.earth}`, `${distance} = ${t}`];
      });
      rows = [...rows.filter((row) => row.key !== tie), ...tied];
    }
    rows.sort((a, b) => Number(a.key) - Number(b.key) || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0));
    const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(NEAREST_SCOPE, [row.key, row.node.id]), node: row.node }));
    return connection(edges, { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, () => this.count(counted));
  }

  private async count(filtered: Filtered): Promise<number> {
    const [row] = await this.query(`SELECT count(*)::int AS count FROM problems p${whereSql(filtered.where)}`, filtered.params);
    return row['count'] as number;
  }

  private planned(selection: ProblemSelection, params: SqlParams): PlannedColumn[] {
    return this.plans.columns('Problem', selection.fields, { alias: 'p', params, context: selection.context, info: selection.info });
  }

  private read(row: Record<string, unknown>, planned: readonly PlannedColumn[]): ReadProblem {
    return attachPlanned(this.rows.fromRow(row), row, planned);
  }

  private query(text: string, params: SqlParams): Promise<Record<string, unknown>[]> {
    return this.problems.query(text, params.values);
  }
}

function sortKeys(order: Exclude<ProblemOrder, ProblemOrder.NEAREST>): SortKey[] {
  const id: SortKey = { expression: 'p.id', direction: 'DESC', type: 'uuid' };
  switch (order) {
    case ProblemOrder.MOST_SUPPORTED:
      return [{ expression: 'p.support_count', direction: 'DESC', type: 'int' }, id];
    case ProblemOrder.PRIORITY:
      return [{ expression: 'p.priority', direction: 'DESC', type: 'float8' }, id];
    case ProblemOrder.NEWEST:
      return [{ expression: 'p.reported_at', direction: 'DESC', type: 'timestamptz' }, id];
  }
}

/**
 * A search or a similarity match must not confirm the words of a problem hidden by
 * moderation: hidden problems match only for moderators and their reporters.
 */
function matchable(viewer: AuthenticatedUser | undefined, params: SqlParams): string[] {
  if (hasAnyRole(viewer, MODERATOR_ROLES)) return [];
  return [`(NOT p.hidden OR p.reporter_id = ${params.add(viewer?.id ?? null, 'uuid')})`];
}

function whereSql(conditions: readonly string[]): string {
  return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/** The same parameters, to be extended by another statement. */
function copyParams(params: SqlParams): SqlParams {
  const copy = new SqlParams();
  copy.values.push(...params.values);
  return copy;
}
