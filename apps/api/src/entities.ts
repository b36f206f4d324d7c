import { IdempotencyKeyEntity } from '@common-ground/shared/database';
import { DOMAINS } from './domains';

/** Every entity, in dependency order of the libs; used by the app and the migration tools. */
export const ENTITIES = [IdempotencyKeyEntity, ...DOMAINS.flatMap((domain) => domain.entities)];
