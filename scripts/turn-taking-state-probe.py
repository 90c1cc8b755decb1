#!/usr/bin/env python3
"""The offline probe of docs/turn-taking.md step 32: does Silero's memory tell a caller's first words from a room of
voices better than level does? Learns a logistic regression over the 256 state values the model carries from window
to window, the window's level against the line's bed (log) and its speech probability, then prints the tables of
step 32. Needs numpy (Debian: python3-numpy).

    python3 scripts/make-unlooped-rooms.py
    ./mvnw -q -Pturn-taking verify -Dturn-taking.args="--state-dump=target/model-state.bin"
    python3 scripts/turn-taking-state-probe.py target/model-state.bin

Step 33 wrote the detector's probe from this regression; since step 37 scripts/train-room-voice-probe.py trains it on
a set of its own instead, so this script only reproduces steps 32-33's tables.

Trained on the tuning half's sentences over the evaluation's babble, the crowd of seven and the unlooped four-voice
room, each interruption 2 s after an answer as in a call (step 33; step 32 had no answer before it); judged on the
other halves' sentences and on rooms it never saw (crowd of four, the unlooped five- and seven-voice rooms, the check
rooms' conversation). Rows: see dev.vaani.audio.ModelStateDump.
"""
import os
import sys

import numpy as np

import room_voice_regression

ROOMS = ["babble", "crowd of 4", "crowd of 7", "4 voices", "5 voices", "7 voices", "conversation"]
SNRS = [5, 10, 20]
TRAINING_ROOMS = {"babble", "crowd of 7", "4 voices"}
FIRST_WINDOWS = 7  # 224 ms


def load(path):
    rows = np.fromfile(path, dtype=">f4").reshape(-1, 261).astype(np.float64)
    what, group, place, level, probability = (rows[:, i] for i in range(5))
    return what.astype(int), group.astype(int), place, level, probability, rows[:, 5:]


def main():
    what, group, place, level, probability, state = load(sys.argv[1])
    speech = sorted(os.listdir("src/test/resources/turn-taking/speech"))
    tuning_sentence = np.array([False] + [name.startswith("tune-") for name in speech])[what]
    room_of = np.array([ROOMS[g // len(SNRS)] for g in range(len(ROOMS) * len(SNRS))])[group]
    snr_of = np.array([SNRS[g % len(SNRS)] for g in range(len(ROOMS) * len(SNRS))])[group]
    alone = what == 0
    caller = (what > 0) & (place >= 0)
    training = np.isin(room_of, list(TRAINING_ROOMS))

    def model(with_state):
        def features(mask):
            basic = np.c_[np.log(np.maximum(level[mask], 1e-3)), probability[mask]]
            return np.c_[state[mask], basic] if with_state else basic
        positive = caller & (place < FIRST_WINDOWS) & tuning_sentence & training & (level >= 1.5)
        negative = alone & training & (level >= 1.5)
        bias, weights = room_voice_regression.fit(features(positive), features(negative))
        score = lambda mask: features(mask) @ weights + bias
        return score

    def heard_in_time(room, snr, rule, windows=FIRST_WINDOWS):
        """Share of the non-tuning sentences' interruptions with a window meeting the rule in their first windows."""
        mask = caller & (room_of == room) & (snr_of == snr) & (place < windows) & ~tuning_sentence
        ok, starts = rule(mask), place[mask] == 0
        run = np.cumsum(starts)
        return np.mean([ok[run == r].any() for r in np.unique(run)])

    def room_windows(room, snr, rule):
        """Windows of the room alone meeting the rule, a minute."""
        mask = alone & (room_of == room) & (snr_of == snr)
        return rule(mask).sum() / (mask.sum() * 0.032 / 60)

    rooms = ["babble", "crowd of 7", "crowd of 4", "5 voices", "7 voices"]
    print("Second way to stand out, 5 dB: callers with a window meeting the rule within 224 ms; room alone, windows a minute")
    print("| rule | " + " | ".join(rooms) + " | room alone (crowd of 4 / 5 voices / 7 voices) |")
    print("|---" * (len(rooms) + 2) + "|")
    for with_state, label in ((True, ""), (False, " (level and probability only)")):
        score = model(with_state)
        for threshold in ((None, 6, 4, 2) if with_state else (4, 2)):
            if threshold is None:
                rule, name = (lambda m: level[m] >= 3), "3× (today)"
            else:
                rule = lambda m, t=threshold: (level[m] >= 3) | ((level[m] >= 2) & (score(m) > t))
                name = f"or 2× and score > {threshold}{label}"
            print(f"| {name} | " + " | ".join(f"{heard_in_time(r, 5, rule):.2f}" for r in rooms) + " | "
                  + " / ".join(f"{room_windows(r, 5, rule):.2f}" for r in ("crowd of 4", "5 voices", "7 voices")) + " |")

    score = model(True)
    print("\nAs a veto on 3×: a window stands out only when its score is also above the threshold")
    print("| veto | conversation 5 dB: callers in 224 / 384 ms, room windows a minute | 10 dB: same | 20 dB: same "
          "| other rooms at 5 dB changed |")
    print("|---|---|---|---|---|")
    for veto in (None, -6, -4, -2):
        rule = (lambda m: level[m] >= 3) if veto is None else (lambda m, v=veto: (level[m] >= 3) & (score(m) > v))
        cells = []
        for snr in SNRS:
            cells.append(f"{heard_in_time('conversation', snr, rule):.2f} / "
                         f"{heard_in_time('conversation', snr, rule, 12):.2f}, "
                         f"{room_windows('conversation', snr, rule):.1f}")
        today = lambda m: level[m] >= 3
        changed = [r for r in ROOMS[:-1] if abs(heard_in_time(r, 5, rule) - heard_in_time(r, 5, today)) > 1e-9
                   or abs(room_windows(r, 5, rule) - room_windows(r, 5, today)) > 1e-9]
        print(f"| {'none (today)' if veto is None else veto} | {' | '.join(cells)} | {', '.join(changed) or 'none'} |")


if __name__ == "__main__":
    main()
