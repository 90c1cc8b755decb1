#!/usr/bin/env bash
# Regenerates the turn-taking evaluation set in src/test/resources/turn-taking/ (8 kHz 16-bit mono WAV):
#   speech/<half>-NN.wav      caller sentences (espeak-ng, several voices and speeds); some pause mid-answer
#   backchannel/<half>-NN.wav "haan", "hmm", "theek hai"... as said while the bot speaks
#   noise/<kind>.wav          6 s noise beds: white, pink, brown (sox synth), babble (four voices at once), hum (50 Hz)
# Four halves with different sentences AND voices: "tune" (thresholds were chosen on it), "heldout" (regenerated
# with new sentences and voices on 2026-12-02 because the first held-out half had been seen; looked at since, so no
# longer blind), "blind" (made 2026-12-03 before the onset rule was tried on it; its results have been read since)
# and "fresh" (made 2026-12-03 evening, before the room-measure rule was run on it: the one reported as unseen).
# A fifth half, "recorded", is spoken by voices made from recordings of people: scripts/make-recorded-half.sh.
# "./scripts/make-turn-taking-clips.sh blind" (or "fresh") makes only that half, "... babble" only the babble bed,
# "... check" only the check rooms, "... sealed" only the sealed rooms, leaving the rest as it is.
#   check/<room>.wav          10 s rooms of other voices, never tuned on, for --beds=check (sweep or calls): a
#                             crowd of four, a crowd of seven, two people talking in turns (made 2026-12-03 late)
#   sealed/<room>.wav         10 s rooms for --beds=sealed, run by nobody yet: crowds of five and six, three people
#                             talking in turns. Made anew 2026-12-04 evening (other voices and texts) after step 33
#                             opened the first set (made 2026-12-03 night; in git history), and a third time on
#                             2026-12-05 after step 37's first rule opened the second, a fourth time the same day
#                             after step 37's finished rule was judged on the third, a fifth time after step 38
#                             (Silero v6) was judged on the fourth, a sixth after step 39 was judged on the fifth,
#                             and a seventh after step 41 was judged on the sixth. Run them once, to judge a finished
#                             rule, and make new ones after.
# The evaluation mixes a noise bed under everything the caller sends, at an SNR relative to the speech level.
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox).
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/test/resources/turn-taking
only=${1:-all}
if [ "$only" = all ]; then
  rm -rf "$out"
elif [ "$only" != babble ]; then
  rm -f "$out"/speech/"$only"-*.wav "$out"/backchannel/"$only"-*.wav
fi
mkdir -p "$out/speech" "$out/backchannel" "$out/noise"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# stop before making a clip in a voice other than the one named (espeak-ng falls back without a word)
python3 scripts/espeak_voice.py $(grep -v '^ *#' "$0" | grep -oE '\b(en|hi)[a-z0-9-]*\+[A-Za-z0-9_]+|"en [0-9]+' | tr -d '"' | cut -d" " -f1 | sort -u)

say() { # voice speed text out.wav  — 8 kHz mono, peak at -3 dBFS, 200 ms lead and tail
  espeak-ng -v "$1" -s "$2" -w "$tmp/raw.wav" "$3"
  sox "$tmp/raw.wav" -r 8000 -c 1 -b 16 "$tmp/s.wav" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
  sox "$tmp/s.wav" "$4" gain -n -3 pad 0.2 0.2
}

# tuning half: American male and female voices and espeak-ng's default English ("en", British male). Until
# 2026-12-05 this script wrote "en-gb+f3", "en-in+m5"... where it now says "en": espeak-ng 1.51 has no "en-in" and
# drops a variant after "en-gb", so those clips were always spoken in its default English (scripts/espeak_voice.py
# stops the script on such a voice now; docs/turn-taking.md, "The voices, as spoken")
tune_voices=("en-us+m3 165" "en 150" "en-us+f2 180")
tune_sentences=("I am looking for a two bedroom apartment"
  "Wait, how much does it cost"
  "My budget is about sixty lakhs"
  "Somewhere near the airport road"
  "Can you call me back tomorrow evening")
