import { Injectable } from '@nestjs/common';
import { TokenService } from '@common-ground/shared/auth';
import { UnauthenticatedError } from '@common-ground/shared/graphql';
import { LoginThrottle } from './login-throttle.service';
import { normaliseEmail, PasswordService } from './password.service';
import { UserEntity } from './user.entity';
import { NewUser, UserService } from './user.service';

export interface Session {
  accessToken: string;
  user: UserEntity;
}

/** Sign-up and sign-in. */
@Injectable()
export class AccountService {
  constructor(
    private readonly users: UserService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  async register(input: Omit<NewUser, 'roles'>): Promise<Session> {
    const user = await this.users.create(input);
    return { accessToken: this.tokens.issue(user.id), user };
  }

  /** Wrong password and unknown e-mail give the same error, after the same amount of work. */
  async login(email: string, password: string, clientAddress: string): Promise<Session> {
    const account = normaliseEmail(email);
    await this.throttle.attempt(account, clientAddress);
    const user = await this.users.findByEmail(account);
    const valid = await this.passwords.verify(user?.passwordHash, password);
    if (!user || !valid) throw new UnauthenticatedError('Invalid e-mail or password');
    await this.throttle.succeeded(account);
    return { accessToken: this.tokens.issue(user.id), user };
  }
}
