#!/usr/bin/env python3
"""Trains the room-voice probe the detector uses (src/main/resources/vad/room-voice-probe.txt; docs/turn-taking.md
step 37) on a training set apart from every evaluation half and room, chooses how sure it must be on that set alone,
and prints how it does on the evaluation's sentences and rooms beside the probe it replaces. Needs numpy.

    python3 scripts/make-probe-training.py
    python3 scripts/make-unlooped-rooms.py
    ./mvnw -q -Pturn-taking verify -Dturn-taking.args="--state-dump=target/probe-train.bin --training-set=target/probe-training"
    ./mvnw -q -Pturn-taking verify -Dturn-taking.args="--state-dump=target/model-state.bin"
    python3 scripts/train-room-voice-probe.py target/probe-train.bin target/model-state.bin \\
        [--write-weights=src/main/resources/vad/room-voice-probe.txt --threshold=2.5] [--compare-mlp=16,3e-3,linear]

The probe: a logistic regression over the 256 values Silero carries from window to window, the window's level
against the line's bed (log) and its speech probability. Positives: the training callers' first 224 ms (windows at
1.5x the bed or more), each 2 s after an answer as in a call; negatives: the training rooms alone (the same level).
How sure (a window 2x above a talking room's bed stands out when its score is above it): this script prints the
lowest score at which the training rooms alone, 5 dB below the callers, have at most one window a minute 2-3x above
their bed that the probe takes for a caller — a first guess only. The bundled threshold is chosen on the training
rooms through the detector itself: the lowest, in steps of 0.5, at which the detector sweep of the tuning half over
them leans to speech in no reply while the caller is silent (write each candidate with --threshold, then
./mvnw -q -Pturn-taking verify -Dturn-taking.args="--sweep --beds=training --halves=tune"; step 37: 1.5 and 2 leaned,
2.5 did not). Rows: see dev.vaani.audio.ModelStateDump.

--compare-mlp=HIDDEN,DECAY[,linear] (step 41) prints instead the regression beside a one-hidden-layer network over the
same features, each at the thresholds that let the training rooms alone pass 1, 0.3 and 0.1 windows a minute at 5 dB;
with ",linear" the level and the probability skip the hidden layer and add to the score linearly (the form the
detector could compute with the state's part apart, as it does the regression's).
"""
import os
import sys

import numpy as np

import room_voice_regression

SNRS = [5, 10, 20]
EVALUATION_ROOMS = ["babble", "crowd of 4", "crowd of 7", "4 voices", "5 voices", "7 voices", "conversation"]
FIRST_WINDOWS = 7  # 224 ms
ROOM_WINDOWS_A_MINUTE = 1.0


def load(path):
    rows = np.fromfile(path, dtype=">f4").reshape(-1, 261).astype(np.float64)
    what, group, place, level, probability = (rows[:, i] for i in range(5))
    return dict(what=what.astype(int), group=group.astype(int), place=place, level=level,
                probability=probability, state=rows[:, 5:], snr=np.array(SNRS)[group.astype(int) % len(SNRS)])


def features(d, mask):
    return np.c_[d["state"][mask], np.log(np.maximum(d["level"][mask], 1e-3)), d["probability"][mask]]


def training_windows(d):
    """A caller's first 224 ms and the rooms alone, at 1.5x the bed or more: the probe's positives and negatives."""
    alone, caller = d["what"] == 0, (d["what"] > 0) & (d["place"] >= 0)
    positive = caller & (d["place"] < FIRST_WINDOWS) & (d["level"] >= 1.5)
    negative = alone & (d["level"] >= 1.5)
    return features(d, positive), features(d, negative)


def train(d):
    positives, negatives = training_windows(d)
    bias, weights = room_voice_regression.fit(positives, negatives)
    print(f"trained on {len(positives)} caller windows and {len(negatives)} room windows")
    return bias, weights


def scorer(bias, weights):
    return lambda d, mask=slice(None): bias + features(d, mask) @ weights


def bundled():
    values = [float(line) for line in open("src/main/resources/vad/room-voice-probe.txt")
              if line.strip() and not line.startswith("#")]
    threshold, (bias, level, probability), state = values[0], values[1:4], np.array(values[4:])
    return threshold, scorer(bias, np.r_[state, level, probability])


def room_windows_a_minute(d, score, threshold, snr):
    """Windows of the rooms alone, 2-3x above the bed, that the probe takes for a caller, a minute."""
    alone = (d["what"] == 0) & (d["snr"] == snr)
    between = alone & (d["level"] >= 2) & (d["level"] < 3)
    return (score(d, between) > threshold).sum() / (alone.sum() * 0.032 / 60)


def how_sure(d, score, a_minute=ROOM_WINDOWS_A_MINUTE):
    """The lowest score, in steps of 0.1, at which the rooms alone have at most a_minute windows 2-3x above their bed
    that the probe takes for a caller, at 5 dB."""
    for threshold in np.arange(-15, 30.01, 0.1):
        if room_windows_a_minute(d, score, threshold, 5) <= a_minute:
            return round(float(threshold), 1)
    raise SystemExit("no threshold keeps the training rooms quiet enough")


