"""Terminal tables line up whatever the script: a Chinese character takes two columns, a
combining mark none (planner people, planner series, planner history)."""

from __future__ import annotations

import io

from planner.cli.columns import pad, print_table, width


def test_width_counts_terminal_columns() -> None:
    assert width("Owais") == 5
    assert width("王晓明") == 6
    assert width("مشاركاً") == 6  # the tanween is written over the alef
    assert width("Müller") == width("Mu\u0308ller") == 6
    assert pad("王", 4) == "王  "


def test_a_table_of_mixed_scripts_lines_up() -> None:
    out = io.StringIO()
    print_table(
        ["ID", "NAME", "EMAIL"],
        [
            ["1", "王晓明", "wang@example.cn"],
            ["2", "Owais", "o@example.org"],
            ["3", "عائشہ", "a@x"],
        ],
        out,
    )
    lines = out.getvalue().splitlines()
    # The email column starts at the same terminal column on every row.
    starts = [
        width(line[: line.index(email)])
        for line, email in zip(lines, ["EMAIL", "wang@", "o@ex", "a@x"], strict=True)
    ]
    assert len(set(starts)) == 1
