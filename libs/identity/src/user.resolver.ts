import { Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { Auth, Role, viewerOf } from '@common-ground/shared/auth';
import { Args, atInput } from '@common-ground/shared/graphql';
import { GrantRoleInput } from './grant-role.input';
import { RevokeRoleInput } from './revoke-role.input';
import { UserRolesService } from './user-roles.service';
import { seesEmail } from './user-visibility';
import { toUserModel } from './user.mapper';
import { UserModel } from './user.model';

@Resolver(() => UserModel)
export class UserResolver {
  constructor(private readonly roles: UserRolesService) {}

  @Auth({ roles: [Role.ADMIN] })
  @Mutation(() => UserModel)
  async grantRole(@Args('input') input: GrantRoleInput): Promise<UserModel> {
    return toUserModel(await atInput(() => this.roles.grant({ userId: input.userId, role: input.role })));
  }

  @Auth({ roles: [Role.ADMIN] })
  @Mutation(() => UserModel)
  async revokeRole(@Args('input') input: RevokeRoleInput): Promise<UserModel> {
    return toUserModel(await atInput(() => this.roles.revoke({ userId: input.userId, role: input.role })));
  }

  @ResolveField(() => String, { nullable: true, description: 'Visible to the user themselves and to admins.' })
  email(user: UserModel, _args: unknown, context: unknown): string | null {
    return seesEmail(user, viewerOf(context)) ? user.email : null;
  }
}
