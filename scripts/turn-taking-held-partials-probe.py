#!/usr/bin/env python3
"""Step 43 (docs/turn-taking.md), measured offline, not built: is a window a held tone (a horn, a whistle, mains hum)
rather than a voice? A window's partials are its spectral peaks from 250 to 3500 Hz within 25 dB of its loudest (at
most six; 32 ms windows at 8 kHz, zero-padded to 4096 points); a window "holds its partials" when every one lies
within 0.6 % of a partial of the window before. Printed: among windows within 12 dB of a clip's loudest, how many
held their partials for three steps in a row, for every speech and backchannel clip of the evaluation and for each
bed (noises, check rooms, sudden sounds).

  python3 scripts/turn-taking-held-partials-probe.py
"""
import glob
import wave

import numpy as np

N, PAD, RATE = 256, 4096, 8000
WINDOW = np.hanning(N)
FREQS = np.fft.rfftfreq(PAD, 1 / RATE)
BAND = (FREQS > 250) & (FREQS < 3500)
ROOT = "src/test/resources/turn-taking/"


def read(path):
    with wave.open(path) as w:
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(float)


def partials(frame, most=6, within_db=25):
    level = 20 * np.log10(np.abs(np.fft.rfft(frame * WINDOW, PAD)) + 1e-6)
    level[~BAND] = -200
    peaks = np.where((level[1:-1] > level[:-2]) & (level[1:-1] >= level[2:]))[0] + 1
    peaks = peaks[np.argsort(level[peaks])[::-1]]
    if len(peaks) == 0:
        return np.array([])
    return FREQS[[p for p in peaks if level[p] > level[peaks[0]] - within_db][:most]]


def held_for_three_steps(samples, tolerance=0.006):
    n = len(samples) // N
    frames = samples[: n * N].reshape(n, N)
    rms = np.sqrt(np.mean(frames ** 2, axis=1))
    found = [partials(f) for f in frames]
    held = np.zeros(n, dtype=bool)
    for i in range(1, n):
        before, now = found[i - 1], found[i]
        held[i] = len(now) > 0 and len(before) > 0 and all(np.min(np.abs(before - p)) / p < tolerance for p in now)
    run = np.zeros(n, dtype=bool)
    run[3:] = held[1:-2] & held[2:-1] & held[3:]
    loud = rms > 0.25 * rms.max()
    return int((run & loud).sum()), int(loud.sum())


if __name__ == "__main__":
    total_held = total_loud = clips_held = 0
    clips = sorted(glob.glob(ROOT + "speech/*.wav") + glob.glob(ROOT + "backchannel/*.wav"))
    for clip in clips:
        held, loud = held_for_three_steps(read(clip))
        total_held, total_loud, clips_held = total_held + held, total_loud + loud, clips_held + (held > 0)
    print(f"speech and backchannels: {total_held} of {total_loud} loud windows held,"
          f" in {clips_held} of {len(clips)} clips")
    for folder in ("noise", "check", "transients"):
        for bed in sorted(glob.glob(ROOT + folder + "/*.wav")):
            held, loud = held_for_three_steps(read(bed))
            print(f"{folder}/{bed.split('/')[-1]}: {held} of {loud} loud windows held")
