"""Right-to-left names inside left-to-right sentences.

“الأمن في الخليج” inside an English sentence makes the Unicode bidi algorithm pull the quotes
and the words after them into the Arabic run ("event ”…“: title"). Each quoted part and each
name is isolated (FSI … PDI), so it is laid out on its own and the sentence keeps its order.
"""

from __future__ import annotations

import re

FSI, PDI = "\u2068", "\u2069"
_QUOTED = re.compile(r"“([^”]*)”")


def isolate_quoted(text: str) -> str:
    """``text`` with every “quoted” part isolated."""
    return _QUOTED.sub(lambda m: f"“{FSI}{m.group(1)}{PDI}”", text)


def isolate(text: str) -> str:
    """``text`` isolated as a whole (a name inside a sentence)."""
    return f"{FSI}{text}{PDI}" if text else text
