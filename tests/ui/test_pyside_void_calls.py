"""PySide6 6.12.0 on CPython 3.11 aborts the interpreter (``Fatal Python error: none_dealloc``)
after about 5,000 calls of Qt methods that return nothing; pyproject.toml pins PySide6 below
6.12 for Python < 3.12. This test makes 20,000 such calls so that a future bump cannot bring
the crash back unnoticed. It runs in a child process: an abort there fails this test instead
of killing the whole pytest run."""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 20_000

CHILD = f"""
import sys
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])
widget = QWidget()
for i in range({CALLS}):
    widget.resize(10 + i % 7, 10)  # a void method: returns None to Python
    widget.setWindowTitle("x")
    widget.update()
print("done", widget.width())
"""


def test_twenty_thousand_void_qt_calls_do_not_abort() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, (
        f"the interpreter died (status {result.returncode}) after void Qt calls; "
        f"is PySide6 6.12 installed on Python 3.11? stderr:\n{result.stderr[-2000:]}"
    )
    assert result.stdout.split()[0] == "done"
