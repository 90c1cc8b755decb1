#!/usr/bin/env bash
# Regenerates the Hindi demo's caller clips in src/main/resources/simulator/hindi from the "say" steps of
# hindi-demo-scenario.json (audio file and text): espeak-ng's Hindi voice speaks each line, sox stores it as 8 kHz
# PCM16 mono WAV. Needs: apt-get install -y espeak-ng sox python3 (only to regenerate; the clips are committed).
set -euo pipefail
dir="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/simulator/hindi"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -c '
import json, sys
for step in json.load(open(sys.argv[1]))["steps"]:
    say = step.get("say") if isinstance(step, dict) else None
    if isinstance(say, dict) and "text" in say:
        print(say["audio"] + "\t" + say["text"])
' "$dir/hindi-demo-scenario.json" | while IFS=$'\t' read -r file text; do
  espeak-ng -v hi -s 150 -w "$tmp/$file" "$text"
  sox -D "$tmp/$file" -r 8000 -c 1 -b 16 "$dir/$file" gain -n -3
  echo "made $file: $text"
done
