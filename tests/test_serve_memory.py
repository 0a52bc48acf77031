"""`kb serve` runs all day: its memory stays flat however many times a save rebuilds the site."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from running_kb import fetch, free_port, wait_for

REPO = Path(__file__).resolve().parent.parent
REBUILDS = 20
RECORD = "data/intervention/mst.yaml"
PAGE = "insatser/mst/"


def wait_for_page(server: subprocess.Popen[bytes], url: str, needle: str, log: Path) -> None:
    """Until the served page shows `needle` (polling the server, as a browser would)."""

    def shown() -> bool:
        assert server.poll() is None, log.read_text(encoding="utf-8")
        return needle in fetch(url)[1]

    wait_for(shown, f"{needle!r} at {url}")


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
