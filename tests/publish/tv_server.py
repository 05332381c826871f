"""A stand-in for Teaching Vacancies' ATS API v1 on 127.0.0.1, enforcing the contract as the service does.

Written from the contract (issue 26), not from jobpack's code: its own copy of the vocabularies, so a word
jobpack gets wrong is refused here as the service would refuse it. It validates every body (required keys,
no unknown keys, the enums, title length, an expiry in the future and a day after publish_on, the allowed
HTML), pages lists at 100, and answers 201/204/400/401/404/409/422; it can be told to be busy (429) or to
fail (500) after a number of requests, to test a run that meets trouble midway.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

PAGE = 100
JOB_ROLES = {"teacher", "headteacher", "deputy_headteacher", "assistant_headteacher", "head_of_year_or_phase",
             "head_of_department_or_curriculum", "teaching_assistant", "higher_level_teaching_assistant",
             "education_support", "sendco", "administration_hr_data_and_finance",
             "catering_cleaning_and_site_management", "it_support", "pastoral_health_and_welfare",
             "other_leadership", "other_support"}
WORKING_PATTERNS = {"full_time", "part_time"}
CONTRACT_TYPES = {"permanent", "fixed_term", "casual"}
PHASES = {"nursery", "primary", "secondary", "sixth_form_or_college", "through"}
KEY_STAGES = {"early_years", "ks1", "ks2", "ks3", "ks4", "ks5"}
SUBJECTS = {"Accounting", "Art and design", "Biology", "Business studies", "Chemistry", "Citizenship", "Classics",
            "Computing", "Dance", "Design and technology", "Drama", "Economics", "Engineering", "English",
            "Food technology", "French", "Geography", "German", "Health and social care", "History", "Humanities",
            "ICT", "Languages", "Law", "Mandarin", "Mathematics", "Media studies", "Music", "Philosophy",
            "Physical education", "Physics", "PSHE", "Psychology", "Religious education", "Science",
            "Social sciences", "Sociology", "Spanish", "Statistics"}
REQUIRED = {"external_advert_url", "expires_at", "job_title", "job_advert", "salary", "external_reference",
            "job_roles", "working_patterns", "contract_type", "phases", "schools"}
OPTIONAL = {"publish_on", "starts_on", "benefits_details", "visa_sponsorship_available", "is_job_share",
            "ect_suitable", "key_stages", "subjects"}
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "li", "h1", "h2", "h3", "h4", "h5", "a", "blockquote"}
_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9]*)")
LONDON = ZoneInfo("Europe/London")


def _expiry(value: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(value)
    return when.replace(tzinfo=LONDON) if when.tzinfo is None else when


def validate(body: Any) -> list[str]:
    """The schema errors of a request body, as the service words them (roughly)."""
    if not isinstance(body, dict) or set(body) != {"vacancy"} or not isinstance(body["vacancy"], dict):
        return ["The body must be {\"vacancy\": {...}}"]
    v = body["vacancy"]
    errors = [f"{k} is not a permitted field" for k in sorted(set(v) - REQUIRED - OPTIONAL)]
    errors += [f"{k} is required" for k in sorted(REQUIRED - set(v))]

    def text(key: str, most: int | None = None) -> None:
        if key in v and (not isinstance(v[key], str) or not v[key].strip() or (most and len(v[key]) > most)):
            errors.append(f"{key} must be text" + (f" of at most {most} characters" if most else ""))

    def chosen(key: str, allowed: set[str], least: int) -> None:
        value = v.get(key)
        if key in v and (not isinstance(value, list) or len(value) < least
                         or not all(isinstance(x, str) and x in allowed for x in value)):
            errors.append(f"{key} has a value that is not allowed: {value!r}")

    for key in ("external_advert_url", "job_advert", "salary", "external_reference", "starts_on",
                "benefits_details"):
        text(key)
    text("job_title", 75)
    if isinstance(v.get("external_advert_url"), str) and not re.match(r"^https?://\S+$", v["external_advert_url"]):
        errors.append("external_advert_url must be a URI")
    chosen("job_roles", JOB_ROLES, 1)
    chosen("working_patterns", WORKING_PATTERNS, 1)
    chosen("phases", PHASES, 1)
    chosen("key_stages", KEY_STAGES, 0)
    chosen("subjects", SUBJECTS, 0)
    if "contract_type" in v and v["contract_type"] not in CONTRACT_TYPES:
        errors.append(f"contract_type is not allowed: {v['contract_type']!r}")
    for key in ("visa_sponsorship_available", "is_job_share", "ect_suitable"):
        if key in v and not isinstance(v[key], bool):
            errors.append(f"{key} must be true or false")
    if isinstance(v.get("job_advert"), str):
        errors += [f"job_advert contains <{t}>, which is not allowed" for t in _TAG.findall(v["job_advert"])
                   if t.lower() not in ALLOWED_TAGS]
    schools = v.get("schools")
    if "schools" in v:
        shapes = ({"trust_uid", "school_urns"}, {"school_urns"}, {"trust_uid"})
        if not isinstance(schools, dict) or set(schools) not in shapes or (
                "school_urns" in schools and (not isinstance(schools["school_urns"], list)
                                              or not schools["school_urns"])):
            errors.append("schools must be {trust_uid, school_urns}, {school_urns} or {trust_uid}")
    publish_on = None
    if "publish_on" in v:
        try:
            publish_on = dt.date.fromisoformat(v["publish_on"])
        except (TypeError, ValueError):
            errors.append("publish_on must be a date")
    if "expires_at" in v:
        try:
            expires = _expiry(v["expires_at"])
        except (TypeError, ValueError):
            errors.append("expires_at must be an ISO 8601 date and time")
        else:
            if expires <= dt.datetime.now(LONDON):
                errors.append("expires_at must be in the future")
            if publish_on and expires.date() < publish_on + dt.timedelta(days=1):
                errors.append("expires_at must be at least one day after publish_on")
    return errors


@dataclass
class Service:
    """The service's state and its behaviour knobs (set them between requests)."""

    key: str
    vacancies: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> stored fields, with "id"
    reject_urns: set[str] = field(default_factory=set)  # schools it cannot take: 422
    busy: int = 0  # answer this many requests with 429 first
    retry_after: str = "0"
    fail_after: int | None = None  # after this many more write requests, every request gets 500
    log: list[tuple[str, str, int]] = field(default_factory=list)  # (method, path, status)
    headers_seen: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def writes(self) -> list[tuple[str, str, int]]:
        return [entry for entry in self.log if entry[0] != "GET"]

    def add(self, fields: dict[str, Any]) -> str:
        vacancy_id = str(uuid.uuid4())
        self.vacancies[vacancy_id] = {"id": vacancy_id, **fields}
        return vacancy_id

    def answer(self, method: str, path: str, query: dict[str, list[str]], key: str | None,
               body: Any) -> tuple[int, dict[str, str], Any]:
        if self.busy > 0:
            self.busy -= 1
            return 429, {"Retry-After": self.retry_after}, {"errors": ["Rate limit exceeded"]}
        if self.fail_after is not None:
            if self.fail_after <= 0:
                return 500, {}, {"errors": ["Internal server error"]}
            if method != "GET":
                self.fail_after -= 1
        if key != self.key:
            return 401, {}, {"errors": ["Invalid API key"]}
        parts = [p for p in path.split("/") if p]
        if parts[:1] != ["vacancies"] or len(parts) > 2:
            return 404, {}, {"errors": ["Not found"]}
        if len(parts) == 1:
            if method == "GET":
                page = int((query.get("page") or ["1"])[0])
                items = list(self.vacancies.values())
                pages = max(1, -(-len(items) // PAGE))
                return 200, {}, {"data": items[(page - 1) * PAGE:page * PAGE],
                                 "meta": {"totalPages": pages, "count": len(items)}}
            if method == "POST":
                return self._save(None, body)
            return 405, {}, {"errors": ["Method not allowed"]}
        vacancy_id = parts[1]
        if vacancy_id not in self.vacancies:
            return 404, {}, {"errors": ["The vacancy was not found"]}
        if method == "GET":
            return 200, {}, self.vacancies[vacancy_id]
        if method == "DELETE":
            del self.vacancies[vacancy_id]
            return 204, {}, None
        if method == "PUT":
            return self._save(vacancy_id, body)
        if method == "PATCH" and isinstance(body, dict) and isinstance(body.get("vacancy"), dict):
            merged = {k: v for k, v in self.vacancies[vacancy_id].items() if k != "id"} | body["vacancy"]
            return self._save(vacancy_id, {"vacancy": merged})
        return 405, {}, {"errors": ["Method not allowed"]}

    def _save(self, vacancy_id: str | None, body: Any) -> tuple[int, dict[str, str], Any]:
        errors = validate(body)
        if errors:
            return 400, {}, {"errors": errors}
        v = body["vacancy"]
        for other_id, other in self.vacancies.items():
            if other_id == vacancy_id:
                continue
            if other["external_reference"] == v["external_reference"]:
                return 409, {}, {"errors": ["A vacancy with the provided external reference already exists"],
                                 "meta": {"link": f"/ats-api/v1/vacancies/{other_id}"}}
            if all(other.get(k) == v.get(k) for k in ("job_title", "expires_at", "contract_type",
                                                       "working_patterns", "phases", "salary", "schools")):
                return 409, {}, {"errors": ["A vacancy with the same job title, expiry date, contract type, working "
                                            "patterns, phases and salary already exists"],
                                 "meta": {"link": f"/ats-api/v1/vacancies/{other_id}"}}
        urns = v["schools"].get("school_urns", [])
        if any(urn in self.reject_urns for urn in urns):
            return 422, {}, {"errors": ["The school is not one Teaching Vacancies can take (for example, in Wales)"]}
        if vacancy_id is None:
            return 201, {}, {"id": self.add(v)}
        self.vacancies[vacancy_id] = {"id": vacancy_id, **v}
        return 200, {}, self.vacancies[vacancy_id]


def _handler(service: Service) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _serve(self) -> None:
            split = urlsplit(self.path)
            prefix = "/ats-api/v1"
            path = split.path[len(prefix):] if split.path.startswith(prefix) else "/not-the-api"
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            with service.lock:
                service.headers_seen.append(dict(self.headers))
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    status, headers, data = 400, {}, {"errors": ["The body is not JSON"]}
                else:
                    status, headers, data = service.answer(self.command, path, parse_qs(split.query),
                                                           self.headers.get("X-Api-Key"), body)
                service.log.append((self.command, split.path, status))
            payload = b"" if data is None else json.dumps(data).encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if payload:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    return Handler


class TvServer:
    """The service running in a thread; `url` is its API base, like the real one's."""

    def __init__(self, key: str) -> None:
        self.service = Service(key)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.service))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/ats-api/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> TvServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
