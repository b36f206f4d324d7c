// One ordered history. `npm run db:migration:generate -- <VerbNoun>` appends here.
import { CreateIdentity1795874454304 } from './1795874454304-CreateIdentity';
import { CreateProblems1795875358913 } from './1795875358913-CreateProblems';
import { CreateSolutions1795876696876 } from './1795876696876-CreateSolutions';
import { AddDiscussionAndModeration1795876755923 } from './1795876755923-AddDiscussionAndModeration';
import { AddCountsAndHiddenColumns1795887726101 } from './1795887726101-AddCountsAndHiddenColumns';
import { AddProblemPublicArea1796115802752 } from './1796115802752-AddProblemPublicArea';
import { AddModerationQueueAndCountedFlags1796115888866 } from './1796115888866-AddModerationQueueAndCountedFlags';
import { AddDuplicateOfIndex1796116075086 } from './1796116075086-AddDuplicateOfIndex';
import { FlattenDuplicateChains1796116075087 } from './1796116075087-FlattenDuplicateChains';
import { AddIdempotencyKeys1796117581396 } from './1796117581396-AddIdempotencyKeys';
import { AddTimelineEventKinds1796118985657 } from './1796118985657-AddTimelineEventKinds';
import { NotifyUserChanges1796126338027 } from './1796126338027-NotifyUserChanges';
import { CreatePledges1796126706887 } from './1796126706887-CreatePledges';
import { AddOrganisationKind1796126832680 } from './1796126832680-AddOrganisationKind';
import { AddProblemLeadAndResponseProgress1796126832681 } from './1796126832681-AddProblemLeadAndResponseProgress';
import { CreateActions1796126832682 } from './1796126832682-CreateActions';

export const MIGRATIONS = [
  CreateIdentity1795874454304,
  CreateProblems1795875358913,
  CreateSolutions1795876696876,
  AddDiscussionAndModeration1795876755923,
  AddCountsAndHiddenColumns1795887726101,
  AddProblemPublicArea1796115802752,
  AddModerationQueueAndCountedFlags1796115888866,
  AddDuplicateOfIndex1796116075086,
  FlattenDuplicateChains1796116075087,
  AddIdempotencyKeys1796117581396,
  AddTimelineEventKinds1796118985657,
  NotifyUserChanges1796126338027,
  CreatePledges1796126706887,
  AddOrganisationKind1796126832680,
  AddProblemLeadAndResponseProgress1796126832681,
  CreateActions1796126832682,
];
