import { IdentityReason, refusedField } from './identity.exception';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** Password policy: 10 to 256 characters, and not the e-mail address nor its local part; BAD_USER_INPUT on `field`. */
export function assertAcceptablePassword(password: string, email: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw refusedField(field, `must be between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters`, IdentityReason.PASSWORD_LENGTH);
  }
  const lowered = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  if (lowered === address || lowered === address.split('@')[0]) {
    throw refusedField(field, 'must not be the e-mail address', IdentityReason.PASSWORD_IS_EMAIL);
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
