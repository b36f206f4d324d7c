import {
  BadUserInputError,
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
} from '@common-ground/shared/graphql';

/** Why the identity lib refused a request (`extensions.reason`, beside `code`). Stable: clients rely on them. */
export enum IdentityReason {
  /** BAD_USER_INPUT on `email`: an account with this e-mail (in any case) exists. */
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  /** BAD_USER_INPUT on `password`: shorter or longer than the policy allows. */
  PASSWORD_LENGTH = 'PASSWORD_LENGTH',
  /** BAD_USER_INPUT on `password`: the e-mail address or its local part. */
  PASSWORD_IS_EMAIL = 'PASSWORD_IS_EMAIL',
  /** BAD_USER_INPUT on a name (`displayName`, `name`): nothing visible once invisible characters are removed. */
  NAME_NOT_VISIBLE = 'NAME_NOT_VISIBLE',
  /** BAD_USER_INPUT on `name`: another organisation has this name (ignoring case). */
  ORGANISATION_NAME_TAKEN = 'ORGANISATION_NAME_TAKEN',
  /** BAD_USER_INPUT on `role`: RESIDENT is every user's role. */
  RESIDENT_ROLE_PERMANENT = 'RESIDENT_ROLE_PERMANENT',
  /** CONFLICT: the platform's last admin cannot lose ADMIN. */
  LAST_ADMIN = 'LAST_ADMIN',
  /** CONFLICT: an organisation's last OWNER cannot become a MEMBER. */
  LAST_OWNER = 'LAST_OWNER',
  /** FORBIDDEN: only an OWNER of the organisation may do this. */
  NOT_AN_OWNER = 'NOT_AN_OWNER',
  /** FORBIDDEN: only a member (OWNER or MEMBER) of the organisation may do this. */
  NOT_A_MEMBER = 'NOT_A_MEMBER',
  /** NOT_FOUND: no user has this id. */
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  /** BAD_USER_INPUT on `kind`: only an ADMIN makes an organisation a PARTNER_AGENCY (setOrganisationKind). */
  PARTNER_AGENCY_SET_BY_ADMIN = 'PARTNER_AGENCY_SET_BY_ADMIN',
  /** NOT_FOUND: no organisation has this id. */
  ORGANISATION_NOT_FOUND = 'ORGANISATION_NOT_FOUND',
  /** UNAUTHENTICATED on login: unknown e-mail or wrong password (deliberately not told apart). */
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  /** RATE_LIMITED: REGISTER_RATE_LIMIT_PER_ADDRESS sign-ups from this client address in the window. */
  REGISTER_LIMIT_FOR_ADDRESS = 'REGISTER_LIMIT_FOR_ADDRESS',
  /** RATE_LIMITED: LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS failures for this account from this address. */
  LOGIN_LOCKED_FOR_ACCOUNT_AND_ADDRESS = 'LOGIN_LOCKED_FOR_ACCOUNT_AND_ADDRESS',
  /** RATE_LIMITED: LOGIN_FAILURES_PER_ACCOUNT failures for this account from all addresses. */
  LOGIN_LOCKED_FOR_ACCOUNT = 'LOGIN_LOCKED_FOR_ACCOUNT',
  /** RATE_LIMITED: LOGIN_FAILURES_PER_ADDRESS failures from this address, for any accounts. */
  LOGIN_LOCKED_FOR_ADDRESS = 'LOGIN_LOCKED_FOR_ADDRESS',
}

/** The reasons a sign-up or login is refused with RATE_LIMITED. */
export type RateLimitReason =
  | IdentityReason.REGISTER_LIMIT_FOR_ADDRESS
  | IdentityReason.LOGIN_LOCKED_FOR_ACCOUNT_AND_ADDRESS
  | IdentityReason.LOGIN_LOCKED_FOR_ACCOUNT
  | IdentityReason.LOGIN_LOCKED_FOR_ADDRESS;

function because<E extends DomainError>(error: E, reason: IdentityReason): E {
  error.details['reason'] = reason;
  return error;
}

/** BAD_USER_INPUT on a command's `field` with its reason. */
export function refusedField(field: string, message: string, reason: IdentityReason): BadUserInputError {
  return because(BadUserInputError.field(field, message), reason);
}

export class EmailTakenError extends BadUserInputError {
  constructor() {
    super({ field: 'email', message: 'is already registered' });
    this.details['reason'] = IdentityReason.EMAIL_TAKEN;
  }
}

export const organisationNameTaken = () => refusedField('name', 'is already used by another organisation', IdentityReason.ORGANISATION_NAME_TAKEN);
export const partnerAgencySetByAdmin = () =>
  refusedField('kind', 'PARTNER_AGENCY is set by an ADMIN (setOrganisationKind)', IdentityReason.PARTNER_AGENCY_SET_BY_ADMIN);
export const residentRolePermanent = () => refusedField('role', 'RESIDENT is every user’s role and cannot be revoked', IdentityReason.RESIDENT_ROLE_PERMANENT);
export const lastAdmin = () => because(new ConflictError('The last admin cannot lose the ADMIN role'), IdentityReason.LAST_ADMIN);
export const lastOwner = () => because(new ConflictError('An organisation must keep at least one OWNER'), IdentityReason.LAST_OWNER);
export const notAnOwner = () => because(new ForbiddenError('You must be an OWNER of this organisation'), IdentityReason.NOT_AN_OWNER);
export const notAMember = () => because(new ForbiddenError('You must be a member of this organisation'), IdentityReason.NOT_A_MEMBER);
export const userNotFound = (id: string) => because(new NotFoundError('User', id), IdentityReason.USER_NOT_FOUND);
export const organisationNotFound = (id: string) => because(new NotFoundError('Organisation', id), IdentityReason.ORGANISATION_NOT_FOUND);
export const invalidCredentials = () => because(new UnauthenticatedError('Invalid e-mail or password'), IdentityReason.INVALID_CREDENTIALS);

/** RATE_LIMITED with `retryAfterSeconds` (at least 1) and the `reason`. */
export class TooManyAttemptsError extends RateLimitedError {
  constructor(msBeforeNext: number, reason: RateLimitReason) {
    super(Math.max(1, Math.ceil(msBeforeNext / 1000)));
    this.details['reason'] = reason;
  }
}
