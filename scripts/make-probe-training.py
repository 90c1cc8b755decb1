#!/usr/bin/env python3
"""A training set for the room-voice probe (docs/turn-taking.md step 37), apart from every evaluation half and room:
callers and rooms of espeak-ng voices (its named variants adam, ed, edward…, and its default English at eight
pitches) saying sentences none of them say. The named variants are used nowhere else; the default English is the
evaluation's most common caller voice (docs/turn-taking.md, "The voices, as spoken"): until 2026-12-05 this script
wrote eight of its voices "en-in+david", "en-gb+benjamin"…, which espeak-ng 1.51 speaks as its default English, so
"24 voices none of the evaluation uses" were 16 and the default English at eight pitches (one of them, 50, the
evaluation's own). Step 33 trained the probe on the tuning half's five sentences and
three voices; this set has a few hundred, so the evaluation's halves, its babble and the check rooms all stay
out of training. Not committed (about 10 MB): made where it is used.

    python3 scripts/make-probe-training.py [DIR] [--shifted-rooms=16]   # default target/probe-training; needs
                                                                       # espeak-ng and sox

Writes DIR/speech/train-VV-NN.wav (voice VV's sentence NN, 8 kHz mono, peak -3 dBFS, 200 ms lead and tail, as the
evaluation's callers) and DIR/rooms/*.wav (crowds of three to six voices: 6 and 10 s loops as the evaluation's
rooms, and 180 s rooms that do not loop; with --shifted-rooms, that many more of three to seven voices,
pitch-shifted: step 41's set). espeak-ng's output differs a little between versions, so another machine makes a
similar set rather than the same bytes.
"""
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import espeak_voice  # noqa: E402

CALLER_SENTENCES = """Hello, who is calling please
Sorry, can you say that again
No no, I asked about the price
Just a minute, let me step outside
Actually we need three bedrooms
Is parking included in that
How far is it from the highway
What about the registration charges
I already bought a flat last year
Listen, I am not interested right now
We want to shift before the monsoon
Does the builder give a home loan
My father will decide on the budget
Which floor are the flats available on
Hold on, my other phone is ringing
Can I visit the site this Sunday
The location is too far for my office
Our limit is one crore twenty
Is it ready to move or under construction
I saw your ad on the property website
Haan bataiye, kitne ka hai flat
Nahi nahi, mujhe villa chahiye
Ek minute, main gaadi chala raha hoon
Kya aap Hindi mein baat kar sakte hain
Humara budget pachattar lakh tak hai
Yeh project kab tak ready hoga
Hum agle saal tak lena chahte hain
Mujhe Gurgaon side mein dekhna hai
Excuse me, which company is this
That sounds good, please continue
Wait wait, what did you say about the loan
Tell me the total cost with taxes""".split("\n")

ROOM_SENTENCES = """the train was late again so I missed the first half of the meeting
we are going to my aunt's house for the wedding next weekend
the shopkeeper said the new stock will come only after Diwali
he finished the marathon in under five hours which is not bad at all
the water supply in our colony comes only in the morning now
did you try the new tea stall near the bus stand it is really good
my laptop keeps restarting whenever I open too many tabs
they say the exam results will be out by the end of this month
school ki van aaj phir se late aayi bachche pareshan ho gaye
we need to buy a new fridge before the summer gets worse
the meeting went on for three hours and nothing was decided
mere dost ne naya scooter liya hai electric wala
the security guard did not let the delivery boy inside the gate
I think it is going to rain tonight so take the clothes inside
our building is having a society meeting on Sunday about the parking
the vegetable prices at the market are just crazy these days
main kal subah jaldi niklunga toh nashta pack kar dena
she finally cleared her driving test on the third attempt
the cable guy came to fix the internet but it is still slow
we should plan something for mom's birthday this year""".split("\n")

# (language, variant or "" for the language's own voice, words a minute, pitch 0-99)
CALLER_VOICES = [
    ("en-us", "adam", 160, 40), ("en", "", 170, 45), ("en", "", 150, 55),
    ("hi", "ed", 155, 35), ("en-029", "edward", 175, 50), ("en-gb-scotland", "Andy", 165, 60),
    ("en", "", 170, 62), ("en-us", "Andrea", 180, 58), ("hi", "grandma", 150, 66),
    ("en-gb-x-rp", "iven", 160, 30), ("en", "", 145, 42), ("en-us-nyc", "quincy", 185, 48),
    ("hi", "rob", 160, 52), ("en", "", 175, 64), ("en", "", 165, 38),
    ("en-gb-x-gbclan", "victor", 155, 44), ("en-us", "Gene", 170, 56), ("hi", "Lee", 165, 60),
    ("en", "", 175, 46), ("en-029", "michel", 160, 54), ("en-gb-x-gbcwmd", "robert", 150, 36),
    ("en", "", 180, 50), ("hi", "klatt2", 160, 45), ("en-us", "marcelo", 165, 40),
]
# (file, voices, seconds, seed): 6 and 10 s rooms loop as the evaluation's do; 180 s rooms do not
ROOMS = [("loop3.wav", 3, 10, 6), ("loop4.wav", 4, 10, 1), ("loop4b.wav", 4, 6, 7), ("loop5.wav", 5, 10, 2),
         ("loop6.wav", 6, 10, 3), ("long4.wav", 4, 180, 4), ("long5.wav", 5, 180, 8), ("long6.wav", 6, 180, 5)]
