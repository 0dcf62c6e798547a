"""Who a change is recorded as: the settings' name, else PLANNER_USER, else the login name."""

from __future__ import annotations

import getpass
import json

import pytest

from planner.config import current_user, save_user_name, settings_path, settings_user_name
from planner.errors import PlannerError


def test_the_login_name_when_nothing_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANNER_USER", raising=False)
    assert current_user() == getpass.getuser()


def test_planner_user_comes_before_the_login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_USER", "  Sana Malik ")
    assert current_user() == "Sana Malik"


def test_the_settings_name_comes_first_and_keeps_the_other_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLANNER_USER", "Sana Malik")
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"backups": {"keep_daily": 3}}), encoding="utf-8")
    save_user_name("عائشہ صدیقی")
    assert current_user() == "عائشہ صدیقی"
    assert json.loads(path.read_text(encoding="utf-8"))["backups"] == {"keep_daily": 3}
    save_user_name("  ")
    assert settings_user_name() is None and current_user() == "Sana Malik"


def test_a_wrong_settings_name_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"user_name": 42}), encoding="utf-8")
    with pytest.raises(PlannerError, match="user_name: should be a name"):
        current_user()
    with pytest.raises(PlannerError, match="at most 80"):
        save_user_name("x" * 81)
