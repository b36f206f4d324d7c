import { DOMAINS } from './domains';

/** Every entity, in dependency order of the libs; used by the app and the migration tools. */
export const ENTITIES = DOMAINS.flatMap((domain) => domain.entities);
