import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { assertAcceptablePassword } from './password-policy';

export { normaliseEmail } from './password-policy';

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane). */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordService {
  /** A hash of a password nobody has, so unknown e-mails cost as much time as wrong passwords. */
  private readonly decoy = hash('decoy password that matches nothing', ARGON2_OPTIONS);

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash ?? (await this.decoy), password);
    } catch {
      return false;
    }
  }

  /** Password policy (`password-policy.ts`); BAD_USER_INPUT on `field` of the command. */
  assertAcceptable(password: string, email: string, field = 'password'): void {
    assertAcceptablePassword(password, email, field);
  }
}
