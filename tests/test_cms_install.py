"""The first `kb cms` installs the editor with one Swedish line, not npm's warnings (hundreds,
from Decap's dependencies); npm's own words are shown only when the install fails, where
they tell what went wrong. An `npm` of the test's own stands in for the real one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from generator.locale import strings
from generator.site.editor.cms.npm import EditorError, ensure_installed

# What npm ci prints on its way: warnings on standard error, then, if it fails, the reason.
NPM = """#!/bin/sh
echo "npm warn deprecated inflight@1.0.6: This module is not supported" >&2
echo "npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported" >&2
{ending}
"""
INSTALLS = 'mkdir -p node_modules && echo "{}" > node_modules/.package-lock.json'
FAILS = 'echo "npm error code ENOTFOUND" >&2; exit 1'


def fake_npm(folder: Path, ending: str, monkeypatch: pytest.MonkeyPatch) -> None:
    npm = folder / "bin" / "npm"
    npm.parent.mkdir()
    npm.write_text(NPM.format(ending=ending), encoding="utf-8")
    npm.chmod(npm.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(npm.parent), prepend=os.pathsep)


def test_the_install_shows_one_swedish_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    fake_npm(tmp_path, INSTALLS, monkeypatch)
    said: list[str] = []
    modules = ensure_installed(tmp_path, said.append)
    assert said == [strings()["cms"]["installing"]]
    assert (modules / ".package-lock.json").is_file()
    shown = capfd.readouterr()
    assert "npm warn" not in shown.out + shown.err


def test_a_failed_install_shows_what_npm_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_npm(tmp_path, FAILS, monkeypatch)
    with pytest.raises(EditorError) as failed:
        ensure_installed(tmp_path)
    assert str(failed.value).startswith("npm ci misslyckades (slutkod 1):")
    assert "npm error code ENOTFOUND" in str(failed.value)


def test_an_installed_editor_is_not_installed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_npm(tmp_path, INSTALLS, monkeypatch)
    ensure_installed(tmp_path)
    said: list[str] = []
    ensure_installed(tmp_path, said.append)
    assert said == []
