import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AUTH_USER_LOOKUP } from '@common-ground/shared/auth';
import { AccountResolver } from './account.resolver';
import { AdminBootstrap } from './admin-bootstrap.service';
import { AccountService } from './account.service';
import { LoginThrottle } from './login-throttle.service';
import { OrganisationEntity, OrganisationMemberEntity } from './organisation.entity';
import { OrganisationResolver } from './organisation.resolver';
import { OrganisationService } from './organisation.service';
import { PasswordService } from './password.service';
import { RateLimiters } from './rate-limiters.service';
import { SignUpThrottle } from './sign-up-throttle.service';
import { UserEntity } from './user.entity';
import { UserAuthCache } from './user-auth-cache.service';
import { UserRolesService } from './user-roles.service';
import { UserResolver } from './user.resolver';
import { UserService } from './user.service';
import { UsersLoader } from './users.loader';
import { UserPlans } from './user.planner';
import { OrganisationPlans } from './organisation.planner';

export const IDENTITY_ENTITIES = [UserEntity, OrganisationEntity, OrganisationMemberEntity];
export const IDENTITY_RESOLVERS = [AccountResolver, UserResolver, OrganisationResolver];

/** Users, roles, sign-up and sign-in, organisations. Global: it provides the auth lib's user port. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES)],
  providers: [
    UserPlans,
    OrganisationPlans,
    ...IDENTITY_RESOLVERS,
    AccountService,
    AdminBootstrap,
    LoginThrottle,
    OrganisationService,
    PasswordService,
    RateLimiters,
    SignUpThrottle,
    UserAuthCache,
    UserRolesService,
    UserService,
    UsersLoader,
    { provide: AUTH_USER_LOOKUP, useExisting: UserAuthCache },
  ],
  exports: [AUTH_USER_LOOKUP, UserAuthCache, UserService, OrganisationService, UsersLoader, UserPlans, OrganisationPlans, PasswordService],
})
export class IdentityModule {}