def judge(d, rules):
    speech = sorted(os.listdir("src/test/resources/turn-taking/speech"))
    tuning = np.array([False] + [name.startswith("tune-") for name in speech])[d["what"]]
    room = np.array(EVALUATION_ROOMS)[d["group"] // len(SNRS)]
    alone, caller = d["what"] == 0, (d["what"] > 0) & (d["place"] >= 0)
    rooms = EVALUATION_ROOMS[:-1]

    def in_time(ok, name, snr):  # the other halves' interruptions with a window standing out in their first 224 ms
        mask = caller & (room == name) & (d["snr"] == snr) & (d["place"] < FIRST_WINDOWS) & ~tuning
        run = np.cumsum(d["place"][mask] == 0)
        return np.mean([ok[mask][run == r].any() for r in np.unique(run)])

    def a_minute(ok, name, snr):
        mask = alone & (room == name) & (d["snr"] == snr)
        return ok[mask].sum() / (mask.sum() * 0.032 / 60)

    for snr in (5, 10):
        print(f"\n{snr} dB. Interruptions (the other halves' sentences) with a window standing out within 224 ms | "
              "the room alone: windows standing out a minute")
        print("| rule | " + " | ".join(rooms) + " | " + " / ".join(rooms) + " |")
        print("|---" * (len(rooms) + 2) + "|")
        for name, ok in rules.items():
            print(f"| {name} | " + " | ".join(f"{in_time(ok, r, snr):.2f}" for r in rooms) + " | "
                  + " / ".join(f"{a_minute(ok, r, snr):.1f}" for r in rooms) + " |")


def write_weights(path, threshold, bias, weights):
    with open(path, "w") as out:
        out.write("# Room-voice probe over Silero VAD v5's state (docs/turn-taking.md steps 32, 33, 37): a caller's\n"
                  "# first words against a room of voices, trained on a set apart from the evaluation. Made by\n"
                  "# (about 8 minutes; espeak-ng, sox, numpy; the commands and how the threshold was chosen are in\n"
                  "# scripts/train-room-voice-probe.py):\n"
                  "#   python3 scripts/make-probe-training.py\n"
                  "#   ./mvnw -q -Pturn-taking verify -Dturn-taking.args=\"--state-dump=target/probe-train.bin "
                  "--training-set=target/probe-training\"\n"
                  "#   python3 scripts/make-unlooped-rooms.py   # the evaluation's dump, for the comparison printed\n"
                  "#   ./mvnw -q -Pturn-taking verify -Dturn-taking.args=\"--state-dump=target/model-state.bin\"\n"
                  "#   python3 scripts/train-room-voice-probe.py target/probe-train.bin target/model-state.bin \\\n"
                  f"#     --write-weights=src/main/resources/vad/room-voice-probe.txt --threshold={threshold:g}\n"
                  "# score = bias + level * ln(window RMS / the line's bed) + probability * p + state . the 256 values\n"
                  "# Lines: the score above which a window 2x the bed of a talking room counts as a caller (chosen\n"
                  "# on the training rooms), bias, level, probability, then the 256 state weights ([2, 1, 128]).\n")
        for value in [threshold, bias, weights[256], weights[257], *weights[:256]]:
            out.write(f"{value:.9g}\n")
    print(f"weights written to {path}")


def compare_mlp(training, evaluation, hidden, decay, linear_tail=0):
    positives, negatives = training_windows(training)
    regression = scorer(*room_voice_regression.fit(positives, negatives))
    network = room_voice_regression.fit_mlp(positives, negatives, hidden, decay, linear_tail=linear_tail)
    level = evaluation["level"]
    rules = {"3× only": level >= 3}
    for a_minute in (1.0, 0.3, 0.1):
        for name, score in (("regression", regression),
                            (f"network of {hidden}", lambda d, mask=slice(None): network(features(d, mask)))):
            threshold = how_sure(training, score, a_minute)
            rules[f"{name}, training rooms {a_minute:g}/min (score > {threshold:.1f})"] = \
                (level >= 3) | ((level >= 2) & (score(evaluation) > threshold))
    judge(evaluation, rules)


def main():
    training, evaluation = load(sys.argv[1]), load(sys.argv[2])
    mlp = next((a.split("=", 1)[1] for a in sys.argv[3:] if a.startswith("--compare-mlp=")), None)
    if mlp:
        hidden, decay, *linear = mlp.split(",")
        compare_mlp(training, evaluation, int(hidden), float(decay), 2 if linear == ["linear"] else 0)
        return
    weights_file = next((a.split("=", 1)[1] for a in sys.argv[3:] if a.startswith("--write-weights=")), None)
    chosen = next((float(a.split("=", 1)[1]) for a in sys.argv[3:] if a.startswith("--threshold=")), None)
    old_threshold, old = bundled()
    bias, weights = train(training)
    new = scorer(bias, weights)
    threshold = how_sure(training, new)
    print(f"how sure, a first guess on the training rooms alone: score above {threshold} "
          f"({room_windows_a_minute(training, new, threshold, 5):.2f} room windows a minute at 5 dB, "
          f"{room_windows_a_minute(training, new, threshold, 10):.2f} at 10 dB; the bundled probe "
          f"{room_windows_a_minute(training, old, old_threshold, 5):.2f} and "
          f"{room_windows_a_minute(training, old, old_threshold, 10):.2f})")
    threshold = chosen if chosen is not None else threshold
    level = evaluation["level"]
    judge(evaluation, {"3× only": level >= 3,
                       f"bundled, 2× and score > {old_threshold:g}": (level >= 3) | ((level >= 2) & (old(evaluation) > old_threshold)),
                       f"trained here, 2× and score > {threshold:g}": (level >= 3) | ((level >= 2) & (new(evaluation) > threshold))})
    if weights_file:
        if chosen is None:
            raise SystemExit("--write-weights needs --threshold=, chosen with the detector sweep over the training rooms")
        write_weights(weights_file, threshold, bias, weights)


if __name__ == "__main__":
    main()
