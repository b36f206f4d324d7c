import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuthenticatedUser, AuthUserLookup, Role } from '@common-ground/shared/auth';
import { isUniqueViolation, newId } from '@common-ground/shared/database';
import { EmailTakenError, userNotFound } from './identity.exception';
import { normaliseEmail, PasswordService } from './password.service';
import { UserEntity } from './user.entity';
import { requireVisibleName } from './visible-name';

import { NewUser } from './user.commands';

export type { NewUser } from './user.commands';

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  roles: Role[];
  created_at: Date;
  updated_at: Date;
}

function toUserEntity(row: UserRow): UserEntity {
  return Object.assign(new UserEntity(), {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    roles: row.roles,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** A user's roles and account age, for rules in higher libs. */
export interface UserFacts {
  roles: Role[];
  createdAt: Date;
}

@Injectable()
/** Users: the look-ups every lib uses, and creating one. */
export class UserService implements AuthUserLookup {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly passwords: PasswordService,
  ) {}

  /** The user as a signed-in request sees it (through UserAuthCache): plain SQL, no ORM query building or hydration. */
  async findForAuth(userId: string): Promise<AuthenticatedUser | null> {
    const [row]: { id: string; display_name: string; roles: Role[] }[] = await this.users.query(
      'SELECT id, display_name, roles::text[] AS roles FROM users WHERE id = $1',
      [userId],
    );
    return row ? { id: row.id, displayName: row.display_name, roles: row.roles } : null;
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /**
   * For the per-request loader behind every reporter, proposer and author on a page: plain SQL
   * with one array parameter, rows mapped by hand (TypeORM's query building and hydration were a
   * visible share of a list's CPU).
   */
  async findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return [];
    const rows: UserRow[] = await this.users.query(
      `SELECT id, email, display_name, password_hash, roles::text[] AS roles, created_at, updated_at FROM users WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    );
    return rows.map(toUserEntity);
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email: normaliseEmail(email) });
  }

  async getById(id: string): Promise<UserEntity> {
    const user = await this.findById(id);
    if (!user) throw userNotFound(id);
    return user;
  }

  /**
   * Creates a user; a taken e-mail (in any case) is EMAIL_TAKEN on `email`, a display name with
   * nothing visible (once invisible and bidi control characters are removed) NAME_NOT_VISIBLE on
   * `displayName`, a password against the policy BAD_USER_INPUT on `password`.
   */
  async create(command: NewUser): Promise<UserEntity> {
    const email = normaliseEmail(command.email);
    const entity = await this.prepare(command);
    if (await this.users.existsBy({ email })) throw new EmailTakenError();
    try {
      return await this.insert(entity);
    } catch (error) {
      if (isUniqueViolation(error, USERS_EMAIL_KEY)) throw new EmailTakenError();
      throw error;
    }
  }

  /** A new user row checked against the rules, its password hashed; not yet saved. */
  async prepare(command: NewUser): Promise<UserEntity> {
    const displayName = requireVisibleName(command.displayName, 'displayName');
    this.passwords.assertAcceptable(command.password, command.email);
    return this.users.create({
      id: newId(),
      email: normaliseEmail(command.email),
      displayName,
      passwordHash: await this.passwords.hash(command.password),
      roles: [...new Set([Role.RESIDENT, ...(command.roles ?? [])])],
    });
  }

  /** Saves a prepared user; a taken e-mail fails as the database's unique violation on USERS_EMAIL_KEY. */
  insert(entity: UserEntity): Promise<UserEntity> {
    return this.users.save(entity);
  }

  // For higher libs, which read users only through this service.

  /** What moderation needs to know of these users (their roles, their account's age), read in the caller's transaction. */
  async factsOf(manager: EntityManager, userIds: readonly string[]): Promise<Map<string, UserFacts>> {
    const rows: { id: string; roles: Role[]; created_at: Date }[] = await manager.query(
      'SELECT id, roles::text[] AS roles, created_at FROM users WHERE id = ANY($1::uuid[])',
      [[...new Set(userIds)]],
    );
    return new Map(rows.map((row) => [row.id, { roles: row.roles, createdAt: row.created_at }]));
  }
}

/** The unique index on `users.email`. */
export const USERS_EMAIL_KEY = 'users_email_key';
