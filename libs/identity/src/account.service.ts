import { Injectable } from '@nestjs/common';
import { TokenService } from '@common-ground/shared/auth';
import { invalidCredentials } from './identity.exception';
import { LoginThrottle } from './login-throttle.service';
import { normaliseEmail, PasswordService } from './password.service';
import { UserEntity } from './user.entity';
import { SignUpThrottle } from './sign-up-throttle.service';
import { LogIn, RegisterUser } from './user.commands';
import { UserService } from './user.service';

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
    private readonly signUps: SignUpThrottle,
  ) {}

  /** Every attempt counts against the client address's sign-up allowance, whatever its outcome. */
  async register(command: RegisterUser, clientIp: string | undefined): Promise<Session> {
    await this.signUps.attempt(clientIp);
    const user = await this.users.create(command);
    return { accessToken: this.tokens.issue(user.id), user };
  }

  /**
   * Wrong password and unknown e-mail give the same error, after the same amount of work, and
   * count alike as failures (INVALID_CREDENTIALS).
   */
  async login({ email, password }: LogIn, clientIp: string | undefined): Promise<Session> {
    const account = normaliseEmail(email);
    const attempt = await this.throttle.begin(account, clientIp);
    let user: UserEntity | null;
    let valid: boolean;
    try {
      user = await this.users.findByEmail(account);
      valid = await this.passwords.verify(user?.passwordHash, password);
    } catch (error) {
      await attempt.abandoned();
      throw error;
    }
    if (!user || !valid) {
      await attempt.failed();
      throw invalidCredentials();
    }
    await attempt.succeeded();
    return { accessToken: this.tokens.issue(user.id), user };
  }
}
