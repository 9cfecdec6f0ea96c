#!/usr/bin/env bash
# Install the real-editor test tooling for quadlet-ls (idempotent):
#   - Debian packages: chromium (browser for code-server), libkrb5-dev + pkg-config (kerberos native module of
#     code-server builds from source), ripgrep (stands in for @vscode/ripgrep's GitHub download), neovim (LSP smoke);
#   - test/editor-tooling/node_modules: code-server 4.100.3 (= VS Code 1.100.3, the newest that runs on Node 20) and
#     playwright-core, via `npm ci` from test/editor-tooling/package-lock.json.
# Each step is skipped when already done (apt-get update only runs when a package must be installed; npm ci only runs
# when node_modules does not match the lockfile + Node version). Prints what it did and how long it took.
# Usage: scripts/setup-editor-tooling.sh [--force-npm] [--no-apt]
# Env:   EDITOR_TOOLING_DIR (default <repo>/test/editor-tooling)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLING=${EDITOR_TOOLING_DIR:-$REPO/test/editor-tooling}
FORCE_NPM=0 NO_APT=0
for arg in "$@"; do
  case "$arg" in
    --force-npm) FORCE_NPM=1 ;;
    --no-apt) NO_APT=1 ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "setup-editor-tooling: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

# @vscode/ripgrep inside code-server's lib/vscode (version fixed by code-server 4.100.3) and the release it downloads.
RG_PKG_VERSION=${RG_PKG_VERSION:-1.15.11}
RG_RELEASE=${RG_RELEASE:-v13.0.0-10}
APT_PACKAGES=(chromium libkrb5-dev pkg-config ripgrep neovim)

now_ms() { date +%s%3N; }
T_START=$(now_ms)
step_t=$T_START
log() { printf 'setup-editor-tooling: %s\n' "$*"; }
step_done() { local t; t=$(now_ms); log "$1 ($(( (t - step_t) / 1000 )).$(( (t - step_t) % 1000 / 100 )) s)"; step_t=$t; }
die() { log "ERROR: $*" >&2; exit 1; }
trap 'rc=$?; [ $rc -ne 0 ] && log "FAILED (exit $rc) after $(( ($(now_ms) - T_START) / 1000 )) s" >&2; exit $rc' EXIT

# --- 0. preconditions -------------------------------------------------------------------------------------------------
command -v node >/dev/null || die "node is not on PATH"
command -v npm >/dev/null || die "npm is not on PATH"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" = 20 ] || die "code-server 4.100.3 needs Node 20 (its postinstall refuses other majors); found $(node -v)"
[ -f "$TOOLING/package.json" ] || die "no $TOOLING/package.json"
[ -f "$TOOLING/package-lock.json" ] || die "no $TOOLING/package-lock.json (create it with: cd $TOOLING && npm install --package-lock-only --ignore-scripts)"

# --- 1. Debian packages -----------------------------------------------------------------------------------------------
if [ "$NO_APT" = 1 ]; then
  log "apt: skipped (--no-apt)"
else
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    step_done "apt: all present (${APT_PACKAGES[*]})"
  else
    SUDO=()
    if [ "$(id -u)" != 0 ]; then
      command -v sudo >/dev/null || die "need root (or sudo) to install: ${missing[*]}"
      SUDO=(sudo)
    fi
    log "apt: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 "${SUDO[@]}" apt-get update -qq || die "apt-get update failed"
    timeout 900 "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null \
      || die "apt-get install ${missing[*]} failed"
    step_done "apt: installed ${missing[*]}"
  fi
fi

# --- 2. npm ci in test/editor-tooling ---------------------------------------------------------------------------------
# The stamp records what node_modules was installed from; it is written only after a successful, verified install.
STAMP=$TOOLING/node_modules/.quadlet-editor-tooling.stamp
want_stamp=$( { sha256sum "$TOOLING/package-lock.json" | cut -d' ' -f1; node -p 'process.version + " " + process.arch'; } | tr '\n' ' ')
SERVER_MAIN=$TOOLING/node_modules/code-server/lib/vscode/out/server-main.js
RG_BIN=$TOOLING/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg

