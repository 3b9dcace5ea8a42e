"""Starts one real `hir serve` (node bin/hir.js serve --port 0) for the whole test run.

The server loads the repository's specs; the tests reach it through HIR_SERVE_URL
and HIR_SERVE_TOKEN, exactly as the engines' processes would.
"""
import atexit
import os
import shutil
import subprocess
import sys
import threading
import unittest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# Test the package in this repository, not an installed copy
# (`python3 -m unittest discover python/tests` needs no PYTHONPATH).
sys.path.insert(0, os.path.join(REPO, "python"))
TOKEN = "python-tests-token"
_server = {}
_lock = threading.Lock()

BRIEFING = {"contract": "TeamBriefing", "inputs": {"topic": "the Q3 budget", "keyword": "risk"}}
GOOD = "\n".join([
    "- The Q3 budget is on track with one risk.",
    "- Vendor costs are a risk we watch closely.",
    "",
    "Recommendation: keep the plan and review the numbers in two weeks with finance.",
])
# Fails `bullet_count` and `recommendation` only (4 of 6 pass).
PARTIAL = ("The Q3 budget is on track, but there is a risk in vendor costs and another risk in hiring "
           "that we will track every week together with finance and the leads.")
IFEVAL = {"instruction_id_list": ["punctuation:no_comma", "length_constraints:number_words"],
          "kwargs": [{}, {"relation": "at least", "num_words": 3}]}


def start():
    """Returns the server URL, starting the server on first use; skips when node or the build is missing."""
    with _lock:
        if "url" in _server:
            return _server["url"]
        node = shutil.which("node")
        if node is None:
            raise unittest.SkipTest("node is not installed: cannot start `hir serve`")
        if not os.path.exists(os.path.join(REPO, "dist", "src", "cli", "main.js")):
            raise unittest.SkipTest("dist/ is missing: run `npm run build` first")
        proc = subprocess.Popen(
            [node, os.path.join(REPO, "bin", "hir.js"), "serve", "specs", "--port", "0", "--token", TOKEN],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        line = proc.stdout.readline().strip()
        if not line.startswith("listening on http://"):
            proc.kill()
            raise RuntimeError("hir serve did not start: %r %s" % (line, proc.stderr.read()))
        # Drain stderr so the server never blocks on a full pipe.
        threading.Thread(target=proc.stderr.read, daemon=True).start()
        url = line[len("listening on "):]
        _server.update(url=url, proc=proc)
        os.environ["HIR_SERVE_URL"] = url
        os.environ["HIR_SERVE_TOKEN"] = TOKEN
        os.environ["HIR_SERVE_RETRIES"] = "1"
        atexit.register(stop)
        return url


def stop():
    proc = _server.pop("proc", None)
    _server.pop("url", None)
    if proc is not None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
