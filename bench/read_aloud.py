"""Read-aloud: how long espeak-ng takes to speak a question the first time, how long the cached file takes,
and how large the files are. Prints figures; asserts nothing.

    .venv/bin/python bench/read_aloud.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
os.environ.setdefault("KOERS_DATA_DIR", tempfile.mkdtemp(prefix="koers-bench-speech-"))

import django

django.setup()

from koers.common import speech  # noqa: E402

QUESTIONS = [
    "Wat ging goed?",
    "Wat ontdekte je over jezelf?",
    "Wat deed je, en wat was jouw rol?",
    "Waar wil je het over hebben in het gesprek met je mentor?",
    "Welke taak paste goed bij jou, en waaraan merkte je dat?",
    "Zou je dit werk later willen doen? Waarom wel of waarom niet?",
]


def main() -> None:
    if not speech.available():
        sys.exit("espeak-ng is not installed; nothing to measure")
    first, cached, sizes = [], [], []
    for question in QUESTIONS:
        start = time.perf_counter()
        path = speech.speech_file(question, "nl")
        first.append(time.perf_counter() - start)
        sizes.append(path.stat().st_size)
        start = time.perf_counter()
        speech.speech_file(question, "nl")
        cached.append(time.perf_counter() - start)
    print(f"{len(QUESTIONS)} questions, {min(map(len, QUESTIONS))}-{max(map(len, QUESTIONS))} characters")
    ms = [t * 1000 for t in first]
    print(f"first time (espeak-ng): median {statistics.median(ms):.1f} ms, max {max(ms):.1f} ms")
    print(f"from the cache:         median {statistics.median(cached) * 1e6:.0f} µs")
    kib = [size / 1024 for size in sizes]
    print(f"WAV size:               median {statistics.median(kib):.0f} KiB, max {max(kib):.0f} KiB")


if __name__ == "__main__":
    main()
