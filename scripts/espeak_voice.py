"""Whether espeak-ng on this machine speaks a voice as written. espeak-ng falls back without a word: a language it
lacks ("en-in" in 1.51) is read as its default English, and a variant after "en-gb" or "en-in" ("en-gb+f3") is dropped,
so two voices a clip script names differently can be one voice (docs/turn-taking.md, "The voices, as spoken").

    python3 scripts/espeak_voice.py VOICE...     # exits 1 naming each voice not spoken as written
"""
import functools
import hashlib
import subprocess
import sys

PHRASE = "the water tank on the roof has been leaking for a week"


@functools.cache
def _sound(voice):
    run = subprocess.run(["espeak-ng", "-v", voice, "--stdout", PHRASE], capture_output=True, check=False)
    return hashlib.sha256(run.stdout).hexdigest() if run.returncode == 0 and run.stdout else None


@functools.cache
def _has_language(language):
    listing = subprocess.run(["espeak-ng", f"--voices={language}"], capture_output=True, text=True, check=True).stdout
    return any(line.split()[1] == language for line in listing.splitlines()[1:] if len(line.split()) > 1)


def problems(voices):
    """The voices espeak-ng would not speak as written, each with why."""
    found = []
    for voice in dict.fromkeys(voices):
        language, _, variant = voice.partition("+")
        if not _has_language(language):
            found.append(f"{voice}: espeak-ng has no language '{language}' (it would speak its default English)")
        elif variant and _sound(voice) == _sound(language):
            found.append(f"{voice}: espeak-ng drops the variant '{variant}' after '{language}'")
    return found


def require(voices):
    """Stops a clip script before it makes a clip in a voice other than the one it names."""
    found = problems(voices)
    if found:
        sys.exit("voices espeak-ng would not speak as written:\n  " + "\n  ".join(found))


if __name__ == "__main__":
    require(sys.argv[1:])
