import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { anyOf, isUniqueViolation, newId } from '@common-ground/shared/database';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '@common-ground/shared/graphql';
import { MembershipRole, OrganisationEntity, OrganisationMemberEntity } from './organisation.entity';
import { UserEntity } from './user.entity';
import { requireVisibleName } from './visible-name';

export interface NewOrganisation {
  name: string;
  description: string;
  website?: string | null;
}

@Injectable()
export class OrganisationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>,
    @InjectRepository(OrganisationMemberEntity) private readonly members: Repository<OrganisationMemberEntity>,
  ) {}

  findById(id: string): Promise<OrganisationEntity | null> {
    return this.organisations.findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<OrganisationEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.organisations.findBy({ id: anyOf(ids) });
  }

  async getById(id: string): Promise<OrganisationEntity> {
    const organisation = await this.findById(id);
    if (!organisation) throw new NotFoundError('Organisation', id);
    return organisation;
  }

  /** The caller's role in the organisation, or null when not a member. */
  async membershipOf(organisationId: string, userId: string): Promise<MembershipRole | null> {
    const member = await this.members.findOneBy({ organisationId, userId });
    return member?.role ?? null;
  }

  /** Throws FORBIDDEN unless the user belongs to the organisation (as one of `roles`). */
  async assertMember(organisationId: string, userId: string, roles: MembershipRole[] = [MembershipRole.OWNER, MembershipRole.MEMBER]): Promise<void> {
    await this.getById(organisationId);
    const role = await this.membershipOf(organisationId, userId);
    if (!role || !roles.includes(role)) {
      throw new ForbiddenError(`You must be ${roles.length === 1 ? `an ${roles[0]}` : 'a member'} of this organisation`);
    }
  }

  /** The name is stored without invisible and bidi control characters (BAD_USER_INPUT on `input.name` if nothing is left). */
  async create(creatorId: string, input: NewOrganisation): Promise<OrganisationEntity> {
    const name = requireVisibleName(input.name, 'input.name');
    try {
      return await this.dataSource.transaction(async (manager) => {
        const organisation = await manager.save(
          manager.create(OrganisationEntity, {
            id: newId(),
            name,
            description: input.description,
            website: input.website ?? null,
            createdById: creatorId,
          }),
        );
        await manager.insert(OrganisationMemberEntity, {
          organisationId: organisation.id,
          userId: creatorId,
          role: MembershipRole.OWNER,
        });
        return organisation;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'organisations_name_key')) {
        throw BadUserInputError.field('input.name', 'is already used by another organisation');
      }
      throw error;
    }
  }

  /** Adds a member, or changes a member's role; an organisation always keeps one OWNER. */
  async addMember(actorId: string, organisationId: string, userId: string, role: MembershipRole): Promise<OrganisationEntity> {
    await this.assertMember(organisationId, actorId, [MembershipRole.OWNER]);
    await this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(UserEntity, { id: userId }))) throw new NotFoundError('User', userId);
      // Lock the organisation's memberships so concurrent demotions cannot remove every owner.
      await manager.query('SELECT 1 FROM organisations WHERE id = $1 FOR UPDATE', [organisationId]);
      if (role === MembershipRole.MEMBER) {
        const owners = await manager.countBy(OrganisationMemberEntity, { organisationId, role: MembershipRole.OWNER });
        const current = await manager.findOneBy(OrganisationMemberEntity, { organisationId, userId });
        if (current?.role === MembershipRole.OWNER && owners === 1) {
          throw new ConflictError('An organisation must keep at least one OWNER');
        }
      }
      await manager.upsert(OrganisationMemberEntity, { organisationId, userId, role }, ['organisationId', 'userId']);
    });
    return this.getById(organisationId);
  }

  listMembers(organisationId: string): Promise<OrganisationMemberEntity[]> {
    return this.members.find({ where: { organisationId }, order: { createdAt: 'ASC', userId: 'ASC' } });
  }
}
