import { Context, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Auth, AuthenticatedUser, AuthRequest, CurrentUser, Role } from '@common-ground/shared/auth';
import { Args, atInput, carryPlanned, currentField, plannedValue, selectionAt } from '@common-ground/shared/graphql';
import { toUserModel, UserModel } from '@common-ground/identity';
import { toAreaModel } from './area.mapper';
import { AreaModel, LocalTeamModel } from './area.model';
import { AssignOfficerInput } from './assign-officer.input';
import { CreateAreaInput } from './create-area.input';
import { AreaService } from './area.service';
import { LatLngInput } from './lat-lng.input';
import { toProblemModel } from './problem.mapper';
import { AreaReader } from './area.reader';
import { ProblemEntity } from './problem.entity';
import { ProblemModel } from './problem.model';
import { ProblemsLoader } from './problems.loader';

@Resolver(() => AreaModel)
export class AreaResolver {
  constructor(
    private readonly areaService: AreaService,
    private readonly areaReader: AreaReader,
    private readonly loader: ProblemsLoader,
  ) {}

  @Auth({ roles: [Role.ADMIN] })
  @Mutation(() => AreaModel)
  async createArea(@Args('input') input: CreateAreaInput, @CurrentUser() viewer: AuthenticatedUser): Promise<AreaModel> {
    return toAreaModel(await atInput(this.areaService.create(viewer.id, input.name, input.boundary)));
  }

  @Auth({ roles: [Role.SUPERVISOR, Role.ADMIN] })
  @Mutation(() => AreaModel)
  async assignOfficerToArea(@Args('input') input: AssignOfficerInput, @CurrentUser() viewer: AuthenticatedUser): Promise<AreaModel> {
    return toAreaModel(await atInput(this.areaService.assignOfficer(viewer.id, input.areaId, input.userId)));
  }

  @Auth({ public: true })
  @Query(() => [AreaModel])
  async areas(): Promise<AreaModel[]> {
    return (await this.areaService.list()).map(toAreaModel);
  }

  @Auth({ public: true })
  @Query(() => LocalTeamModel, {
    nullable: true,
    description: 'The area containing a point and its team; null outside every area. Priorities are in the area as the viewer sees areas (Problem.area).',
  })
  async localTeam(@Args('location') location: LatLngInput, @Context() context: unknown, @Info() info: GraphQLResolveInfo): Promise<LocalTeamModel | null> {
    const area = await this.areaReader.localTeam(location, { fields: selectionAt(info, []).fields, context, info });
    if (!area) return null;
    // officers and priorities: the team's field resolvers, from what the statement planned.
    return carryPlanned(area, { area: toAreaModel(area), officers: [], priorities: [] });
  }

  @ResolveField(() => [UserModel], { description: 'Officers assigned to the area (public profiles).' })
  async officers(@Parent() area: AreaModel, @Context('req') req: AuthRequest): Promise<UserModel[]> {
    return (await this.loader.areaOfficers(req, area.id)).map(toUserModel);
  }
}

/** The local team's lists: planned into localTeam's statement (area.planner.ts), else read here. */
@Resolver(() => LocalTeamModel)
export class LocalTeamResolver {
  constructor(private readonly areaReader: AreaReader) {}

  @ResolveField(() => [UserModel])
  officers(team: LocalTeamModel, _args: unknown, context: unknown, info: GraphQLResolveInfo): UserModel[] | Promise<UserModel[]> {
    const planned = plannedValue<UserModel[]>(team, info);
    if (planned) return planned;
    return this.areaReader.teamField(team.area.id, { fields: [currentField(info)], context, info }) as Promise<UserModel[]>;
  }

  @ResolveField(() => [ProblemModel], { description: 'Problems the team is working on (ANALYSIS or RESPONSE), highest priority first.' })
  priorities(team: LocalTeamModel, _args: unknown, context: unknown, info: GraphQLResolveInfo): ProblemModel[] | Promise<ProblemModel[]> {
    const planned = plannedValue<ProblemEntity[]>(team, info);
    if (planned) return planned.map(toProblemModel);
    const read = this.areaReader.teamField(team.area.id, { fields: [currentField(info)], context, info }) as Promise<ProblemEntity[]>;
    return read.then((problems) => problems.map(toProblemModel));
  }
}
