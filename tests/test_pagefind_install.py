"""Pagefind comes from its npm lock (generator/site/engine/pagefind/), installed by kb into its
own environment the first time it indexes a site: the version that runs is the locked one,
and a machine without npm is told in Swedish what to install."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.locale import message
from generator.site.engine import search


def test_the_pagefind_that_indexes_is_the_locked_version() -> None:
    lock = json.loads((search.MANIFEST / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/pagefind"]["version"]
    ran = subprocess.run(
        [str(search.executable()), "--version"], capture_output=True, text=True, check=True
    )
    assert ran.stdout.strip() == f"pagefind {locked}"


def test_without_npm_indexing_says_to_install_node_and_npm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "INSTALLED", tmp_path / "pagefind")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    with pytest.raises(search.SearchIndexError) as raised:
        search.executable()
    assert str(raised.value) == message("messages.search.npm_missing")
    assert not (tmp_path / "pagefind").exists()
