#!/usr/bin/env bash
# `npm test`: installs and starts the local stack (PostgreSQL, Redis, Kafka, Trino, and the IMAP and CalDAV servers the importers are tested on, under .stack/), runs the
# unit tests beside the code, then the end-to-end suites in test/ twice: against the real stack
# (server mode) and against the embedded default (embedded PostgreSQL, in-process bus).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s stack -- up
# The speech recognizer the audio tests run (built offline once, then kept in models/).
npm run -s models -- build whisper-base
export KAFKAJS_NO_PARTITIONER_WARNING=1
mapfile -t units < <(find schema db api consumers web scripts -name '*.test.ts' -not -path '*/node_modules/*' | sort)
mapfile -t suites < <(find test -name '*.test.ts' | sort)
echo "== unit tests"
node --import tsx --test --test-concurrency=1 "${units[@]}"
# --test-force-exit: a suite file whose tests and hooks all finished exits, even if a client library
# still holds a handle (a reconnect timer, a socket) that would otherwise keep it past its timeout.
for mode in server embedded; do
  echo "== end-to-end suites, $mode mode"
  LIFESTREAM_TEST_MODE=$mode node --import tsx --test --test-concurrency=1 --test-timeout=300000 --test-force-exit "${suites[@]}"
done
