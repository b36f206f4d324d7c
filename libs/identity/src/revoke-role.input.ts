import { InputType } from '@nestjs/graphql';
import { GrantRoleInput } from './grant-role.input';

/** The same fields as a grant: the user and the role to take away. */
@InputType()
export class RevokeRoleInput extends GrantRoleInput {}
