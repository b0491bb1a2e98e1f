#!/usr/bin/env python3
"""Open concord's report.html files in headless Chromium and check them as a reader would.

Usage: scripts/browser_check.py [--shots DIR] NAME=SET_DIR [NAME=SET_DIR ...]

For each set directory (one written by `concord compare` or a `batch` set) it opens report.html
from disk and checks:
  - no console error, uncaught exception or failed request (the page loads nothing);
  - the summary counts on the page equal those of report.md of the same run, and so do the
    numbers of contested points, corroborated clusters and exclusive claims listed;
  - the source filter hides exactly the items of other sources, and the relation filter hides
    a whole kind;
  - a claim's "in article" link opens its article with that claim highlighted (`:target`);
  - the filters are reachable with the keyboard (Tab reaches the source filter);
  - printed, the page keeps every finding and leaves out the filters and the article texts;
  - nothing from the articles ran (the title is concord's, no dialog opened).
It saves screenshots DIR/report-NAME.png (the first screen), DIR/report-NAME-graph.png (the
sources graph) and DIR/report-NAME-article.png (after following a claim's link). Exit status 1 when a check fails.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe): Python's
standard library is all it needs. Set CHROMIUM to the browser binary (default: chromium).
"""

import argparse
import base64
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
    "--window-size=1280,900",
]
WIDTH, HEIGHT = 1280, 900
TIMEOUT = 60.0


