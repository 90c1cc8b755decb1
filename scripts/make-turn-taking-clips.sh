#!/usr/bin/env bash
# Regenerates the turn-taking evaluation set in src/test/resources/turn-taking/ (8 kHz 16-bit mono WAV):
#   speech/<half>-NN.wav      caller sentences (espeak-ng, several voices and speeds); some pause mid-answer
#   backchannel/<half>-NN.wav "haan", "hmm", "theek hai"... as said while the bot speaks
#   noise/<kind>.wav          6 s noise beds: white, pink, brown (sox synth), babble (four voices at once), hum (50 Hz)
# Two halves with different sentences AND voices: "tune" (thresholds were chosen on it) and "heldout" (reported).
# The evaluation mixes a noise bed under everything the caller sends, at an SNR relative to the speech level.
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox).
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/turn-taking
rm -rf "$out" && mkdir -p "$out/speech" "$out/backchannel" "$out/noise"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

say() { # voice speed text out.wav  — 8 kHz mono, peak at -3 dBFS, 200 ms lead and tail
  espeak-ng -v "$1" -s "$2" -w "$tmp/raw.wav" "$3"
  sox "$tmp/raw.wav" -r 8000 -c 1 -b 16 "$tmp/s.wav" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
  sox "$tmp/s.wav" "$4" gain -n -3 pad 0.2 0.2
}

# tuning half: American and British male and female voices
tune_voices=("en-us+m3 165" "en-gb+f3 150" "en-us+f2 180")
tune_sentences=("I am looking for a two bedroom apartment"
  "Wait, how much does it cost"
  "My budget is about sixty lakhs"
  "Somewhere near the airport road"
  "Can you call me back tomorrow evening")
tune_paused=("My budget is around|seventy lakhs" "I want a flat in|Whitefield")
# held-out half: Indian English and Hindi voices, other speeds, other sentences
held_voices=("en-in+m1 155" "hi+f4 145" "en-in+f3 175")
held_sentences=("We need a three bedroom villa with parking"
  "Hold on, I have a question about the price"
  "Mujhe do BHK flat chahiye"
  "Within the next three months"
  "It is for my parents to live in")
held_paused=("The budget is between fifty and|sixty lakhs" "I think we will take a|home loan")
backchannels=("haan" "haan ji" "hmm" "achha" "theek hai" "ji" "okay" "right")

make_half() { # half voices-array-name sentences-array-name paused-array-name
  local half=$1; local -n voices=$2 sentences=$3 paused=$4
  local n=0
  for i in "${!sentences[@]}"; do
    read -r voice speed <<<"${voices[$((i % ${#voices[@]}))]}"
    n=$((n + 1)); say "$voice" "$speed" "${sentences[$i]}" "$out/speech/$half-$(printf %02d $n).wav"
  done
  for i in "${!paused[@]}"; do
    read -r voice speed <<<"${voices[$((i % ${#voices[@]}))]}"
    n=$((n + 1))
    say "$voice" "$speed" "${paused[$i]%%|*}" "$tmp/a.wav"; say "$voice" "$speed" "${paused[$i]#*|}" "$tmp/b.wav"
    sox "$tmp/a.wav" "$tmp/b.wav" "$out/speech/$half-$(printf %02d $n)-pause.wav" pad 0 0
  done
  n=0
  for i in "${!backchannels[@]}"; do
    read -r voice speed <<<"${voices[$((i % ${#voices[@]}))]}"
    n=$((n + 1)); say "$voice" "$speed" "${backchannels[$i]}" "$out/backchannel/$half-$(printf %02d $n).wav"
  done
}
make_half tune tune_voices tune_sentences tune_paused
make_half heldout held_voices held_sentences held_paused

for colour in white pink brown; do
  sox -n -r 8000 -c 1 -b 16 "$out/noise/$colour.wav" synth 6 "${colour}noise" gain -n -3
done
# babble: four voices reading different text at once
babble=("the meeting is at four and the train was late again" "please pass the menu we will order the soup first"
  "kal subah market jaana hai aur sabzi leni hai" "my phone battery is low so I will call you later")
bv=("en-us+m1" "en-gb+f2" "hi+m2" "en-in+f1")
for i in 0 1 2 3; do
  espeak-ng -v "${bv[$i]}" -s 170 -w "$tmp/b$i.wav" "${babble[$i]} ${babble[$(((i + 1) % 4))]}"
  sox "$tmp/b$i.wav" -r 8000 -c 1 -b 16 "$tmp/c$i.wav" trim 0 6 pad 0 6 trim 0 6
done
sox -m "$tmp/c0.wav" "$tmp/c1.wav" "$tmp/c2.wav" "$tmp/c3.wav" "$out/noise/babble.wav" gain -n -3
# mains hum: 50 Hz with its odd harmonics, steady
sox -n -r 8000 -c 1 -b 16 "$out/noise/hum.wav" synth 6 sine 50 synth 6 sine mix 150 synth 6 sine mix 250 gain -n -3
du -sh "$out"
