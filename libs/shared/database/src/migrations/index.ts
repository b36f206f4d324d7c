// One ordered history. `npm run db:migration:generate -- <VerbNoun>` appends here.
import { CreateIdentity1795874454304 } from './1795874454304-CreateIdentity';
import { CreateProblems1795875358913 } from './1795875358913-CreateProblems';
import { CreateSolutions1795876696876 } from './1795876696876-CreateSolutions';
import { AddDiscussionAndModeration1795876755923 } from './1795876755923-AddDiscussionAndModeration';
import { AddCountsAndHiddenColumns1795887726101 } from './1795887726101-AddCountsAndHiddenColumns';
import { AddIdempotencyKeys1796115802749 } from './1796115802749-AddIdempotencyKeys';

export const MIGRATIONS = [
  CreateIdentity1795874454304,
  CreateProblems1795875358913,
  CreateSolutions1795876696876,
  AddDiscussionAndModeration1795876755923,
  AddCountsAndHiddenColumns1795887726101,
  AddIdempotencyKeys1796115802749,
];
