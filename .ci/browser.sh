#!/usr/bin/env bash
# Headless Chromium for the caseworker-page test (Playwright drives Debian's browser; it cannot download its own).
set -euo pipefail
if ! command -v chromium >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
chromium --version
