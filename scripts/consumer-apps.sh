#!/usr/bin/env bash
# Consumer-app test (issue 11): npm pack, then a Vite app (dev server, build + preview) and a webpack 5 app,
# each with its default configuration, install the tarball and decode every compressed transfer syntax in
# Chromium like Node does. Needs the npm registry the first time (the apps' dependencies are cached in
# node_modules/.cache/consumer-apps and npm's cache afterwards). Run by .ci/run after `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
exec node test/consumer-apps/run.mjs "$@"
