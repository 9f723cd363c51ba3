#!/usr/bin/env bash
# The browser tests (test/report/) drive Debian's Chromium: install it when it is missing.
# Never a browser download of playwright's own: only the distribution's package.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x "${PDB_CHROMIUM:-/usr/bin/chromium}" ]; then
  exit 0
fi
sudo_if_needed=()
if [ "$(id -u)" -ne 0 ]; then sudo_if_needed=(sudo); fi
"${sudo_if_needed[@]}" apt-get update
"${sudo_if_needed[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
