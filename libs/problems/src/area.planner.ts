import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { viewerOf } from '@common-ground/shared/auth';
import { JsonRows } from '@common-ground/shared/database';
import { attachPlanned, FieldPlan, FieldPlanner, PlanScope, PlansField, SelectedField, subSelection } from '@common-ground/shared/graphql';
import { UserPlans } from '@common-ground/identity';
import { ProblemEntity } from './problem.entity';
import { PRIORITY_STATUSES } from './problem-status';
import { visibleAreaCondition } from './problem-visibility';

/** How many priorities the local team shows. */
export const LOCAL_TEAM_PRIORITIES = 20;

/** `LocalTeam.officers`: the area's officers' public profiles, in the order they were assigned. */
@Injectable()
@PlansField()
export class LocalTeamOfficersPlanner implements FieldPlanner {
  readonly type = 'LocalTeam';
  readonly field = 'officers';

  constructor(private readonly users: UserPlans) {}

  plan(_field: unknown, scope: PlanScope): FieldPlan {
    const user = this.users.byId('plan_officer.user_id');
    return {
      sql: `(SELECT coalesce(json_agg(${user.sql} ORDER BY plan_officer.assigned_at, plan_officer.user_id), '[]'::json)
               FROM area_officers plan_officer WHERE plan_officer.area_id = ${scope.alias}.id)`,
      read: (value) => (value as unknown[]).map((officer) => user.read(officer)).filter((officer) => officer !== null),
    };
  }
}

/**
 * `LocalTeam.priorities`: problems in ANALYSIS or RESPONSE in the area as the viewer sees areas
 * (visibleAreaCondition), highest priority first, each with the fields planned on it.
 */
@Injectable()
@PlansField()
export class LocalTeamPrioritiesPlanner implements FieldPlanner {
  readonly type = 'LocalTeam';
  readonly field = 'priorities';
  private readonly json: JsonRows<ProblemEntity>;

  constructor(@InjectRepository(ProblemEntity) problems: Repository<ProblemEntity>) {
    this.json = JsonRows.ofAllColumns(problems);
  }

  plan(field: SelectedField, scope: PlanScope): FieldPlan {
    const viewer = viewerOf(scope.context);
    const alias = 'plan_priority';
    const nested = scope.plans.columns('Problem', subSelection(field, scope.info), { alias, params: scope.params, context: scope.context, info: scope.info });
    const inArea = visibleAreaCondition(viewer, `${scope.alias}.id`, () => scope.params.add(viewer?.id, 'uuid'), alias);
    const element = [`'row', ${this.json.objectOf(alias)}`, ...nested.map((column) => `'${column.column}', ${column.sql}`)].join(', ');
    return {
      sql: `(SELECT coalesce(json_agg(json_build_object(${element}) ORDER BY ${alias}.priority DESC, ${alias}.id DESC), '[]'::json)
               FROM (SELECT * FROM problems ${alias} WHERE ${inArea} AND ${alias}.status = ANY(${scope.params.add([...PRIORITY_STATUSES], 'problem_status[]')})
                      ORDER BY ${alias}.priority DESC, ${alias}.id DESC LIMIT ${LOCAL_TEAM_PRIORITIES}) ${alias})`,
      read: (value) =>
        (value as Record<string, unknown>[]).map((item) => attachPlanned(this.json.fromJson(item['row'] as Record<string, unknown>), item, nested)),
    };
  }
}
