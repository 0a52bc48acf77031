"""The built site on Debian's Caddy with the sample settings the README documents
(generator/site/publishing/deploy/kunskapsbank.caddy), as tests/test_nginx.py does for nginx:
every text type is sent compressed, a file whose name carries its content's hash is kept for
a year and everything else is asked for again, a folder address without its slash leads on
and a missing page gets the Swedish 404."""

from __future__ import annotations

import contextlib
import gzip
import socket
import subprocess
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from running_kb import free_port
from test_nginx import IMMUTABLE, TEXT_FILES, Client, served_file, versioned_files

CADDY = "/usr/bin/caddy"
SAMPLE = (
    Path(__file__).resolve().parent.parent / "generator/site/publishing/deploy/kunskapsbank.caddy"
)


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def caddy(site: Path) -> Iterator[str]:
    """Caddy serving `site` through the sample settings, with no admin endpoint and nothing
    written outside its own folder; its base URL, once it listens."""
    with tempfile.TemporaryDirectory(prefix="kb-caddy-") as folder:
        home = Path(folder)
        port = free_port()
        config = home / "Caddyfile"
        config.write_text(
            textwrap.dedent(f"""\
            {{
                admin off
                auto_https off
            }}
            http://127.0.0.1:{port} {{
                root * {site}
                import {SAMPLE}
            }}
            """),
            encoding="utf-8",
        )
        env = {"HOME": folder, "XDG_DATA_HOME": folder, "XDG_CONFIG_HOME": folder}
        server = subprocess.Popen(
            [CADDY, "run", "--config", str(config), "--adapter", "caddyfile"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            while not listening(port):
                # The wait comes back at once if Caddy ended (a mistake in the settings).
                with contextlib.suppress(subprocess.TimeoutExpired):
                    server.wait(timeout=0.05)
                assert server.returncode is None, server.communicate()[1]
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.communicate()


@pytest.fixture(scope="module")
def on_caddy(site: Path) -> Iterator[Client]:
    with caddy(site) as base:
        yield Client(base)


@pytest.mark.parametrize("address", [address for address, _ in TEXT_FILES])
def test_every_text_type_is_sent_compressed(site: Path, on_caddy: Client, address: str) -> None:
    status, headers, body = on_caddy.get(address, {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == served_file(site, address)
    assert headers["x-content-type-options"] == "nosniff"


def test_a_versioned_file_is_kept_for_a_year(site: Path, on_caddy: Client) -> None:
    for address in [*versioned_files(site), "/assets/kb-start.js?v=2"]:
        status, headers, _ = on_caddy.get(address)
        assert (status, headers["cache-control"]) == (200, IMMUTABLE), address


@pytest.mark.parametrize("address", ["/", "/insatser/mst/", "/assets/kb-start.js"])
def test_pages_and_unversioned_files_are_asked_for_again(on_caddy: Client, address: str) -> None:
    status, headers, _ = on_caddy.get(address)
    assert (status, headers["cache-control"]) == (200, "no-cache")
    again, _, body = on_caddy.get(address, {"If-None-Match": headers["etag"]})
    assert (again, body) == (304, b"")


def test_a_folder_address_without_its_slash_leads_to_the_page(on_caddy: Client) -> None:
    status, headers, _ = on_caddy.get("/insatser/mst")
    assert status in (301, 308) and headers["location"] == "/insatser/mst/"


def test_a_missing_page_gets_the_swedish_404(on_caddy: Client) -> None:
    status, headers, body = on_caddy.get("/finns-inte/")
    assert status == 404 and headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>Sidan finns inte</h1>" in body.decode("utf-8")
