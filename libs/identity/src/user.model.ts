import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '@common-ground/shared/auth';

@ObjectType('User', { description: 'A person using the platform; the public profile plus, for themselves and admins, the e-mail.' })
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field()
  displayName: string;

  @Field(() => [Role])
  roles: Role[];

  /** Resolved by a field resolver: visible to the user themselves and to admins only. */
  email: string;

  createdAt: Date;

  /** Set on the user of an AuthPayload: the caller is that user, though the request had no token. */
  isViewer?: boolean;
}

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`.' })
  accessToken: string;

  @Field(() => UserModel)
  user: UserModel;
}
