"""HTTP client for `hir serve`, standard library only (urllib).

Configuration comes from arguments or the environment:
``HIR_SERVE_URL`` (default ``http://127.0.0.1:8080``), ``HIR_SERVE_TOKEN`` (bearer
token), ``HIR_SERVE_TIMEOUT`` (seconds per request, default 60),
``HIR_SERVE_RETRIES`` (attempts after the first on connection errors and 5xx,
default 3), ``HIR_SERVE_BATCH`` (items per request, default 256).

Request problems (4xx) raise ``HindsightError`` at once; they do not get better by
retrying. A problem with one item is not an exception: the server answers it with
score 0 and an ``error``.
"""
import json
import os
import threading
import time
import urllib.error
import urllib.request

__all__ = ["HindsightClient", "HindsightError", "default_client", "to_jsonable"]


class HindsightError(RuntimeError):
    """The server could not be reached or rejected the request."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


def to_jsonable(value):
    """Turns numpy arrays and scalars (verl reads parquet lists as arrays) into plain JSON values."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return to_jsonable(value.tolist())
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return value.item()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _env_number(name, default, kind):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return kind(raw)
    except ValueError:
        raise HindsightError("%s must be a number, not %r" % (name, raw))


class HindsightClient:
    def __init__(self, url=None, token=None, timeout=None, retries=None, backoff=0.5, batch_size=None):
        self.url = (url or os.environ.get("HIR_SERVE_URL") or "http://127.0.0.1:8080").rstrip("/")
        self.token = token if token is not None else os.environ.get("HIR_SERVE_TOKEN")
        self.timeout = float(timeout if timeout is not None else _env_number("HIR_SERVE_TIMEOUT", 60.0, float))
        self.retries = int(retries if retries is not None else _env_number("HIR_SERVE_RETRIES", 3, int))
        self.backoff = float(backoff)
        self.batch_size = max(1, int(batch_size if batch_size is not None else _env_number("HIR_SERVE_BATCH", 256, int)))

    def __repr__(self):
        # Never show the token.
        return "HindsightClient(url=%r, token=%s)" % (self.url, "set" if self.token else "none")

    def _request(self, method, path, body=None):
        data = None if body is None else json.dumps(to_jsonable(body)).encode("utf-8")
        headers = {"content-type": "application/json", "accept": "application/json"}
        if self.token:
            headers["authorization"] = "Bearer " + self.token
        last = None
        for attempt in range(self.retries + 1):
            if attempt > 0:
                time.sleep(self.backoff * (2 ** (attempt - 1)))
            req = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as res:
                    return json.loads(res.read().decode("utf-8"))
            except urllib.error.HTTPError as e:
                try:
                    detail = json.loads(e.read().decode("utf-8")).get("error", "")
                except Exception:
                    detail = ""
                last = HindsightError("%s %s: HTTP %d %s" % (method, path, e.code, detail or e.reason), status=e.code)
                if e.code < 500:
                    raise last
            except (urllib.error.URLError, OSError, ValueError) as e:
                last = HindsightError("%s %s%s: %s" % (method, self.url, path, getattr(e, "reason", e)))
        raise last

    def health(self):
        return self._request("GET", "/health")

    def _items(self, path, items):
        items = list(items)
        out = []
        for start in range(0, len(items), self.batch_size):
            chunk = items[start:start + self.batch_size]
            results = self._request("POST", path, {"items": chunk}).get("results")
            if not isinstance(results, list) or len(results) != len(chunk):
                raise HindsightError("%s answered %r results for %d items" % (path, None if results is None else len(results), len(chunk)))
            out.extend(results)
        return out

    def verify(self, items):
        """items: dicts with ``label``, ``response`` and optionally ``id`` and ``prompt``; one result per item, in order."""
        return self._items("/v1/verify", items)

    def hindsight(self, items):
        return self._items("/v1/hindsight", items)

    def select(self, step, k, candidates, selection=None, groups=None):
        body = {"step": int(step), "k": int(k), "candidates": list(candidates)}
        if selection is not None:
            body["selection"] = selection
        if groups is not None:
            body["groups"] = int(groups)
        return self._request("POST", "/v1/select", body)

    def openrlhf(self, query, prompts, labels):
        return self._request("POST", "/openrlhf", {"query": list(query), "prompts": list(prompts), "labels": list(labels)})


_default = None
_default_key = None
_lock = threading.Lock()


def default_client():
    """One client per process, rebuilt when HIR_SERVE_URL or HIR_SERVE_TOKEN change."""
    global _default, _default_key
    key = (os.environ.get("HIR_SERVE_URL"), os.environ.get("HIR_SERVE_TOKEN"), os.environ.get("HIR_SERVE_TIMEOUT"), os.environ.get("HIR_SERVE_RETRIES"))
    with _lock:
        if _default is None or key != _default_key:
            _default = HindsightClient()
            _default_key = key
        return _default
