#!/usr/bin/env bash
# Installs Deno (npm, pinned) and the Debian packages the tests need when missing, then runs the
# checks and the README's test command, and ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
DENO_VERSION="$(tr -d '[:space:]' < ci/deno_version)"

log() { printf '== %s\n' "$*" >&2; }

install_deno() {
  if command -v deno >/dev/null 2>&1 && deno --version | grep -q "^deno ${DENO_VERSION} "; then return; fi
  log "installing deno ${DENO_VERSION} from npm"
  npm install -g --no-fund --no-audit "deno@${DENO_VERSION}" >&2
}

APT_UPDATED=0
apt_install() { # apt_install <probe command> <packages...>
  local probe="$1"; shift
  if bash -c "$probe" >/dev/null 2>&1; then return; fi
  if [ "$APT_UPDATED" = 0 ]; then apt-get update -qq >&2 && APT_UPDATED=1; fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

install_deno
# Rust -> wasm32 toolchain (Debian's rustc 1.63; the rustup toolchain has no wasm32 target).
apt_install "test -d /usr/lib/rustlib/wasm32-unknown-unknown && test -x /usr/bin/cargo && command -v wasm-ld && command -v wasm-opt" \
  rustc cargo libstd-rust-dev-wasm32 lld binaryen
for extra in ci/apt_*.sh; do [ -f "$extra" ] && source "$extra"; done

export NO_COLOR=1
passed=0; failed=0; skipped=0
check() { # check <name> <command...>: a named check counts as one passed or failed test
  local name="$1"; shift
  log "$name"
  if "$@" >&2; then passed=$((passed + 1)); else failed=$((failed + 1)); log "FAILED: $name"; fi
}
check "deno fmt --check" deno fmt --check
check "deno lint" deno lint
check "deno task check" deno task check
check "schemas current" deno run -A ci/write_schemas.ts --check
check "wasm:verify" deno task wasm:verify

log "deno task test"
out="$(mktemp)"
deno task test 2>&1 | tee "$out" >&2
summary="$(grep -E '^(ok|FAILED) \| [0-9]+ passed' "$out" | tail -1)"
if [ -z "$summary" ]; then
  failed=$((failed + 1)); log "no test summary line found"
else
  p="$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$summary")"
  f="$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$summary")"
  i="$(grep -oE '[0-9]+ ignored' <<<"$summary" | grep -oE '[0-9]+' || echo 0)"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + i))
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" = 0 ]
