#!/usr/bin/env python3
"""Makes src/test/resources/turn-taking/transients/: 6 s beds of sudden non-speech sounds a caller's phone picks up
in the street, a shop or a kitchen, for --beds=transients (the evaluation's noise-only calls and the sweep over
them). Made 2026-12-06, before any run of the detector on them; no rule was chosen on them.

  horns.wav     car and scooter horns (a short honk, a double honk, a long one) over a faint road
  knocks.wav    knocks on a door, a dropped object's thud, handling clicks of the phone
  traffic.wav   vehicles passing (swelling engine rumble and tyre noise), a motorbike revving, one honk
  kitchen.wav   a pressure-cooker whistle, steel utensils clinking, water running

Synthesised from tones and noise (numpy only, seeded), 8 kHz 16-bit mono; the evaluation scales each bed as a whole
to its SNR below the caller's speech, so a sound that fills a tenth of the bed is far louder than the bed's level.

  python3 scripts/make-transient-rooms.py          the four beds above (seen: steps 43-44 looked at them)
  python3 scripts/make-transient-rooms.py sealed   transients-sealed/, made 2026-12-06 for judging a finished rule
                                                   on sudden sounds once (--beds=transients-sealed), run by nobody:

  truck.wav     a truck's air horn (three low tones, a long blast and a short one) over its engine
  bells.wav     a bicycle bell rung twice, a door bell, a phone's ringtone
  whistle.wav   a traffic policeman's whistle, trilled, three blasts
  street.wav    an auto-rickshaw's two-stroke engine, another scooter's horn, a car's horn pair at other pitches
"""
import os
import wave

import numpy as np

RATE = 8000
SECONDS = 6.0
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "turn-taking", "transients")
rng = np.random.default_rng(20261206)


def t(seconds):
    return np.arange(int(seconds * RATE)) / RATE


def bed():
    return np.zeros(int(SECONDS * RATE))


def put(into, at, sound):
    start = int(at * RATE)
    end = min(len(into), start + len(sound))
    into[start:end] += sound[: end - start]


def envelope(n, attack=0.01, release=0.03):
    env = np.ones(n)
    a, r = int(attack * RATE), int(release * RATE)
    if a:
        env[:a] = np.linspace(0, 1, a)
    if r:
        env[-r:] *= np.linspace(1, 0, r)
    return env


def lowpass(x, cutoff):
    """One-pole low-pass, enough to round off synthetic edges."""
    alpha = np.exp(-2 * np.pi * cutoff / RATE)
    y = np.empty_like(x)
    acc = 0.0
    for i, v in enumerate(x):
        acc = (1 - alpha) * v + alpha * acc
        y[i] = acc
    return y


def bandpass_noise(seconds, low, high):
    n = int(seconds * RATE)
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    spectrum[(freqs < low) | (freqs > high)] = 0
    out = np.fft.irfft(spectrum, n)
    return out / (np.max(np.abs(out)) + 1e-9)


def brown(seconds):
    x = np.cumsum(rng.standard_normal(int(seconds * RATE)))
    x -= np.convolve(x, np.ones(400) / 400, mode="same")  # no drift
    return x / (np.max(np.abs(x)) + 1e-9)


def car_horn(seconds, low=410.0, high=510.0):
    """Two horns a third apart, each a buzzy (square-ish) tone: a car's electric horn."""
    time = t(seconds)
    tone = np.sign(np.sin(2 * np.pi * low * time)) + np.sign(np.sin(2 * np.pi * high * time))
    return lowpass(tone, 3000) * envelope(len(time), 0.015, 0.04) * 0.5


def scooter_horn(seconds, pitch=560.0):
    """A two-wheeler's single horn: one buzzy tone with a little wobble."""
    time = t(seconds)
    wobble = 1 + 0.01 * np.sin(2 * np.pi * 7 * time)
    tone = np.sign(np.sin(2 * np.pi * pitch * np.cumsum(wobble) / RATE))
    return lowpass(tone, 3500) * envelope(len(time), 0.01, 0.03) * 0.6


