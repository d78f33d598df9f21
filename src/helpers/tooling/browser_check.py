"""Check in headless Chromium, offline, that a report's tables sort and search.

``python -m helpers.tooling.browser_check report.html --query word``.

A report is shared as one HTML file and opened anywhere, often without a
network. This opens it in headless Chromium with every network request sent
to a dead proxy (so only what the file embeds can work), types a query into
the search box of an interactive table, and reads the table's row count
before and after: the check passes when the rows were filtered. It also
reports any JavaScript dialog (``alert``) the page opened, which is how
corpus text that escaped into markup would show itself.

Chromium is driven through the DevTools protocol over a pipe
(``--remote-debugging-pipe``: NUL-terminated JSON on file descriptors 3 and
4), so nothing but the ``chromium`` binary is needed: no websocket client,
no downloaded browser. Install it with ``apt-get install -y chromium``.

Usage: ``python -m helpers.tooling.browser_check reports/02_word_frequencies.html
--query забастовка [--table 0]``; exit status 0 when the rows were filtered.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SearchCheck", "check_table_search", "find_chromium"]

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")

#: JavaScript run in the page: the interactive tables and their "Showing … entries" lines.
_STATE_JS = """
(() => {
  const tables = [...document.querySelectorAll('table.dataTable')];
  return JSON.stringify(tables.map(t => {
    const box = t.closest('.dt-container');
    const info = box ? box.querySelector('.dt-info') : null;
    return {rows: t.querySelectorAll('tbody tr').length,
            info: info ? info.textContent : '',
            search: !!(box && box.querySelector('input[type=search]'))};
  }));
})()
"""

_TYPE_JS = """
((index, query) => {
  const t = document.querySelectorAll('table.dataTable')[index];
  const input = t.closest('.dt-container').querySelector('input[type=search]');
  input.focus();
  input.value = query;
  for (const kind of ['input', 'keyup', 'search', 'change']) {
    input.dispatchEvent(new Event(kind, {bubbles: true}));
  }
  return true;
})(%d, %s)
"""


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) binary on PATH, or None."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class SearchCheck:
    """What the browser saw: tables found, rows before and after the search, dialogs, requests."""

    tables: int = 0
    table: int = 0
    before: str = ""
    after: str = ""
    rows_before: int = 0
    rows_after: int = 0
    dialogs: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)

    @property
    def filtered(self) -> bool:
        return self.tables > 0 and self.before != self.after and self.rows_after <= self.rows_before


class _Pipe:
    """DevTools protocol over Chromium's debugging pipe."""

    def __init__(self, binary: str, profile: str):
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        args = [
            binary,
            "--headless=new",
            "--remote-debugging-pipe",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            f"--user-data-dir={profile}",
            # Offline: every http(s) request goes to a proxy that is not there.
            "--proxy-server=http://127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "about:blank",
        ]

        def wire() -> None:
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.process = subprocess.Popen(
            args,
            pass_fds=(3, 4),
            preexec_fn=wire,  # fds 3/4 carry the protocol; set before exec
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_chrome, 65536)
            if not chunk:
                raise RuntimeError("Chromium closed the debugging pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        for fd in (self._to_chrome, self._from_chrome):
            with contextlib.suppress(OSError):
                os.close(fd)


def _evaluate(pipe: _Pipe, session: str, expression: str):
    result = pipe.send(
        "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session
    )
    return result.get("result", {}).get("value")


def check_table_search(
    html_file: str | os.PathLike[str],
    query: str,
    *,
    table: int | None = None,
    chromium: str | None = None,
    timeout: float = 30.0,
) -> SearchCheck:
    """Open ``html_file`` offline in headless Chromium and search ``query`` in one of its tables.

    ``table`` is the index of the interactive table among those on the page;
    default: the first with a search box. Raises FileNotFoundError without
    Chromium and TimeoutError when no interactive table appears in ``timeout``
    seconds (its scripts did not run: for instance loaded from the network).
    """
    binary = chromium or find_chromium()
    if binary is None:
        raise FileNotFoundError("no chromium on PATH (apt-get install -y chromium)")
    url = Path(html_file).resolve().as_uri()
    check = SearchCheck()
    with tempfile.TemporaryDirectory(prefix="browser-check-") as profile:
        pipe = _Pipe(binary, profile)
        try:
            target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
                "sessionId"
            ]
            for domain in ("Page", "Runtime", "Network"):
                pipe.send(f"{domain}.enable", {}, session)
            pipe.send("Page.navigate", {"url": url}, session)
            deadline = time.monotonic() + timeout
            states = []
            while time.monotonic() < deadline:
                states = json.loads(_evaluate(pipe, session, _STATE_JS) or "[]")
                if any(s["search"] and s["info"] for s in states):
                    break
                time.sleep(0.25)
            else:
                if states:
                    raise TimeoutError(
                        f"{html_file}: {len(states)} interactive table(s), none with a search "
                        "box (tables no longer than one page have none)"
                    )
                raise TimeoutError(f"{html_file}: no interactive table after {timeout:.0f} s")
            check.tables = len(states)
            check.table = (
                table if table is not None else next(i for i, s in enumerate(states) if s["search"])
            )
            check.before = states[check.table]["info"]
            check.rows_before = states[check.table]["rows"]
            _evaluate(pipe, session, _TYPE_JS % (check.table, json.dumps(query)))
            while time.monotonic() < deadline:
                state = json.loads(_evaluate(pipe, session, _STATE_JS))[check.table]
                if state["info"] != check.before:
                    break
                time.sleep(0.25)
            check.after = state["info"]
            check.rows_after = state["rows"]
            for event in pipe.events:
                method = event.get("method")
                params = event.get("params", {})
                if method == "Page.javascriptDialogOpening":
                    check.dialogs.append(params.get("message", ""))
                    pipe.send("Page.handleJavaScriptDialog", {"accept": True}, session)
                elif method == "Network.requestWillBeSent":
                    request_url = params.get("request", {}).get("url", "")
                    if request_url.startswith(("http:", "https:")):
                        check.blocked_requests.append(request_url)
        finally:
            pipe.close()
    return check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="a rendered report (reports/NN_name.html)")
    parser.add_argument("--query", required=True, help="text to type into the search box")
    parser.add_argument("--table", type=int, default=None, help="which table (default: first)")
    args = parser.parse_args(argv)
    try:
        check = check_table_search(args.html, args.query, table=args.table)
    except (FileNotFoundError, TimeoutError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{check.tables} interactive table(s); table {check.table}, search {args.query!r}")
    print(f"  before: {check.before}  ({check.rows_before} rows shown)")
    print(f"  after:  {check.after}  ({check.rows_after} rows shown)")
    print(f"  network requests blocked (page still worked): {len(check.blocked_requests)}")
    if check.dialogs:
        print(f"  JavaScript dialogs opened: {check.dialogs}")
    ok = check.filtered and not check.dialogs
    if ok:
        print("OK: the search box filters rows offline")
    elif check.tables and check.before == check.after:
        print("FAILED: the rows did not change (does every row contain the query? try another)")
    else:
        print("FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
