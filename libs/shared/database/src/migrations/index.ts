// One ordered history. `npm run db:migration:generate -- <VerbNoun>` appends here.
import { CreateIdentity1795874454304 } from './1795874454304-CreateIdentity';
import { CreateProblems1795875358913 } from './1795875358913-CreateProblems';

export const MIGRATIONS = [
  CreateIdentity1795874454304,
  CreateProblems1795875358913,
];
