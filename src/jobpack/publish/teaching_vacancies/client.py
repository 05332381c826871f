"""HTTP to Teaching Vacancies' ATS API v1: the one place that holds the API key.

The key goes into the X-Api-Key header and nowhere else: no message, exception or repr carries it. Busy
(429) and failing (5xx) answers are tried again, up to three tries, waiting what Retry-After asks (within a
bound) or a short backoff; requests are spaced to stay under the service's 600 a minute.
"""

from __future__ import annotations

import collections
import email.utils
import time
from collections.abc import Callable
from typing import Any

import httpx

TRIES = 3
MAX_WAIT = 30.0  # seconds: the longest single wait a Retry-After may ask for
MAX_TOTAL_WAIT = 60.0  # seconds: the most one request may spend waiting to be tried again
PER_MINUTE = 600


class ServiceError(Exception):
    """The service refused a request: its status and its own words."""

    def __init__(self, status: int, messages: list[str], link: str = "") -> None:
        super().__init__(f"{status}: {'; '.join(messages)}")
        self.status, self.messages, self.link = status, messages, link


class KeyRefused(ServiceError):
    """401: the key is wrong or missing."""


class Unreachable(Exception):
    """The service could not be reached at all (no connection, a name that does not resolve, a timeout)."""


class RateLimiter:
    """At most `limit` requests in any `window` seconds: waits before the one that would exceed it."""

    def __init__(self, limit: int = PER_MINUTE, window: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.limit, self.window, self.clock, self.sleep = limit, window, clock, sleep
        self.sent: collections.deque[float] = collections.deque()

    def wait(self) -> None:
        now = self.clock()
        while self.sent and now - self.sent[0] >= self.window:
            self.sent.popleft()
        if len(self.sent) >= self.limit:
            self.sleep(self.window - (now - self.sent[0]))
            self.sent.popleft()
        self.sent.append(self.clock())


def _messages(response: httpx.Response) -> tuple[list[str], str]:
    """The service's error messages and, for a 409, the link to the vacancy it clashes with."""
    try:
        data = response.json()
    except ValueError:
        return [response.text.strip()[:300] or response.reason_phrase], ""
    errors = data.get("errors") if isinstance(data, dict) else None
    if isinstance(errors, str):
        errors = [errors]
    words = []
    for error in errors if isinstance(errors, list) else []:
        if isinstance(error, dict):
            words.append(": ".join(str(v) for v in error.values()))
        else:
            words.append(str(error))
    meta = data.get("meta") if isinstance(data, dict) else None
    link = str(meta.get("link", "")) if isinstance(meta, dict) else ""
    return words or [response.reason_phrase], link


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _flat(item: dict[str, Any]) -> dict[str, Any]:
    """A listed vacancy with its fields at the top, whether the service nests them under "vacancy" or not."""
    inner = item.get("vacancy")
    return {**inner, **{k: v for k, v in item.items() if k != "vacancy"}} if isinstance(inner, dict) else item


class Client:
    """The service's vacancies, as this key's owner sees them."""

    def __init__(self, base_url: str, key: str, *, timeout: float = 30.0, limiter: RateLimiter | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, follow_redirects=False,
                                  headers={"X-Api-Key": key, "Accept": "application/json",
                                           "User-Agent": "jobpack (teaching-vacancies publisher)"})
        self.limiter = limiter or RateLimiter()
        self.sleep = sleep
        self.requests = 0

    def __repr__(self) -> str:
        return f"Client({self.base_url!r})"

    def close(self) -> None:
        self._http.close()

    def _send(self, method: str, path: str, **kw: Any) -> httpx.Response:
        waited = 0.0
        for attempt in range(1, TRIES + 1):
            self.limiter.wait()
            self.requests += 1
            try:
                response = self._http.request(method, path, **kw)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:  # nothing reached the service: safe to retry
                if attempt == TRIES:
                    raise Unreachable(f"{type(exc).__name__}: {exc}") from None
                delay = float(attempt)
            except httpx.HTTPError as exc:
                raise Unreachable(f"{type(exc).__name__}: {exc}") from None
            else:
                if response.status_code == 401:
                    raise KeyRefused(401, *_messages(response))
                if response.status_code != 429 and response.status_code < 500:
                    if response.status_code >= 400:
                        raise ServiceError(response.status_code, *_messages(response))
                    return response
                if attempt == TRIES:
                    raise ServiceError(response.status_code, *_messages(response))
                asked = _retry_after(response)
                delay = min(MAX_WAIT, asked if asked is not None else 2.0 ** (attempt - 1))
            if waited + delay > MAX_TOTAL_WAIT:
                raise ServiceError(429, [f"the service asked to wait {delay:.0f} seconds, longer than jobpack waits"])
            waited += delay
            self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def list_all(self) -> list[dict[str, Any]]:
        """Every vacancy of this key's owner, page by page (100 a page), as the service returns them."""
        out: list[dict[str, Any]] = []
        page, pages = 1, 1
        while page <= pages:
            data = self._send("GET", "/vacancies", params={"page": page}).json()
            items = data.get("data", data.get("vacancies", [])) if isinstance(data, dict) else None
            if not isinstance(items, list):
                raise ServiceError(200, ["the service's list of vacancies was not in the form expected"])
            out += [_flat(v) for v in items if isinstance(v, dict)]
            meta = data.get("meta") or {}
            pages = int(meta.get("totalPages", 1) or 1) if isinstance(meta, dict) else 1
            page += 1
        return out

    def create(self, body: dict[str, Any]) -> str:
        """POST a vacancy; the service's id for it."""
        data = self._send("POST", "/vacancies", json=body).json()
        return str(data.get("id", "")) if isinstance(data, dict) else ""

    def update(self, vacancy_id: str, body: dict[str, Any]) -> None:
        self._send("PUT", f"/vacancies/{vacancy_id}", json=body)

    def delete(self, vacancy_id: str) -> None:
        self._send("DELETE", f"/vacancies/{vacancy_id}")
