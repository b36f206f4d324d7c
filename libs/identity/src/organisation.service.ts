import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { anyOf, isUniqueViolation, LeanReader, newId } from '@common-ground/shared/database';
import { ConnectionShape, keysetPage } from '@common-ground/shared/graphql';
import { CreateOptions, IdempotencyKeys } from '@common-ground/shared/idempotency';
import { lastOwner, notAMember, notAnOwner, organisationNameTaken, organisationNotFound, partnerAgencySetByAdmin, userNotFound } from './identity.exception';
import { MembershipRole } from './membership-role';
import { AddOrganisationMember, ListOrganisations, NewOrganisation, OrganisationMembership } from './organisation.commands';
import { OrganisationKind, SELF_CHOSEN_KINDS } from './organisation-kind';
import { OrganisationEntity, OrganisationMemberEntity } from './organisation.entity';
import { UserEntity } from './user.entity';
import { requireVisibleName } from './visible-name';

export type { NewOrganisation } from './organisation.commands';

/** The unique index on `lower(organisations.name)`. */
const ORGANISATIONS_NAME_KEY = 'organisations_name_key';

/** Organisations and their members. */
@Injectable()
export class OrganisationService {
  /** Writes organisations, answering from the INSERT's RETURNING clause. */
  private readonly lean: LeanReader<OrganisationEntity>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>,
    @InjectRepository(OrganisationMemberEntity) private readonly members: Repository<OrganisationMemberEntity>,
    private readonly idempotency: IdempotencyKeys,
  ) {
    this.lean = new LeanReader(organisations);
  }

  findById(id: string): Promise<OrganisationEntity | null> {
    return this.organisations.findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<OrganisationEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.organisations.findBy({ id: anyOf(ids) });
  }

  async getById(id: string): Promise<OrganisationEntity> {
    const organisation = await this.findById(id);
    if (!organisation) throw organisationNotFound(id);
    return organisation;
  }

  /** The caller's role in the organisation, or null when not a member. */
  async membershipOf(organisationId: string, userId: string): Promise<MembershipRole | null> {
    const member = await this.members.findOneBy({ organisationId, userId });
    return member?.role ?? null;
  }

  /**
   * Throws FORBIDDEN unless the user belongs to the organisation (as one of `roles`): NOT_AN_OWNER
   * when only OWNERs may, NOT_A_MEMBER otherwise; ORGANISATION_NOT_FOUND for an unknown one.
   */
  async assertMember(organisationId: string, userId: string, roles: MembershipRole[] = [MembershipRole.OWNER, MembershipRole.MEMBER]): Promise<void> {
    await this.getById(organisationId);
    const role = await this.membershipOf(organisationId, userId);
    if (!role || !roles.includes(role)) {
      throw roles.length === 1 && roles[0] === MembershipRole.OWNER ? notAnOwner() : notAMember();
    }
  }

  /**
   * The creator becomes its OWNER. The name is stored without invisible and bidi control
   * characters (NAME_NOT_VISIBLE on `name` if nothing is left; ORGANISATION_NAME_TAKEN when another has it). Answered from what its
   * transaction wrote; with an idempotency key, a retry returns the first organisation.
   */
  async create(creatorId: string, command: NewOrganisation, options: CreateOptions = {}): Promise<OrganisationEntity> {
    const name = requireVisibleName(command.name, 'name');
    const kind = command.kind ?? OrganisationKind.COMMUNITY;
    if (!SELF_CHOSEN_KINDS.includes(kind)) throw partnerAgencySetByAdmin();
    const id = newId();
    const request = { userId: creatorId, key: options.idempotencyKey, operation: 'createOrganisation', input: command };
    try {
      return await this.idempotency.create(
        request,
        id,
        async (manager) => {
          const organisation = await this.lean.insert(manager, {
            id,
            name,
            description: command.description,
            website: command.website ?? null,
            kind,
            createdById: creatorId,
          });
          await manager.insert(OrganisationMemberEntity, {
            organisationId: organisation.id,
            userId: creatorId,
            role: MembershipRole.OWNER,
          });
          return organisation;
        },
        (firstId) => this.getById(firstId),
      );
    } catch (error) {
      if (isUniqueViolation(error, ORGANISATIONS_NAME_KEY)) throw organisationNameTaken();
      throw error;
    }
  }

  /**
   * Adds a member, or changes a member's role (OWNERs only: NOT_AN_OWNER); an organisation
   * always keeps one OWNER (LAST_OWNER); USER_NOT_FOUND for an unknown user.
   */
  async addMember(actorId: string, { organisationId, userId, role }: AddOrganisationMember): Promise<OrganisationEntity> {
    await this.assertMember(organisationId, actorId, [MembershipRole.OWNER]);
    await this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(UserEntity, { id: userId }))) throw userNotFound(userId);
      // Lock the organisation's memberships so concurrent demotions cannot remove every owner.
      await manager.query('SELECT 1 FROM organisations WHERE id = $1 FOR UPDATE', [organisationId]);
      if (role === MembershipRole.MEMBER) {
        const owners = await manager.countBy(OrganisationMemberEntity, { organisationId, role: MembershipRole.OWNER });
        const current = await manager.findOneBy(OrganisationMemberEntity, { organisationId, userId });
        if (current?.role === MembershipRole.OWNER && owners === 1) throw lastOwner();
      }
      await manager.upsert(OrganisationMemberEntity, { organisationId, userId, role }, ['organisationId', 'userId']);
    });
    return this.getById(organisationId);
  }

  /**
   * The public directory, by name in any case (served by the unique index on lower(name)), then
   * id; `search` keeps those whose name contains it, in any case (LIKE wildcards in it are
   * taken literally).
   */
  directory(query: ListOrganisations): Promise<ConnectionShape<OrganisationEntity>> {
    const builder = this.organisations.createQueryBuilder('o');
    if (query.search) {
      const escaped = query.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      builder.where("lower(o.name) LIKE :pattern ESCAPE '\\'", { pattern: `%${escaped}%` });
    }
    return keysetPage(
      builder,
      [
        { expression: 'lower(o.name)', direction: 'ASC', type: 'text' },
        { expression: 'o.id', direction: 'ASC', type: 'uuid' },
      ],
      query,
    );
  }

  /** Sets what the organisation is (the ADMIN's call: the resolver admits only admins). */
  async setKind(organisationId: string, kind: OrganisationKind): Promise<OrganisationEntity> {
    const result = await this.organisations.update({ id: organisationId }, { kind });
    if (!result.affected) throw organisationNotFound(organisationId);
    return this.getById(organisationId);
  }

  /** The organisations the user belongs to, with their kinds (one statement). */
  async membershipsOf(userId: string): Promise<OrganisationMembership[]> {
    const rows: { organisation_id: string; role: MembershipRole; kind: OrganisationKind }[] = await this.dataSource.query(
      `SELECT m.organisation_id, m.role, o.kind FROM organisation_members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.user_id = $1 ORDER BY m.organisation_id`,
      [userId],
    );
    return rows.map((row) => ({ organisationId: row.organisation_id, role: row.role, kind: row.kind }));
  }

  listMembers(organisationId: string): Promise<OrganisationMemberEntity[]> {
    return this.members.find({ where: { organisationId }, order: { createdAt: 'ASC', userId: 'ASC' } });
  }
}
