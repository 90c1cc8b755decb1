#!/usr/bin/env bash
# Makes the turn-taking evaluation's fifth half, "recorded", in src/test/resources/turn-taking/ (8 kHz 16-bit mono):
#   speech/recorded-NN.wav, speech/recorded-NN-pause.wav, backchannel/recorded-NN.wav
# and a check room of the same voices, check/crowd-recorded.wav.
# Every other half is spoken by espeak-ng, a formant synthesiser: no recording of a person is in it, and the babble
# and crowds it is judged over are espeak-ng too. This half is spoken by voices built from recordings of real
# speakers — Flite's CMU ARCTIC voices (awb, Scottish male; rms, American male; slt, American female; kal16, an
# American male diphone voice) and Festival's diphone voices ked (American male) and hindi_NSK (an Indian male
# speaker, Hindi) — and it has the caller the other halves lack: Indian-accented English, written in
# Devanagari for the Hindi voice ("प्लीज़ टेल मी द टोटल प्राइस", as a Hinglish speaker says the English words), besides
# Hindi and Hinglish. Made 2026-12-05, after every rule in the code was chosen; first run by the evaluation the same
# day (docs/turn-taking.md, step 40). New sentences and backchannels, used by no other half.
# Needs sox, flite and festival with two voices (Debian:
#   apt-get install sox flite festival festvox-hi-nsk festvox-kdlpc16k).
# sox dithers, so a rerun makes clips a little different from the committed ones (which the evaluation ran on).
# Every clip's active speech level (the 20 ms frames above RMS 300, as TurnTakingEvaluation measures it) is set to
# the other halves' (-19.9 dBFS), so the evaluation's SNRs hold for this half as well.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/turn-taking
install="apt-get install sox flite festival festvox-hi-nsk festvox-kdlpc16k"
for tool in sox flite festival; do
  command -v "$tool" >/dev/null || { echo "needs $tool: $install" >&2; exit 1; }
done
for voice in hindi/hindi_NSK_diphone english/ked_diphone; do
  [ -d "/usr/share/festival/voices/$voice" ] || { echo "needs Festival's $voice: $install" >&2; exit 1; }
done
rm -f "$out"/speech/recorded-*.wav "$out"/backchannel/recorded-*.wav "$out"/check/crowd-recorded.wav
mkdir -p "$out/speech" "$out/backchannel"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
active_level_dbfs=-19.9

synthesize() { # voice stretch text out.wav; voice is flite:NAME or festival:NAME (its voice_NAME function)
  local voice=$1 stretch=$2 text=$3 wav=$4
  case "$voice" in
    flite:*) flite -voice "${voice#flite:}" --setf duration_stretch="$stretch" -t "$text" -o "$wav" ;;
    festival:*)
      # utt.synth, not SayText: SayText also plays the audio
      printf '(voice_%s)\n(Parameter.set (quote Duration_Stretch) %s)\n(set! u (Utterance Text "%s"))\n(utt.synth u)\n(utt.save.wave u "%s" (quote riff))\n' \
        "${voice#festival:}" "$stretch" "$text" "$wav" >"$tmp/say.scm"
      festival -b "$tmp/say.scm" 2>/dev/null ;;
    *) echo "unknown voice $voice" >&2; exit 1 ;;
  esac
  [ -s "$wav" ] || { echo "no audio from $voice for: $text" >&2; exit 1; }
}

say() { # voice stretch text out.wav — 8 kHz mono, no DC, silence trimmed, 200 ms lead and tail, the halves' level
  synthesize "$1" "$2" "$3" "$tmp/raw.wav"
  # the Hindi diphone voice drifts off zero between words (a DC offset up to -30 dBFS): a high-pass takes it out
  sox "$tmp/raw.wav" -r 8000 -c 1 -b 16 "$tmp/s.wav" highpass 60 \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
  sox "$tmp/s.wav" "$4" gain "$(python3 - "$tmp/s.wav" "$active_level_dbfs" <<'EOF'
import math, sys, wave, array
with wave.open(sys.argv[1]) as w:
    samples = array.array("h", w.readframes(w.getnframes()))
def level(gain_db):  # the loud 20 ms frames after the gain, as TurnTakingEvaluation counts them
    scale = 10 ** (gain_db / 20)
    loud = []
    for at in range(0, len(samples) - 159, 160):
        rms = scale * math.sqrt(sum(s * s for s in samples[at:at + 160]) / 160)
        if rms > 300:
            loud.append(rms * rms)
    return 10 * math.log10(sum(loud) / len(loud)) - 20 * math.log10(32768)
gain = 0.0
for _ in range(8):  # the frames counted as loud change with the gain, so settle it
    gain += float(sys.argv[2]) - level(gain)
print(f"{gain:.2f}")
EOF
)" pad 0.2 0.2
}

