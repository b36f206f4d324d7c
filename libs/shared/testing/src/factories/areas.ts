import { GraphQLExecutor } from '../graphql-client';
import { ASSIGN_OFFICER, CREATE_AREA } from '../documents';
import { Point, square } from './geo';
import { FactoryUser, Staff } from './users';

export interface FactoryArea {
  id: string;
  name: string;
  boundary: Point[];
  /** A point inside it, where problems are reported by default. */
  centre: Point;
}

interface AreaDraft {
  by?: FactoryUser;
  name: string;
  centre: Point;
  boundary?: Point[];
  half: number;
}

/** `areas.by(admin).named('Ancoats').around(centre, 2000).create()`: one `createArea`. */
export class AreaBuilder {
  constructor(
    private readonly gql: GraphQLExecutor,
    private readonly staff: Staff,
    private readonly draft: AreaDraft,
  ) {}

  by(admin: FactoryUser): AreaBuilder {
    return this.with({ by: admin });
  }

  named(name: string): AreaBuilder {
    return this.with({ name });
  }

  /** A square `half` metres each side of the centre. */
  around(centre: Point, half = 1000): AreaBuilder {
    return this.with({ centre, half, boundary: undefined });
  }

  /** A closed ring as given (its first corner stands in for the centre unless `centre` is given). */
  boundary(ring: Point[], centre?: Point): AreaBuilder {
    return this.with({ boundary: ring, centre: centre ?? ring[0] });
  }

  async create(): Promise<FactoryArea> {
    const admin = this.draft.by ?? (await this.staff.admin());
    const boundary = this.draft.boundary ?? square(this.draft.centre, this.draft.half);
    const { createArea } = await this.gql.ok<{ createArea: { id: string; name: string } }>(
      CREATE_AREA,
      { input: { name: this.draft.name, boundary } },
      admin.token,
    );
    return { id: createArea.id, name: createArea.name, boundary, centre: this.draft.centre };
  }

  private with(change: Partial<AreaDraft>): AreaBuilder {
    return new AreaBuilder(this.gql, this.staff, { ...this.draft, ...change });
  }
}

export class AreaFactory {
  private sequence = 0;

  constructor(
    private readonly gql: GraphQLExecutor,
    private readonly staff: Staff,
  ) {}

  by(admin: FactoryUser): AreaBuilder {
    return this.draft().by(admin);
  }

  named(name: string): AreaBuilder {
    return this.draft().named(name);
  }

  around(centre: Point, half = 1000): AreaBuilder {
    return this.draft().around(centre, half);
  }

  /** Assigns an officer (or supervisor) to the area's local team: one `assignOfficerToArea`, by a supervisor. */
  async assign(area: { id: string }, officer: FactoryUser, by?: FactoryUser): Promise<void> {
    const supervisor = by ?? (await this.staff.supervisor());
    await this.gql.ok(ASSIGN_OFFICER, { input: { areaId: area.id, userId: officer.id } }, supervisor.token);
  }

  private draft(): AreaBuilder {
    return new AreaBuilder(this.gql, this.staff, { name: `Area ${++this.sequence}`, centre: { lat: 53.4808, lng: -2.2426 }, half: 1000 });
  }
}