class Browser:
    """Chromium with the DevTools protocol on file descriptors 3 (commands) and 4 (replies)."""

    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="concord-chromium-")
        cmd_r, cmd_w = os.pipe()
        out_r, out_w = os.pipe()
        # Out of the way of 3 and 4 before moving them there in the child.
        high = [os.dup2(fd, 100 + i, inheritable=False) for i, fd in enumerate((cmd_r, out_w))]
        for fd in (cmd_r, out_w):
            os.close(fd)

        def child_fds():
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=child_fds,
            close_fds=False,
        )
        for fd in high:
            os.close(fd)
        self.send_fd, self.recv_fd = cmd_w, out_r
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.recv_fd], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self.recv_fd, 1 << 20)
            if not chunk:
                err = self.proc.stderr.read().decode("utf-8", "replace") if self.proc.stderr else ""
                raise RuntimeError(f"Chromium closed the DevTools pipe\n{err[-2000:]}")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.send_fd, json.dumps(message).encode() + b"\0")
        deadline = time.time() + TIMEOUT
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_event(self, method):
        deadline = time.time() + TIMEOUT
        for i, event in enumerate(self.events):
            if event["method"] == method:
                return self.events.pop(i)
        while True:
            event = self._read_message(deadline)
            if event.get("method") == method:
                return event
            if "method" in event:
                self.events.append(event)

    def open_page(self):
        targets = self.call("Target.getTargets", session=False)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}, session=False
        )["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
        )

    def navigate(self, url):
        self.events.clear()
        self.call("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def key(self, key, code, vk):
        for kind in ("keyDown", "keyUp"):
            self.call(
                "Input.dispatchKeyEvent",
                {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": vk},
            )

    def screenshot(self, path, clip=None):
        params = {"format": "png"}
        if clip:
            params.update(clip=dict(clip, scale=1), captureBeyondViewport=True)
        data = self.call("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def problems(self):
        """Console errors, uncaught exceptions and failed loads seen so far."""
        out = []
        for e in self.events:
            p = e.get("params", {})
            if e["method"] == "Runtime.exceptionThrown":
                out.append(f"exception: {p['exceptionDetails'].get('text')}")
            elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append(f"console.{p['type']}: {[a.get('value') for a in p.get('args', [])]}")
            elif e["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
                out.append(f"log: {p['entry'].get('text')}")
            elif e["method"] == "Page.javascriptDialogOpening":
                out.append(f"a dialog opened: {p.get('message')!r}")
            elif e["method"] == "Network.loadingFailed":
                out.append(f"load failed: {p.get('errorText')}")
        return out

    def close(self):
        try:
            self.call("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.send_fd, self.recv_fd):
            os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)


SUMMARY = re.compile(
    r"^(\d+) articles? from (\d+) sources? · (\d+) claims · \*\*(\d+) corroborated\*\* · "
    r"\*\*(\d+) contested\*\* · (\d+) exclusive · (\d+) near-duplicate",
    re.M,
)


def markdown_counts(md):
    """The counts report.md gives: its summary line, and the items each section lists."""
    m = SUMMARY.search(md)
    if not m:
        raise ValueError("report.md has no summary line")
    keys = ["articles", "sources", "claims", "corroborated", "contested", "exclusive", "near_duplicates"]
    counts = dict(zip(keys, map(int, m.groups())))

    def section(title):
        start = md.find(f"\n## {title}\n")
        if start < 0:
            return ""
        end = md.find("\n## ", start + 1)
        return md[start : end if end >= 0 else len(md)]

    counts["listed_contested"] = len(re.findall(r"^### \d+\. ", section("Contested points"), re.M))
    counts["listed_corroborated"] = len(re.findall(r"^### \d+\. ", section("Corroborated claims"), re.M))
    counts["listed_exclusive"] = len(
        [l for l in section("Exclusive claims").splitlines() if l.startswith("- ") and not l.startswith("- … and")]
    )
    return counts


PAGE_COUNTS = """(() => {
  const c = {};
  document.querySelectorAll('[data-count]').forEach(el => {
    c[el.dataset.count] = parseInt(el.querySelector('b').textContent, 10);
  });
  c.listed_contested = document.querySelectorAll('.item[data-kind=contested]').length;
  c.listed_corroborated = document.querySelectorAll('.item[data-kind=corroborated]').length;
  c.listed_exclusive = document.querySelectorAll('.item[data-kind=exclusive]').length;
  return c;
})()"""

VISIBLE = "(el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length))"


def check_set(browser, name, set_dir, shots):
    failures = []
    html = os.path.abspath(os.path.join(set_dir, "report.html"))
    with open(os.path.join(set_dir, "report.md"), encoding="utf-8") as f:
        expected = markdown_counts(f.read())
    browser.navigate("file://" + html)
    time.sleep(0.3)  # let late console messages arrive

    got = browser.evaluate(PAGE_COUNTS)
    for key, value in expected.items():
        if got.get(key) != value:
            failures.append(f"{key}: page {got.get(key)}, report.md {value}")

    browser.screenshot(os.path.join(shots, f"report-{name}.png"))
    figure = browser.evaluate(
        "(() => { const f = document.querySelector('figure.graph'); if (!f) return null; "
        "const r = f.getBoundingClientRect(); return {x: r.left + window.scrollX, "
        "y: r.top + window.scrollY, width: r.width, height: Math.min(r.height, 1600)}; })()"
    )
    if figure:
        browser.screenshot(os.path.join(shots, f"report-{name}-graph.png"), clip=figure)

    # Keyboard: Tab from the top of the page reaches the source filter.
    browser.evaluate("document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0)")
    reached = False
    for _ in range(40):
        browser.key("Tab", "Tab", 9)
        if browser.evaluate("document.activeElement && document.activeElement.id") == "f-source":
            reached = True
            break
    if not reached:
        failures.append("Tab never reaches the source filter")

    # Source filter: pick the source with the fewest items but at least one.
    keys = browser.evaluate(
        "[...document.querySelectorAll('#f-source option')].map(o => o.value).filter(v => v)"
    )
    per_key = browser.evaluate(
        "(() => { const n = {}; document.querySelectorAll('.item[data-kind]').forEach(el => "
        "(el.dataset.sources || '').split(' ').filter(k => k).forEach(k => n[k] = (n[k] || 0) + 1)); return n; })()"
    )
    total = sum(got[k] for k in ("listed_contested", "listed_corroborated", "listed_exclusive"))
    candidates = sorted((per_key.get(k, 0), k) for k in keys if per_key.get(k, 0) > 0)
    if candidates:
        want, key = candidates[0]
        state = browser.evaluate(
            f"""(() => {{
  const s = document.getElementById('f-source');
  s.value = {json.dumps(key)};
  s.dispatchEvent(new Event('change', {{bubbles: true}}));
  const vis = {VISIBLE};
  const items = [...document.querySelectorAll('.item[data-kind]')];
  return {{
    shown: items.filter(vis).length,
    wrong: items.filter(el => vis(el) && !(' ' + el.dataset.sources + ' ').includes(' ' + {json.dumps(key)} + ' ')).length,
    status: document.getElementById('f-status').value,
  }};
}})()"""
        )
        if state["shown"] != want or state["wrong"]:
            failures.append(f"source filter {key}: {state['shown']} shown ({state['wrong']} of other sources), {want} expected")
        if f"Showing {want} of {total}" not in state["status"]:
            failures.append(f"filter status says {state['status']!r}, expected 'Showing {want} of {total}'")
        browser.evaluate("document.getElementById('filters').reset()")
        time.sleep(0.1)
    elif total:
        failures.append("no source filter option selects any item")

    # Relation filter: unticking "exclusive" hides every exclusive claim, and nothing else.
    state = browser.evaluate(
        f"""(() => {{
  const box = document.querySelector('input[name=kind][value=exclusive]');
  box.checked = false;
  box.dispatchEvent(new Event('change', {{bubbles: true}}));
  const vis = {VISIBLE};
  const r = {{
    exclusive: [...document.querySelectorAll('.item[data-kind=exclusive]')].filter(vis).length,
    others: [...document.querySelectorAll('.item[data-kind]:not([data-kind=exclusive])')].filter(vis).length,
    section: vis(document.querySelector('[data-section=exclusive]')),
  }};
  document.getElementById('filters').reset();
  return r;
}})()"""
    )
    others = got["listed_contested"] + got["listed_corroborated"]
    if state["exclusive"] or state["section"] or state["others"] != others:
        failures.append(f"relation filter: {state}, expected no exclusive shown and {others} others")
    time.sleep(0.1)

    # A claim's link opens its article with the claim highlighted.
    link = browser.evaluate(
        "(() => { const a = document.querySelector('.item[data-kind=contested] a.in-article, "
        ".item[data-kind=corroborated] a.in-article, a.in-article'); if (!a) return null; "
        "a.click(); return a.getAttribute('href'); })()"
    )
    if link:
        time.sleep(0.5)
        state = browser.evaluate(
            f"""(() => {{
  const t = document.querySelector(':target');
  return {{
    target: t && t.id,
    visible: !!t && {VISIBLE}(t),
    open: !!t && (!t.closest('details') || t.closest('details').open),
    highlighted: !!t && getComputedStyle(t).backgroundColor !== 'rgba(0, 0, 0, 0)',
  }};
}})()"""
        )
        if state["target"] != link[1:] or not (state["visible"] and state["open"] and state["highlighted"]):
            failures.append(f"claim link {link}: {state}")
        browser.screenshot(os.path.join(shots, f"report-{name}-article.png"))
    elif got["claims"]:
        failures.append("no claim links to its article")

    # Printable: in print media the filters and the article texts are left out, the findings
    # are not.
    browser.call("Emulation.setEmulatedMedia", {"media": "print"})
    state = browser.evaluate(
        f"""(() => {{
  const vis = {VISIBLE};
  return {{
    filters: vis(document.querySelector('.filters')),
    articles: vis(document.querySelector('.articles')),
    summary: vis(document.getElementById('summary')),
    items: [...document.querySelectorAll('.item[data-kind]')].filter(vis).length,
  }};
}})()"""
    )
    browser.call("Emulation.setEmulatedMedia", {"media": ""})
    if state["filters"] or state["articles"] or not state["summary"] or state["items"] != total:
        failures.append(f"print view: {state}, expected no filters or articles and {total} items")

    # Nothing in the articles ran: the title is concord's and no dialog opened.
    title = browser.evaluate("document.title")
    if not title.startswith("concord report"):
        failures.append(f"the page title was changed to {title!r}: an article's script ran")
    failures.extend(browser.problems())
    return got, failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="+", metavar="NAME=SET_DIR")
    ap.add_argument("--shots", default="docs", help="where screenshots go (default: docs)")
    args = ap.parse_args()
    binary = os.environ.get("CHROMIUM", "chromium")
    if not shutil.which(binary):
        sys.exit(f"browser_check: {binary} not found (apt-get install chromium)")
    os.makedirs(args.shots, exist_ok=True)
    browser = Browser(binary)
    failed = False
    try:
        browser.open_page()
        for spec in args.sets:
            name, _, set_dir = spec.partition("=")
            got, failures = check_set(browser, name, set_dir, args.shots)
            summary = ", ".join(f"{k} {got.get(k)}" for k in ("articles", "sources", "claims", "corroborated", "contested", "exclusive"))
            if failures:
                failed = True
                print(f"FAIL {name} ({set_dir}): {summary}")
                for f in failures:
                    print(f"  - {f}")
            else:
                print(f"ok   {name} ({set_dir}): {summary}; screenshots {args.shots}/report-{name}*.png")
    finally:
        browser.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