tune_paused=("My budget is around|seventy lakhs" "I want a flat in|Whitefield")
# held-out half (second version, made after the tuning of 2026-12-02 and never tuned on): default English, Hindi,
# Caribbean and Scottish voices, other speeds, other sentences, four paused answers and ten backchannels. FreeTTS is
# not used for callers: it is the offline bot's own voice, so the echo guard would treat it as the bot.
held_voices=("en 160" "hi+m3 140" "en-029+f4 170" "en-gb-scotland+m2 150" "en 185")
held_sentences=("I would prefer a flat on a higher floor"
  "Stop, that is not what I asked"
  "Is there a school close to the society"
  "Hamein teen BHK chahiye Noida mein"
  "We are moving from Pune next year"
  "Please send the brochure on WhatsApp"
  "What is the carpet area of the flat"
  "My wife works near the tech park")
held_paused=("We can spend up to|eighty five lakhs" "I am looking for something near|the metro station"
  "Possession should be by|December" "Mera budget hai lagbhag|ek crore")
tune_backchannels=("haan" "haan ji" "hmm" "achha" "theek hai" "ji" "okay" "right")
held_backchannels=("haan" "haan ji" "hmm" "achha" "theek hai" "ji haan" "okay" "uh huh" "haan haan" "sahi hai")
# more backchannels (added in a later session so each half has 20, enough to check "at most 1 in 20"), from more
# speakers, the Hindi voices reading Devanagari. Numbered on from the ones above; the held-out ones never tuned on.
tune_more_voices=("en-us+m3 165" "hi+f1 150" "en 150" "en 170" "en-us+f2 180")
tune_more_backchannels=("yes" "हाँ हाँ" "yeah" "oh okay" "sure" "अच्छा अच्छा" "mm hmm" "right right" "hmm okay"
  "जी जी" "yeah right" "हाँ ठीक है")
held_more_voices=("hi+f4 160" "en 175" "en-029+f4 170" "hi+m3 140" "en-gb-scotland+m2 150")
held_more_backchannels=("हाँ बोलो" "yes yes" "oh right" "अच्छा जी" "sure sure" "हम्म अच्छा" "okay okay" "ji bilkul"
  "yeah yeah" "हाँ सही")

