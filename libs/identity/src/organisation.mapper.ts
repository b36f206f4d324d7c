import { OrganisationEntity, OrganisationMemberEntity } from './organisation.entity';
import { OrganisationMemberModel, OrganisationModel } from './organisation.model';
import { UserEntity } from './user.entity';
import { toUserModel } from './user.mapper';

export function toOrganisationModel(entity: OrganisationEntity): OrganisationModel {
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    website: entity.website,
    kind: entity.kind,
    createdAt: entity.createdAt,
  };
}

export function toOrganisationMemberModel(member: OrganisationMemberEntity, user: UserEntity): OrganisationMemberModel {
  return { user: toUserModel(user), role: member.role, joinedAt: member.createdAt };
}
