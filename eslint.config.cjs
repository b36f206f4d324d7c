// Lint for the whole workspace. Module boundaries encode the architecture's one-way order:
// notifications → actions → pledges → solutions → problems → identity → shared.
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');

const order = ['shared', 'identity', 'problems', 'solutions', 'pledges', 'actions', 'notifications'];
const scopeConstraints = order.map((scope, i) => ({
  sourceTag: `scope:${scope}`,
  onlyDependOnLibsWithTags: order.slice(0, i + 1).map((s) => `scope:${s}`),
}));

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.data', '**/coverage', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // The e2e specs boot the API app itself.
          allow: ['@common-ground/api'],
          depConstraints: [
            ...scopeConstraints,
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['*'] },
            // The workspace's scripts (migrations, schema, checks) load any lib.
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:util'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:util'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:app', 'type:feature', 'type:util'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['../../*/src/*', '../../../*/src/*'], message: 'Import other projects through their @common-ground/* alias.' }],
          paths: [{ name: '@nestjs/graphql', importNames: ['Args'], message: 'Use Args from @common-ground/shared/graphql: it validates the arguments.' }],
        },
      ],
    },
  },
];
