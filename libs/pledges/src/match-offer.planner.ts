import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { JsonRows } from '@common-ground/shared/database';
import { attachPlanned, FieldPlan, FieldPlanner, PlanScope, PlansField, SelectedField, subSelection } from '@common-ground/shared/graphql';
import { OrganisationPlans } from '@common-ground/identity';
import { MatchOfferEntity } from './match-offer.entity';

/**
 * `Solution.matchOffers`: a solution's offers in the order they match in, as a JSON array inside
 * the statement that reads the solution (a problem's planned first page of solutions, or
 * solution(id)), each with its own planned fields (the organisation).
 */
@Injectable()
@PlansField()
export class SolutionMatchOffersPlanner implements FieldPlanner {
  readonly type = 'Solution';
  readonly field = 'matchOffers';
  private readonly json: JsonRows<MatchOfferEntity>;

  constructor(@InjectRepository(MatchOfferEntity) offers: Repository<MatchOfferEntity>) {
    this.json = JsonRows.ofAllColumns(offers);
  }

  plan(field: SelectedField, scope: PlanScope): FieldPlan {
    const alias = 'plan_offer';
    const nested = scope.plans.columns('MatchOffer', subSelection(field, scope.info), {
      alias,
      params: scope.params,
      context: scope.context,
      info: scope.info,
    });
    const element = [`'row', ${this.json.objectOf(alias)}`, ...nested.map((column) => `'${column.column}', ${column.sql}`)].join(', ');
    return {
      sql: `(SELECT coalesce(json_agg(json_build_object(${element}) ORDER BY ${alias}.created_at, ${alias}.id), '[]'::json)
               FROM match_offers ${alias} WHERE ${alias}.solution_id = ${scope.alias}.id)`,
      read: (value) =>
        (value as Record<string, unknown>[]).map((item) => attachPlanned(this.json.fromJson(item['row'] as Record<string, unknown>), item, nested)),
    };
  }
}

/** `MatchOffer.organisation`, joined. */
@Injectable()
@PlansField()
export class MatchOfferOrganisationPlanner implements FieldPlanner {
  readonly type = 'MatchOffer';
  readonly field = 'organisation';

  constructor(private readonly organisations: OrganisationPlans) {}

  plan(_field: unknown, scope: PlanScope): FieldPlan {
    return this.organisations.byId(`${scope.alias}.organisation_id`);
  }
}
