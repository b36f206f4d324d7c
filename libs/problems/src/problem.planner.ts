import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { JsonRows } from '@common-ground/shared/database';
import { FieldPlan, FieldPlanner, PlanScope, PlansField } from '@common-ground/shared/graphql';
import { UserPlans } from '@common-ground/identity';
import { CategoryEntity } from './category.entity';
import { toCategoryModel } from './category.mapper';

/**
 * The fields of Problem that a problem read answers in its own statement (see ProblemReader).
 * Who may see them is still decided by their resolvers, with the rules of problem-visibility.ts.
 */

/** `Problem.reporter`: the reporter's public profile, joined. The resolver withholds it from whoever may not see it. */
@Injectable()
@PlansField()
export class ProblemReporterPlanner implements FieldPlanner {
  readonly type = 'Problem';
  readonly field = 'reporter';

  constructor(private readonly users: UserPlans) {}

  plan(_field: unknown, scope: PlanScope): FieldPlan {
    return this.users.byId(`${scope.alias}.reporter_id`);
  }
}

/** `Problem.category`, joined. */
@Injectable()
@PlansField()
export class ProblemCategoryPlanner implements FieldPlanner {
  readonly type = 'Problem';
  readonly field = 'category';
  private readonly json: JsonRows<CategoryEntity>;

  constructor(@InjectRepository(CategoryEntity) categories: Repository<CategoryEntity>) {
    this.json = new JsonRows(categories, ['code', 'name', 'sensitive', 'priorityWeight']);
  }

  plan(_field: unknown, scope: PlanScope): FieldPlan {
    return {
      sql: `(SELECT ${this.json.objectOf('plan_category')} FROM categories plan_category WHERE plan_category.code = ${scope.alias}.category_code)`,
      read: (value) => (value ? toCategoryModel(this.json.fromJson(value as Record<string, unknown>)) : null),
    };
  }
}

/**
 * `Problem.address`: whether the category is sensitive, which decides whether the public sees
 * the address (the resolver applies the rule; see visibleAddress).
 */
@Injectable()
@PlansField()
export class ProblemAddressPlanner implements FieldPlanner {
  readonly type = 'Problem';
  readonly field = 'address';

  plan(_field: unknown, scope: PlanScope): FieldPlan {
    return {
      sql: `(SELECT plan_category.sensitive FROM categories plan_category WHERE plan_category.code = ${scope.alias}.category_code)`,
      read: (value) => value === true,
    };
  }
}
