#!/usr/bin/env bash
# Apertium rus→ukr as a kept-running engine for Dragoman's `translate` stage (`protocol: nul`).
#
# Reads segments, each escaped Apertium-style and ended by "\n\0"; answers each with its
# translation ended by "\0", promptly (every program runs with -z, which flushes on NUL).
#
# Why not `apertium rus-ukr`: the wrapper buffers until end of input (it cannot stream), and
# apertium-rus-ukr 0.2.1's tagger (apertium-tagger -g rus-ukr.prob) crashes on ~40% of sentences
# with exit status 0. So this script derives the pipeline from the installed mode file, with the
# tagger replaced by `cg-proc -1 -n` (first CG reading, no surface form: the tagger's output
# format), and runs it directly.
#
# Usage: apertium-rus-ukr.sh [-g|-n]   -g (default) marks unknown words with * and #, -n does not.
# Environment: APERTIUM_MODES (default /usr/share/apertium/modes) to use another install.
set -euo pipefail

marks=${1:--g}
case $marks in -g | -n) ;; *) echo "usage: $0 [-g|-n]" >&2; exit 64 ;; esac

modes=${APERTIUM_MODES:-/usr/share/apertium/modes}
mode=$modes/rus-ukr.mode
for program in lt-proc cg-proc apertium-pretransfer lrx-proc apertium-transfer apertium-wblank-mode; do
  command -v "$program" >/dev/null || {
    echo "$0: '$program' not found: install Apertium (Debian: apt-get install apertium apertium-rus-ukr)" >&2
    exit 69
  }
done
[[ -r $mode ]] || {
  echo "$0: $mode not found: install the language pair (Debian: apt-get install apertium-rus-ukr)" >&2
  exit 69
}

work=$(mktemp -d "${TMPDIR:-/tmp}/dragoman-apertium.XXXXXX")
trap 'rm -rf "$work"' EXIT
sed "s#cg-proc -w '\([^']*\)' | apertium-tagger -g \$2 '[^']*'#cg-proc -w -1 -n '\1'#" "$mode" >"$work/rus-ukr.mode"
grep -q 'apertium-tagger' "$work/rus-ukr.mode" && {
  echo "$0: could not replace the tagger in $mode (an unknown version of the pair?)" >&2
  exit 70
}
# apertium-wblank-mode -z adds -z to every program and the word-bound-blank filters the mode needs.
pipeline=$(apertium-wblank-mode -z "$work/rus-ukr.mode")
rm -rf "$work"
trap - EXIT
# $1 of the mode is the generator's option (-g marks unknown words, -n does not).
exec bash -c "$pipeline" rus-ukr "$marks" ''
