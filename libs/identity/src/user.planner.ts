import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { JsonRows } from '@common-ground/shared/database';
import { FieldPlan } from '@common-ground/shared/graphql';
import { UserEntity } from './user.entity';
import { toUserModel } from './user.mapper';

/**
 * Users inside other libs' read statements: a lib that shows a user on its rows (a problem's
 * reporter, a solution's proposer) plans the field with `byId` instead of loading users per
 * page. The users table stays this lib's: others get the SQL from here.
 */
@Injectable()
export class UserPlans {
  private readonly json: JsonRows<UserEntity>;

  constructor(@InjectRepository(UserEntity) users: Repository<UserEntity>) {
    // Never the password hash.
    this.json = new JsonRows(users, ['id', 'email', 'displayName', 'roles', 'createdAt']);
  }

  /** The user whose id is the SQL expression `idSql` (null when there is none). */
  byId(idSql: string): FieldPlan {
    return {
      sql: `(SELECT ${this.json.objectOf('plan_user')} FROM users plan_user WHERE plan_user.id = ${idSql})`,
      read: (value) => (value ? toUserModel(this.json.fromJson(value as Record<string, unknown>)) : null),
    };
  }
}
