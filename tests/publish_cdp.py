#!/usr/bin/env python3
"""The page `budgetsim publish` writes, in a real browser, as a reader uses it.

Debian's chromium, headless, driven through the DevTools protocol over a pipe
(--remote-debugging-pipe: commands on its fd 3, replies and events on its
fd 4, each message JSON ended by a NUL byte, as puppeteer's pipe transport),
with the standard library only: the test must run where there is no npm and
no pip.

The page's test contract (docs in /work/notes/helper16-common.md, "The page"):
window.bsPage.ready, bsPage.current() -> {slot, file, sets, result, ms},
bsPage.scenarioText(), every lever an <input data-path=... data-kind=...>
with a <label>, the settings in the URL fragment, bsPage.select(slot) or a
control with data-scenario-slot for a second scenario.

What is checked, and against what:
- the numbers at load, each lever moved by the keyboard, the settings read
  back from the URL fragment and the downloaded scenario: against
  `budgetsim run FILE --set TEXT... --format json`, each value printed as the
  CLI prints reals (10 significant digits, jansson's style), so a difference
  in the last printed digit fails;
- Tab reaches every lever in document order; each recompute under 16 ms (the
  page's own figure); no request other than file:, data: or blob:; no
  uncaught script error; the phone-sized page no wider than the screen.
--self-test skips the CLI comparisons (for the fake page in
tests/fixtures/publish-fake.html) and runs everything else; --budgetsim fake
compares the fake page with a CLI of its own arithmetic (--fake-cli below),
so that the comparisons themselves are seen to pass and to fail.

usage: publish_cdp.py --page FILE.html --budgetsim BIN --scenario FILE
                      [--scenario FILE2] --out DIR [--self-test] [--query ?fault=...]
"""
import argparse
import atexit
import fcntl
import json
import os
import pathlib
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

TAG = "publish"
CHROMIUM = "/usr/bin/chromium"


class Failure(Exception):
    pass


# ---------------------------------------------------------------- the browser

