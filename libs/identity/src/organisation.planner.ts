import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { JsonRows } from '@common-ground/shared/database';
import { FieldPlan } from '@common-ground/shared/graphql';
import { OrganisationEntity } from './organisation.entity';
import { toOrganisationModel } from './organisation.mapper';

/**
 * Organisations inside other libs' read statements (a match offer's organisation, a pledge's):
 * the organisations table stays this lib's, others plan the field with `byId`.
 */
@Injectable()
export class OrganisationPlans {
  private readonly json: JsonRows<OrganisationEntity>;

  constructor(@InjectRepository(OrganisationEntity) organisations: Repository<OrganisationEntity>) {
    this.json = JsonRows.ofAllColumns(organisations);
  }

  /** The organisation whose id is the SQL expression `idSql` (null when there is none). */
  byId(idSql: string): FieldPlan {
    return {
      sql: `(SELECT ${this.json.objectOf('plan_organisation')} FROM organisations plan_organisation WHERE plan_organisation.id = ${idSql})`,
      read: (value) => (value ? toOrganisationModel(this.json.fromJson(value as Record<string, unknown>)) : null),
    };
  }
}
