"""`kb cms` locally: the editor page, decap-server behind it, and kb check after each save.

decap-server reads and writes the files in the project (its `fs` mode, no git needed); it
runs as a child bound to 127.0.0.1 on a free port, and this server passes the editor's
requests on to it, so that the page talks only to its own address. `/kontroll.json` runs
the same check as `kb check` on the files as they are now; the page asks for it after every
save, and `/kontroll/` shows it as a page. `/val.json` holds the records and parts the
reference fields offer, from the same check, when the page loads.
"""

from __future__ import annotations

import html
import http.server
import json
import os
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.checking.check import check
from generator.diagnostics import Diagnostic
from generator.locale import strings
from generator.reading.load import ParseCache
from generator.reading.project import Project
from generator.rendering.generated_addresses import generated_addresses
from generator.site.children import start
from generator.site.editor.cms.config import config
from generator.site.editor.cms.npm import EditorError, ensure_installed
from generator.site.editor.cms.page import CONTENT_SECURITY_POLICY, asset_files, editor_page
from generator.site.editor.cms.pickers import picker_lists
from generator.site.editor.cms.restyle import restyle
from generator.types import Record, RecordTypes
from generator.types.registry import project_types

API = "/api/v1"
CHECK = "/kontroll.json"
PICKERS = "/val.json"
TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def check_result(records: list[Record], problems: list[Diagnostic]) -> dict[str, Any]:
    """What the page shows after a save: counts and every located problem."""
    return {
        "records": len(records),
        "errors": sum(p.severity == "error" for p in problems),
        "warnings": sum(p.severity == "warning" for p in problems),
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "severity": p.severity,
                "message": p.message,
                "text": p.format(),
            }
            for p in problems
        ],
    }


def check_page(result: dict[str, Any]) -> str:
    """/kontroll/: the same result as a page an editor can keep open and reload."""
    text = strings()["cms"]
    summary = (
        text["check_failed"]
        if result["errors"]
        else text["check_warnings"]
        if result["warnings"]
        else text["check_ok"]
    )
    items = "\n".join(
        f'<li class="kb-check__{p["severity"]}">{html.escape(p["text"])}</li>'
        for p in result["problems"]
    )
    return f"""<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(text["check_page_title"])}</title>
<link rel="stylesheet" href="../kb-cms.css"></head>
<body><main class="kb-check kb-check--page">
<h1>{html.escape(text["check_page_title"])}</h1>
<p>{html.escape(text["check_page_intro"])}</p>
<p role="status">{html.escape(summary.format(**result))}</p>
<ul class="kb-check__problems">{items}</ul>
</main></body></html>
"""


