import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { LeanReader } from '@common-ground/shared/database';
import { attachPlanned, FieldPlans, plannedSelect, SelectedField, SelectionInfo, SqlParams } from '@common-ground/shared/graphql';
import { AreaEntity } from './area.entity';
import { LatLng } from './geo';

/** The fields selected on the local team, and the request they are planned for. */
export interface LocalTeamSelection {
  fields: readonly SelectedField[];
  context: unknown;
  info: SelectionInfo;
}

/**
 * The read side of areas: `localTeam` is one statement — the area containing the point, with
 * the fields planned for the selection on LocalTeam (its officers, its priorities with their own
 * planned fields, and what higher libs add) as columns of the area's row.
 */
@Injectable()
export class AreaReader {
  private readonly rows: LeanReader<AreaEntity>;

  constructor(
    @InjectRepository(AreaEntity) private readonly areas: Repository<AreaEntity>,
    private readonly plans: FieldPlans,
  ) {
    this.rows = new LeanReader(areas);
  }

  /** The area containing the point (the smallest when areas overlap), as the team's row; null outside every area. */
  async localTeam(point: LatLng, selection: LocalTeamSelection): Promise<AreaEntity | null> {
    const params = new SqlParams();
    const at = `point(${params.add(point.lng, 'float8')}, ${params.add(point.lat, 'float8')})`;
    const planned = this.plans.columns('LocalTeam', selection.fields, { alias: 'a', params, context: selection.context, info: selection.info });
    const rows: Record<string, unknown>[] = await this.areas.query(
      `SELECT ${this.rows.columnsOf('a')}${plannedSelect(planned)} FROM areas a WHERE a.boundary @> ${at} ORDER BY area(path(a.boundary)) ASC, a.id ASC LIMIT 1`,
      params.values,
    );
    return rows[0] ? attachPlanned(this.rows.fromRow(rows[0]), rows[0], planned) : null;
  }

  /**
   * One field of an area's local team on its own, when localTeam's statement did not plan it:
   * the same planner's SQL over the area's row, so there is one way to read each field.
   */
  async teamField(areaId: string, selection: LocalTeamSelection): Promise<unknown> {
    const params = new SqlParams();
    const idParam = params.add(areaId, 'uuid');
    const planned = this.plans.columns('LocalTeam', selection.fields, { alias: 'a', params, context: selection.context, info: selection.info });
    if (planned.length !== 1) throw new Error(`LocalTeam.${selection.fields.map((field) => field.name).join(', ')} has no planner`);
    const rows: Record<string, unknown>[] = await this.areas.query(`SELECT 1${plannedSelect(planned)} FROM areas a WHERE a.id = ${idParam}`, params.values);
    return rows[0] ? planned[0].read(rows[0][planned[0].column]) : null;
  }
}
