"""`kb serve` runs all day: its memory stays flat however many times a save rebuilds the site."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REBUILDS = 20
RECORD = "data/intervention/mst.yaml"
PAGE = "insatser/mst/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def page_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def wait_for_page(server: subprocess.Popen[bytes], url: str, needle: str, log: Path) -> None:
    """Until the served page shows `needle` (polling the server, as a browser would)."""
    while needle not in page_text(url):
        assert server.poll() is None, log.read_text(encoding="utf-8")
        time.sleep(0.2)


def resident_kb(pid: int) -> int:
    """The process's resident memory in kB, as the kernel counts it."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1])


def test_twenty_rebuilds_keep_memory_within_ten_percent(tmp_path: Path) -> None:
    """The bundled knowledge base, served, and one record saved twenty times: what a rebuild
    leaves behind is freed, so memory after the last rebuild is within 10 % of that after the
    first two (which fill caches once)."""
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    port = free_port()
    log = tmp_path / "kb.log"
    url = f"http://127.0.0.1:{port}/{PAGE}"
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("kb")), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        record = tmp_path / RECORD
        original = record.read_text(encoding="utf-8")
        wait_for_page(server, url, "Multisystemisk", log)
        memory = []
        for rebuild in range(1, REBUILDS + 1):
            marker = f"Sparad gång {rebuild}."
            record.write_text(
                original.replace("summary: >-\n", f"summary: >-\n  {marker}\n", 1), encoding="utf-8"
            )
            wait_for_page(server, url, marker, log)
            memory.append(resident_kb(server.pid))
        assert memory[-1] <= memory[1] * 1.10, memory
    finally:
        server.terminate()
        server.wait(timeout=10)