class Browser:
    """One chromium, one page target, spoken to over the pipe."""

    def __init__(self, log_path):
        self.profile = tempfile.mkdtemp(prefix="bs-publish-chromium-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        flags = [
            "--headless=new", "--remote-debugging-pipe", "--disable-gpu",
            "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
            "--disable-extensions", "--disable-background-networking",
            "--disable-sync", "--disable-component-update", "--mute-audio",
            "--disable-features=Translate,MediaRouter,OptimizationHints",
            "--metrics-recording-only", "--password-store=basic",
            "--user-data-dir=" + self.profile,
        ]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")  # chromium refuses to run as root with it

        def fds():
            # The child's ends onto 3 and 4, by way of high numbers so that
            # neither overwrites the other.
            r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 20)
            w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 20)
            os.dup2(r, 3)
            os.dup2(w, 4)
            os.close(r)
            os.close(w)

        # chromium's helpers outlive its main process by a moment; as this
        # process's orphans (not init's) they are reaped here at the end,
        # not left as zombies in a container whose init reaps nothing.
        try:
            import ctypes
            ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
        except (OSError, AttributeError):
            pass
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(
            [CHROMIUM] + flags + ["about:blank"], stdin=subprocess.DEVNULL,
            stdout=self.log, stderr=self.log, preexec_fn=fds, close_fds=False,
            start_new_session=True)
        os.close(to_child_r)
        os.close(from_child_w)
        self.next_id = 0
        self.replies = {}
        self.events = []
        self.cond = threading.Condition()
        self.closed = False
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        self.session = None

    def _read(self):
        buf = b""
        while True:
            try:
                chunk = os.read(self.from_child, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self.cond:
                    self.closed = True
                    self.cond.notify_all()
                return
            buf += chunk
            while b"\0" in buf:
                msg, buf = buf.split(b"\0", 1)
                try:
                    m = json.loads(msg)
                except ValueError:
                    continue
                with self.cond:
                    if "id" in m:
                        self.replies[m["id"]] = m
                    else:
                        self.events.append(m)
                    self.cond.notify_all()

    def send(self, method, params=None, session=True, timeout=30):
        with self.lock:
            self.next_id += 1
            mid = self.next_id
        msg = {"id": mid, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        data = json.dumps(msg).encode() + b"\0"
        os.write(self.to_child, data)
        deadline = time.monotonic() + timeout
        with self.cond:
            while mid not in self.replies:
                left = deadline - time.monotonic()
                if self.closed or left <= 0:
                    raise Failure("chromium did not answer %s (%s)" % (
                        method, "it closed the pipe" if self.closed else "timeout"))
                self.cond.wait(left)
            reply = self.replies.pop(mid)
        if "error" in reply:
            raise Failure("%s: %s" % (method, reply["error"].get("message")))
        return reply.get("result", {})

    def attach(self):
        targets = self.send("Target.getTargets", session=False)["targetInfos"]
        pages = [t for t in targets if t["type"] == "page"]
        if pages:
            tid = pages[0]["targetId"]
        else:
            tid = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": tid, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(domain + ".enable")

    def events_of(self, method):
        with self.cond:
            return [e["params"] for e in self.events if e.get("method") == method]

    def close(self):
        if self.proc.poll() is None:
            try:
                self.send("Browser.close", session=False, timeout=5)
            except Failure:
                pass
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                pass
        # Whatever is left of the process group this script started.
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        for pid in orphans():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                time.sleep(0.02)
        for fd in (self.to_child, self.from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def orphans():
    """chromium's processes left as this process's children (its helpers,
    reparented here by the subreaper flag), by pid."""
    me, found = os.getpid(), []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read()
        except OSError:
            continue
        comm = st[st.index("(") + 1:st.rindex(")")]
        ppid = int(st[st.rindex(")") + 2:].split()[1])
        if ppid == me and "chrom" in comm:
            found.append(int(d))
    return found


B = None  # the one browser, for the small functions below


def send(method, params=None):
    return B.send(method, params)


def evaluate(expr, timeout=30):
    r = B.send("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                    "awaitPromise": True}, timeout=timeout)
    if "exceptionDetails" in r:
        d = r["exceptionDetails"]
        text = d.get("exception", {}).get("description") or d.get("text")
        raise Failure("script error in %r: %s" % (expr[:80], (text or "").splitlines()[0]))
    v = r.get("result", {})
    return v.get("value")


KEYS = {  # key, code, windowsVirtualKeyCode, text (as puppeteer's US layout)
    "Tab": ("Tab", "Tab", 9, None),
    "ArrowLeft": ("ArrowLeft", "ArrowLeft", 37, None),
    "ArrowUp": ("ArrowUp", "ArrowUp", 38, None),
    "ArrowRight": ("ArrowRight", "ArrowRight", 39, None),
    "ArrowDown": ("ArrowDown", "ArrowDown", 40, None),
    "Space": (" ", "Space", 32, " "),
    "Enter": ("Enter", "Enter", 13, "\r"),
}


def key(name):
    k, code, vk, text = KEYS[name]
    down = {"type": "keyDown" if text else "rawKeyDown", "key": k, "code": code,
            "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk}
    if text:
        down["text"] = text
        down["unmodifiedText"] = text
    send("Input.dispatchKeyEvent", down)
    send("Input.dispatchKeyEvent", {"type": "keyUp", "key": k, "code": code,
                                    "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk})


def metrics(width, height, mobile=False):
    send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                "deviceScaleFactor": 1, "mobile": mobile})


def screenshot(path, width, height, mobile=False, full=False):
    metrics(width, height, mobile)
    params = {"format": "png"}
    if full:
        lm = send("Page.getLayoutMetrics")
        size = lm.get("cssContentSize") or lm["contentSize"]
        h = max(height, int(size["height"] + 0.999))
        params.update({"captureBeyondViewport": True,
                       "clip": {"x": 0, "y": 0, "width": width, "height": h, "scale": 1}})
    data = send("Page.captureScreenshot", params)["data"]
    import base64
    raw = base64.b64decode(data)
    with open(path, "wb") as f:
        f.write(raw)
    return png_size(raw)


def png_size(raw):
    if raw[:8] != b"\x89PNG\r\n\x1a\n" or raw[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", raw[16:24])


def requests():
    """Every URL the page asked for (Network.requestWillBeSent)."""
    return [e["request"]["url"] for e in B.events_of("Network.requestWillBeSent")]


# ---------------------------------------------------------------- reporting

passed = 0
failed = 0


def ok(check, text=""):
    global passed
    passed += 1
    print("%s: %s: ok%s" % (TAG, check, " " + text if text else ""), flush=True)


def fail(check, text):
    global failed
    failed += 1
    print("%s: %s: FAIL %s" % (TAG, check, text), flush=True)


def note(text):
    print("%s: note: %s" % (TAG, text), flush=True)


def verdict(check, problems, good_text="", limit=12):
    if problems:
        more = " (and %d more)" % (len(problems) - limit) if len(problems) > limit else ""
        fail(check, "; ".join(problems[:limit]) + more)
    else:
        ok(check, good_text)


# ---------------------------------------------------------------- the page

def wait_for(expr, timeout, what):
    deadline = time.monotonic() + timeout
    while True:
        try:
            v = evaluate(expr)
        except Failure:
            v = None
        if v:
            return v
        if time.monotonic() > deadline:
            raise Failure("%s: not within %g s" % (what, timeout))
        time.sleep(0.005)


# Runs before the page's own scripts: the time (performance.now(), from the
# navigation's start) when bsPage.ready is first seen true.
READY_WATCH = """
(function () {
  var t = setInterval(function () {
    if (window.bsPage && window.bsPage.ready) { window.__bsReadyAt = performance.now(); clearInterval(t); }
  }, 1);
})();
"""


def open_page(url):
    """Navigate afresh (about:blank first, so that a new fragment is a new
    document, not a scroll) and wait for bsPage.ready; the load time in ms."""
    send("Page.navigate", {"url": "about:blank"})
    wait_for("document.readyState === 'complete' && location.href === 'about:blank'", 10, "about:blank")
    t0 = time.monotonic()
    r = send("Page.navigate", {"url": url})
    if r.get("errorText"):
        raise Failure("navigate %s: %s" % (url, r["errorText"]))
    wait_for("!!(window.bsPage && window.bsPage.ready)", 20, "bsPage.ready")
    wall = (time.monotonic() - t0) * 1000
    at = wait_for("window.__bsReadyAt || performance.now()", 5, "ready time")
    return at, wall


def current():
    return json.loads(evaluate("JSON.stringify(window.bsPage.current())"))


LEVERS_JS = """
Array.from(document.querySelectorAll('[data-path]')).map(function (e, i) {
  var labels = (e.labels && e.labels.length) ? Array.from(e.labels).map(function (l) { return l.textContent.trim(); }) : [];
  return {i: i, path: e.getAttribute('data-path'), kind: e.getAttribute('data-kind'),
          tag: e.tagName.toLowerCase(), type: e.type || '', min: e.min, max: e.max, step: e.step,
          value: e.value, checked: !!e.checked, disabled: !!e.disabled,
          visible: e.getClientRects().length > 0,
          label: labels.join(' ') || e.getAttribute('aria-label') || ''};
})
"""

ACTIVE_JS = """
(function () {
  var a = document.activeElement;
  var all = Array.from(document.querySelectorAll('[data-path]'));
  var i = all.indexOf(a);
  var det = null;
  if (a && a.tagName === 'SUMMARY' && a.parentElement && a.parentElement.tagName === 'DETAILS'
      && !a.parentElement.open) det = true;
  return {i: i, tag: a ? a.tagName.toLowerCase() : null, closedSummary: !!det};
})()
"""


# A message the page shows in place of its numbers: an element with
# role="alert" or id="error", shown and not empty (a failure the page caught
# itself, which no uncaught-exception event reports).
ALERT_JS = """Array.from(document.querySelectorAll('[role=alert], #error')).filter(function (e) {
  return !e.hidden && e.getClientRects().length > 0 && e.textContent.trim() !== ''; })
  .map(function (e) { return e.textContent.trim().slice(0, 200); })"""
shown_alerts = {}


def watch_alerts(where):
    for t in evaluate(ALERT_JS) or []:
        shown_alerts.setdefault(t, where)


def lever_keys(lv):
    """The key that moves a lever one step, and the one that puts it back."""
    if lv["type"] == "checkbox" or lv["kind"] == "bool":
        return "Space", "Space"
    if lv["type"] == "number":
        up, down = "ArrowUp", "ArrowDown"
    else:
        up, down = "ArrowRight", "ArrowLeft"
    try:
        v, top = float(lv["value"]), float(lv["max"])
        st = float(lv["step"]) if lv["step"] not in ("", "any") else 1.0
        if v + st > top + 1e-12:
            return down, up  # at the top already: a step down and back up
    except (TypeError, ValueError):
        pass
    return up, down


# Two animation frames (a page may recompute in requestAnimationFrame after
# its settings change), or 200 ms if frames do not come.
SETTLE_JS = """new Promise(function (r) { var d = false; function f() { if (!d) { d = true; r(1); } }
  requestAnimationFrame(function () { requestAnimationFrame(f); }); setTimeout(f, 200); })"""


def settled():
    """bsPage.current() once it no longer changes from one frame to the next."""
    prev = None
    for _ in range(8):
        evaluate(SETTLE_JS)
        cur = current()
        if prev is not None and json.dumps(cur, sort_keys=True) == json.dumps(prev, sort_keys=True):
            return cur
        prev = cur
    raise Failure("bsPage.current() still changing after 8 frames")


def wait_sets(before, timeout=5.0, want=None):
    """Poll bsPage.current().sets until it differs from BEFORE (or equals
    WANT); the new current() and the seconds it took, or None."""
    t0 = time.monotonic()
    while True:
        cur = current()
        if (want is None and cur.get("sets") != before) or (want is not None and cur.get("sets") == want):
            took = time.monotonic() - t0
            return settled(), took
        if time.monotonic() - t0 > timeout:
            return None, timeout
        time.sleep(0.002)


# ---------------------------------------------------------------- the CLI

def fmt(v):
    """A number as the CLI's JSON prints a real: jansson with precision 10
    ('%.10g', '.0' added to an integral value, the exponent without '+' or
    leading zeros)."""
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    s = "%.10g" % v
    if "e" in s:
        m, e = s.split("e")
        s = "%se%d" % (m, int(e))
    elif "." not in s and "inf" not in s and "nan" not in s:
        s += ".0"
    return s


def same_number(page_v, cli_v):
    """PAGE_V a float from the page, CLI_V the CLI's literal text (or int)."""
    if page_v is None or cli_v is None:
        return page_v is None and cli_v is None
    if isinstance(cli_v, bool) or isinstance(page_v, bool):
        return page_v == cli_v
    if isinstance(cli_v, int):
        return float(page_v) == cli_v
    a, b = fmt(float(page_v)), cli_v
    if a == b:
        return True
    # -0 and 0: the page's JSON cannot keep the sign of zero.
    return a.lstrip("-") == b.lstrip("-") and float(b) == 0


def cli(bin_, args):
    cmd = [sys.executable, os.path.abspath(__file__), "--fake-cli"] if bin_ == "fake" else [bin_]
    p = subprocess.run(cmd + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if p.returncode != 0:
        raise Failure("%s %s: exit %d: %s" % (bin_, " ".join(args), p.returncode,
                                              p.stderr.decode(errors="replace").strip()[:300]))
    return json.loads(p.stdout, parse_float=str)


# how many amendments the page's scenario SLOT has (0 for a page without publish's data)
AMENDMENTS_JS = ("(function(){var e=document.getElementById('bs-data'); if (!e) return 0;"
                 " var d=JSON.parse(e.textContent); return (d.scenarios[%d] || {}).amendments || 0;})()")


class Cli:
    def __init__(self, bin_):
        self.bin = bin_
        self.proposed = {}  # scenario -> True when run must be --as-proposed
        self.stripped = {}  # scenario -> the page's own file of it, without its amendments (see decide)

    def run_file(self, path, like):
        """PATH run as the scenario LIKE is (--as-proposed or not)."""
        return cli(self.bin, ["run", path] + (["--as-proposed"] if self.proposed.get(like) else [])
                   + ["--format", "json"])

    def run(self, scenario, sets=()):
        if scenario in self.stripped:
            args = ["run", self.stripped[scenario]]
            for s in sets:
                args += ["--set", s]
            return cli(self.bin, args + ["--format", "json"])
        args = ["run", scenario]
        for s in sets:
            args += ["--set", s]
        if self.proposed.get(scenario):
            args.append("--as-proposed")
        return cli(self.bin, args + ["--format", "json"])

    def strip(self, scenario, text, out):
        """A scenario with amendments: the page votes on the budget as it
        stands, holding no meeting, and its scenario file leaves them out.
        That file (TEXT, from the page at load) is what the page is then
        compared with, after checking that its budget is the published
        file's as proposed, row for row."""
        path = os.path.join(out, "stripped-%s" % os.path.basename(scenario))
        with open(path, "w") as f:
            f.write(text)
        a = cli(self.bin, ["run", path, "--format", "json"])
        b = cli(self.bin, ["run", scenario, "--as-proposed", "--format", "json"])
        ra = {r["key"]: r["values"] for r in a.get("rows", [])}
        rb = {r["key"]: r["values"] for r in b.get("rows", [])}
        if ra != rb:
            raise Failure("%s: the page's file without amendments runs to another budget than run --as-proposed" % scenario)
        self.stripped[scenario] = path
        note("%s has amendments: the page (no meeting) is compared with run of its own file without them, %s, "
             "whose budget is run --as-proposed's, row for row" % (scenario, path))

    def decide(self, scenario, page):
        """For a scenario whose amendments pass at its meeting, which budget
        the page shows: the adopted one (publish packed the scenario after
        the meeting) or the one proposed (the model core holds no meeting).
        Whichever of `run` and `run --as-proposed` agrees with the page at
        load is the one every later comparison uses."""
        d = cli(self.bin, ["run", scenario, "--format", "json"])
        v = d.get("vote") or {}
        if v.get("amendments_passed"):
            p = cli(self.bin, ["run", scenario, "--as-proposed", "--format", "json"])
            da, dp = len(compare(page, d, "")), len(compare(page, p, ""))
            self.proposed[scenario] = dp < da
            note("%s: %s amendment(s) pass at its meeting; the page is compared with run%s "
                 "(%d differences at load with it, %d with run%s)"
                 % (scenario, v["amendments_passed"], " --as-proposed" if dp < da else "",
                    min(da, dp), max(da, dp), "" if dp < da else " --as-proposed"))


def compare(page, clij, where, notes=None):
    """Differences between the page's result (bsPage.current().result) and
    the CLI's run JSON, one line each; NOTES collects what one side lacks."""
    out = []
    notes = notes if notes is not None else []
    res = page.get("result") or {}
    if res.get("years") != clij.get("years"):
        out.append("%s: years %s (page) vs %s (CLI)" % (where, res.get("years"), clij.get("years")))
    prows = res.get("rows") or {}
    crows = {r["key"]: r["values"] for r in clij.get("rows", [])}
    years = clij.get("years") or []
    common = [k for k in crows if k in prows]
    if not common:
        out.append("%s: no row key in both (page %d rows, CLI %d)" % (where, len(prows), len(crows)))
    only_c = [k for k in crows if k not in prows]
    only_p = [k for k in prows if k not in crows]
    if only_c:
        notes.append("rows only in the CLI: " + ", ".join(only_c[:8]) + (" ..." if len(only_c) > 8 else ""))
    if only_p:
        notes.append("rows only on the page: " + ", ".join(only_p[:8]) + (" ..." if len(only_p) > 8 else ""))
    for k in common:
        pv, cv = prows[k], crows[k]
        if len(pv) != len(cv):
            out.append("%s: %s: %d values (page) vs %d (CLI)" % (where, k, len(pv), len(cv)))
            continue
        for j, (a, b) in enumerate(zip(pv, cv)):
            if not same_number(a, b):
                y = years[j] if j < len(years) else j
                out.append("%s: %s %s: page %s vs CLI %s" % (where, k, y, fmt(a) if isinstance(a, float) else a, b))
    # rules: the CLI lists the rules that apply, each year; the page all, with applies.
    if "rules" in res and "rules" in clij:
        crules = {(r["rule"], r["year"]): r["ok"] for r in clij["rules"]}
        prules = {}
        for r in res["rules"]:
            if r.get("applies", True):
                prules[(r["rule"], r["year"])] = r.get("ok")
        for kk in crules:
            if kk not in prules:
                out.append("%s: rule %s %s applies in the CLI, not on the page" % (where, kk[0], kk[1]))
            elif prules[kk] != crules[kk]:
                out.append("%s: rule %s %s: ok=%s (page) vs %s (CLI)" % (where, kk[0], kk[1], prules[kk], crules[kk]))
        for kk in prules:
            if kk not in crules:
                out.append("%s: rule %s %s applies on the page, not in the CLI" % (where, kk[0], kk[1]))
    else:
        notes.append("no rules on the %s" % ("page" if "rules" not in res else "CLI"))
    if "broken" in res and "broken_rules" in clij:
        if res["broken"] != clij["broken_rules"]:
            out.append("%s: broken rules %s (page) vs %s (CLI)" % (where, res["broken"], clij["broken_rules"]))
    else:
        notes.append("broken-rule count missing on the %s" % ("page" if "broken" not in res else "CLI"))
    pv, cv = res.get("vote"), clij.get("vote")
    if cv is None:
        if pv and pv.get("given", True):
            out.append("%s: the page shows a vote, the CLI has none" % where)
        else:
            notes.append("no council vote (neither side)")
    elif not pv or not pv.get("given", True):
        out.append("%s: the CLI has a vote, the page none" % where)
    else:
        for f in ("passed", "tie", "for", "against", "abstain", "absent", "p_pass"):
            if f not in pv or f not in cv:
                notes.append("vote.%s missing on the %s" % (f, "page" if f not in pv else "CLI"))
            elif not same_number(pv[f], cv[f]):
                out.append("%s: vote.%s: page %s vs CLI %s" % (where, f, pv[f], cv[f]))
    return out


def compare_vote_cmd(page, bin_, scenario, where, notes, sets=()):
    """The groups and the swing against `budgetsim vote`'s budget ballot
    (only for a scenario with no amendments: the meeting is then the one
    vote), with the page's settings SETS as --set."""
    args = ["vote", scenario]
    for x in sets:
        args += ["--set", x]
    d = cli(bin_, args + ["--format", "json"])
    ballots = [b for b in d.get("ballots", []) if b.get("ballot") == "budget"]
    pv = (page.get("result") or {}).get("vote") or {}
    if not ballots:
        notes.append("vote: no budget ballot in the vote command's JSON")
        return []
    b = ballots[-1]
    out = []
    for f in ("for", "against", "abstain", "absent", "passed", "tie", "swing"):
        if f not in pv or f not in b:
            notes.append("vote.%s missing on the %s (vote command)" % (f, "page" if f not in pv else "CLI"))
        elif not same_number(pv[f], b[f]):
            out.append("%s: vote.%s: page %s vs vote command %s" % (where, f, pv[f], b[f]))
    if "p_pass" in d and "p_pass" in pv and not same_number(pv["p_pass"], d["p_pass"]):
        out.append("%s: p_pass: page %s vs vote command %s" % (where, pv["p_pass"], d["p_pass"]))
    pg = {g.get("id"): g for g in pv.get("groups", [])}
    cg = {g.get("id"): g for g in b.get("groups", [])}
    if not pg:
        notes.append("vote.groups missing on the page")
    else:
        if set(pg) != set(cg):
            out.append("%s: vote groups %s (page) vs %s (vote command)" % (where, sorted(pg), sorted(cg)))
        for gid in pg:
            if gid in cg:
                for f in ("for", "against", "abstain", "absent"):
                    if pg[gid].get(f) != cg[gid].get(f):
                        out.append("%s: vote group %s.%s: page %s vs vote command %s"
                                   % (where, gid, f, pg[gid].get(f), cg[gid].get(f)))
    seats = pv.get("seats")
    if seats is not None:
        total = sum(int(g.get("seats", 0)) for g in b.get("groups", []))
        if total and len(seats) != total:
            out.append("%s: %d seats in the hemicycle, %d in the vote command" % (where, len(seats), total))
    return out


def same_result(a, b):
    """Two page results the same to the last bit (the JSON's shortest
    round-trip numbers)."""
    ra, rb = a.get("result") or {}, b.get("result") or {}
    diffs = []
    for f in ("years", "rows", "rules", "broken", "vote"):
        if json.dumps(ra.get(f), sort_keys=True) != json.dumps(rb.get(f), sort_keys=True):
            diffs.append(f)
    return diffs


# ---------------------------------------------------------------- the fake CLI

def fake_cli(argv):
    """`budgetsim run|vote` for the fake page's model (--budgetsim fake), so
    that the self-test exercises the CLI comparisons too. The same
    arithmetic as tests/fixtures/publish-fake.html, in the same order (the
    same doubles); a scenario is "fake-adopted.cfg" or "fake-alternative.cfg"
    by name, or a downloaded one naming its base and its settings."""
    import math
    cmd, file_ = argv[0], argv[1]
    sets, i = [], 2
    while i < len(argv):
        if argv[i] == "--set":
            sets.append(argv[i + 1])
            i += 1
        i += 1
    base_name = os.path.basename(file_)
    if os.path.exists(file_) and not base_name.startswith("fake-"):
        for line in open(file_, encoding="utf-8"):
            if line.startswith("base = "):
                base_name = line.split('"')[1]
            elif line.startswith("# ") and "=" in line:
                sets.insert(0, line[2:].strip())
    v = {"council_tax.core_rise_pct@2023": 1.99, "council_tax.core_rise_pct@2024": 5.0,
         "measures.green_bin.enabled": 1.0, "measures.green_bin.price_pounds": 40.0,
         "services.adult_social_care.growth_pct": 3.0}
    for st in sets:
        k, x = st.split("=", 1)
        if k not in v:
            sys.stderr.write("budgetsim: --set: %s: unknown setting\n" % k)
            return 2
        v[k] = {"true": 1.0, "false": 0.0}.get(x, None) if x in ("true", "false") else float(x)
    base = 12 if "alternative" in base_name else 10
    binv = v["measures.green_bin.enabled"] * v["measures.green_bin.price_pounds"] / 40
    g = v["services.adult_social_care.growth_pct"] / 10
    r = [v["council_tax.core_rise_pct@2023"] / 3, v["council_tax.core_rise_pct@2024"] / 3]
    gap = [base * 0.1 - binv, base * (0.2 + g) - binv - r[0], base * (0.3 + 2 * g) - binv - r[0] - r[1]]
    res = [20 - gap[0]]
    res.append(res[0] - gap[1])
    res.append(res[1] - gap[2])
    forv = 40 + int(math.floor(10 * binv + 0.5))
    passed = forv > 45
    lit = lambda x: "@" + fmt(x) + "@"  # printed as the CLI prints reals, unquoted below
    vote = {"passed": passed, "tie": False, "for": forv, "against": 90 - forv, "abstain": 0, "absent": 0,
            "p_pass": lit(1.0 if passed else 0.0), "amendments": 0, "amendments_passed": 0}
    if cmd == "vote":
        d = {"ballots": [dict(vote, ballot="budget", swing=abs(forv - 45), groups=[])], "p_pass": vote["p_pass"]}
        del d["ballots"][0]["p_pass"]
    else:
        d = {"years": ["2022/23", "2023/24", "2024/25"],
             "rows": [{"key": "totals.gap_after_m", "values": [lit(x) for x in gap]},
                      {"key": "reserves.general.closing_m", "values": [lit(x) for x in res]}],
             "rules": [{"rule": "balanced", "year": "2022/23", "ok": gap[0] <= 0}],
             "broken_rules": 0 if gap[0] <= 0 else 1, "vote": vote}
    sys.stdout.write(json.dumps(d, indent=2).replace('"@', "").replace('@"', "") + "\n")
    return 0


# ---------------------------------------------------------------- the checks

def main():
    global B
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--page", required=True)
    ap.add_argument("--budgetsim")
    ap.add_argument("--scenario", action="append", default=[])
    ap.add_argument("--out", default=None)
    ap.add_argument("--query", default="",
                    help="appended to the page's URL (the fake page's ?fault=...)")
    ap.add_argument("--self-test", action="store_true",
                    help="no CLI comparisons (for the fake page of the harness's own test)")
    a = ap.parse_args()
    if not a.self_test and (not a.budgetsim or not a.scenario):
        ap.error("--budgetsim and --scenario are needed (or --self-test)")
    if not os.path.isfile(a.page):
        ap.error("%s: no such page" % a.page)
    if not os.path.exists(CHROMIUM):
        print("%s: SKIP: %s is not installed" % (TAG, CHROMIUM))
        return 0
    out = pathlib.Path(a.out or tempfile.mkdtemp(prefix="bs-publish-out-"))
    out.mkdir(parents=True, exist_ok=True)
    url = pathlib.Path(a.page).resolve().as_uri() + a.query
    page_bytes = os.path.getsize(a.page)
    use_cli = not a.self_test
    C = Cli(a.budgetsim) if use_cli else None

    B = Browser(str(out / "chromium.log"))
    atexit.register(B.close)
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, lambda *_: sys.exit(1))
    B.attach()
    send("Page.addScriptToEvaluateOnNewDocument", {"source": READY_WATCH})
    metrics(1280, 900)

    # a) load
    try:
        at, wall = open_page(url)
        ok("load", "ready %.0f ms after navigation start (%.0f ms wall), page %d bytes" % (at, wall, page_bytes))
    except Failure as e:
        try:
            shown = evaluate("document.body ? document.body.innerText.replace(/\\s+/g, ' ').slice(0, 300) : ''")
        except Failure:
            shown = "?"
        fail("load", "%s; the page shows: %s" % (e, shown))
        return finish(out)

    # f) the first screen and the whole page at load
    shots = []
    for name, w, h, full in (("desktop-load", 1280, 900, False), ("desktop-full", 1280, 900, True)):
        p = out / (name + ".png")
        size = screenshot(str(p), w, h, full=full)
        shots.append((p, size, w))
    metrics(1280, 900)

    levers = evaluate(LEVERS_JS)
    start = settled()
    watch_alerts("at load")
    for f in ("slot", "file", "sets", "result", "ms"):
        if f not in start:
            note("bsPage.current() has no %r" % f)
    check = "levers labelled"
    unl = ["%s" % lv["path"] for lv in levers if not lv["label"]]
    # number: a range; list: a range for one entry of a list (a phasing); bool: a checkbox
    nokind = [lv["path"] for lv in levers if lv["kind"] not in ("number", "list", "bool")]
    probs = ["no label: " + p for p in unl] + ["data-kind not number/list/bool: " + p for p in nokind]
    if not levers:
        probs.append("no element with data-path")
    verdict(check, probs, "%d levers, each with a label and a data-kind" % len(levers))
    if start.get("sets"):
        fail("no settings at load", "sets %s" % start["sets"])

    # b) the numbers at load
    scen = a.scenario
    if use_cli:
        if evaluate(AMENDMENTS_JS % 0):
            C.strip(scen[0], evaluate("bsPage.scenarioText()"), str(out))
        else:
            C.decide(scen[0], start)
        notes = []
        probs = compare(start, C.run(scen[0]), "load")
        verdict("numbers at load (%s)" % os.path.basename(scen[0]), probs,
                "%d rows, rules, vote as the CLI" % len((start.get("result") or {}).get("rows", {})))
        if (start.get("result") or {}).get("vote", {}).get("given") and not C.proposed.get(scen[0]) \
                and scen[0] not in C.stripped:
            probs = compare_vote_cmd(start, a.budgetsim, scen[0], "load", notes)
            verdict("vote at load against the vote command", probs, "groups, swing, p_pass")
        for n in sorted(set(notes)):
            note(n)
        fname = start.get("file")
        if fname is not None and fname not in (scen[0], os.path.basename(scen[0])):
            note("current().file is %r for %s" % (fname, scen[0]))

    # g) the second scenario
    alt_ok = False
    if len(scen) > 1 or a.self_test:
        has_alt = evaluate("!!(window.bsPage.select || document.querySelector('[data-scenario-slot=\"1\"]'))")
        if not has_alt and a.self_test and len(scen) < 2:
            pass
        elif not has_alt:
            fail("second scenario", "neither bsPage.select nor a [data-scenario-slot] control")
        else:
            try:
                alt = select(1)
                probs = []
                if use_cli and len(scen) > 1:
                    if evaluate(AMENDMENTS_JS % 1):
                        C.strip(scen[1], evaluate("bsPage.scenarioText()"), str(out))
                    else:
                        C.decide(scen[1], alt)
                    probs = compare(alt, C.run(scen[1]), "slot 1")
                    if alt.get("file") not in (None, scen[1], os.path.basename(scen[1])):
                        note("slot 1: current().file is %r" % alt.get("file"))
                elif alt.get("result") == start.get("result"):
                    probs.append("slot 1 shows the same result as slot 0")
                back = select(0)
                d = same_result(back, start)
                if d:
                    probs.append("slot 0 again differs from slot 0 at load in " + ", ".join(d))
                alt_ok = not probs
                verdict("second scenario", probs, "slot 1 as %s, then slot 0 again as at load"
                        % (os.path.basename(scen[1]) if len(scen) > 1 else "its own"))
            except Failure as e:
                fail("second scenario", str(e))

    # c) every lever, with the keyboard
    lever_pass(levers, start, C, scen[0] if scen else None, out, shots, lambda: open_page(url), "")
    if alt_ok:
        # the second scenario's levers too, from the page afresh
        def slot1():
            open_page(url)
            return select(1)
        cur1 = slot1()
        lever_pass(evaluate(LEVERS_JS), cur1, C, scen[1] if len(scen) > 1 else None, out, shots,
                   slot1, " (slot 1)")
        open_page(url)

    # d) the URL fragment, e) the downloaded scenario
    fragment_and_download(levers, url, C, scen[0] if scen else None, out)

    # f) the phone
    try:
        metrics(390, 844, mobile=True)
        open_page(url)
        p = out / "phone-load.png"
        shots.append((p, screenshot(str(p), 390, 844, mobile=True), 390))
        p = out / "phone-full.png"
        shots.append((p, screenshot(str(p), 390, 844, mobile=True, full=True), 390))
        # A mobile viewport widens itself to content that does not fit
        # (innerWidth grows): the page's width is measured against the
        # screen's 390 px.
        sw = evaluate("Math.max(document.documentElement.scrollWidth, window.innerWidth)")
        if sw > 390:
            fail("phone width", "the page is %d px wide on a 390 px screen (a reader must scroll sideways)" % sw)
        else:
            ok("phone width", "%d px wide on a 390 px screen" % sw)
        metrics(1280, 900)
    except Failure as e:
        fail("phone", str(e))
    probs = []
    for p, size, w in shots:
        if not size or size[0] != w or size[1] < 100:
            probs.append("%s: %s" % (p, size))
    verdict("screenshots", probs, " ".join("%s (%dx%d)" % (p, s[0], s[1]) for p, s, _ in shots if s))

    return finish(out)


def select(slot):
    before = current()
    evaluate("""(function () {
      if (window.bsPage.select) return Promise.resolve(window.bsPage.select(%d)).then(function () { return 1; });
      document.querySelector('[data-scenario-slot="%d"]').click(); return 1;
    })()""" % (slot, slot))
    t0 = time.monotonic()
    while True:
        cur = current()
        if cur.get("slot") == slot and evaluate("!!window.bsPage.ready"):
            return settled()
        if time.monotonic() - t0 > 5:
            raise Failure("slot %d not shown within 5 s (current().slot %s, was %s)"
                          % (slot, cur.get("slot"), before.get("slot")))
        time.sleep(0.005)


def lever_pass(levers, start, C, scenario, out, shots, reopen, suffix):
    """c) Every lever moved by the keyboard and put back; REOPEN opens the
    page afresh at the same scenario when a lever could not be put back."""
    base_sets = start.get("sets") or []
    evaluate("document.activeElement && document.activeElement.blur && document.activeElement.blur(), 1")
    tab_probs, move_probs, back_probs, cli_probs, slow, unchanged = [], [], [], [], [], []
    ms_max, wall_max, moved, tabs_total = 0.0, 0.0, 0, 0
    hidden = [lv["path"] for lv in levers if not lv["visible"] or lv["disabled"]]
    if hidden:
        note("%d levers hidden or disabled%s, not moved: %s" % (len(hidden), suffix, ", ".join(hidden[:6])))
    todo = [lv for lv in levers if lv["visible"] and not lv["disabled"]]
    shot_taken = False
    for lv in todo:
        # Tab from where the focus is to the next lever, opening a closed
        # <details> on the way as a reader would.
        reached = None
        for _ in range(60):
            key("Tab")
            tabs_total += 1
            act = evaluate(ACTIVE_JS)
            if act["closedSummary"]:
                key("Enter")
                continue
            if act["i"] >= 0:
                reached = act["i"]
                break
        if reached != lv["i"]:
            got = "nothing in 60 presses" if reached is None else "lever %d (%s)" % (reached, levers[reached]["path"])
            tab_probs.append("Tab to lever %d (%s) reached %s" % (lv["i"], lv["path"], got))
            evaluate("document.querySelectorAll('[data-path]')[%d].focus(), 1" % lv["i"])
        fwd, rev = lever_keys(lv)
        before = current().get("sets")
        key(fwd)
        cur, took = wait_sets(before)
        if cur is None:
            move_probs.append("%s: %s changed nothing in 5 s (sets %s)" % (lv["path"], fwd, before))
            continue
        moved += 1
        watch_alerts("after " + lv["path"] + suffix)
        if not same_result(cur, start):
            unchanged.append(lv["path"])
        wall_max = max(wall_max, took * 1000)
        ms = cur.get("ms")
        if isinstance(ms, (int, float)):
            ms_max = max(ms_max, ms)
            if ms >= 16:
                slow.append("%s %.1f ms" % (lv["path"], ms))
        if not any(s.split("=", 1)[0].split("@")[0] == lv["path"].split("@")[0] for s in cur["sets"]):
            note("%s: moved, but no setting names it: %s" % (lv["path"], cur["sets"]))
        if not shot_taken and not suffix:
            p = out / "desktop-lever.png"
            shots.append((p, screenshot(str(p), 1280, 900), 1280))
            shot_taken = True
        if C:
            try:
                d = compare(cur, C.run(scenario, cur["sets"]), lv["path"])
                # the groups' votes and the swing, from the vote command, when
                # its meeting is the page's one vote (no amendments, or the
                # page's own file without them)
                if (cur.get("result") or {}).get("vote", {}).get("given") and not C.proposed.get(scenario):
                    vnotes = []
                    d += compare_vote_cmd(cur, C.bin, C.stripped.get(scenario, scenario), lv["path"], vnotes,
                                          cur["sets"])
                cli_probs += ["%s (--set %s)" % (x, " --set ".join(cur["sets"])) for x in d]
            except Failure as e:
                cli_probs.append("%s: %s" % (lv["path"], e))
        key(rev)
        back, _ = wait_sets(before, want=before)
        if back is None:
            now = settled()
            if C:
                # what the page shows now, against the CLI, as any other setting
                try:
                    d = compare(now, C.run(scenario, now["sets"]), lv["path"] + " put back")
                    cli_probs += ["%s (--set %s)" % (x, " --set ".join(now["sets"])) for x in d]
                except Failure as e:
                    cli_probs.append("%s put back: %s" % (lv["path"], e))
            if same_result(now, start):
                note("%s: put back, the numbers as published, but sets %s" % (lv["path"], now.get("sets")))
            else:
                back_probs.append("%s: %s did not put it back (sets %s)" % (lv["path"], rev, now.get("sets")))
            # The next lever starts from the published settings: the page
            # afresh, the focus where the reader was.
            reopen()
            evaluate("document.querySelectorAll('[data-path]')[%d].focus(), 1" % lv["i"])
    verdict("Tab order" + suffix, tab_probs, "%d levers reached in document order (%d presses)" % (len(todo), tabs_total))
    verdict("levers move" + suffix, move_probs, "%d of %d moved by one key press and recomputed (settings changed within %.0f ms)"
            % (moved, len(todo), wall_max))
    if C:
        # A lever may rightly change nothing shown (a price of a measure
        # switched off): the CLI comparison above is the test here.
        if unchanged:
            note("%d levers%s changed no number: %s" % (len(unchanged), suffix, ", ".join(unchanged[:8])))
    else:
        # On the fake page every lever changes a number: one that seems not
        # to means the harness read the page before it recomputed.
        verdict("levers change the numbers" + suffix, ["%s changed no number" % p for p in unchanged],
                "each of %d" % moved)
    verdict("levers put back" + suffix, back_probs, "each back to %s by the opposite key" % (base_sets or "the published settings"))
    verdict("recompute under 16 ms" + suffix, slow, "max %.2f ms (the page's figure)" % ms_max)
    if C:
        verdict("levers against the CLI" + suffix, cli_probs,
                "%d settings, every row, rule and vote as run --set, the groups and the swing as vote --set" % moved)


def fragment_and_download(levers, url, C, scenario, out):
    todo = [lv for lv in levers if lv["visible"] and not lv["disabled"]]
    nums = [lv for lv in todo if lv["kind"] != "bool"]
    bools = [lv for lv in todo if lv["kind"] == "bool"]
    pick = (nums[:1] + bools[:1]) if nums and bools else todo[:2]
    if len(pick) < 2 and len(todo) >= 2:
        pick = todo[:2]
    if len(pick) < 2:
        fail("fragment", "fewer than two levers to set")
        return
    try:
        for lv in pick:
            before = current().get("sets")
            evaluate("document.querySelectorAll('[data-path]')[%d].focus(), 1" % lv["i"])
            key(lever_keys(lv)[0])
            if wait_sets(before)[0] is None:
                raise Failure("%s did not move" % lv["path"])
        cur1 = settled()
        watch_alerts("after two levers")
        h = evaluate("location.hash")
        if not h or len(cur1["sets"]) < 2:
            fail("fragment", "hash %r, sets %s after two levers" % (h, cur1["sets"]))
            return
        if not h.startswith("#s="):
            note("the fragment does not start with #s=: %r" % h[:60])
        open_page(url + h)
        cur2 = settled()
        probs = []
        if cur2["sets"] != cur1["sets"]:
            if sorted(cur2["sets"]) == sorted(cur1["sets"]):
                note("the settings from the fragment come in another order")
            else:
                probs.append("sets %s, before %s" % (cur2["sets"], cur1["sets"]))
        d = same_result(cur1, cur2)
        if d:
            probs.append("the page from the fragment differs in " + ", ".join(d))
        if C:
            probs += compare(cur2, C.run(scenario, cur2["sets"]), "fragment")
        verdict("fragment", probs, "%s opened afresh: sets %s, the same numbers" % (h[:160], cur2["sets"]))
    except Failure as e:
        fail("fragment", str(e))
        return
    # e) the scenario a reader downloads
    try:
        text = evaluate("window.bsPage.scenarioText()")
        if not isinstance(text, str) or not text.strip():
            fail("scenarioText", "not a text: %r" % (text,))
            return
        p = out / "downloaded.cfg"
        p.write_text(text, encoding="utf-8")
        if C:
            d = C.run_file(str(p), scenario)
            res = dict(cur2)
            probs = compare(res, d, "downloaded.cfg")
            verdict("scenarioText", probs, "%s (%d bytes): run gives the page's numbers" % (p, len(text.encode())))
        else:
            ok("scenarioText", "%s (%d bytes)" % (p, len(text.encode())))
    except Failure as e:
        fail("scenarioText", str(e))


def finish(out):
    try:
        watch_alerts("at the end")
    except Failure:
        pass
    verdict("no error shown", ["%s: %s" % (w, t) for t, w in shown_alerts.items()],
            "no role=alert or #error message at load, after each lever or at the end")
    urls = requests()
    foreign = [u for u in urls if u.split(":", 1)[0] not in ("file", "data", "blob")]
    verdict("network", ["asked for " + u[:120] for u in foreign],
            "%d requests, all file:, data: or blob:" % len(urls))
    errs = B.events_of("Runtime.exceptionThrown")
    verdict("script errors", [
        (e["exceptionDetails"].get("exception", {}).get("description")
         or e["exceptionDetails"].get("text", "")).splitlines()[0][:200] for e in errs],
        "no uncaught exception")
    for e in B.events_of("Runtime.consoleAPICalled"):
        if e.get("type") in ("error", "warning", "assert"):
            note("console.%s: %s" % (e["type"], " ".join(str(x.get("value", x.get("description", "")))
                                                      for x in e.get("args", []))[:200]))
    for e in B.events_of("Log.entryAdded"):
        en = e.get("entry", {})
        if en.get("level") == "error":
            note("console: %s" % en.get("text", "")[:200])
    print("%s: kept in %s" % (TAG, out))
    print("%s: %d passed, %d failed" % (TAG, passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--fake-cli"]:
        sys.exit(fake_cli(sys.argv[2:]))
    try:
        rc = main()
    except Failure as e:
        fail("harness", str(e))
        print("%s: %d passed, %d failed" % (TAG, passed, failed))
        rc = 1
    sys.exit(rc)
