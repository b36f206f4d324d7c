// The workspace lint, and one rule more: the money arithmetic is plain TypeScript, no framework.
const base = require('../../../eslint.config.cjs');

module.exports = [
  ...base,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*/src/*', '../../../*/src/*'], message: 'Import other projects through their @common-ground/* alias.' },
            {
              group: ['@nestjs/*', 'graphql', 'graphql-*', 'typeorm', 'class-validator', 'class-transformer', '@common-ground/*'],
              message: 'shared/money is plain TypeScript: no framework, no other lib (the GraphQL shapes live in shared/graphql).',
            },
          ],
        },
      ],
    },
  },
];
