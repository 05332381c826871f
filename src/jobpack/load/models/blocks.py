"""The shape of a block file and of one entry in a block's or a post's list (a statement, or a `use`)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from jobpack.load.models.base import Need, Slug, Strict, Text

# ---------------------------------------------------------------- blocks and post entries


class CriterionChange(Strict):
    need: Need | None = None
    assessed: list[str] | None = None
    level: int | None = Field(None, ge=1, le=9)


class Entry(Strict):
    """One entry in a block's `items` or a post's duty/criteria list.

    Either `use: BLOCK` (with optional omit/override), or an item (`text`, or `one_of` for criteria).
    A plain string is shorthand for an item with only text. One model, not a union, so a mistake gets
    one clear message instead of one per alternative.
    """

    use: str | None = None
    only: list[str] | None = Field(None, min_length=1, description="pick these items of the block, in this order")
    omit: list[str] = []
    override: dict[str, CriterionChange] = {}
    id: Slug | None = None
    text: str | None = None
    one_of: list[Text] | None = Field(None, min_length=2)
    need: Need | None = None
    assessed: list[str] | None = None
    level: int | None = Field(None, ge=1, le=9)
    allow: dict[str, Text] | None = Field(None, description="lint id -> why the flagged wording is right here")
    justification: str | None = Field(None, description="why the post needs this (e.g. a driving licence)")

    @model_validator(mode="before")
    @classmethod
    def _plain_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"text": value}
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> Entry:
        if self.use is not None:
            extra = [k for k in ("id", "text", "one_of", "need", "assessed", "level", "allow", "justification")
                     if getattr(self, k) is not None]
            if extra:
                raise ValueError(f"an entry with 'use' cannot also have {', '.join(extra)}; "
                                 "write the block and the item as two entries")
        else:
            if self.omit or self.override or self.only is not None:
                raise ValueError("'only', 'omit' and 'override' belong with 'use: BLOCK'")
            if (self.text is None) == (self.one_of is None):
                raise ValueError("write the item's 'text' (or 'one_of' for alternatives), or 'use' a block")
            if self.text is not None and not self.text.strip():
                raise ValueError("the item's text is empty")
        return self


class Block(Strict):
    area: Slug | None = None
    category: Slug | None = None
    title: str = ""
    assessed: list[str] | None = None
    items: list[Entry] = Field(min_length=1)

    @model_validator(mode="after")
    def _area_or_category(self) -> Block:
        if (self.area is None) == (self.category is None):
            raise ValueError("a block names either its 'area' (a duty block) or its 'category' "
                             "(a criteria block), not both and not neither")
        return self

    @property
    def kind(self) -> str:
        return "duties" if self.area else "criteria"

    @property
    def section(self) -> str:
        return self.area or self.category or ""


