import { Role } from '@common-ground/shared/auth';
import { GraphQLExecutor } from '../graphql-client';
import { GRANT_ROLE, REGISTER } from '../documents';

/** An account the factories made: its id, its access token and its roles. */
export interface FactoryUser {
  id: string;
  email: string;
  displayName: string;
  token: string;
  roles: Role[];
}

export interface UserOptions {
  /** Roles besides RESIDENT (everyone has RESIDENT). */
  roles?: Role[];
  displayName?: string;
  email?: string;
  /** When the account was created (default: now); only a source that writes accounts directly can honour it. */
  createdAt?: Date;
}

/**
 * How accounts come to be. Accounts are not a state machine, so a source may write them in one
 * statement (the e2e `TestApp.users`) or go through the API (`registeredUsers`); everything the
 * accounts then do goes through the API.
 */
export type UserSource = (count: number, options: UserOptions) => Promise<FactoryUser[]>;

export const FACTORY_PASSWORD = 'a perfectly fine password';

/**
 * Accounts through the API: `register`, then `grantRole` by an admin (the bootstrap admin, whose
 * token `admin` gives). `createdAt` cannot be chosen this way and is refused.
 */
export function registeredUsers(gql: GraphQLExecutor, admin: () => Promise<{ token: string }>, password = FACTORY_PASSWORD): UserSource {
  let sequence = 0;
  return async (count, options) => {
    if (options.createdAt) throw new Error('registeredUsers cannot back-date an account (createdAt)');
    const made: FactoryUser[] = [];
    for (let i = 0; i < count; i++) {
      const n = ++sequence;
      const email = count === 1 && options.email ? options.email : `member${n}.${Date.now().toString(36)}@example.org`;
      const displayName = options.displayName ?? `Member ${n}`;
      const { register } = await gql.ok<{ register: { accessToken: string; user: { id: string; roles: Role[] } } }>(REGISTER, {
        input: { email, password, displayName },
      });
      const roles = [...register.user.roles];
      for (const role of options.roles ?? []) {
        if (roles.includes(role)) continue;
        const { token } = await admin();
        await gql.ok(GRANT_ROLE, { input: { userId: register.user.id, role } }, token);
        roles.push(role);
      }
      made.push({ id: register.user.id, email, displayName, token: register.accessToken, roles });
    }
    return made;
  };
}

/** The six people most specs need, by the names the spec gives them. */
export interface Cast {
  admin: FactoryUser;
  supervisor: FactoryUser;
  officer: FactoryUser;
  moderator: FactoryUser;
  resident: FactoryUser;
  neighbour: FactoryUser;
}

/** `users.resident()`, `users.officer()`, … `users.many(n)`: accounts by role. */
export class UserFactory {
  constructor(private readonly source: UserSource) {}

  async resident(options: Omit<UserOptions, 'roles'> = {}): Promise<FactoryUser> {
    return this.withRoles([], options);
  }

  async officer(options: Omit<UserOptions, 'roles'> = {}): Promise<FactoryUser> {
    return this.withRoles([Role.OFFICER], options);
  }

  async supervisor(options: Omit<UserOptions, 'roles'> = {}): Promise<FactoryUser> {
    return this.withRoles([Role.SUPERVISOR], options);
  }

  async moderator(options: Omit<UserOptions, 'roles'> = {}): Promise<FactoryUser> {
    return this.withRoles([Role.MODERATOR], options);
  }

  async admin(options: Omit<UserOptions, 'roles'> = {}): Promise<FactoryUser> {
    return this.withRoles([Role.ADMIN], options);
  }

  async withRoles(roles: Role[], options: Omit<UserOptions, 'roles'> = {}): Promise<FactoryUser> {
    const [user] = await this.source(1, { ...options, roles });
    return user;
  }

  /** Many accounts at once (residents unless `roles` says otherwise), e.g. for concurrency. */
  async many(count: number, options: UserOptions = {}): Promise<FactoryUser[]> {
    return this.source(count, options);
  }

  /** An admin, a supervisor, an officer, a moderator and two residents, named as given. */
  async cast(names: Partial<Record<keyof Cast, string>> = {}): Promise<Cast> {
    const [admin, supervisor, officer, moderator, resident, neighbour] = await Promise.all([
      this.admin({ displayName: names.admin ?? 'Ada Admin' }),
      this.supervisor({ displayName: names.supervisor ?? 'Sam Supervisor' }),
      this.officer({ displayName: names.officer ?? 'Olu Officer' }),
      this.moderator({ displayName: names.moderator ?? 'Mo Moderator' }),
      this.resident({ displayName: names.resident ?? 'Rita Resident' }),
      this.resident({ displayName: names.neighbour ?? 'Ned Neighbour' }),
    ]);
    return { admin, supervisor, officer, moderator, resident, neighbour };
  }
}

/**
 * The staff a step needs when the spec did not name one (the officer who walks a problem
 * through the cycle, the admin who draws an area): made once, on first use.
 */
export class Staff {
  private readonly made = new Map<string, Promise<FactoryUser>>();

  constructor(private readonly users: UserFactory) {}

  admin(): Promise<FactoryUser> {
    return this.once('admin', () => this.users.admin({ displayName: 'Factory Admin' }));
  }

  officer(): Promise<FactoryUser> {
    return this.once('officer', () => this.users.officer({ displayName: 'Factory Officer' }));
  }

  supervisor(): Promise<FactoryUser> {
    return this.once('supervisor', () => this.users.supervisor({ displayName: 'Factory Supervisor' }));
  }

  moderator(): Promise<FactoryUser> {
    return this.once('moderator', () => this.users.moderator({ displayName: 'Factory Moderator' }));
  }

  resident(): Promise<FactoryUser> {
    return this.once('resident', () => this.users.resident({ displayName: 'Factory Resident' }));
  }

  private once(key: string, make: () => Promise<FactoryUser>): Promise<FactoryUser> {
    let user = this.made.get(key);
    if (!user) {
      user = make();
      this.made.set(key, user);
    }
    return user;
  }
}
