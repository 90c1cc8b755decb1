#!/usr/bin/env bash
# Regenerates the caller clips in src/test/resources/audio/caller from manifest.tsv (file<TAB>reference text):
# espeak-ng speaks each answer, sox band-limits it like a phone line (250-3400 Hz) and stores 8 kHz PCM16 mono WAV.
# -D turns off dither so the output is the same on every run. Needs: apt-get install -y espeak-ng sox (only to regenerate; the clips are committed).
set -euo pipefail
dir="$(cd "$(dirname "$0")/.." && pwd)/src/test/resources/audio/caller"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
while IFS=$'\t' read -r file text; do
  espeak-ng -v en-us -s 150 -w "$tmp/$file" "$text"
  sox -D "$tmp/$file" -r 8000 -b 16 -c 1 -e signed-integer "$dir/$file" sinc 250-3400 pad 0.3 0.5
  echo "made $file: $text"
done < "$dir/manifest.tsv"
