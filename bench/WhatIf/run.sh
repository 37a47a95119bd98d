#!/usr/bin/env bash
# The what-if bench: a synthetic year of 10 M settlements of 1 M persons (`ledger simulate`, seed 1),
# replayed under the shipped policies and under Fujian with 80 % assistance for its 70 % groups.
# Usage: bench/WhatIf/run.sh [DATA_DIR]   (the region is generated once into DATA_DIR and reused)
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${1:-/tmp/ledger-what-if-bench}
dotnet build client -c Release -warnaserror >/dev/null
ledger=(dotnet client/bin/Release/net10.0/ledger.dll)
if [ ! -f "$data/region/settlements.ndjson" ]; then
  "${ledger[@]}" simulate --households 339000 --count 10000000 --year 2024 --seed 1 --out "$data/region"
fi
mkdir -p "$data/changed"
sed 's/value: 0.70, ref: "000 二(二)9/value: 0.80, ref: "000 二(二)9/' policies/fujian-2022.yaml > "$data/changed/fujian-2022.yaml"
grep -q 'value: 0.80, ref: "000 二(二)9' "$data/changed/fujian-2022.yaml"
"${ledger[@]}" what-if --baseline policies --changed "$data/changed/fujian-2022.yaml" \
  --feed "$data/region/settlements.ndjson" --persons "$data/region/persons.ndjson" --out "$data/report"
