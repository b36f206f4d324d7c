import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { JsonRows } from '@common-ground/shared/database';
import {
  attachPlanned,
  cursorScope,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  FieldPlan,
  FieldPlanner,
  Page,
  PlanScope,
  PlansField,
  SelectedField,
  subSelection,
} from '@common-ground/shared/graphql';
import { UserPlans } from '@common-ground/identity';
import { SolutionCapacityNeedEntity, SolutionEntity } from './solution.entity';
import { toSolutionModel } from './solution.mapper';
import { SolutionModel } from './solution.model';
import { SOLUTION_ORDER_KEYS } from './solution.service';
import { SolutionOrder } from './ranking';

/** One solution of a planned first page, as its JSON element. */
interface PlannedSolution extends Record<string, unknown> {
  row: Record<string, unknown>;
  keys: string[];
}

/**
 * `Problem.solutions`: the first page of a problem's solutions (with what is planned on each:
 * the proposer), in the problem read's own statement as a LATERAL JSON array. Pages after the
 * first and a selection of only `totalCount` are not planned (the resolver serves them: the
 * count is the problem's own column).
 */
@Injectable()
@PlansField()
export class ProblemSolutionsPlanner implements FieldPlanner {
  readonly type = 'Problem';
  readonly field = 'solutions';
  private readonly json: JsonRows<SolutionEntity>;

  constructor(@InjectRepository(SolutionEntity) solutions: Repository<SolutionEntity>) {
    this.json = JsonRows.ofAllColumns(solutions);
  }

  plan(field: SelectedField, scope: PlanScope): FieldPlan | null {
    const args = field.args as { first?: number; after?: string; orderBy?: SolutionOrder };
    if (args.after) return null;
    if (subSelection(field, scope.info).every((selected) => selected.name === 'totalCount')) return null;
    const order = args.orderBy ?? SolutionOrder.TOP;
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    const keys = SOLUTION_ORDER_KEYS[order];
    const alias = 'plan_solution';
    const nodes = subSelection(field, scope.info, ['edges', 'node']);
    const nested = scope.plans.columns('Solution', nodes, { alias, params: scope.params, context: scope.context, info: scope.info });
    const orderBy = keys.map((key) => `${alias}.${key.column} ${key.direction}`).join(', ');
    const element = [
      `'row', ${this.json.objectOf(alias)}`,
      `'keys', json_build_array(${keys.map((key) => `(${alias}.${key.column})::text`).join(', ')})`,
      ...nested.map((column) => `'${column.column}', ${column.sql}`),
    ].join(', ');
    const scopeTag = cursorScope(
      'solutions',
      keys.map((key) => ({ name: key.column, direction: key.direction, type: key.type })),
    );
    return {
      sql: `(SELECT coalesce(json_agg(json_build_object(${element}) ORDER BY ${orderBy}), '[]'::json)
               FROM (SELECT * FROM solutions ${alias} WHERE ${alias}.problem_id = ${scope.alias}.id ORDER BY ${orderBy} LIMIT ${scope.params.add(first + 1, 'int')}) ${alias})`,
      read: (value): Page<SolutionModel> => {
        const list = value as PlannedSolution[];
        const edges = list.slice(0, first).map((item) => ({
          cursor: encodeCursor(scopeTag, item.keys),
          node: attachPlanned(toSolutionModel(this.json.fromJson(item.row)), item, nested),
        }));
        return { edges, pageInfo: { hasNextPage: list.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
      },
    };
  }
}

/** `Solution.proposer`, joined. */
@Injectable()
@PlansField()
export class SolutionProposerPlanner implements FieldPlanner {
  readonly type = 'Solution';
  readonly field = 'proposer';

  constructor(private readonly users: UserPlans) {}

  plan(_field: unknown, scope: PlanScope): FieldPlan {
    return this.users.byId(`${scope.alias}.proposer_id`);
  }
}

/** `Solution.capacityNeeds`, as a JSON array in the same statement (in id order, as the loader reads them). */
@Injectable()
@PlansField()
export class SolutionCapacityNeedsPlanner implements FieldPlanner {
  readonly type = 'Solution';
  readonly field = 'capacityNeeds';
  private readonly json: JsonRows<SolutionCapacityNeedEntity>;

  constructor(@InjectRepository(SolutionCapacityNeedEntity) needs: Repository<SolutionCapacityNeedEntity>) {
    this.json = JsonRows.ofAllColumns(needs);
  }

  plan(_field: unknown, scope: PlanScope): FieldPlan {
    return {
      sql: `(SELECT coalesce(json_agg(${this.json.objectOf('plan_need')} ORDER BY plan_need.id), '[]'::json)
               FROM solution_capacity_needs plan_need WHERE plan_need.solution_id = ${scope.alias}.id)`,
      read: (value) => (value as Record<string, unknown>[]).map((need) => this.json.fromJson(need)),
    };
  }
}
