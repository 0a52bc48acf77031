"""`kb serve`: the site is served locally and regenerated when a YAML file changes."""

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from generator.site import Project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_until(url: str, needle: str, seconds: float = 60) -> str:
    deadline, last = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} never appeared at {url}; last page:\n{last[:500]}")


def test_editing_a_record_regenerates_the_served_page(
        make_project: Callable[..., Project]) -> None:
    project = make_project()
    port = free_port()
    kb = Path(sys.executable).with_name("kb")
    server = subprocess.Popen([str(kb), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project.root, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/insatser/alfa/"
        fetch_until(url, "Alfa – föräldraträning")
        record = project.data_dir / "intervention" / "alfa.yaml"
        record.write_text(record.read_text(encoding="utf-8").replace(
            "title: Alfa – föräldraträning", "title: Alfa – omdöpt"), encoding="utf-8")
        fetch_until(url, "Alfa – omdöpt")
    finally:
        server.terminate()
        server.wait(timeout=10)
