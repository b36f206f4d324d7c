// SWC cannot read tsconfig, so the path aliases live twice: tsconfig.base.json (the source, read
// by tsc, eslint and Nx) and .swcrc (read by the build and by Jest through jest.preset.cjs).
// `npm run paths:sync` copies them from tsconfig.base.json into .swcrc;
// `npm run paths:check` (in CI) fails when the two differ.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const TSCONFIG = join(root, 'tsconfig.base.json');
const SWCRC = join(root, '.swcrc');

function read(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The .swcrc text with its `jsc.paths` replaced by tsconfig.base.json's `compilerOptions.paths`. */
function syncedSwcrc() {
  const paths = read(TSCONFIG).compilerOptions?.paths;
  if (!paths || typeof paths !== 'object') throw new Error('tsconfig.base.json has no compilerOptions.paths');
  const text = readFileSync(SWCRC, 'utf8');
  const swcrc = JSON.parse(text);
  swcrc.jsc = { ...swcrc.jsc, paths };
  const same = JSON.stringify(JSON.parse(text).jsc?.paths) === JSON.stringify(paths);
  return { current: text, synced: JSON.stringify(swcrc, null, 2) + (text.endsWith('\n') ? '\n' : ''), same };
}

function main() {
  const { current, synced, same } = syncedSwcrc();
  if (process.argv.includes('--check')) {
    // The aliases and their order count, not the layout.
    if (!same) {
      process.stderr.write('.swcrc paths differ from tsconfig.base.json. Run `npm run paths:sync` and commit .swcrc.\n');
      process.exit(1);
    }
    process.stdout.write('.swcrc paths match tsconfig.base.json.\n');
    return;
  }
  if (current === synced) {
    process.stdout.write('.swcrc paths already match tsconfig.base.json.\n');
    return;
  }
  writeFileSync(SWCRC, synced);
  process.stdout.write('Wrote the paths of tsconfig.base.json into .swcrc.\n');
}

module.exports = { syncedSwcrc };
if (require.main === module) main();
