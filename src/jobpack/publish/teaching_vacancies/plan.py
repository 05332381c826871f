"""What a run must do: the trust's wanted vacancies against what the service holds for this key.

Matched by external_reference. A wanted vacancy the service lacks is created; one whose fields differ is
updated (PUT, the whole body); one the service has that the trust no longer wants (the post is gone,
closed, or no longer a vacancy) is withdrawn, but only if its reference is this trust's; anything else is
left alone. A second run against an unchanged trust plans nothing but "unchanged".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from jobpack.publish.teaching_vacancies.payload import Wanted

Kind = Literal["create", "update", "withdraw", "unchanged"]


@dataclass(frozen=True)
class Action:
    kind: Kind
    reference: str
    wanted: Wanted | None = None  # None for a withdrawal
    remote_id: str | None = None  # None for a creation

    @property
    def label(self) -> str:
        """The post's id, or for a withdrawal the reference the service knows it by."""
        return self.wanted.post_id if self.wanted is not None else self.reference


def _same_time(ours: Any, theirs: Any) -> bool:
    """expires_at as the service may write it back (with seconds, a zone, or a Z) is the same moment."""
    try:
        a, b = dt.datetime.fromisoformat(str(ours)), dt.datetime.fromisoformat(str(theirs).replace("Z", "+00:00"))
    except ValueError:
        return False
    if b.tzinfo is not None:
        from zoneinfo import ZoneInfo

        b = b.astimezone(ZoneInfo("Europe/London")).replace(tzinfo=None)
    return a == b


def _same(key: str, ours: Any, theirs: Any) -> bool:
    if ours == theirs:
        return True
    if key == "expires_at":
        return _same_time(ours, theirs)
    if isinstance(ours, list) and isinstance(theirs, list):
        return sorted(map(str, ours)) == sorted(map(str, theirs))
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return ours.keys() == theirs.keys() and all(_same(k, ours[k], theirs[k]) for k in ours)
    return False


def differs(body: dict[str, Any], remote: dict[str, Any]) -> list[str]:
    """The fields of our body the service holds differently (a field it leaves out counts as different)."""
    return [key for key, value in body["vacancy"].items() if key not in remote or not _same(key, value, remote[key])]


def make_plan(wanted: list[Wanted], remote: list[dict[str, Any]], prefix: str) -> list[Action]:
    """Creations, updates and unchanged in post order, then withdrawals in reference order."""
    held = {str(r.get("external_reference", "")): r for r in remote}
    actions: list[Action] = []
    for item in wanted:
        found = held.get(item.reference)
        if found is None:
            actions.append(Action("create", item.reference, item))
        else:
            kind: Kind = "update" if differs(item.body, found) else "unchanged"
            actions.append(Action(kind, item.reference, item, str(found.get("id", ""))))
    ours = {w.reference for w in wanted}
    for reference in sorted(held):
        if reference.startswith(prefix) and reference not in ours:
            actions.append(Action("withdraw", reference, None, str(held[reference].get("id", ""))))
    return actions
