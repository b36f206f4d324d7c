import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role } from '@common-ground/shared/auth';
import { lastAdmin, residentRolePermanent } from './identity.exception';
import { ChangeRole } from './user.commands';
import { UserAuthCache } from './user-auth-cache.service';
import { UserEntity } from './user.entity';
import { UserService } from './user.service';

/**
 * Granting and revoking platform roles. Every process's cache of signed-in users drops the user
 * when the change commits (the trigger on `users` notifies it), and the mutation answers once
 * they all have (UserAuthCache.changing).
 */
@Injectable()
export class UserRolesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserService,
    private readonly authCache: UserAuthCache,
  ) {}

  /** Adds the role (nothing changes when the user has it); USER_NOT_FOUND for an unknown user. */
  async grant({ userId, role }: ChangeRole): Promise<UserEntity> {
    await this.users.getById(userId);
    await this.authCache.changing(userId, async () => {
      const [, updated]: [unknown, number] = await this.dataSource.query(
        `UPDATE users SET roles = array_append(roles, $2::user_role), updated_at = now()
          WHERE id = $1 AND NOT ($2::user_role = ANY(roles))`,
        [userId, role],
      );
      return updated > 0;
    });
    return this.users.getById(userId);
  }

  /** Removes the role; RESIDENT_ROLE_PERMANENT on `role` for RESIDENT, LAST_ADMIN when no other admin would be left. */
  async revoke({ userId, role }: ChangeRole): Promise<UserEntity> {
    if (role === Role.RESIDENT) throw residentRolePermanent();
    await this.users.getById(userId);
    await this.authCache.changing(userId, () => this.revokeInTransaction(userId, role));
    return this.users.getById(userId);
  }

  /** Whether the row was updated. */
  private revokeInTransaction(userId: string, role: Role): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (role === Role.ADMIN) {
        // Serialise admin removals so two admins cannot remove each other at once.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('users.admin'))`);
        const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM users WHERE 'ADMIN' = ANY(roles) AND id <> $1`, [userId]);
        if (count === 0) throw lastAdmin();
      }
      const [, updated]: [unknown, number] = await manager.query(
        `UPDATE users SET roles = array_remove(roles, $2::user_role), updated_at = now() WHERE id = $1`,
        [userId, role],
      );
      return updated > 0;
    });
  }
}
