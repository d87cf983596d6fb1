#!/usr/bin/env bash
# The long fault tests: 25 rounds of SIGKILL during a stream of 1,000 committed score
# events, 60 damaged meeting files, and 1,000,000 generated inputs for each loader
# (config, sheet, results). Prints the figures the README quotes.
set -euo pipefail
cd "$(dirname "$0")/.."
export THIDUA_FAULT_ROUNDS="${THIDUA_FAULT_ROUNDS:-25}"
export THIDUA_FUZZ_CASES="${THIDUA_FUZZ_CASES:-1000000}"
cargo test --release --test faults --test crash -- --nocapture --test-threads 1 2>&1 \
  | tee /tmp/thidua-faults.log | grep -E "FIGURES|round|test result"
