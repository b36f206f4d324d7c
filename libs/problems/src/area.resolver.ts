import { Context, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Auth, AuthenticatedUser, AuthRequest, CurrentUser, Role, viewerOf } from '@common-ground/shared/auth';
import { Args, atInput, selectionAt } from '@common-ground/shared/graphql';
import { toUserModel, UserModel } from '@common-ground/identity';
import { toAreaModel } from './area.mapper';
import { AreaModel, LocalTeamModel } from './area.model';
import { AssignOfficerInput } from './assign-officer.input';
import { CreateAreaInput } from './create-area.input';
import { AreaService } from './area.service';
import { LatLngInput } from './lat-lng.input';
import { toProblemModel } from './problem.mapper';
import { ProblemReader } from './problem.reader';
import { ProblemsLoader } from './problems.loader';

@Resolver(() => AreaModel)
export class AreaResolver {
  constructor(
    private readonly areaService: AreaService,
    private readonly reader: ProblemReader,
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
    const area = await this.areaService.containing(location);
    if (!area) return null;
    const priorities = await this.reader.priorities(area.id, viewerOf(context), { fields: selectionAt(info, ['priorities']).fields, context, info });
    return { area: toAreaModel(area), officers: [], priorities: priorities.map(toProblemModel) };
  }

  @ResolveField(() => [UserModel], { description: 'Officers assigned to the area (public profiles).' })
  async officers(@Parent() area: AreaModel, @Context('req') req: AuthRequest): Promise<UserModel[]> {
    return (await this.loader.areaOfficers(req, area.id)).map(toUserModel);
  }
}

@Resolver(() => LocalTeamModel)
export class LocalTeamResolver {
  constructor(private readonly loader: ProblemsLoader) {}

  @ResolveField(() => [UserModel])
  async officers(@Parent() team: LocalTeamModel, @Context('req') req: AuthRequest): Promise<UserModel[]> {
    return (await this.loader.areaOfficers(req, team.area.id)).map(toUserModel);
  }
}
