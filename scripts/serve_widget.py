"""Serves the built web widget (widget/dist/) on WIDGET_PORT (default 8080), with the
standard library only. `make run` starts it beside the two servers.

    python scripts/serve_widget.py [--port 8080] [--host 127.0.0.1] [--rasa-url URL] [--dir widget/dist]

Besides the files it answers /config.json, which tells the page where the Rasa server is:
--rasa-url, or RASA_URL, or else the page's own host name with RASA_PORT (default 5005).
Every answer carries a Content-Security-Policy that lets the page talk to that server only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


class WidgetHandler(SimpleHTTPRequestHandler):
    rasa_url: str | None = None
    rasa_port: int = 5005
    socketio_path: str = "/socket.io"
    quiet: bool = False

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript; charset=utf-8",
        ".map": "application/json",
        ".css": "text/css; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".json": "application/json",
    }

    def server_for_request(self) -> str:
        if self.rasa_url:
            return self.rasa_url.rstrip("/")
        host = urlsplit(f"//{self.headers.get('Host') or 'localhost'}").hostname or "localhost"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.rasa_port}"

    def end_headers(self) -> None:
        server = self.server_for_request()
        ws = "ws" + server[4:] if server.startswith("http") else server
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: http: https:; "
            f"connect-src 'self' {server} {ws}; base-uri 'none'; form-action 'none'; object-src 'none'",
        )
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        if urlsplit(self.path).path == "/config.json":
            body = json.dumps({"server": self.server_for_request(), "path": self.socketio_path}).encode()
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def list_directory(self, path):  # no directory listings
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")
        return None

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        if not self.quiet:
            super().log_message(format, *args)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, default=int(os.environ.get("WIDGET_PORT", "8080")))
    p.add_argument(
        "--host",
        default=os.environ.get("WIDGET_HOST", "127.0.0.1"),
        help="address to listen on (default 127.0.0.1; 0.0.0.0 for other machines)",
    )
    p.add_argument(
        "--rasa-url", default=os.environ.get("RASA_URL"), help="the Rasa server's URL, as the browser sees it"
    )
    p.add_argument("--rasa-port", type=int, default=int(os.environ.get("RASA_PORT", "5005")))
    p.add_argument("--socketio-path", default=os.environ.get("WIDGET_SOCKETIO_PATH", "/socket.io"))
    p.add_argument("--dir", default=str(ROOT / "widget" / "dist"))
    p.add_argument("--quiet", action="store_true", help="no line per request")
    a = p.parse_args(argv)
    directory = Path(a.dir)
    if not (directory / "widget.js").exists():
        print(f"serve_widget: {directory}/widget.js is missing: run scripts/build_widget.sh first", file=sys.stderr)
        return 1
    WidgetHandler.rasa_url, WidgetHandler.rasa_port = a.rasa_url, a.rasa_port
    WidgetHandler.socketio_path, WidgetHandler.quiet = a.socketio_path, a.quiet
    httpd = ThreadingHTTPServer((a.host, a.port), partial(WidgetHandler, directory=str(directory)))
    httpd.daemon_threads = True
    print(
        f"serve_widget: http://{'localhost' if a.host in ('127.0.0.1', '0.0.0.0') else a.host}:{a.port}/ "
        f"(files from {directory})",
        flush=True,
    )
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
