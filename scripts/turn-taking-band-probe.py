#!/usr/bin/env python3
"""Step 45 (docs/turn-taking.md), measured offline, not built: can a caller stand out from a talking room sooner in
frequency bands than in overall level? For each window (32 ms at 8 kHz), its level against the room's bed (the
quantile of the last 4 s given below, as SpeechHysteresis computes it), and per band (12 log-spaced bands, 150-3800
Hz) its energy against that band's bed: the largest and the third largest band ratio. Printed: each statistic's
largest value over a minute of each room alone (a rule must stay above it, or the room starts speech), then how long
after a caller's first spoken sample it first reaches a bar just above every room's largest value, for the given
half's sentences (11 onsets each, 5.0-10.8 s into the room), 5 dB below the caller.

  python3 scripts/turn-taking-band-probe.py tune
"""
import glob
import sys
import wave

import numpy as np

N, RATE, BED_WINDOWS = 256, 8000, 125
ROOT = "src/test/resources/turn-taking/"
ROOMS = ["noise/babble.wav", "check/crowd4.wav", "check/crowd7.wav", "check/crowd-recorded.wav"]
HANN = np.hanning(N)
FREQS = np.fft.rfftfreq(N, 1 / RATE)
EDGES = np.geomspace(150, 3800, 13)
BANDS = [(FREQS >= lo) & (FREQS < hi) for lo, hi in zip(EDGES[:-1], EDGES[1:])]
SPEECH_DBFS = -19.9


def read(path):
    with wave.open(path) as w:
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(float)


def active_rms(x):
    rms = np.sqrt((x[: len(x) // N * N].reshape(-1, N) ** 2).mean(1))
    return np.sqrt((rms[rms > rms.max() * 0.1] ** 2).mean())


def room(path, seconds, snr_db):
    x = read(path)
    x = x / np.sqrt((x ** 2).mean()) * 10 ** ((SPEECH_DBFS - snr_db) / 20) * 32768
    return np.tile(x, int(np.ceil(seconds * RATE / len(x))))[: seconds * RATE]


def stand_out(x, quantile):
    """Per window: level / bed, largest band ratio, third largest band ratio (0 while the bed is learnt)."""
    n = len(x) // N
    frames = x[: n * N].reshape(n, N)
    rms = np.sqrt((frames ** 2).mean(1))
    spectrum = np.abs(np.fft.rfft(frames * HANN, axis=1)) ** 2
    bands = np.stack([spectrum[:, b].sum(1) for b in BANDS], 1) + 1e-3
    out = np.zeros((3, n))
    for t in range(BED_WINDOWS, n):
        out[0, t] = rms[t] / np.percentile(rms[t - BED_WINDOWS:t], quantile)
        ratios = np.sort(np.sqrt(bands[t] / np.percentile(bands[t - BED_WINDOWS:t], quantile, axis=0)))[::-1]
        out[1, t], out[2, t] = ratios[0], ratios[2]
    return out


def main(half, snr_db=5.0):
    names = ("level", "largest band", "third band")
    for quantile in (30, 70):
        largest = np.zeros(3)
        for path in ROOMS:
            alone = stand_out(room(ROOT + path, 60, snr_db), quantile)[:, BED_WINDOWS:].max(1)
            largest = np.maximum(largest, alone)
            print(f"bed at quantile {quantile}, {path} alone: " + ", ".join(
                f"{name} {value:.2f}" for name, value in zip(names, alone)))
        bars = largest * 1.02
        for path in ROOMS[:2]:
            bed = room(ROOT + path, 60, snr_db)
            late = [[] for _ in names]
            for clip in sorted(glob.glob(ROOT + f"speech/{half}-0[1-8].wav")):
                speech = read(clip)
                speech = speech / active_rms(speech) * 10 ** (SPEECH_DBFS / 20) * 32768
                first_spoken = int(np.argmax(np.abs(speech) > 100))
                for start_s in np.arange(5.0, 10.9, 0.53):
                    start = int(start_s * RATE) // N * N + 37
                    mix = bed[: start + len(speech)].copy()
                    mix[start:] += speech
                    ratios = stand_out(mix, quantile)
                    onset = start + first_spoken
                    for i in range(3):
                        hit = np.nonzero(ratios[i, onset // N:] >= bars[i])[0]
                        late[i].append(((onset // N + hit[0] + 1) * N - onset) / RATE * 1000 if len(hit) else 1e9)
            print(f"  {half} over {path} at {snr_db:g} dB: " + "; ".join(
                f"{name} (bar {bar:.2f}) p50 {np.percentile(ms, 50):.0f} ms, over 200 ms {(np.array(ms) > 200).sum()}"
                f" of {len(ms)}" for name, bar, ms in zip(names, bars, late)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tune")