# Step 41 (--shifted-rooms=16; not in the bundled probe's set): rooms of 3-7 voices drawn from the callers' at
# random, each moved by -400..+400 cents (sox pitch, which moves the formants with it: another vocal tract). A probe
# with a hidden layer learnt step 37's eight rooms rather than rooms (docs/turn-taking.md step 41).
SENTENCES_PER_VOICE = 6


def espeak(voice, text, raw):
    language, variant, speed, pitch = voice
    subprocess.run(["espeak-ng", "-v", spoken(voice), "-s", str(speed), "-p", str(pitch), "-w", raw, text], check=True)


def spoken(voice):
    language, variant = voice[0], voice[1]
    return f"{language}+{variant}" if variant else language


def caller(voice, text, path, tmp):
    raw, trimmed = os.path.join(tmp, "raw.wav"), os.path.join(tmp, "s.wav")
    espeak(voice, text, raw)
    subprocess.run(["sox", "-D", raw, "-r", "8000", "-c", "1", "-b", "16", trimmed,
                    "silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse"], check=True)
    subprocess.run(["sox", "-D", trimmed, path, "gain", "-n", "-3", "pad", "0.2", "0.2"], check=True)


def room(path, voices, seconds, seed, tmp, shifted=False):
    parts = []
    for i in range(voices):
        rng = random.Random(seed * 100 + i)
        # the callers' own voices: a probe must learn what a room sounds like, not which voices rooms are made of
        voice = (CALLER_VOICES[rng.randrange(len(CALLER_VOICES))] if shifted
                 else CALLER_VOICES[(7 * seed + 5 * i) % len(CALLER_VOICES)])
        text = ". ".join(rng.sample(ROOM_SENTENCES, len(ROOM_SENTENCES)) * (4 if seconds > 60 else 1)) + "."
        raw, part = os.path.join(tmp, f"r{i}.wav"), os.path.join(tmp, f"c{i}.wav")
        espeak(voice, text, raw)
        shift = ["pitch", str(rng.randint(-400, 400))] if shifted else []
        subprocess.run(["sox", "-D", raw, "-r", "8000", "-c", "1", "-b", "16", part, *shift,
                        "trim", f"{rng.random() * 5:.2f}", str(seconds)], check=True)
        parts.append(part)
    subprocess.run(["sox", "-D", "-m", *parts, path, "gain", "-n", "-3"], check=True)


def main():
    folders = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = folders[0] if folders else "target/probe-training"
    shifted_rooms = next((int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--shifted-rooms=")), 0)
    espeak_voice.require(spoken(voice) for voice in CALLER_VOICES)
    os.makedirs(os.path.join(out, "speech"), exist_ok=True)
    os.makedirs(os.path.join(out, "rooms"), exist_ok=True)
    rng = random.Random(37)
    with tempfile.TemporaryDirectory() as tmp:
        for v, voice in enumerate(CALLER_VOICES):
            for n, text in enumerate(rng.sample(CALLER_SENTENCES, SENTENCES_PER_VOICE)):
                caller(voice, text, os.path.join(out, "speech", f"train-{v:02d}-{n:02d}.wav"), tmp)
        for name, voices, seconds, seed in ROOMS:
            room(os.path.join(out, "rooms", name), voices, seconds, seed, tmp)
        shifted = random.Random(41)
        for k in range(shifted_rooms):
            voices = shifted.randint(3, 7)
            seconds = 180 if k % 4 == 3 else shifted.choice([6, 10])
            room(os.path.join(out, "rooms", f"shifted{k:02d}-{voices}v-{seconds}s.wav"), voices, seconds, 1000 + k, tmp,
                 shifted=True)
    print(f"{len(CALLER_VOICES) * SENTENCES_PER_VOICE} callers and {len(ROOMS) + shifted_rooms} rooms in {out}")


if __name__ == "__main__":
    main()
