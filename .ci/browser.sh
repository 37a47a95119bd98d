#!/usr/bin/env bash
# Headless Chromium for the caseworker-page test (Playwright drives Debian's browser; it cannot download its own).
set -euo pipefail
if ! command -v chromium >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# Chinese glyphs in the caseworker page and the what-if report's screenshot (without them Chromium draws
# boxes, and CaseworkerPageTests fails: it asks Chromium which fonts drew the page's Chinese).
if ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null
fi
chromium --version
