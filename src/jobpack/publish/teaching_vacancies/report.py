"""What a run did, in plain words: each vacancy's action and outcome, then one line of totals.

Only what the service confirmed is reported as sent; a request that failed is reported as failed with the
service's own words and the post's file and line, and what was never tried is said to be not sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jobpack.errors import printable
from jobpack.publish.teaching_vacancies.plan import Action

DONE = {"create": "created", "update": "updated", "withdraw": "withdrew", "unchanged": "unchanged"}
WOULD = {"create": "would create", "update": "would update", "withdraw": "would withdraw", "unchanged": "unchanged"}


@dataclass(frozen=True)
class Outcome:
    action: Action
    ok: bool
    detail: str = ""  # created: the service's id; updated: the fields that changed; failed: why
    hint: str = ""


@dataclass
class Report:
    dry_run: bool
    actions: list[Action] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    fatal: str = ""  # why the run stopped (key refused, service unreachable), or ""
    requests: int = 0
    written: list[str] = field(default_factory=list)  # the dry run's files

    @property
    def ok(self) -> bool:
        if self.dry_run:
            return not self.fatal
        return not self.fatal and all(o.ok for o in self.outcomes) and len(self.outcomes) == len(self.actions)

    def lines(self) -> list[str]:
        out = []
        done = {id(o.action): o for o in self.outcomes}
        for action in self.actions:
            where = f" ({action.wanted.where})" if action.wanted is not None else ""
            outcome = done.get(id(action))
            if self.dry_run:
                out.append(f"  {WOULD[action.kind]:<15}{action.label}{where}")
            elif outcome is None:
                out.append(f"  {'not sent':<15}{action.label}{where}: {action.kind} not tried, the run stopped")
            elif outcome.ok:
                detail = f" ({outcome.detail})" if outcome.detail else ""
                out.append(f"  {DONE[action.kind]:<15}{action.label}{detail}")
            else:
                out.append(f"  {'FAILED':<15}{action.label}{where}: could not {action.kind}: {outcome.detail}")
                if outcome.hint:
                    out.append(f"  {'':<15}{outcome.hint}")
        return [printable(line) for line in out]

    def summary(self) -> str:
        counts = {kind: 0 for kind in DONE}
        for outcome in self.outcomes:
            if outcome.ok:
                counts[outcome.action.kind] += 1
        if self.dry_run:
            planned = {kind: sum(a.kind == kind for a in self.actions) for kind in DONE}
            return (f"Dry run, nothing sent: {planned['create']} to create, {planned['update']} to update, "
                    f"{planned['withdraw']} to withdraw, {planned['unchanged']} unchanged.")
        failed = sum(not o.ok for o in self.outcomes)
        untried = len(self.actions) - len(self.outcomes)
        text = (f"Teaching Vacancies: {counts['create']} created, {counts['update']} updated, "
                f"{counts['withdraw']} withdrawn, {counts['unchanged']} unchanged; {failed} failed")
        text += f", {untried} not sent." if untried else "."
        return text
