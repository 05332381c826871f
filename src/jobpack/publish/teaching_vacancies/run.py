"""Carrying out a plan: the dry run writes each request body to a folder; the real run makes the service
match the trust, one request per change, and records exactly what the service confirmed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from jobpack.atomic import write_files
from jobpack.check.teaching_vacancies import reference_prefix
from jobpack.check.validate import Checked
from jobpack.publish.teaching_vacancies.client import TRIES, Client, KeyRefused, ServiceError, Unreachable
from jobpack.publish.teaching_vacancies.payload import Wanted, wanted_vacancies
from jobpack.publish.teaching_vacancies.plan import Action, differs, make_plan
from jobpack.publish.teaching_vacancies.report import Outcome, Report

KEY_REFUSED = ("The service refused the API key: the key is wrong or missing. Set the environment variable "
               "TEACHING_VACANCIES_API_KEY to the key Teaching Vacancies gave the trust (in CI, the repository "
               "secret of that name).")


def body_files(wanted: list[Wanted], out_dir: Path) -> dict[Path, bytes]:
    """Each request body as the file <school>/<post>.json, byte-stable (keys sorted, UTF-8)."""
    return {out_dir / item.school / f"{item.slug}.json":
            (json.dumps(item.body, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
            for item in wanted}


def dry_run(checked: Checked, now: dt.datetime, out_dir: Path | None) -> Report:
    """The plan against a service holding nothing (every vacancy a creation); no key, no network."""
    wanted = wanted_vacancies(checked, now)
    report = Report(dry_run=True, actions=make_plan(wanted, [], reference_prefix(checked.trust)))
    if out_dir is not None and wanted:
        files = body_files(wanted, out_dir)
        write_files(files)
        report.written = [str(path) for path in files]
    return report


def _refusal(exc: ServiceError, action: Action) -> tuple[str, str]:
    """The service's refusal in plain words, and what to do."""
    said = "; ".join(exc.messages)
    if exc.status == 400:
        return (f"the service refused the vacancy's details ({said})",
                "Run 'jobpack check' and fix what it reports; if it reports nothing, the service's rules have "
                "changed: tell whoever looks after jobpack.")
    if exc.status == 409:
        link = f" ({exc.link})" if exc.link else ""
        return (f"the service already has this vacancy{link}: {said}",
                "Another vacancy there has the same reference, or the same title, closing date, contract, "
                "working pattern, phases and salary: withdraw that one on the service, or change this one.")
    if exc.status == 422:
        return (f"the service cannot take a vacancy for this school ({said})",
                "Check the school's urn in trust.yaml: the service takes schools in England only.")
    if exc.status == 404:
        return (f"the service has no vacancy {action.remote_id} for this key ({said})",
                "Run the command again: it reads the service's vacancies afresh.")
    if exc.status == 429 or exc.status >= 500:
        return (f"the service did not accept it after {TRIES} tries (status {exc.status}: {said})",
                "Run the command again later: what went through stays, and only the rest is sent.")
    return f"the service answered {exc.status} ({said})", ""


def _carry_out(client: Client, action: Action, remote: dict[str, dict]) -> Outcome:
    if action.kind == "unchanged":
        return Outcome(action, True)
    if action.kind == "create":
        assert action.wanted is not None
        return Outcome(action, True, f"id {client.create(action.wanted.body)}")
    if action.kind == "update":
        assert action.wanted is not None and action.remote_id
        changed = differs(action.wanted.body, remote[action.reference])
        client.update(action.remote_id, action.wanted.body)
        return Outcome(action, True, "changed: " + ", ".join(changed))
    assert action.remote_id
    client.delete(action.remote_id)
    return Outcome(action, True)


def publish(checked: Checked, client: Client, now: dt.datetime) -> Report:
    """Make the service's vacancies match the trust's open ones. Stops at a refused key or an unreachable
    service (what was already confirmed stays reported as sent); a refused vacancy does not stop the others."""
    report = Report(dry_run=False)
    wanted = wanted_vacancies(checked, now)
    try:
        listed = client.list_all()
    except KeyRefused:
        report.fatal = KEY_REFUSED
        return report
    except Unreachable as exc:
        report.fatal = f"Teaching Vacancies could not be reached at {client.base_url} ({exc}). Nothing was sent."
        return report
    except ServiceError as exc:
        report.fatal = (f"Teaching Vacancies did not list the trust's vacancies (status {exc.status}: "
                        f"{'; '.join(exc.messages)}). Nothing was sent: run the command again later.")
        return report
    finally:
        report.requests = client.requests
    remote = {str(r.get("external_reference", "")): r for r in listed}
    report.actions = make_plan(wanted, listed, reference_prefix(checked.trust))
    for action in report.actions:
        try:
            report.outcomes.append(_carry_out(client, action, remote))
        except KeyRefused:
            report.fatal = KEY_REFUSED
            break
        except Unreachable as exc:
            report.fatal = f"Teaching Vacancies stopped answering at {client.base_url} ({exc})."
            break
        except ServiceError as exc:
            report.outcomes.append(Outcome(action, False, *_refusal(exc, action)))
        finally:
            report.requests = client.requests
    return report
