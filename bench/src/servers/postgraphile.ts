import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PgLazyJWTPreset } from 'postgraphile/presets/lazy-jwt';
import { sql } from 'postgraphile/pg-sql2';
import { pgSmartTags } from 'postgraphile/utils';
import { JWT_AUDIENCE, JWT_ISSUER } from '../tokens';
import { serveChild, serverEnv } from './child';
import { PGL_SCHEMA } from './postgraphile-schema';

/**
 * Our schema as PostGraphile meets it: the `cube` columns (index keys only) get a plain codec and
 * stay out of the API, and the enum `moderation_action` is renamed because the table
 * `moderation_actions` takes the GraphQL name ModerationAction.
 */
const CubeCodecPlugin: GraphileConfig.Plugin = {
  name: 'BenchCubeCodecPlugin',
  version: '1.0.0',
  gather: {
    hooks: {
      pgCodecs_findPgCodec(_info, event) {
        if (event.pgCodec || event.pgType.typname !== 'cube') return;
        event.pgCodec = {
          name: 'cube',
          sqlType: sql`public.cube`,
          toPg: (value: string) => value,
          fromPg: (value: string) => value,
          executor: null,
          attributes: undefined,
        };
      },
    },
  },
  schema: {
    hooks: {
      init(_, build) {
        const codec = build.pgCodecs.cube;
        if (codec) {
          build.setGraphQLTypeForPgCodec(codec, 'output', 'String');
          build.setGraphQLTypeForPgCodec(codec, 'input', 'String');
        }
        return _;
      },
    },
  },
};

const SmartTagsPlugin = pgSmartTags([
  { kind: 'attribute', match: 'problems.location_earth', tags: { behavior: '-*' } },
  { kind: 'attribute', match: 'problems.public_earth', tags: { behavior: '-*' } },
  { kind: 'type', match: 'moderation_action', tags: { name: 'moderation_action_kind' } },
]);

/**
 * PostGraphile 5 (amber preset) on the same database, one process, grafserv on node:http. It
 * verifies the same access tokens as our API (same secret, issuer and audience) and hands the
 * user id to SQL as `jwt.claims.sub`.
 */
serveChild(async () => {
  const env = serverEnv();
  const preset: GraphileConfig.Preset = {
    extends: [PostGraphileAmberPreset, PgLazyJWTPreset],
    plugins: [CubeCodecPlugin, SmartTagsPlugin],
    pgServices: [
      makePgService({
        connectionString: env.BENCH_DB_URL,
        schemas: ['public', PGL_SCHEMA],
        poolConfig: { max: Number(env.BENCH_POOL_SIZE) },
      }),
    ],
    grafserv: {
      graphqlPath: '/graphql',
      graphiql: false,
      watch: false,
      websockets: false,
      pgJwtSecret: env.BENCH_JWT_SECRET,
      pgJwtVerifyOptions: { audience: JWT_AUDIENCE, issuer: JWT_ISSUER, algorithms: ['HS256'] },
    },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  serv.addTo(server);
  await pgl.getSchema();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await serv.release();
      await pgl.release();
    },
  };
});
