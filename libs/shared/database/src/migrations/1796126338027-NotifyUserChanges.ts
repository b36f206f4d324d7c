import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a user row tells the API processes, which cache signed-in users and their
 * roles: after UPDATE or DELETE of a row, `pg_notify('users_changed', <id>)`; after TRUNCATE,
 * `'*'` (every user). A trigger rather than a NOTIFY in each service: no write path can forget it
 * (a future one, an operator's SQL, a restore), and it is still part of the writing transaction,
 * so the notification goes out when that commits and never when it rolls back. Written by hand
 * (no entity changes).
 */
export class NotifyUserChanges1796126338027 implements MigrationInterface {
  name = 'NotifyUserChanges1796126338027';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION users_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('users_changed', '*');
        ELSE
          PERFORM pg_notify('users_changed', OLD.id::text);
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query('CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION users_notify_changed()');
    await queryRunner.query('CREATE TRIGGER users_truncated AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION users_notify_changed()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER users_truncated ON users');
    await queryRunner.query('DROP TRIGGER users_changed ON users');
    await queryRunner.query('DROP FUNCTION users_notify_changed()');
  }
}
