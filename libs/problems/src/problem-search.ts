import { Repository, SelectQueryBuilder } from 'typeorm';
import { AuthenticatedUser, hasAnyRole, MODERATOR_ROLES } from '@common-ground/shared/auth';
import {
  connection,
  ConnectionShape,
  cursorScope,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  keysetPage,
  seekAfter,
  SortKey,
} from '@common-ground/shared/graphql';
import { ListProblems } from './problem.commands';
import { ProblemEntity } from './problem.entity';

/**
 * The read side of listing problems where the plain keyset page is not enough: full-text search
 * through a window in list order, and nearest first with its tie rule. ProblemService.list
 * builds the filters and calls these.
 */

/** How many rows in list order a search reads before it searches the whole table. */
export const SEARCH_WINDOW = 2000;

/** Nearest-first cursors: the distance from the search point, then the id. */
const NEAREST_SCOPE = cursorScope('problems', [
  { name: 'distance', direction: 'ASC', type: 'float8' },
  { name: 'id', direction: 'ASC', type: 'uuid' },
]);

/**
 * Full-text search in the list's order. PostgreSQL plans a search as a bitmap scan of every
 * match plus a sort, which grows with the table for common words (and multi-word searches,
 * whose words it takes as independent). So the next SEARCH_WINDOW rows in the list's order
 * are read first, through its index, and the page is taken from the matches among them; only
 * when they hold less than a full page is the whole table searched (the index on the
 * search vector). Both give the same rows: when the window holds first + 1 matches, no row
 * outside it can come before them. Problems hidden by moderation match only for moderators
 * and their reporters.
 */
export async function searchPage(
  problems: Repository<ProblemEntity>,
  listed: SelectQueryBuilder<ProblemEntity>,
  search: string,
  keys: SortKey[],
  args: ListProblems,
  viewer?: AuthenticatedUser,
): Promise<ConnectionShape<ProblemEntity>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const filtered = matchableBy(listed.clone(), viewer);
  const searched = () => filtered.clone().andWhere(`p.search_vector @@ websearch_to_tsquery('english', :search)`, { search });
  // Each selection its own expression: TypeORM keeps one alias per expression.
  const window = seekAfter(filtered.clone().select('(p.id)', 'wid').addSelect('(p.search_vector)', 'wsv'), keys, args.after);
  keys.forEach((key, i) => window.addSelect(`(${key.expression})`, `wk${i}`));
  window.limit(SEARCH_WINDOW);
  const order = keys.map((key, i) => `w.wk${i} ${key.direction}`).join(', ');
  // The filters and the cursor are in the window already.
  const inWindow = problems.createQueryBuilder('p').where(
    `p.id IN (SELECT w.wid FROM (${window.getQuery()}) w
                 WHERE w.wsv @@ websearch_to_tsquery('english', :search) ORDER BY ${order} LIMIT :take)`,
    { ...window.getParameters(), search, take: first + 1 },
  );
  const page = await keysetPage(inWindow, keys, args);
  if (page.pageInfo.hasNextPage) return connection(page.edges, page.pageInfo, () => searched().getCount());
  return keysetPage(searched(), keys, args);
}

/**
 * Nearest first. The GiST index hands rows over in distance order (KNN) when the query is
 * ordered by the distance alone, so the page reads about `first` rows whatever the radius and
 * the table size; it stops at the radius. The id breaks ties in the cursor: when equally
 * distant rows straddle the end of the page, all of them are read and ordered by id, so a
 * page never skips or repeats a row.
 */
export async function nearestPage(
  query: SelectQueryBuilder<ProblemEntity>,
  withinRadius: SelectQueryBuilder<ProblemEntity>,
  earth: string,
  args: ListProblems,
): Promise<ConnectionShape<ProblemEntity>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const distance = `(${earth} <-> ll_to_earth(:nearLat, :nearLng))`;
  const base = query.clone();
  if (args.after) {
    const [d0, id0] = decodeCursor(args.after, NEAREST_SCOPE, ['float8', 'uuid']);
    base.andWhere(`(${distance} > CAST(:d0 AS float8) OR (${distance} = CAST(:d0 AS float8) AND p.id > CAST(:id0 AS uuid)))`, { d0, id0 });
  }
  const fetch = async (extra?: (q: SelectQueryBuilder<ProblemEntity>) => void, limit?: number) => {
    const q = base
      .clone()
      .addSelect(`${distance}::text`, 'distance_key')
      .addSelect(`earth_distance(ll_to_earth(:nearLat, :nearLng), ${earth}) <= :radius`, 'inside');
    extra?.(q);
    q.orderBy(distance, 'ASC');
    if (limit) q.limit(limit);
    const { entities, raw } = await q.getRawAndEntities();
    return entities.map((entity, i) => ({ entity, key: String(raw[i].distance_key), inside: raw[i].inside === true }));
  };
  let rows = await fetch(undefined, first + 1);
  const outside = rows.findIndex((row) => !row.inside);
  if (outside >= 0) rows = rows.slice(0, outside);
  if (rows.length > first && rows[first].key === rows[first - 1].key) {
    const tie = rows[first - 1].key;
    // The box (radius: the tie's straight-line distance as a great-circle one, plus a metre)
    // lets the GiST index find the equally distant rows; without it this is a full scan.
    const tied = await fetch((q) =>
      q
        .andWhere(`earth_box(ll_to_earth(:nearLat, :nearLng), sec_to_gc(CAST(:tie AS float8)) + 1) @> ${earth}`)
        .andWhere(`${distance} = CAST(:tie AS float8)`, { tie }),
    );
    rows = [...rows.filter((row) => row.key !== tie), ...tied];
  }
  rows.sort((a, b) => Number(a.key) - Number(b.key) || (a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0));
  const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(NEAREST_SCOPE, [row.key, row.entity.id]), node: row.entity }));
  return connection(edges, { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, () => withinRadius.getCount());
}

/**
 * A search or a similarity match must not confirm the words of a problem hidden by
 * moderation: hidden problems match only for moderators and their reporters.
 */
export function matchableBy(query: SelectQueryBuilder<ProblemEntity>, viewer?: AuthenticatedUser): SelectQueryBuilder<ProblemEntity> {
  if (hasAnyRole(viewer, MODERATOR_ROLES)) return query;
  return query.andWhere('(NOT p.hidden OR p.reporter_id = CAST(:matchViewerId AS uuid))', { matchViewerId: viewer?.id ?? null });
}
