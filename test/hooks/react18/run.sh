#!/usr/bin/env bash
# Runs the hook tests on React 18.3 (the repo itself develops on React 19).
set -euo pipefail
dir="${REACT18_DIR:-${TMPDIR:-/tmp}/datamint-react18}"
if [ ! -f "$dir/node_modules/react/package.json" ]; then
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"react18-scratch","private":true}' >"$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --silent react@18.3.1 react-dom@18.3.1
fi
cd "$(dirname "$0")/../../.."
REACT18_MODULES="$dir/node_modules" npx vitest run -c test/hooks/react18/vitest.react18.config.ts "$@"