def knock():
    """A knuckle on wood: a short decaying burst of mid-band noise with a body resonance."""
    n = int(0.09 * RATE)
    decay = np.exp(-np.arange(n) / (0.012 * RATE))
    body = np.sin(2 * np.pi * 180 * t(0.09)) * np.exp(-np.arange(n) / (0.03 * RATE))
    return (bandpass_noise(0.09, 300, 2500) * decay + 0.6 * body) * 0.9


def thud():
    n = int(0.3 * RATE)
    ring = np.exp(-np.arange(n) / (0.06 * RATE))
    return (np.sin(2 * np.pi * 70 * t(0.3)) + 0.5 * bandpass_noise(0.3, 60, 400)) * ring


def click():
    n = int(0.004 * RATE)
    return rng.standard_normal(n) * np.exp(-np.arange(n) / 6) * 0.8


def clink(base):
    """Steel on steel: inharmonic partials ringing down."""
    time = t(0.5)
    partials = [1.0, 2.76, 5.40]
    tone = sum(np.sin(2 * np.pi * base * p * time) / (k + 1) for k, p in enumerate(partials) if base * p < 3900)
    return tone * np.exp(-time / 0.12) * 0.5


def cooker_whistle(seconds):
    """A pressure cooker letting off steam: a loud whistle near 2.4 kHz riding on hiss, rising and falling."""
    time = t(seconds)
    pitch = 2400 + 150 * np.sin(2 * np.pi * 0.8 * time)
    whistle = np.sin(2 * np.pi * np.cumsum(pitch) / RATE)
    hiss = bandpass_noise(seconds, 1500, 3900)
    swell = np.clip(np.sin(np.pi * time / seconds) * 1.4, 0, 1)
    return (0.7 * whistle + 0.35 * hiss) * swell


def engine(seconds, start_hz, end_hz):
    """A passing vehicle: engine harmonics that swell and fade, with tyre noise."""
    time = t(seconds)
    f0 = np.linspace(start_hz, end_hz, len(time))
    phase = 2 * np.pi * np.cumsum(f0) / RATE
    tone = sum(np.sin(k * phase) / k for k in range(1, 8))
    swell = np.sin(np.pi * time / seconds) ** 2
    return (0.5 * tone / 2 + 0.5 * bandpass_noise(seconds, 100, 1500)) * swell


def horns():
    x = 0.03 * brown(SECONDS)
    put(x, 0.7, car_horn(0.4))
    put(x, 2.1, car_horn(0.15))
    put(x, 2.4, car_horn(0.2))
    put(x, 3.5, scooter_horn(0.3))
    put(x, 4.4, car_horn(0.9, 380, 480))
    return x


def knocks():
    x = 0.01 * bandpass_noise(SECONDS, 100, 3000)
    for at in (0.6, 0.85, 1.1):
        put(x, at, knock())
    put(x, 2.3, thud())
    for at in (3.2, 3.26, 3.9, 4.05):
        put(x, at, click())
    for at in (4.8, 5.02, 5.24):
        put(x, at, knock() * 0.8)
    return x


def traffic():
    x = 0.15 * brown(SECONDS)
    put(x, 0.0, engine(2.5, 60, 45))
    put(x, 1.8, engine(2.2, 90, 70) * 0.8)
    time = t(1.2)
    rev = np.linspace(40, 110, len(time)) * (1 + 0.3 * np.sin(2 * np.pi * 2 * time))
    motorbike = sum(np.sin(k * 2 * np.pi * np.cumsum(rev) / RATE) / k for k in range(1, 10))
    put(x, 3.6, motorbike * envelope(len(time), 0.1, 0.3) * 0.4)
    put(x, 5.1, car_horn(0.35))
    return x


