import { Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Auth, AuthenticatedUser, AuthRequest, CurrentUser } from '@common-ground/shared/auth';
import { Args } from '@common-ground/shared/graphql';
import { AccountService } from './account.service';
import { LoginInput } from './login.input';
import { RegisterInput } from './register.input';
import { AuthPayloadModel, toUserModel, UserModel } from './user.model';
import { UserService } from './user.service';

@Resolver()
export class AccountResolver {
  constructor(
    private readonly accounts: AccountService,
    private readonly users: UserService,
  ) {}

  @Auth({ public: true })
  @Mutation(() => AuthPayloadModel, { description: 'Sign up; every new user is a RESIDENT.' })
  async register(@Args('input') input: RegisterInput, @Context('req') req: AuthRequest): Promise<AuthPayloadModel> {
    const session = await this.accounts.register(input, req.ip);
    return { accessToken: session.accessToken, user: { ...toUserModel(session.user), isViewer: true } };
  }

  @Auth({ public: true })
  @Mutation(() => AuthPayloadModel)
  async login(@Args('input') input: LoginInput, @Context('req') req: AuthRequest): Promise<AuthPayloadModel> {
    const session = await this.accounts.login(input.email, input.password, req.ip);
    return { accessToken: session.accessToken, user: { ...toUserModel(session.user), isViewer: true } };
  }

  @Auth({ public: true })
  @Query(() => UserModel, { nullable: true, description: 'The signed-in user; null without a token.' })
  async me(@CurrentUser() viewer?: AuthenticatedUser): Promise<UserModel | null> {
    if (!viewer) return null;
    const user = await this.users.findById(viewer.id);
    return user ? toUserModel(user) : null;
  }
}