class EditorServer:
    """The running editor: start with `with EditorServer(project) as editor:`; `editor.url`
    is the page. Leaving the block stops the server and the decap-server it started.
    `progress` is told each step of starting (installing, starting decap-server) in a line."""

    def __init__(
        self,
        project: Project,
        host: str = "127.0.0.1",
        port: int = 8100,
        install_root: Path | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.project = project
        self.progress = progress
        self.install_root = install_root or project.root
        self.address = (host, port)
        self.parsed: ParseCache = {}
        self.lock = threading.Lock()
        self.decap: subprocess.Popen[str] | None = None
        self.httpd: http.server.ThreadingHTTPServer | None = None

    def types(self) -> RecordTypes:
        """The project's record types, its own in `types/` included, as they are now."""
        return project_types(self.project.root)[0]

    @property
    def url(self) -> str:
        assert self.httpd is not None
        return f"http://{self.address[0]}:{self.httpd.server_port}/"

    def __enter__(self) -> EditorServer:
        modules = ensure_installed(self.install_root, self.progress)
        self.assets = asset_files(modules)
        self.decap_port = _free_port()
        if self.progress is not None:
            self.progress(strings()["cms"]["starting"])
        self.decap = self._start_decap_server(modules)
        self.page = editor_page(
            config({"name": "proxy", "proxy_url": API, "branch": "main"}, self.types()),
            check_url=CHECK.lstrip("/"),
        )
        self.httpd = http.server.ThreadingHTTPServer(self.address, _handler(self))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
        if self.decap is not None:
            self.decap.terminate()
            self.decap.wait()

    def serve_forever(self) -> None:
        """Run until the decap-server child ends, or a signal stops kb with it
        (`children.stop_on_signals`, which the command sets up first; called from the main
        thread, where Python runs signal handlers)."""
        assert self.decap is not None
        # The kernel may hand a signal to any thread, and Python runs its handler only when
        # the main thread runs again, which a wait without end would not until the child
        # ended: the wait comes back every second (and checks for signals within it).
        while True:
            try:
                self.decap.wait(timeout=1)
                return
            except subprocess.TimeoutExpired:
                continue

    def _start_decap_server(self, modules: Path) -> subprocess.Popen[str]:
        """decap-server on 127.0.0.1 over the project's files, once it is listening. It runs
        in .kb/cms/, so that it reads no .env file of the project's, and ends with kb
        (`children.start`)."""
        env = {
            **os.environ,
            "PORT": str(self.decap_port),
            "BIND_HOST": "127.0.0.1",
            "MODE": "fs",
            "GIT_REPO_DIRECTORY": str(self.project.root),
            "LOG_LEVEL": "info",
        }
        process = start(
            ["node", str(modules / "decap-server" / "dist" / "index.js")],
            cwd=modules.parent,
            env=env,
            stderr=subprocess.STDOUT,
        )
        assert process.stdout is not None
        for line in process.stdout:
            if "listening" in line:
                threading.Thread(target=process.stdout.read, daemon=True).start()
                return process
        process.wait()
        raise EditorError(strings()["cms"]["proxy_unreachable"])

    def run_check(self) -> tuple[list[Record], list[Diagnostic]]:
        """kb check on the files as they are now (one at a time; unchanged files are not
        parsed again)."""
        with self.lock:
            return check(self.project, cache=self.parsed, taken=generated_addresses)

    def restyled(self, body: bytes) -> bytes:
        """A save with each record file written in the style of the file it replaces (see
        generator/site/editor/cms/restyle.py); every other request as it came."""
        try:
            message = json.loads(body)
            params = message["params"] if message.get("action") == "persistEntry" else None
        except (ValueError, KeyError, TypeError, AttributeError):
            return body
        if not isinstance(params, dict):
            return body
        files = [params.get("entry"), *(params.get("dataFiles") or [])]
        for file in files:
            if not isinstance(file, dict) or not isinstance(file.get("raw"), str):
                continue
            path = (self.project.root / str(file.get("path", ""))).resolve()
            if path.suffix == ".yaml" and path.is_relative_to(self.project.data_dir.resolve()):
                original = path.read_text(encoding="utf-8") if path.is_file() else None
                file["raw"] = restyle(file["raw"], original)
        return json.dumps(message, ensure_ascii=False).encode()

    def forward(self, body: bytes) -> tuple[int, bytes]:
        """One request of the editor's to decap-server, and its answer."""
        body = self.restyled(body)
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.decap_port}{API}",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()


def _handler(editor: EditorServer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            """Quiet: the terminal shows what the editor needs, not every request."""

        def send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html"):
                self.send(200, editor.page.encode(), TYPES[".html"])
            elif path == CHECK:
                body = json.dumps(check_result(*editor.run_check()), ensure_ascii=False)
                self.send(200, body.encode(), TYPES[".json"])
            elif path in ("/kontroll", "/kontroll/"):
                self.send(
                    200, check_page(check_result(*editor.run_check())).encode(), TYPES[".html"]
                )
            elif path == PICKERS:
                lists = picker_lists(editor.run_check()[0], editor.types())
                body = json.dumps(lists, ensure_ascii=False)
                self.send(200, body.encode(), TYPES[".json"])
            elif path[1:] in editor.assets:
                self.send(200, editor.assets[path[1:]].read_bytes(), TYPES[Path(path).suffix])
            else:
                self.send(404, b"", "text/plain")

        def from_the_editor(self) -> bool:
            """Whether a save comes from the editor page itself. Another web page open in
            the same browser could otherwise post to this address and write into data/: a
            cross-site form cannot send JSON, and a script on another origin gets no
            permission to (there is no CORS), and the address must be the one served, so
            that no other host name can be made to lead here."""
            port = editor.url.rstrip("/").rsplit(":", 1)[1]
            hosts = {f"{name}:{port}" for name in ("127.0.0.1", "localhost", editor.address[0])}
            host, origin = self.headers.get("Host", ""), self.headers.get("Origin")
            return (
                self.headers.get_content_type() == "application/json"
                and host in hosts
                and (origin is None or origin.removeprefix("http://") in hosts)
            )

        def do_POST(self) -> None:
            if self.path != API:
                self.send(404, b"", "text/plain")
                return
            if not self.from_the_editor():
                self.send(403, b"", "text/plain")
                return
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status, answer = editor.forward(body)
            self.send(status, answer, "application/json; charset=utf-8")

    return Handler
