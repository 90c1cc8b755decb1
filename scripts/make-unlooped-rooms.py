#!/usr/bin/env python3
"""Three rooms of voices that do not loop, for checks (docs/turn-taking.md steps 31 and 32): four, five and seven
espeak-ng voices, each reading everyday sentences in its own shuffled order for 180 s, mixed. The evaluation's babble
and the check rooms loop every 6 or 10 s, so the same loudest moment comes round again and again, which flatters any
rule that learns a room's peaks. Not committed (8.6 MB): made where they are used.

    python3 scripts/make-unlooped-rooms.py [DIR]      # default target/unlooped-rooms; needs espeak-ng and sox

espeak-ng's output differs a little between versions, so another machine may make similar rooms rather than the same
bytes (sox runs without dither, so the same versions make the same bytes).
"""
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import espeak_voice  # noqa: E402

SENTENCES = """the weather has been strange this week with rain in the morning and sun by noon
I think we should leave early tomorrow because the highway will be packed
did you hear that the new mall near the station is opening next month
my brother finally got the job he applied for in Hyderabad
kitchen ka nal phir se tapak raha hai plumber ko bulana padega
the price of onions went up again and my mother is not happy about it
we watched the match at a friend's house and it went on till midnight
can you believe the electricity bill this month it is almost four thousand
aaj traffic itna tha ki office pahunchne mein do ghante lag gaye
she said the school fees will increase from the next academic year
the doctor told him to walk every morning and cut down on sugar
I lost my umbrella on the bus and of course it started raining right after
humne shaadi ke liye hall book kar diya hai ab sirf caterer bacha hai
the manager wants the report by Friday but nobody has started it yet
they are repairing the road outside our building for the third time this year
my daughter wants to learn the guitar so we are looking for a teacher
the vegetable vendor gave me extra coriander because I buy from him every day
our neighbours got a new puppy and it barks the whole night
I am thinking of taking a short trip to the hills in October
the cricket coaching camp starts at six so he has to wake up at five
yeh phone ka network yahan bilkul nahi aata chhat par jaana padta hai
we ordered biryani from the new place and it was actually quite good
the lift in our tower has been out of order since last Sunday
he keeps forgetting his keys so we made a spare set for him
the festival crowd near the temple was bigger than last year
I need to renew my passport before the end of the year
mummy ne kaha hai ki Diwali pe sab log ghar aayenge
the bank closed early today so I could not deposit the cheque
our team won the quiz at the office and got movie tickets
the new teacher is very strict but the children seem to like her""".split("\n")
VOICES = [("en-us+m7", 165), ("en-gb-x-rp+f5", 175), ("hi+m2", 155), ("en", 170), ("en-029+m1", 160),
          ("en-gb-scotland+f2", 180), ("en-us+f3", 170), ("en", 150)]
ROOMS = [("room4.wav", 4, 1), ("room5.wav", 5, 2), ("room7.wav", 7, 3)]  # file, voices, seed


def make_room(path, voices, seed, tmp):
    parts = []
    for i in range(voices):
        rng = random.Random(seed * 100 + i)
        voice, speed = VOICES[(i + seed) % len(VOICES)]
        text = ". ".join(rng.sample(SENTENCES, len(SENTENCES)) + rng.sample(SENTENCES, len(SENTENCES))) + "."
        raw, part = os.path.join(tmp, f"r{i}.wav"), os.path.join(tmp, f"c{i}.wav")
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", raw, text], check=True)
        start = str(rng.random() * 5)
        subprocess.run(["sox", "-D", raw, "-r", "8000", "-c", "1", "-b", "16", part, "trim", start, "180"], check=True)
        parts.append(part)
    subprocess.run(["sox", "-D", "-m", *parts, path, "gain", "-n", "-3"], check=True)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "target/unlooped-rooms"
    espeak_voice.require(voice for voice, _ in VOICES)
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, voices, seed in ROOMS:
            make_room(os.path.join(out, name), voices, seed, tmp)
            print(os.path.join(out, name))


if __name__ == "__main__":
    main()
