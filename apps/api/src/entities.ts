import { IDENTITY_ENTITIES } from '@common-ground/identity';
import { PROBLEMS_ENTITIES } from '@common-ground/problems';
import { SOLUTIONS_ENTITIES } from '@common-ground/solutions';
import { IdempotencyKeyEntity } from '@common-ground/shared/database';

/** Every entity, in dependency order of the libs; used by the app and the migration tools. */
export const ENTITIES = [IdempotencyKeyEntity, ...IDENTITY_ENTITIES, ...PROBLEMS_ENTITIES, ...SOLUTIONS_ENTITIES];
