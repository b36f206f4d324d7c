// One ordered history. `npm run db:migration:generate -- <VerbNoun>` appends here.
import { CreateIdentity1795874454304 } from './1795874454304-CreateIdentity';

export const MIGRATIONS = [
  CreateIdentity1795874454304,
];
