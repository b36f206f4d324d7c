import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { perRequest } from '@common-ground/shared/graphql';
import { UserEntity } from './user.entity';
import { UserService } from './user.service';

/** Batches user look-ups within one request: one query for every user on a page. */
@Injectable()
export class UsersLoader {
  constructor(private readonly users: UserService) {}

  forRequest(request: object): DataLoader<string, UserEntity | null> {
    return perRequest(
      request,
      'users-by-id',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const found = new Map((await this.users.findByIds(ids)).map((user) => [user.id, user]));
          return ids.map((id) => found.get(id) ?? null);
        }),
    );
  }
}
