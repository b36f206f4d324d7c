import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { BadUserInputError } from '@common-ground/shared/graphql';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './register.input';

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

  /** Password policy: 10 to 256 characters, and not the e-mail address nor its local part. */
  assertAcceptable(password: string, email: string, field = 'input.password'): void {
    if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
      throw BadUserInputError.field(field, `must be between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters`);
    }
    const lowered = password.trim().toLowerCase();
    const address = email.trim().toLowerCase();
    if (lowered === address || lowered === address.split('@')[0]) {
      throw BadUserInputError.field(field, 'must not be the e-mail address');
    }
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