if [ "$FORCE_NPM" = 0 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want_stamp" ] && [ -f "$SERVER_MAIN" ] && [ -x "$RG_BIN" ]; then
  step_done "npm: node_modules up to date with package-lock.json, skipped"
else
  command -v rg >/dev/null || die "rg (Debian package ripgrep) is needed to seed @vscode/ripgrep's download cache"
  case "$(uname -m)" in
    x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
    aarch64) RG_TARGET=aarch64-unknown-linux-gnu ;;
    *) die "unsupported architecture $(uname -m)" ;;
  esac
  # @vscode/ripgrep's postinstall downloads rg from GitHub, but first looks for
  # $TMPDIR/vscode-ripgrep-cache-<pkgver>/ripgrep-<release>-<target>.tar.gz: seed it with Debian's rg in a private TMPDIR.
  SEED=$(mktemp -d "${TMPDIR:-/tmp}/editor-tooling-seed-XXXXXX")
  trap 'rc=$?; rm -rf "$SEED"; [ $rc -ne 0 ] && log "FAILED (exit $rc) after $(( ($(now_ms) - T_START) / 1000 )) s" >&2; exit $rc' EXIT
  mkdir -p "$SEED/vscode-ripgrep-cache-$RG_PKG_VERSION" "$SEED/rg"
  cp "$(command -v rg)" "$SEED/rg/rg"
  tar czf "$SEED/vscode-ripgrep-cache-$RG_PKG_VERSION/ripgrep-$RG_RELEASE-$RG_TARGET.tar.gz" -C "$SEED/rg" rg
  log "npm: running npm ci in $TOOLING (its output is shown only on failure)"
  # npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it (npm 11 warns "Unknown env
  #   config", harmless). npm_config_yes: node-pty's postinstall runs `npx node-gyp` and this machine's npmrc says
  #   yes=false. npm_config_nodedir: build native modules against the local headers instead of downloading them.
  if ! ( cd "$TOOLING" && TMPDIR=$SEED npm_config_unsafe_perm=true npm_config_yes=true \
           npm_config_nodedir=${npm_config_nodedir:-/usr} \
           timeout 1200 npm ci --no-audit --no-fund --loglevel=error ) >"$SEED/npm-ci.log" 2>&1; then
    tail -60 "$SEED/npm-ci.log" >&2
    die "npm ci failed in $TOOLING"
  fi
  cmp -s "$RG_BIN" "$(command -v rg)" && log "npm: @vscode/ripgrep took the seeded Debian rg ($RG_BIN)"
  [ -f "$SERVER_MAIN" ] || { tail -40 "$SEED/npm-ci.log" >&2; die "npm ci finished but $SERVER_MAIN is missing"; }
  [ -x "$RG_BIN" ] || { tail -40 "$SEED/npm-ci.log" >&2; die "npm ci finished but $RG_BIN is missing (ripgrep seed not used?)"; }
  printf '%s' "$want_stamp" > "$STAMP"
  step_done "npm: installed code-server + playwright-core ($(du -sh "$TOOLING/node_modules" | cut -f1))"
fi

# --- 3. verify --------------------------------------------------------------------------------------------------------
# code-server writes ~/.config/code-server/config.yaml on first use, even for --version: give it a throwaway HOME.
VHOME=$(mktemp -d "${TMPDIR:-/tmp}/editor-tooling-verify-XXXXXX")
cs_version=$(HOME=$VHOME XDG_CONFIG_HOME=$VHOME/.config XDG_DATA_HOME=$VHOME/.local/share \
  timeout 60 "$TOOLING/node_modules/.bin/code-server" --version 2>/dev/null | tail -1) || true
rm -rf "$VHOME"
[ -n "$cs_version" ] || die "code-server --version printed nothing"
pw_version=$(cd "$TOOLING" && node -p 'require("playwright-core/package.json").version') || die "playwright-core is not installed"
log "code-server: $cs_version"
log "playwright-core: $pw_version"
if [ "$NO_APT" = 0 ]; then
  log "chromium: $(timeout 30 /usr/bin/chromium --version 2>/dev/null | head -1)"
  # NVIM_LOG_FILE: otherwise even `nvim --version` creates ~/.cache/nvim/log
  log "neovim: $(NVIM_LOG_FILE=/dev/null timeout 30 nvim --version 2>/dev/null | head -1)"
fi
step_done "verified"
log "done in $(( ($(now_ms) - T_START) / 1000 )).$(( ($(now_ms) - T_START) % 1000 / 100 )) s"
