"""packaging/ without building: the desktop files validate and agree with the package, the
event package MIME type is recognised, install.sh and uninstall.sh work for a user, the
bundle filter drops what it should, the icons and the licences are complete."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

import planner
from package_samples import sample
from planner.config import APP_ID

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_XML = LINUX / f"{APP_ID}.xml"
MIME_TYPE = "application/x-planner-event-package"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bundle_contents = _load("bundle_contents")


def _needs(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (apt: desktop-file-utils, appstream)")


# --- desktop entry, AppStream, MIME ------------------------------------------------------


def test_desktop_entry_validates_and_opens_event_packages() -> None:
    _needs("desktop-file-validate")
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout
    entry = dict(
        line.split("=", 1)
        for line in DESKTOP.read_text(encoding="utf-8").splitlines()
        if "=" in line
    )
    assert entry["Exec"] == "planner %f"
    assert entry["Icon"] == APP_ID
    assert entry["MimeType"].rstrip(";") == MIME_TYPE


def test_metainfo_validates_and_names_this_version() -> None:
    _needs("appstreamcli")
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == planner.__version__
    assert root.find("content_rating") is not None
    assert root.find("screenshots/screenshot/image") is not None


@pytest.fixture
def mime_home(tmp_path: Path) -> Path:
    _needs("update-mime-database", "gio")
    data = tmp_path / "share"
    (data / "mime" / "packages").mkdir(parents=True)
    shutil.copy(MIME_XML, data / "mime" / "packages")
    subprocess.run(["update-mime-database", str(data / "mime")], check=True, capture_output=True)
    return data


def _content_type(path: Path, data_home: Path) -> str:
    environ = dict(
        os.environ, XDG_DATA_HOME=str(data_home), XDG_DATA_DIRS=f"{data_home}:/usr/share"
    )
    done = subprocess.run(
        ["gio", "info", "-a", "standard::content-type", str(path)],
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.rsplit(":", 1)[-1].strip()


def test_event_packages_have_their_own_type_and_other_json_does_not(
    mime_home: Path, tmp_path: Path
) -> None:
    from planner.store.package import write_package

    package = tmp_path / "Gulf Security.json"  # the name the export suggests
    write_package(sample(), package)
    assert _content_type(package, mime_home) == MIME_TYPE
    other = tmp_path / "settings.json"
    other.write_text(json.dumps({"backups": {"keep_daily": 3}}), encoding="utf-8")
    assert _content_type(other, mime_home) == "application/json"


# --- install.sh and uninstall.sh -----------------------------------------------------------


def _fake_bundle(folder: Path) -> Path:
    """A bundle folder as build.sh leaves it, with a script in place of the frozen program."""
    bundle = folder / "planner"
    bundle.mkdir(parents=True)
    program = bundle / "planner"
    program.write_text('#!/bin/sh\necho planner-ran "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    subprocess.run([str(LINUX / "assemble.sh"), str(bundle)], check=True)
    return bundle


def _run(script: Path, home: Path) -> subprocess.CompletedProcess[str]:
    environ = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    return subprocess.run(["bash", str(script)], env=environ, capture_output=True, text=True)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux installer")
def test_install_then_uninstall_for_the_current_user(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path / "Downloads")
    home = tmp_path / "home with space"
    done = _run(bundle / "install.sh", home)
    assert done.returncode == 0, done.stderr
    share = home / ".local" / "share"
    installed = home / ".local" / "opt" / "planner"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    assert f'Exec="{installed}/planner" %f' in desktop.read_text(encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(desktop)]).returncode == 0
    for size in ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (share / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    link = home / ".local" / "bin" / "planner"
    ran = subprocess.run([str(link), "--version"], capture_output=True, text=True)
    assert ran.stdout.strip() == "planner-ran --version"

    # The user's events live elsewhere and survive the uninstall.
    events = share / "planner" / "planner.sqlite3"
    events.parent.mkdir(parents=True)
    events.write_bytes(b"keep me")
    done = _run(installed / "uninstall.sh", home)
    assert done.returncode == 0, done.stderr
    assert not installed.exists() and not link.exists() and not desktop.exists()
    assert not list((share / "icons").rglob(f"{APP_ID}.*"))
    assert not (share / "mime" / "packages" / f"{APP_ID}.xml").exists()
    assert events.read_bytes() == b"keep me"
    assert str(share / "planner") in done.stdout


def test_install_never_replaces_a_folder_that_is_not_planner(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path / "Downloads")
    home = tmp_path / "home"
    precious = home / ".local" / "opt" / "planner"
    precious.mkdir(parents=True)
    (precious / "thesis.odt").write_text("years of work", encoding="utf-8")
    done = _run(bundle / "install.sh", home)
    assert done.returncode == 1
    assert "not a Planner installation" in done.stderr
    assert (precious / "thesis.odt").is_file()


# --- what the bundle keeps -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6QmlModels.so.6",
        "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "libQt6Quick.so.6",  # PyInstaller's top-level link to the same library
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\Qt6Quick.dll",
    ],
)
def test_unused_qt_is_dropped(name: str) -> None:
    assert not bundle_contents.keep(name, linux=True)


@pytest.mark.parametrize(
    "name",
    [
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libicudata.so.73",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/QtWidgets.abi3.so",
        "libpython3.11.so.1.0",
        "libssl.so.3",
        "libsqlite3.so.0",
        "uharfbuzz/_harfbuzz.abi3.so",
        "pillow.libs/libjpeg-6dc8d115.so.62.4.0",
    ],
)
def test_what_the_program_uses_stays(name: str) -> None:
    assert bundle_contents.keep(name, linux=True)


@pytest.mark.parametrize(
    "name",
    ["libgnutls.so.30", "libgcrypt.so.20", "libcups.so.2", "libglib-2.0.so.0", "libcairo.so.2"],
)
def test_build_machine_system_libraries_are_dropped_on_linux(name: str) -> None:
    assert not bundle_contents.keep(name, linux=True)
    assert bundle_contents.keep(name, linux=False)  # a Windows/macOS build names its own


# --- icons and licences --------------------------------------------------------------------


def test_icons_exist_at_every_size() -> None:
    icons = ROOT / "resources" / "icons"
    ET.parse(icons / "planner.svg")  # well-formed
    for size in ICON_SIZES:
        header = (icons / f"planner-{size}.png").read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", header[16:24]) == (size, size)


@pytest.fixture(scope="module")
def licences() -> str:
    module = _load("third_party_licenses")
    text: str = module.render()
    return text


def _listed(text: str) -> set[str]:
    head = text.split("=" * 78, 1)[0]
    return {line.split()[0].lower() for line in head.splitlines() if line.startswith("  ")} - {
        "python,"
    }


def test_licences_cover_every_bundled_distribution_and_font(licences: str) -> None:
    module = sys.modules["third_party_licenses"]
    names = {d.metadata["Name"].lower() for d in module.runtime_distributions()}
    for expected in ("pyside6", "shiboken6", "reportlab", "sqlalchemy", "alembic", "uharfbuzz"):
        assert expected in names
    assert names == _listed(licences)
    for font in (ROOT / "resources" / "fonts").glob("*.ttf"):
        assert font.name.split("-")[0].removesuffix(".ttf") in licences
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in licences
    assert "replace those files with your own build" in licences
    assert "SIL OPEN FONT LICENSE" in licences.upper()


def test_the_committed_licences_list_the_same_distributions(licences: str) -> None:
    committed = (ROOT / "THIRD-PARTY-LICENSES").read_text(encoding="utf-8")
    assert _listed(committed) == _listed(licences), (
        "dependencies changed: run uv run python packaging/third_party_licenses.py"
    )


# --- Windows, macOS, the workflow ----------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0)), ("2.0", (2, 0, 0, 0))],
)
def test_windows_version_resource_has_four_numbers(version: str, numbers: tuple[int, ...]) -> None:
    import ast

    module = _load_from("version_info", PACKAGING / "windows")
    assert module.version_numbers(version) == numbers
    text = module.render(version)
    ast.parse(text)  # PyInstaller evaluates it as a Python expression
    assert f"filevers={numbers}" in text and f"'ProductVersion', '{version}'" in text


def _load_from(name: str, folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_spec_and_the_installer_script_take_names_from_the_package() -> None:
    spec = (PACKAGING / "planner.spec").read_text(encoding="utf-8")
    compile(spec, "planner.spec", "exec")
    assert planner.__version__ not in spec and APP_ID not in spec
    iss = (PACKAGING / "windows" / "planner.iss").read_text(encoding="utf-8")
    assert "AppVersion={#AppVersion}" in iss and "OpenWithProgids" in iss


def test_the_workflow_is_not_run_here_and_names_no_registry() -> None:
    workflow = (PACKAGING / "ci" / "bundles.yml").read_text(encoding="utf-8")
    assert not (ROOT / ".github").exists()
    for address in ("pypi.org", "pythonhosted", "index-url", "registry.", "npmjs"):
        assert address not in workflow
    for runner in ("ubuntu-", "windows-", "macos-"):
        assert runner in workflow
