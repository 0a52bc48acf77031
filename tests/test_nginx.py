"""The built site on a real web server: Debian's nginx with the sample configuration the README
documents (generator/site/publishing/deploy/nginx.conf), run as an unprivileged user on a free
loopback port. Every page and file answers, old addresses lead on, data files carry their
content types and a missing page gets the Swedish 404; every text type is sent compressed
(gzip, and brotli with Debian's module), a file whose name carries its content's hash is kept
for a year and everything else is asked for again."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import os
import pwd
import re
import shutil
import subprocess
import tempfile
import textwrap
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BASE, record, write_project
from running_kb import free_port

from generator.reading.project import Project
from generator.site.engine.build import build

REPO = Path(__file__).resolve().parent.parent
NGINX = "/usr/sbin/nginx"
SAMPLE = REPO / "generator" / "site" / "publishing" / "deploy" / "nginx.conf"
BROTLI_SAMPLE = SAMPLE.with_name("nginx-brotli.conf")
# Debian's brotli module for nginx (libnginx-mod-http-brotli-filter, which `make test` installs).
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")


@contextlib.contextmanager
def nginx(site: Path, *, brotli: bool = False, sample: Path = SAMPLE) -> Iterator[str]:
    """nginx serving a copy of `site` through the sample configuration (with `brotli`, and
    Debian's brotli module, the sample's brotli file too; bench/lighthouse.py gives another
    `sample` to measure an older one); its base URL.

    Run as root, the server runs as `nobody` (setpriv), with its files in a folder of its
    own; run as anyone else, it runs as that user. `nginx` returns once it listens."""
    with tempfile.TemporaryDirectory(prefix="kb-nginx-") as folder:
        home = Path(folder)
        shutil.copytree(site, home / "site")
        port = free_port()
        temp = "\n".join(
            f"    {kind}_temp_path {home}/{kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (home / "nginx.conf").write_text(
            textwrap.dedent(f"""\
            {f"load_module {BROTLI_MODULE};" if brotli else ""}
            worker_processes 1;
            pid {home}/nginx.pid;
            error_log {home}/error.log;
            events {{}}
            http {{
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                access_log off;
            {temp}
                server {{
                    listen 127.0.0.1:{port};
                    root {home}/site;
                    include {sample};
                    {f"include {BROTLI_SAMPLE};" if brotli else ""}
                }}
            }}
            """),
            encoding="utf-8",
        )
        command = [
            NGINX,
            "-p",
            str(home),
            "-c",
            str(home / "nginx.conf"),
            "-e",
            str(home / "error.log"),
        ]
        if os.getuid() == 0:
            nobody = pwd.getpwnam("nobody")
            for path in [home, *home.rglob("*")]:
                os.chown(path, nobody.pw_uid, nobody.pw_gid, follow_symlinks=False)
            command = [
                "setpriv",
                f"--reuid={nobody.pw_uid}",
                f"--regid={nobody.pw_gid}",
                "--clear-groups",
                *command,
            ]
        started = subprocess.run(command, capture_output=True, text=True, check=False)
        assert started.returncode == 0, started.stderr
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            subprocess.run([*command, "-s", "stop"], capture_output=True, check=False)


class Client:
    """Plain HTTP requests to one server over one connection, without following redirects."""

    def __init__(self, base: str) -> None:
        self.connection = http.client.HTTPConnection(urllib.parse.urlsplit(base).netloc, timeout=30)

    def get(
        self, path: str, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        self.connection.request("GET", urllib.parse.quote(path, safe="/?="), headers=headers or {})
        response = self.connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


@pytest.fixture(scope="module")
def real_site(site: Path) -> Iterator[Client]:
    with nginx(site) as base:
        yield Client(base)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    """A small knowledge base with an old address and an SVG figure among its material."""
    root = tmp_path_factory.mktemp("nginx-project")
    module = {
        **BASE["curriculum"]["modules"][0],
        "material": [{"title": "Figur", "kind": "dokument", "file": "kurs/figur.svg"}],
    }
    project: Project = write_project(
        root,
        {
            "intervention/alfa.yaml": record("intervention", aliases=["gammal-alfa"]),
            "curriculum/kurs.yaml": record("curriculum", modules=[module]),
        },
    )
    figure = project.data_dir / "material" / "kurs" / "figur.svg"
    figure.parent.mkdir(parents=True)
    figure.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1">'
        f"<desc>{'En figur som är stor nog att komprimeras. ' * 10}</desc></svg>",
        encoding="utf-8",
    )
    build(project, root / "site")
    with nginx(root / "site") as base:
        yield Client(base)


def addresses(site: Path) -> list[str]:
    """Every file of the site by the address a visitor uses: folders for their index.html."""
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        found.append("/" + (rel.removesuffix("index.html") if path.name == "index.html" else rel))
    return found


def test_every_page_and_file_of_the_site_answers(site: Path, real_site: Client) -> None:
    failed = []
    for address in addresses(site):
        status, _, _ = real_site.get(address)
        if status != 200:
            failed.append((address, status))
    assert failed == []


def test_a_folder_address_without_its_slash_leads_to_the_page(real_site: Client) -> None:
    status, headers, _ = real_site.get("/insatser/mst")
    assert status == 301 and headers["location"] == "/insatser/mst/"


def test_a_missing_page_gets_the_swedish_404(real_site: Client) -> None:
    for address in ("/finns-inte/", "/insatser/finns-inte/alls.html"):
        status, headers, body = real_site.get(address)
        html = body.decode("utf-8")
        assert status == 404 and headers["content-type"] == "text/html; charset=utf-8"
        assert "<h1>Sidan finns inte</h1>" in html and 'href="/assets/kb.css"' in html


@pytest.mark.parametrize(
    ("address", "content_type"),
    [
        ("/data/insatser.json", "application/json; charset=utf-8"),
        ("/data/insatser.csv", "text/csv; charset=utf-8"),
        ("/schemas/intervention.schema.json", "application/json; charset=utf-8"),
        ("/assets/kb.css", "text/css; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
    ],
)
def test_data_files_are_served_with_their_content_types(
    real_site: Client, address: str, content_type: str
) -> None:
    status, headers, _ = real_site.get(address)
    assert (status, headers["content-type"]) == (200, content_type)
    assert headers["x-content-type-options"] == "nosniff"


def test_an_svg_file_is_served_as_an_image(small_site: Client) -> None:
    status, headers, body = small_site.get("/material/kurs/figur.svg")
    assert (status, headers["content-type"]) == (200, "image/svg+xml; charset=utf-8")
    assert body.startswith(b"<svg")


def test_an_old_address_leads_to_the_new_one(small_site: Client) -> None:
    status, _, body = small_site.get("/insatser/gammal-alfa/")
    assert status == 200
    target = re.search(
        r'<meta http-equiv="refresh" content="0; url=([^"]+)">', body.decode("utf-8")
    )
    assert target
    new = urllib.parse.urljoin("/insatser/gammal-alfa/", target[1])
    assert new == "/insatser/alfa/"
    status, _, body = small_site.get(new)
    assert status == 200 and "<h1" in body.decode("utf-8")
    assert "Alfa – föräldraträning" in body.decode("utf-8")


# One file of each text type the site has, with the type nginx names it by.
TEXT_FILES = [
    ("/", "text/html"),
    ("/assets/kb.css", "text/css"),
    ("/assets/kb-start.js", "application/javascript"),
    ("/data/insatser.json", "application/json"),
    ("/data/insatser.csv", "text/csv"),
]
IMMUTABLE = "public, max-age=31536000, immutable"
GZIP = b"\x1f\x8b"


def served_file(site: Path, address: str) -> bytes:
    return (
        site / address.lstrip("/") / ("index.html" if address.endswith("/") else "")
    ).read_bytes()


@pytest.mark.parametrize(("address", "content_type"), TEXT_FILES)
def test_every_text_type_is_sent_compressed(
    site: Path, real_site: Client, address: str, content_type: str
) -> None:
    status, headers, body = real_site.get(address, {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-type"].startswith(content_type)
    assert headers["content-encoding"] == "gzip" and "Accept-Encoding" in headers["vary"]
    assert gzip.decompress(body) == served_file(site, address)


def test_an_svg_image_is_sent_compressed(small_site: Client) -> None:
    status, headers, body = small_site.get("/material/kurs/figur.svg", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b"<svg")


@pytest.mark.skipif(not BROTLI_MODULE.is_file(), reason="Debian's brotli module is not installed")
def test_with_the_brotli_module_text_is_sent_in_brotli(site: Path) -> None:
    with nginx(site, brotli=True) as base:
        client = Client(base)
        for address, _ in TEXT_FILES:
            status, headers, body = client.get(address, {"Accept-Encoding": "gzip, br"})
            assert status == 200 and headers["content-encoding"] == "br"
            assert not body.startswith(GZIP) and len(body) < len(served_file(site, address))


def versioned_files(site: Path) -> list[str]:
    """The theme's bundles and Pagefind's chunks: files whose names carry their content's hash."""
    return [
        "/" + path.relative_to(site).as_posix()
        for pattern in ("assets/**/*.min.js", "assets/**/*.min.css", "pagefind/**/*.pf_*")
        for path in sorted(site.glob(pattern))
        if re.search(r"\.[0-9a-f]{8,}\.min\.|\.pf_", path.name)
    ]


def test_a_versioned_file_is_kept_for_a_year(site: Path, real_site: Client) -> None:
    versioned = versioned_files(site)
    assert any("/javascripts/bundle." in path for path in versioned)
    assert any(path.endswith(".pf_fragment") for path in versioned)
    for address in versioned:
        status, headers, _ = real_site.get(address)
        assert (status, headers["cache-control"]) == (200, IMMUTABLE), address
    _, headers, _ = real_site.get("/assets/kb-start.js?v=2")
    assert headers["cache-control"] == IMMUTABLE


@pytest.mark.parametrize(
    "address", ["/", "/insatser/mst/", "/assets/kb-start.js", "/data/insatser.json"]
)
def test_pages_and_unversioned_files_are_asked_for_again(real_site: Client, address: str) -> None:
    status, headers, _ = real_site.get(address)
    assert (status, headers["cache-control"]) == (200, "no-cache")
    again, _, body = real_site.get(address, {"If-None-Match": headers["etag"]})
    assert (again, body) == (304, b"")
