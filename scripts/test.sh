#!/usr/bin/env bash
# `npm test`: installs and starts the local stack (PostgreSQL, Redis, Kafka under .stack/), then runs
# every test against it: unit tests beside the code, end-to-end suites in test/.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s stack -- up
export KAFKAJS_NO_PARTITIONER_WARNING=1
mapfile -t files < <(find schema db api consumers test -name '*.test.ts' | sort)
exec node --import tsx --test --test-concurrency=1 "${files[@]}"
