#!/usr/bin/env python3
"""Would knowing the caller's voice help the detector? An offline look (docs/turn-taking.md step 41), not a rule.

A personal VAD hears one enrolled voice. Before building one, this asks the cheapest form of it of the data the probe
already has: enrol each caller on Silero's memory (the 256 state values) over their other sentences' first 384 ms in
the same room and SNR, learn the room from its own windows, and score a window by how far it lies towards the caller
from the room (a diagonal discriminant, z-scored on the room's windows). Two uses are measured:

  - as a second way to stand out (like the room-voice probe): a window 2-3x above a talking room's bed counts when
    z > T; interruptions with a window standing out within 224 ms, and the room's own 2-3x windows a minute that pass;
  - as a veto on the 3x rule: a window 3x above the bed counts only when z > T; the room's 3x windows a minute that
    still count (people talking near the phone stand out 3x in their pauses' bed), and the callers still heard.

It also counts the evaluation's answer-and-interruption calls whose two sentences are one voice: a rule enrolled on
the answer can only be judged on those.

    ./mvnw -q -Pturn-taking verify -Dturn-taking.args="--state-dump=target/model-state.bin"   # needs the unlooped rooms
    python3 scripts/turn-taking-enrolment-probe.py target/model-state.bin

Needs numpy. Voices from src/test/resources/turn-taking/speakers.tsv.
"""
import importlib.util
import os
import sys

import numpy as np

CLIPS = "src/test/resources/turn-taking"
CALLS_PER_HALF = 30  # TurnTakingEvaluation: 5 noises x 3 SNRs x 2 calls, answer n then interruption n + 3

trainer = importlib.util.spec_from_file_location("trainer", os.path.join(os.path.dirname(__file__),
                                                                         "train-room-voice-probe.py"))
probe_script = importlib.util.module_from_spec(trainer)
trainer.loader.exec_module(probe_script)


def speakers():
    return dict(line.split() for line in open(f"{CLIPS}/speakers.tsv") if not line.startswith("#"))


def same_voice_calls(voice_of):
    for half in ("tune", "heldout", "blind", "fresh", "recorded"):
        clips = sorted(name for name in voice_of if name.startswith(half + "-"))
        same = sum(voice_of[clips[n % len(clips)]] == voice_of[clips[(n + 3) % len(clips)]]
                   for n in range(CALLS_PER_HALF))
        print(f"{half}: {same} of {CALLS_PER_HALF} answer-and-interruption calls have one voice")


def interruptions(d, names, voice_of, bundled):
    """Per room and SNR, each interruption's first windows with their enrolled z, and the room's windows' z."""
    state, level, what, group, place = d["state"], d["level"], d["what"], d["group"], d["place"]
    probe = bundled(d)
    for g in np.unique(group):
        room = (what == 0) & (group == g)
        room_mean, room_var = state[room].mean(0), state[room].var(0) + 1e-4
        minutes = room.sum() * 0.032 / 60
        events = []
        for s, name in enumerate(names):
            enrolled = [i + 1 for i, other in enumerate(names) if other != name
                        and other.split("-")[0] == name.split("-")[0] and voice_of[other] == voice_of[name]]
            enrol = np.isin(what, enrolled) & (group == g) & (level >= 1.5)
            if enrol.sum() < 10:
                continue
            direction = (state[enrol].mean(0) - room_mean) / room_var
            room_scores = state[room] @ direction
            centre, spread = room_scores.mean(), room_scores.std() + 1e-9
            z_room = (room_scores - centre) / spread
            mine = (what == s + 1) & (group == g)
            z_mine = (state[mine] @ direction - centre) / spread
            run = np.cumsum(place[mine] == 0)
            for r in np.unique(run):
                first = (run == r) & (place[mine] < probe_script.FIRST_WINDOWS)
                events.append(dict(recorded=name.startswith("recorded"), level=level[mine][first],
                                   z=z_mine[first], probe=probe[mine][first], room_level=level[room], z_room=z_room,
                                   probe_room=probe[room], minutes=minutes))
        yield g, events


def standing_out(e, threshold, use):
    between = (e["level"] >= 2) & (e["level"] < 3)
    loud = e["level"] >= 3
    room_between = (e["room_level"] >= 2) & (e["room_level"] < 3)
    room_loud = e["room_level"] >= 3
    if use == "3x":
        return loud.any(), room_loud.sum()
    if use == "probe":
        return (loud | (between & (e["probe"] > threshold))).any(), (room_between & (e["probe_room"] > threshold)).sum()
    if use == "enrolled":
        return (loud | (between & (e["z"] > threshold))).any(), (room_between & (e["z_room"] > threshold)).sum()
    # veto: 3x and z above the threshold
    return (loud & (e["z"] > threshold)).any(), (room_loud & (e["z_room"] > threshold)).sum()


def report(d, names, voice_of):
    surely, bundled = probe_script.bundled()
    rules = [("3x only", "3x", 0), (f"3x, or 2x and the probe > {surely:g}", "probe", surely),
             ("3x, or 2x and enrolled z > 3", "enrolled", 3), ("3x, or 2x and enrolled z > 4", "enrolled", 4),
             ("3x and enrolled z > 1 (veto)", "veto", 1), ("3x and enrolled z > 2 (veto)", "veto", 2)]
    print("\nCallers heard within 224 ms (espeak-ng halves | recorded voices) / the room alone: its windows that "
          "count, a minute (2-3x ones for a second way, 3x ones for a veto; 3x only: all its 3x windows)")
    print("| room | SNR | " + " | ".join(label for label, _, _ in rules) + " |")
    print("|---|---|" + "---|" * len(rules))
    for g, events in interruptions(d, names, voice_of, bundled):
        cells = []
        for label, use, threshold in rules:
            heard = {kind: [standing_out(e, threshold, use)[0] for e in events if e["recorded"] == kind]
                     for kind in (False, True)}
            room_rate = np.mean([standing_out(e, threshold, use)[1] / e["minutes"] for e in events])
            cells.append(f"{np.mean(heard[False]):.2f} \\| {np.mean(heard[True]) if heard[True] else float('nan'):.2f}"
                         f" / {room_rate:.1f}")
        room = probe_script.EVALUATION_ROOMS[g // len(probe_script.SNRS)]
        print(f"| {room} | {probe_script.SNRS[g % len(probe_script.SNRS)]} dB | " + " | ".join(cells) + " |")


def main():
    voice_of = speakers()
    same_voice_calls(voice_of)
    d = probe_script.load(sys.argv[1])
    names = sorted(name for name in os.listdir(f"{CLIPS}/speech") if name.endswith(".wav"))
    if d["what"].max() != len(names):
        raise SystemExit(f"{sys.argv[1]} holds {int(d['what'].max())} sentences, speech/ {len(names)}: dump it anew")
    report(d, names, voice_of)


if __name__ == "__main__":
    main()
