import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AreaService, LocalTeamModel } from '@common-ground/problems';
import { toActionModel } from './action.mapper';
import { ActionModel } from './action.model';
import { ActionService } from './action.service';
import { toAssessmentModel } from './assessment.mapper';
import { AssessmentModel } from './assessment.model';
import { AssessmentService } from './assessment.service';

/** What this lib adds to the problems lib's LocalTeam: what the local officers are doing, and what came of it. */
@Resolver(() => LocalTeamModel)
export class LocalTeamActionsResolver {
  constructor(
    private readonly actions: ActionService,
    private readonly assessments: AssessmentService,
    private readonly areas: AreaService,
  ) {}

  @ResolveField(() => [ActionModel], { description: 'The local officers’ PUBLIC actions in progress in the area, soonest due first.' })
  async actionsInProgress(@Parent() team: LocalTeamModel): Promise<ActionModel[]> {
    const officerIds = (await this.areas.officerIds([team.area.id])).get(team.area.id) ?? [];
    const now = new Date();
    return (await this.actions.publicInProgress(team.area.id, officerIds)).map((action) => toActionModel(action, now));
  }

  @ResolveField(() => [AssessmentModel], { description: 'The area’s latest assessed outcomes, newest first.' })
  async recentOutcomes(@Parent() team: LocalTeamModel): Promise<AssessmentModel[]> {
    return (await this.assessments.recentInArea(team.area.id)).map(toAssessmentModel);
  }
}