make_half() { # half voices sentences paused backchannels (array names)
  local half=$1; local -n voices=$2 sentences=$3 paused=$4 backchannels=$5
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
more_backchannels() { # half first-number voices backchannels (array names)
  local half=$1 n=$(($2 - 1)); local -n voices=$3 backchannels=$4
  for i in "${!backchannels[@]}"; do
    read -r voice speed <<<"${voices[$((i % ${#voices[@]}))]}"
    n=$((n + 1)); say "$voice" "$speed" "${backchannels[$i]}" "$out/backchannel/$half-$(printf %02d $n).wav"
  done
}
# blind half (2026-12-03): sentences none of the others use, voices none uses but the default English (above); made
# before the onset rule was tried
blind_voices=("en-gb-x-rp+m4 155" "en 175" "en-gb-x-gbcwmd+m6 165" "en 150" "en-gb-x-gbclan+f1 160"
  "hi+f5 145")
blind_sentences=("Do you have anything ready to move in"
  "Hold on, I am driving right now"
  "How far is it from the railway station"
  "I need covered parking for two cars"
  "Actually I already booked a flat last month"
  "Kitna rate hai per square foot"
  "Send me the floor plan please"
  "Does the builder help with the home loan")
blind_paused=("Our budget is roughly|ninety lakhs" "Something close to|Electronic City"
  "We want to shift by|next March" "Hamara budget hai|pachaas lakh")
blind_backchannels=("haan" "hmm hmm" "achha ji" "okay ji" "ji" "haan theek" "right okay" "mm" "sure" "haan ji haan"
  "yes" "theek hai ji" "uh huh" "achha" "okay" "हाँ जी" "अच्छा" "ठीक है" "हम्म" "जी हाँ")
# fresh half (2026-12-03 evening): again new sentences, and voices none uses but the default English
fresh_voices=("en-029+m2 160" "en 170" "en-us+f5 165" "hi+m6 150" "en-gb-scotland+f3 155" "en 180")
fresh_sentences=("Is the society gated with security"
  "Sorry, I am in a meeting, call later"
  "Which floor is still available"
  "Do you have a two BHK facing east"
  "I sold my old house so I can pay quickly"
  "Maintenance kitna aata hai har mahine"
  "Can I visit the site this Sunday"
  "Is the project approved by the bank")
fresh_paused=("We are thinking of|one and a half crore" "Preferably somewhere in|Andheri West"
  "I need it before|the school year starts" "Humein chahiye|do BHK flat")
fresh_backchannels=("hmm" "haan haan" "okay okay" "ji ji" "achha achha" "theek" "yeah" "right" "mm hmm" "haan ji"
  "sahi" "oh okay" "yes yes" "got it" "हाँ" "जी" "ठीक" "अच्छा हाँ" "हाँ हाँ जी" "okay ji")
make_babble() { # four voices reading different text at once, each looped to fill the 6 s so the room never falls
  # silent (until 2026-12-03 every voice had stopped by 5.3 s, leaving 0.7 s of silence in each loop: a room that
  # paused every 6 s, which lowered the bed the caller must stand out from)
  local babble=("the meeting is at four and the train was late again" "please pass the menu we will order the soup first"
    "kal subah market jaana hai aur sabzi leni hai" "my phone battery is low so I will call you later")
  local bv=("en-us+m1" "en" "hi+m2" "en")
  for i in 0 1 2 3; do
    espeak-ng -v "${bv[$i]}" -s 170 -w "$tmp/b$i.wav" "${babble[$i]} ${babble[$(((i + 1) % 4))]}"
    sox "$tmp/b$i.wav" -r 8000 -c 1 -b 16 "$tmp/v$i.wav"
    sox "$tmp/v$i.wav" "$tmp/v$i.wav" "$tmp/v$i.wav" "$tmp/c$i.wav" trim "0.$((i * 2))" 6
  done
  sox -m "$tmp/c0.wav" "$tmp/c1.wav" "$tmp/c2.wav" "$tmp/c3.wav" "$out/noise/babble.wav" gain -n -3
}
voices_at_once() { # out.wav, then voice speed text triples: each voice loops its text, all mixed, 10 s
  local room=$1 n=0 mixed=(); shift
  while [ $# -gt 0 ]; do
    espeak-ng -v "$1" -s "$2" -w "$tmp/r$n.wav" "$3"
    sox "$tmp/r$n.wav" -r 8000 -c 1 -b 16 "$tmp/v$n.wav"
    sox "$tmp/v$n.wav" "$tmp/v$n.wav" "$tmp/v$n.wav" "$tmp/v$n.wav" "$tmp/c$n.wav" trim "0.$((n * 3 % 10))" 10
    mixed+=("$tmp/c$n.wav"); n=$((n + 1)); shift 3
  done
  sox -m "${mixed[@]}" "$room" gain -n -3
}
make_check_rooms() { # rooms the detector was never tuned on: two crowds and a conversation nearby
  mkdir -p "$out/check"
  voices_at_once "$out/check/crowd4.wav" \
    en-gb-x-rp+m4 160 "did you see the score last night, the last over was unbelievable and everyone was shouting" \
    en 175 "the auto driver asked for two hundred rupees so I said no and walked to the metro station" \
    hi+f3 165 "aaj office mein bahut kaam tha, phir bhi shaam ko hum log chai peene gaye the" \
    en-us+f4 185 "she moved to a new apartment downtown and the rent is almost double what it was"
  voices_at_once "$out/check/crowd7.wav" \
    en 170 "we should book the tickets early because the prices go up every single week" \
    en 160 "my cousin is getting married in December and the whole family is coming to Jaipur" \
    hi+m1 150 "bachchon ki chhutti hai toh hum log gaon ja rahe hain agle hafte" \
    en-us+m2 180 "the coffee machine on the third floor has been broken since Monday morning" \
    en-029+f1 165 "I told him to bring the documents but he forgot them at home again" \
    en-gb-scotland+f2 175 "the bus was so crowded that I had to stand all the way to the station" \
    en 190 "send me the report by five and we will discuss it in tomorrow's meeting"
  conversation "$out/check/conversation.wav" "0.4 0.7 0.5 0.9 0.3 0.6" \
    "en 165 did you pay the electricity bill this month" "hi+f2 160 haan kal hi kar diya tha online" \
    "en 165 and the water tank, is somebody coming to clean it" "hi+f2 160 shaniwar ko aayega, maine bol diya hai" \
    "en 165 okay then I will be at home on Saturday" "hi+f2 160 theek hai, main bhi ghar pe rahungi"
}
conversation() { # out.wav, the pauses after each line, then "voice speed text" lines: people taking turns, 10 s
  local room=$1 pauses i=0 turns=(); read -r -a pauses <<<"$2"; shift 2
  for line in "$@"; do
    read -r voice speed text <<<"$line"
    espeak-ng -v "$voice" -s "$speed" -w "$tmp/t$i.wav" "$text"
    sox "$tmp/t$i.wav" -r 8000 -c 1 -b 16 "$tmp/u$i.wav" pad 0 "${pauses[$i]}"
    turns+=("$tmp/u$i.wav"); i=$((i + 1))
  done
  sox "${turns[@]}" "${turns[@]}" "$tmp/talk.wav"
  sox "$tmp/talk.wav" "$room" trim 0 10 gain -n -3
}
make_sealed_rooms() { # the seventh set, made 2026-12-05 after step 41 opened the sixth: to judge the next rule once.
  # espeak-ng's variants left unused by every earlier set, the evaluation and the probe's training set (Alex, Alicia,
  # Mike, norbert, shelby, travis), each in two or three accents; the texts are new
  mkdir -p "$out/sealed"
  voices_at_once "$out/sealed/crowd5.wav" \
    en-us+Alex 175 "the plumber said he would come at ten but it is already past one and no call" \
    hi+Alicia 155 "mummy ne kaha tha ki sabzi le aana par main bilkul bhool gaya" \
    en-gb-x-rp+Mike 165 "the new bridge over the river will cut the drive to the airport by half an hour" \
    en-029+norbert 160 "my daughter scored full marks in maths and now she wants a bicycle as a reward" \
    en-gb-scotland+shelby 170 "the library is closed on Mondays so we went to the book fair instead"
  voices_at_once "$out/sealed/crowd6.wav" \
    en-us-nyc+travis 185 "the elevator in our tower has been stuck on the ninth floor since yesterday" \
    hi+Mike 150 "kal raat ko itni baarish hui ki poori gali mein paani bhar gaya" \
    en-gb-x-gbclan+norbert 160 "he sold his old car and bought a second hand jeep from a friend in Pune" \
    en-029+Alex 170 "the chemist near the gate stays open all night which is really useful" \
    en-us+shelby 175 "we are painting the living room blue and the bedroom a light shade of green" \
    en-gb-x-gbcwmd+Alicia 165 "the wedding caterer wants the final guest count by the end of this week"
  conversation "$out/sealed/conversation3.wav" "0.5 0.8 0.4 0.6 0.7 0.5 0.6" \
    "en-us+travis 170 did anyone feed the dog this morning" "hi+shelby 155 haan, maine subah saat baje khilaya tha" \
    "en-gb-x-rp+Alex 160 then why is he standing near his bowl again" "en-us+travis 170 he always does that, just ignore him" \
    "hi+shelby 155 thoda sa aur de do, bechara bhookha lag raha hai" "en-gb-x-rp+Alex 160 fine, but only a little, the vet said so" \
    "en-us+travis 170 and take him for a walk after lunch"
}
case "$only" in
  babble) make_babble; exit 0 ;;
  check) make_check_rooms; exit 0 ;;
  sealed) make_sealed_rooms; exit 0 ;;
  blind | fresh)
    make_half "$only" "${only}_voices" "${only}_sentences" "${only}_paused" "${only}_backchannels"
    du -sh "$out"; exit 0 ;;
esac

make_half tune tune_voices tune_sentences tune_paused tune_backchannels
make_half heldout held_voices held_sentences held_paused held_backchannels
more_backchannels tune 9 tune_more_voices tune_more_backchannels
more_backchannels heldout 11 held_more_voices held_more_backchannels
make_half blind blind_voices blind_sentences blind_paused blind_backchannels
make_half fresh fresh_voices fresh_sentences fresh_paused fresh_backchannels

for colour in white pink brown; do
  sox -n -r 8000 -c 1 -b 16 "$out/noise/$colour.wav" synth 6 "${colour}noise" gain -n -3
done
make_babble
make_check_rooms
make_sealed_rooms
# mains hum: 50 Hz with its odd harmonics, steady
sox -n -r 8000 -c 1 -b 16 "$out/noise/hum.wav" synth 6 sine 50 synth 6 sine mix 150 synth 6 sine mix 250 gain -n -3
du -sh "$out"
