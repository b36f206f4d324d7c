import { FieldMiddleware } from '@nestjs/graphql';
import { AuthRequest } from './request';
import { seesHiddenContent } from './role';

/**
 * Field middleware for the text of moderated content: null while the item is hidden, except to
 * moderators and its author. A plain function on the field (no resolver, no Nest pipeline), so
 * it costs next to nothing on every row of a list.
 */
export function hiddenUnlessAuthor<T extends { hidden: boolean }>(authorIdOf: (item: T) => string): FieldMiddleware<T> {
  return ({ source, context }, next) => {
    if (!source.hidden) return next();
    const viewer = (context as { req?: AuthRequest }).req?.user;
    return seesHiddenContent(authorIdOf(source), viewer) ? next() : null;
  };
}
