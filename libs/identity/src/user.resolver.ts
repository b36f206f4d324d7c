import { Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Auth, AuthenticatedUser, CurrentUser, hasAnyRole, Role } from '@common-ground/shared/auth';
import { Args } from '@common-ground/shared/graphql';
import { GrantRoleInput, RevokeRoleInput } from './role.input';
import { toUserModel, UserModel } from './user.model';
import { UserService } from './user.service';

@Resolver(() => UserModel)
export class UserResolver {
  constructor(private readonly users: UserService) {}

  @Auth({ roles: [Role.ADMIN] })
  @Mutation(() => UserModel)
  async grantRole(@Args('input') input: GrantRoleInput): Promise<UserModel> {
    return toUserModel(await this.users.grantRole(input.userId, input.role));
  }

  @Auth({ roles: [Role.ADMIN] })
  @Mutation(() => UserModel)
  async revokeRole(@Args('input') input: RevokeRoleInput): Promise<UserModel> {
    return toUserModel(await this.users.revokeRole(input.userId, input.role));
  }

  @ResolveField(() => String, { nullable: true, description: 'Visible to the user themselves and to admins.' })
  email(@Parent() user: UserModel, @CurrentUser() viewer?: AuthenticatedUser): string | null {
    const allowed = user.isViewer || (viewer && (viewer.id === user.id || hasAnyRole(viewer, [Role.ADMIN])));
    return allowed ? user.email : null;
  }
}