def kitchen():
    x = 0.02 * bandpass_noise(SECONDS, 300, 3500)  # water running
    put(x, 0.5, cooker_whistle(1.6))
    for at, base in ((2.6, 900.0), (2.9, 1250.0), (3.4, 780.0), (4.7, 1100.0)):
        put(x, at, clink(base))
    put(x, 5.3, thud() * 0.6)
    return x


def write(name, x):
    x = x / np.max(np.abs(x)) * 0.7
    pcm = np.round(x * 32767).astype("<i2")
    os.makedirs(OUT, exist_ok=True)
    with wave.open(os.path.join(OUT, name + ".wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())


def truck():
    x = 0.1 * brown(SECONDS)
    put(x, 0.0, engine(6.0, 35, 40) * 0.5)
    time = t(1.3)
    blast = sum(np.sign(np.sin(2 * np.pi * f * time)) * 0.5 + np.sin(4 * np.pi * f * time) * 0.3
                for f in (277.0, 349.0, 415.0))
    put(x, 0.9, lowpass(blast, 2500) * envelope(len(time), 0.05, 0.1) * 0.5)
    put(x, 3.7, lowpass(blast[: int(0.35 * RATE)], 2500) * envelope(int(0.35 * RATE), 0.03, 0.05) * 0.5)
    return x


def bicycle_bell():
    time = t(0.6)
    ring = sum(np.sin(2 * np.pi * f * time) * a for f, a in ((2090.0, 1.0), (3310.0, 0.6), (1230.0, 0.4)))
    return ring * np.exp(-time / 0.15) * (1 + 0.3 * np.sin(2 * np.pi * 18 * time)) * 0.4


def bells():
    x = 0.02 * bandpass_noise(SECONDS, 200, 3000)
    put(x, 0.4, bicycle_bell())
    put(x, 0.62, bicycle_bell())
    time = t(1.5)
    door = sum(np.sin(2 * np.pi * f * time) * a for f, a in ((660.0, 1.0), (1750.0, 0.3), (2480.0, 0.2)))
    put(x, 1.6, door * np.exp(-time / 0.5) * 0.5)
    for k in range(6):  # two tones in turn, a ringtone's beeps
        tone = np.sin(2 * np.pi * (1000.0 if k % 2 == 0 else 1330.0) * t(0.18)) * envelope(int(0.18 * RATE))
        put(x, 3.6 + 0.2 * k, tone * 0.4)
    return x


def whistle():
    x = 0.03 * brown(SECONDS)
    for at, seconds in ((0.6, 0.5), (1.5, 0.3), (3.2, 1.1)):
        time = t(seconds)
        trill = 1 + 0.5 * (np.sin(2 * np.pi * 28 * time) > 0)
        pitch = 2750 + 60 * np.sin(2 * np.pi * 28 * time)
        tone = np.sin(2 * np.pi * np.cumsum(pitch) / RATE) * trill + 0.2 * bandpass_noise(seconds, 2000, 3800)
        put(x, at, tone * envelope(len(time), 0.02, 0.05) * 0.4)
    return x


def street():
    x = 0.12 * brown(SECONDS)
    time = t(SECONDS)
    pulses = (np.sin(2 * np.pi * 32 * time) > 0.6).astype(float)  # a two-stroke engine's firing
    put(x, 0.0, lowpass(pulses * bandpass_noise(SECONDS, 80, 1200), 900) * 0.5)
    put(x, 1.2, scooter_horn(0.25, 650.0))
    put(x, 1.55, scooter_horn(0.25, 650.0))
    put(x, 3.3, car_horn(0.6, 350.0, 440.0))
    put(x, 4.9, car_horn(0.2, 350.0, 440.0))
    return x


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["sealed"]:
        OUT = OUT.replace("transients", "transients-sealed")
        rng = np.random.default_rng(61202026)
        beds = (("truck", truck), ("bells", bells), ("whistle", whistle), ("street", street))
    else:
        beds = (("horns", horns), ("knocks", knocks), ("traffic", traffic), ("kitchen", kitchen))
    for name, make in beds:
        write(name, make())
        print("wrote", os.path.join(OUT, name + ".wav"))
