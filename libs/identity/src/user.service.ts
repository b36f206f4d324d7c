import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuthenticatedUser, AuthUserLookup, Role } from '@common-ground/shared/auth';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { isUniqueViolation, newId } from '@common-ground/shared/database';
import { BadUserInputError, ConflictError, NotFoundError } from '@common-ground/shared/graphql';
import { normaliseEmail, PasswordService } from './password.service';
import { UserEntity } from './user.entity';
import { requireVisibleName } from './visible-name';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  roles?: Role[];
}

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
export class UserService implements AuthUserLookup, OnApplicationBootstrap {
  private readonly logger = new Logger(UserService.name);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly passwords: PasswordService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** On every signed-in request: plain SQL, no ORM query building or hydration. */
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
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  /**
   * Creates a user; a taken e-mail (in any case) is BAD_USER_INPUT on `input.email`, a display
   * name with nothing visible (once invisible and bidi control characters are removed) on
   * `input.displayName`.
   */
  async create(input: NewUser): Promise<UserEntity> {
    const displayName = requireVisibleName(input.displayName, 'input.displayName');
    this.passwords.assertAcceptable(input.password, input.email);
    const email = normaliseEmail(input.email);
    const taken = () => BadUserInputError.field('input.email', 'is already registered');
    if (await this.users.existsBy({ email })) throw taken();
    const roles = [...new Set([Role.RESIDENT, ...(input.roles ?? [])])];
    const entity = this.users.create({
      id: newId(),
      email,
      displayName,
      passwordHash: await this.passwords.hash(input.password),
      roles,
    });
    try {
      return await this.users.save(entity);
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw taken();
      throw error;
    }
  }

  async grantRole(userId: string, role: Role): Promise<UserEntity> {
    await this.getById(userId);
    await this.users.query(
      `UPDATE users SET roles = array_append(roles, $2::user_role), updated_at = now()
        WHERE id = $1 AND NOT ($2::user_role = ANY(roles))`,
      [userId, role],
    );
    return this.getById(userId);
  }

  async revokeRole(userId: string, role: Role): Promise<UserEntity> {
    if (role === Role.RESIDENT) {
      throw BadUserInputError.field('input.role', 'RESIDENT is every user’s role and cannot be revoked');
    }
    await this.getById(userId);
    await this.users.manager.transaction(async (manager) => {
      if (role === Role.ADMIN) {
        // Serialise admin removals so two admins cannot remove each other at once.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('users.admin'))`);
        const [{ count }] = await manager.query(
          `SELECT count(*)::int AS count FROM users WHERE 'ADMIN' = ANY(roles) AND id <> $1`,
          [userId],
        );
        if (count === 0) throw new ConflictError('The last admin cannot lose the ADMIN role');
      }
      await manager.query(
        `UPDATE users SET roles = array_remove(roles, $2::user_role), updated_at = now() WHERE id = $1`,
        [userId, role],
      );
    });
    return this.getById(userId);
  }

  /** BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD: the first admin, made when absent. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin) return;
    const existing = await this.findByEmail(admin.email);
    if (existing) {
      if (!existing.roles.includes(Role.ADMIN)) await this.grantRole(existing.id, Role.ADMIN);
      return;
    }
    try {
      await this.create({ email: admin.email, password: admin.password, displayName: 'Administrator', roles: [Role.ADMIN] });
      this.logger.log(`Bootstrap admin ${normaliseEmail(admin.email)} created`);
    } catch (error) {
      if (error instanceof BadUserInputError && error.fields.some((f) => f.field === 'input.email')) return; // another replica won
      throw error;
    }
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
