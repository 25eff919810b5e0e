"""The wheel ships the screens, their styles and the content, inside the one nocontact_tui package;
the sdist carries everything its own tests need (.ci/run runs its unit tier from it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.e2e  # builds and installs the real wheel

# What the sdist must hold: the package and everything its tests and benchmark read.
SDIST_FOLDERS = ("nocontact_tui", "screens", "content", "tests", "bench")
SDIST_FILES = ("pyproject.toml", "MANIFEST.in", "README.md", "LICENSE", "CHANGELOG.md")
NOT_SOURCE = shutil.ignore_patterns("__pycache__", "*.pyc", "snapshot_report.html", "results", ".*")

START_HEADLESS = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    import nocontact_tui
    from nocontact_tui.app import make_app
    from nocontact_tui.journal.store import Store

    async def main():
        with Store.open(Path(sys.argv[1])) as store:
            for start in ("home", "urge", "traps", "letters", "reasons", "streak", "review"):
                app = make_app(store, start=start)
                async with app.run_test(headless=True, size=(80, 24)) as pilot:
                    await pilot.pause()
                    print(start, type(app.screen).__name__)
    print(nocontact_tui.__file__)
    asyncio.run(main())
    """
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env=os.environ | {"PIP_NO_INDEX": "1"},
    )
    (built,) = out.glob("nocontact_tui-*.whl")
    return built


def test_wheel_holds_screens_styles_and_content_under_one_namespace(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"nocontact_tui"}
    for expected in (
        "nocontact_tui/app.tcss",
        "nocontact_tui/screens/home.py",
        "nocontact_tui/screens/home.tcss",
        "nocontact_tui/screens/dialogs/release.tcss",
        "nocontact_tui/content/messages.toml",
        "nocontact_tui/content/traps.toml",
        "nocontact_tui/content/help.md",
    ):
        assert expected in names
    for screen in [
        n for n in names if n.startswith("nocontact_tui/screens/") and n.endswith(".py")
    ]:
        source = zipfile.ZipFile(wheel).read(screen).decode()
        if 'CSS_PATH = "' in source:
            css = source.split('CSS_PATH = "')[1].split('"')[0]
            folder = screen.rsplit("/", 1)[0]  # beside the module, as Textual reads it
            assert f"{folder}/{css}" in names, screen


def test_installed_wheel_runs_from_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # Install the wheel itself with no dependencies; the dependencies come from this
    # test's environment through a path entry (a plain path: its .pth files, such as
    # an editable install of this repo, are not read, so only the wheel provides nocontact_tui).
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            "--target",
            str(purelib),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (purelib / "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    assert not (purelib / "screens").exists() and not (purelib / "content").exists()

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)} | {
        "PYTHONDONTWRITEBYTECODE": "1"
    }
    run = lambda *args: subprocess.run(  # noqa: E731
        [python, *args], capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path
    )
    db = tmp_path / "journal.json"
    version = run("-m", "nocontact_tui", "--version")
    assert version.returncode == 0 and version.stdout.startswith("nocontact "), version.stderr
    status = run("-m", "nocontact_tui", "--db", str(db), "reason", "add", "from the wheel")
    assert status.returncode == 0, status.stderr
    status = run("-m", "nocontact_tui", "--db", str(db), "status")
    assert status.returncode == 0 and "review" in status.stdout, status.stderr
    started = run("-c", START_HEADLESS, str(db))
    assert started.returncode == 0, started.stderr
    lines = started.stdout.splitlines()
    assert lines[0].startswith(str(purelib))
    assert "home FirstRunScreen" in lines  # a new journal starts with the two questions


def test_the_sdist_holds_every_file_its_tests_need(tmp_path: Path) -> None:
    # Built from a copy, so that setuptools' in-tree files never meet another build.
    source = tmp_path / "source"
    for folder in SDIST_FOLDERS:
        shutil.copytree(ROOT / folder, source / folder, ignore=NOT_SOURCE, symlinks=True)
    for name in SDIST_FILES:
        shutil.copy2(ROOT / name, source / name)
    expected = {path.relative_to(source).as_posix() for path in source.rglob("*") if path.is_file()}
    built = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from setuptools import build_meta as b; print(b.build_sdist(sys.argv[1]))",
            str(tmp_path / "dist"),
        ],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ | {"PIP_NO_INDEX": "1"},
    )
    assert built.returncode == 0, built.stderr
    sdist = tmp_path / "dist" / built.stdout.splitlines()[-1]
    with tarfile.open(sdist) as archive:
        top = sdist.name.removesuffix(".tar.gz")
        names = {name.removeprefix(f"{top}/") for name in archive.getnames()}
    assert expected - names == set()
    assert any(name.startswith("tests/__snapshots__/") for name in names)
    assert "tests/conftest.py" in names and "LICENSE" in names
