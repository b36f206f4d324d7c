import { Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Auth, AuthenticatedUser, AuthRequest, CurrentUser } from '@common-ground/shared/auth';
import { Args, atInput } from '@common-ground/shared/graphql';
import { AccountService, Session } from './account.service';
import { LoginInput } from './login.input';
import { RegisterInput } from './register.input';
import { toUserModel } from './user.mapper';
import { AuthPayloadModel, UserModel } from './user.model';
import { UserService } from './user.service';

/** The answer to sign-up and sign-in: the caller is that user, though the request had no token. */
function toAuthPayload(session: Session): AuthPayloadModel {
  return { accessToken: session.accessToken, user: { ...toUserModel(session.user), isViewer: true } };
}

@Resolver()
export class AccountResolver {
  constructor(
    private readonly accounts: AccountService,
    private readonly users: UserService,
  ) {}

  @Auth({ public: true })
  @Mutation(() => AuthPayloadModel, { description: 'Sign up; every new user is a RESIDENT.' })
  async register(@Args('input') input: RegisterInput, @Context('req') req: AuthRequest): Promise<AuthPayloadModel> {
    const command = { email: input.email, password: input.password, displayName: input.displayName };
    return toAuthPayload(await atInput(() => this.accounts.register(command, req.ip)));
  }

  @Auth({ public: true })
  @Mutation(() => AuthPayloadModel)
  async login(@Args('input') input: LoginInput, @Context('req') req: AuthRequest): Promise<AuthPayloadModel> {
    return toAuthPayload(await atInput(() => this.accounts.login({ email: input.email, password: input.password }, req.ip)));
  }

  @Auth({ public: true })
  @Query(() => UserModel, { nullable: true, description: 'The signed-in user; null without a token.' })
  async me(@CurrentUser() viewer?: AuthenticatedUser): Promise<UserModel | null> {
    if (!viewer) return null;
    const user = await this.users.findById(viewer.id);
    return user ? toUserModel(user) : null;
  }
}
