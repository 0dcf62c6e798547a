"""How long the programme, briefing note and report take with huge texts (a benchmark).

    uv run python benchmarks/bench_huge_text.py [--sizes 1000,10000,100000,max]
        [--scripts latin,urdu,arabic]

Each text is one paragraph with no blank line (the worst case for line breaking): the chair's
biography and the concept note in the programme, the concept note and background in the
briefing note, the summary and discussion in the report, each of the given length capped at
that field's maximum (planner.model.limits). ``max`` is each field's own maximum. Best of
``--repeat`` runs, in process, after a warm-up render. One table per script: Latin, Urdu
(Nastaliq, shaped by HarfBuzz, right to left) and Arabic (Naskh) by default; ``chinese`` too.
Times are CPU seconds of this process (on a shared machine, wall time also counts the others).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the hand-built sample sheets

import sheet_samples  # noqa: E402
from planner.documents import render  # noqa: E402
from planner.model import limits  # noqa: E402
from planner.policy.sheet import Audience, Sheet  # noqa: E402

SAMPLES = {
    "latin": "",
    "urdu": "ڈاکٹر عائشہ صدیقہ نے کہا کہ خطے کی سلامتی بدل رہی ہے۔",
    "arabic": "قال الدكتور عبد الله إن أمن الخليج يتغير بسرعة.",
    "chinese": "王教授认为海湾地区的安全形势正在迅速变化。",
}


def text_of(length: int, script: str) -> str:
    """One paragraph of ``length`` characters of plausible prose in ``script``."""
    sample = SAMPLES[script]
    if not sample:
        words = max(1, length // 6)
        sample = sheet_samples.prose(words)
    repeated = (sample + " ") * (length // (len(sample) + 1) + 1)
    return repeated[:length].rstrip()


def sheets(size: int | None, script: str) -> dict[str, Sheet]:
    """The demo roundtable's sheets with each long text ``size`` characters (None: maximum)."""

    def sized(limit: int) -> str:
        return text_of(limit if size is None else min(size, limit), script)

    bio = sized(limits.BIOGRAPHY)
    notes = {"concept_note": sized(limits.NOTE), "background": sized(limits.NOTE)}
    body = sized(limits.REPORT_BODY)

    def filled(audience: Audience) -> Sheet:
        base = sheet_samples.gulf_security(audience)
        people = base.cast[0].people
        chair = dataclasses.replace(people[0], short_bio=bio, long_bio=bio)
        cast = (dataclasses.replace(base.cast[0], people=(chair, *people[1:])), *base.cast[1:])
        assert base.report is not None
        report = dataclasses.replace(base.report, summary=body, discussion=body)
        return dataclasses.replace(base, cast=cast, report=report, **notes)

    return {
        "programme": filled(Audience.ATTENDEES),
        "briefing": filled(Audience.ORGANISERS),
        "report": filled(Audience.PUBLIC),
    }


def best(kind: str, sheet: Sheet, repeat: int) -> tuple[float, int]:
    """Best time of ``repeat`` renders, and the PDF's size."""
    times = []
    pdf = b""
    for _ in range(repeat):
        start = time.process_time()
        pdf = render(kind, sheet)
        times.append(time.process_time() - start)
    return min(times), len(pdf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,max")
    parser.add_argument("--scripts", default="latin,urdu,arabic", help="comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    scripts = args.scripts.split(",")
    unknown = sorted(set(scripts) - set(SAMPLES))
    if unknown:
        parser.error(f"unknown script(s) {', '.join(unknown)}; known: {', '.join(SAMPLES)}")
    render("programme", sheet_samples.gulf_security())  # fonts registered, modules imported
    header = f"{'characters':>12}  {'programme':>10}  {'briefing':>10}  {'report':>10}"
    for script in scripts:
        print(f"{header}  ({script})")
        for token in args.sizes.split(","):
            size = None if token == "max" else int(token)
            row = []
            for kind, sheet in sheets(size, script).items():
                seconds, _ = best(kind, sheet, args.repeat)
                row.append(f"{seconds:>9.2f}s")
            label = "maximum" if size is None else f"{size:,}"
            print(f"{label:>12}  " + "  ".join(row), flush=True)


if __name__ == "__main__":
    main()
