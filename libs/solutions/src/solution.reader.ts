import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { LeanReader } from '@common-ground/shared/database';
import { attachPlanned, FieldPlans, plannedSelect, SelectedField, SelectionInfo, SqlParams } from '@common-ground/shared/graphql';
import { SolutionEntity } from './solution.entity';

/** What a read was asked for: the fields selected on the solution, and the request they are planned for. */
export interface SolutionSelection {
  fields: readonly SelectedField[];
  context: unknown;
  info: SelectionInfo;
}

/**
 * The read side of solutions' own root reads: `solution(id)` is one statement with the fields
 * planned for the selection (proposer, capacity needs); see libs/README.md, How a lib reads.
 * A problem's solutions are planned into the problem's read (solution.planner.ts).
 */
@Injectable()
export class SolutionReader {
  private readonly rows: LeanReader<SolutionEntity>;

  constructor(
    @InjectRepository(SolutionEntity) private readonly solutions: Repository<SolutionEntity>,
    private readonly plans: FieldPlans,
  ) {
    this.rows = new LeanReader(solutions);
  }

  async byId(id: string, selection: SolutionSelection): Promise<SolutionEntity | null> {
    const params = new SqlParams();
    const idParam = params.add(id, 'uuid');
    const planned = this.plans.columns('Solution', selection.fields, { alias: 's', params, context: selection.context, info: selection.info });
    const rows: Record<string, unknown>[] = await this.solutions.query(
      `SELECT ${this.rows.columnsOf('s')}${plannedSelect(planned)} FROM solutions s WHERE s.id = ${idParam}`,
      params.values,
    );
    return rows[0] ? attachPlanned(this.rows.fromRow(rows[0]), rows[0], planned) : null;
  }
}