# voice|stretch|text; a paused answer is "first part|second part" after the stretch
sentences=(
  "flite:awb|1.0|Actually I was looking for a villa, not a flat"
  "flite:rms|1.0|Excuse me, is parking included in the price"
  "flite:slt|0.95|Hang on, my other phone is ringing"
  "festival:hindi_NSK_diphone|1.0|प्लीज़ टेल मी द टोटल प्राइस इनक्लूडिंग टैक्स"
  "flite:kal16|1.05|We need to see the site before we decide"
  "festival:hindi_NSK_diphone|0.95|आप मुझे शाम को फ़ोन कीजिए"
  "festival:ked_diphone|1.0|How far is it from the nearest hospital"
  "festival:hindi_NSK_diphone|1.0|रुकिए, लोन की सुविधा है क्या")
paused=(
  "flite:awb|1.0|We could go up to|one crore twenty"
  "festival:hindi_NSK_diphone|1.0|हमारा बजट है करीब|अस्सी लाख"
  "flite:slt|1.0|Ideally somewhere close to|Hinjewadi"
  "festival:hindi_NSK_diphone|1.0|आई वांट टू शिफ्ट बाय|नेक्स्ट मार्च")
backchannels=(
  "festival:hindi_NSK_diphone|1.0|हाँ" "flite:slt|1.0|okay" "festival:hindi_NSK_diphone|1.0|हम्म"
  "flite:awb|1.0|right" "festival:hindi_NSK_diphone|1.0|जी" "flite:rms|1.0|yes"
  "festival:hindi_NSK_diphone|1.0|अच्छा" "flite:kal16|1.0|uh huh" "festival:hindi_NSK_diphone|1.0|ठीक है"
  "flite:slt|1.0|sure" "festival:hindi_NSK_diphone|1.0|हाँ जी" "flite:awb|1.0|okay okay"
  "festival:hindi_NSK_diphone|1.0|अच्छा अच्छा" "flite:rms|1.0|yeah" "festival:hindi_NSK_diphone|1.0|जी हाँ"
  "flite:slt|1.0|mm hmm" "festival:hindi_NSK_diphone|1.0|हाँ हाँ" "flite:kal16|1.0|got it"
  "festival:hindi_NSK_diphone|1.0|सही है" "festival:ked_diphone|1.0|alright")

# A crowd of the same kind (check/crowd-recorded.wav, 10 s, for --beds=check): five of these voices at once, each
# reading its own everyday text, looped, as make-turn-taking-clips.sh's espeak-ng crowds are. Made with the half, so
# the half is not judged only over rooms of another kind of voice than its own.
crowd=(
  "flite:awb|the bus to the station was full so we waited for the next one"
  "flite:rms|I left the charger at the office and my phone is almost dead"
  "flite:slt|can you pick up bread and eggs on the way back home"
  "festival:hindi_NSK_diphone|आज बाज़ार में बहुत भीड़ थी और सब्ज़ी महँगी थी"
  "flite:kal16|the match starts at eight so let us finish dinner early")
make_crowd() {
  local n=0 mixed=() voice text
  mkdir -p "$out/check"
  for entry in "${crowd[@]}"; do
    IFS='|' read -r voice text <<<"$entry"
    synthesize "$voice" 1.0 "$text" "$tmp/r$n.wav"
    sox "$tmp/r$n.wav" -r 8000 -c 1 -b 16 "$tmp/v$n.wav" highpass 60
    sox "$tmp/v$n.wav" "$tmp/v$n.wav" "$tmp/v$n.wav" "$tmp/v$n.wav" "$tmp/c$n.wav" trim "0.$((n * 3 % 10))" 10
    mixed+=("$tmp/c$n.wav"); n=$((n + 1))
  done
  sox -m "${mixed[@]}" "$out/check/crowd-recorded.wav" gain -n -3
}
make_crowd

say_each() { # array-name file-prefix first-number: each "voice|stretch|text" entry to PREFIX-NN.wav
  local -n entries=$1; local n=$(($3 - 1)) voice stretch text
  for entry in "${entries[@]}"; do
    IFS='|' read -r voice stretch text <<<"$entry"
    n=$((n + 1)); say "$voice" "$stretch" "$text" "$out/$2-$(printf %02d $n).wav"
  done
}
say_each sentences speech/recorded 1
n=${#sentences[@]}
for entry in "${paused[@]}"; do
  IFS='|' read -r voice stretch first rest <<<"$entry"
  n=$((n + 1))
  say "$voice" "$stretch" "$first" "$tmp/a.wav"; say "$voice" "$stretch" "$rest" "$tmp/b.wav"
  sox "$tmp/a.wav" "$tmp/b.wav" "$out/speech/recorded-$(printf %02d $n)-pause.wav" pad 0 0
done
say_each backchannels backchannel/recorded 1
du -ch "$out"/speech/recorded-*.wav "$out"/backchannel/recorded-*.wav | tail -1
