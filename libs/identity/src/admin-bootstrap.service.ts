import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Role } from '@common-ground/shared/auth';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { isUniqueViolation } from '@common-ground/shared/database';
import { normaliseEmail } from './password-policy';
import { UserRolesService } from './user-roles.service';
import { USERS_EMAIL_KEY, UserService } from './user.service';

/** BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD: the first admin, made at start-up when absent. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserService,
    private readonly roles: UserRolesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin) return;
    const existing = await this.users.findByEmail(admin.email);
    if (existing) {
      if (!existing.roles.includes(Role.ADMIN)) await this.roles.grant({ userId: existing.id, role: Role.ADMIN });
      return;
    }
    const entity = await this.users.prepare({ email: admin.email, password: admin.password, displayName: 'Administrator', roles: [Role.ADMIN] });
    try {
      await this.users.insert(entity);
      this.logger.log(`Bootstrap admin ${normaliseEmail(admin.email)} created`);
    } catch (error) {
      if (isUniqueViolation(error, USERS_EMAIL_KEY)) return; // another replica made it first
      throw error;
    }
  }
}
