import { Role } from '@common-ground/shared/auth';

/** A user to create (sign-up, the bootstrap admin, demo data); RESIDENT is always among the roles. */
export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  roles?: Role[];
}

/** A sign-up: a new RESIDENT. */
export type RegisterUser = Omit<NewUser, 'roles'>;

export interface LogIn {
  email: string;
  password: string;
}

/** Grants or revokes one platform role. */
export interface ChangeRole {
  userId: string;
  role: Role;
}
