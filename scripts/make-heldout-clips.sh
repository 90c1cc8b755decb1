#!/usr/bin/env bash
# Regenerates the HELD-OUT caller clips in src/test/resources/audio/heldout from manifest.tsv
# (file<TAB>espeak voice<TAB>text). These sentences and voices are never used to build the offline recogniser's
# language model (RealEstateVocabulary) or to tune any setting: the tuning clips (make-caller-clips.sh) use the
# en-us voice, these use British, Scottish and Caribbean English voices and new phrasings. They measure what offline
# recognition does on speech it was not built around (HeldOutRecognitionReport). Same phone-line processing as the
# tuning clips: 150 words a minute, 250-3400 Hz, 8 kHz PCM16 mono, no dither.
# Needs: apt-get install -y espeak-ng sox (only to regenerate; the clips are committed).
set -euo pipefail
dir="$(cd "$(dirname "$0")/.." && pwd)/src/test/resources/audio/heldout"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# stop before speaking a clip in a voice other than the one named (espeak-ng falls back without a word)
python3 "$(dirname "$0")/espeak_voice.py" $(cut -f2 "$dir/manifest.tsv" | sort -u)
while IFS=$'\t' read -r file voice text; do
  espeak-ng -v "$voice" -s 150 -w "$tmp/$file" "$text"
  sox -D "$tmp/$file" -r 8000 -b 16 -c 1 -e signed-integer "$dir/$file" sinc 250-3400 pad 0.3 0.5
  echo "made $file ($voice): $text"
done < "$dir/manifest.tsv"
