#!/usr/bin/env bash
# CI: `npm run lib:new` in a throw-away copy of the tree must give a lib that lints, is formatted, type-checks,
# passes its unit spec and its e2e smoke spec (which needs the migration the generator wrote).
# The copy reuses this tree's node_modules through a symlink and is deleted afterwards.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name="${1:-sample}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/cg-lib-new-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

cd "$root"
# The files git knows (committed or not, minus the ignored ones), as they are on disk.
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done \
  | tar --null -T - -cf - | tar -xf - -C "$scratch"
ln -s "$root/node_modules" "$scratch/node_modules"
cd "$scratch"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

echo "-- npm run lib:new -- $name"
npm run lib:new -- "$name"
echo "-- paths";      npm run paths:check
echo "-- lint";       npx nx run-many -t lint -p "$name" api --outputStyle=static
npx eslint "apps/api-e2e/src/$name.e2e-spec.ts"
echo "-- format";     npx prettier --check "libs/$name" "apps/api-e2e/src/$name.e2e-spec.ts"
echo "-- type-check"; npm run typecheck
echo "-- unit specs"; npx jest -c "libs/$name/jest.config.cjs"
echo "-- smoke spec"; npx jest -c apps/api-e2e/jest.config.cjs --testPathPatterns="/$name\\.e2e-spec\\.ts$"
echo "-- lib:new gives a working lib ($name)"
