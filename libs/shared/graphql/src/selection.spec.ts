import { buildSchema, execute, GraphQLResolveInfo, parse } from 'graphql';
import { selectedFields } from './selection';

const schema = buildSchema(`
  type Page { totalCount: Int, edges: [Int], pageInfo: Int }
  type Query { page: Page }
`);

function fieldsOf(query: string): string[] {
  let seen: Set<string> | undefined;
  execute({
    schema,
    document: parse(query),
    rootValue: {
      page: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        seen = selectedFields(info);
        return {};
      },
    },
  });
  return [...(seen ?? [])].sort();
}

describe('selectedFields', () => {
  it('names the fields selected directly, in inline fragments and in named fragments', () => {
    expect(fieldsOf('{ page { totalCount } }')).toEqual(['totalCount']);
    expect(fieldsOf('{ page { __typename ... on Page { edges } } }')).toEqual(['__typename', 'edges']);
    expect(fieldsOf('{ page { ...F } } fragment F on Page { pageInfo ...G } fragment G on Page { totalCount ...F }')).toEqual(['pageInfo', 'totalCount']);
  });

  it('merges the selections of a field asked for twice', () => {
    expect(fieldsOf('{ page { totalCount } page { edges } }')).toEqual(['edges', 'totalCount']);
  });
});
