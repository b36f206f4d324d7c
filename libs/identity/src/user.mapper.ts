import { UserEntity } from './user.entity';
import { UserModel } from './user.model';

/** The API's view of a user: the e-mail is carried for the `email` field, which shows it only as `user-visibility.ts` allows. */
export function toUserModel(entity: UserEntity): UserModel {
  return {
    id: entity.id,
    displayName: entity.displayName,
    roles: entity.roles,
    email: entity.email,
    createdAt: entity.createdAt,
  };
}
