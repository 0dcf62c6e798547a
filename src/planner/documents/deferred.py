"""Libraries ReportLab imports when it is imported but a document needs only now and then.

ReportLab's ``lib.utils`` runs ``from PIL import Image`` (for pictures such as a logo) as soon as
it is imported: about 8 ms from bytecode, with Pillow's C core. A document without a picture
does not need it, so before ReportLab is first imported ``PIL.Image`` is put into
``sys.modules`` as a lazy module (:class:`importlib.util.LazyLoader`): found now, executed on
first attribute access. At import ReportLab only tests it against None, which does not load it;
drawing a picture loads it as before, so output is unchanged.

Not uharfbuzz (9 ms, imported by ReportLab's ``ttfonts``): a plain ``import uharfbuzz`` reads
the module's ``__spec__``, which on Python 3.11 loads a lazy module at once.
"""

from __future__ import annotations

import importlib.util
import sys

DEFERRED = ("PIL.Image",)


def defer_optional_imports() -> None:
    """Make each of ``DEFERRED`` a lazy module unless it is imported already or missing."""
    for name in DEFERRED:
        if name in sys.modules:
            continue
        try:
            spec = importlib.util.find_spec(name)
        except ImportError:  # the parent package is missing: ReportLab copes as before
            continue
        if spec is None or spec.loader is None:
            continue
        loader = importlib.util.LazyLoader(spec.loader)
        spec.loader = loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        loader.exec_module(module)
        parent, _, child = name.rpartition(".")
        if parent:  # as the import system does, so ``from PIL import Image`` finds it
            setattr(sys.modules[parent], child, module)
