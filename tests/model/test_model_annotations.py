"""The mapped classes' annotations are real objects, not strings SQLAlchemy has to eval.

With ``from __future__ import annotations`` every ``Mapped[...]`` is a string that the
declarative mapping evals at import (about 250 evals, a tenth of importing the model), which
every ``planner`` command pays.
"""

from __future__ import annotations

import importlib

import pytest

MAPPED_MODULES = ("dispatch", "event", "history", "organisation", "person", "series", "venue")


@pytest.mark.parametrize("name", MAPPED_MODULES)
def test_mapped_modules_do_not_postpone_annotations(name: str) -> None:
    module = importlib.import_module(f"planner.model.{name}")
    assert not hasattr(module, "annotations"), f"planner.model.{name} imports __future__"


def test_every_mapped_class_is_in_those_modules() -> None:
    from planner.model import Base

    modules = {mapper.class_.__module__ for mapper in Base.registry.mappers}
    assert modules == {f"planner.model.{name}" for name in MAPPED_MODULES}


def test_the_lazy_entity_names_are_exactly_the_entities_module() -> None:
    """planner.model hands out entities by a list of names it keeps without importing them
    (so the enums come without SQLAlchemy): the list and entities.__all__ must not drift."""
    import planner.model
    from planner.model import entities

    assert frozenset(entities.__all__) == planner.model._ENTITIES
    assert set(entities.__all__) <= set(planner.model.__all__)
