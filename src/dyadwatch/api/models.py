"""Request and response bodies of the REST API, as pydantic models (they make the OpenAPI document)."""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

DATE = r"^\d{4}-\d{2}-\d{2}$"
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
CODE = r"^[A-Za-z]{3}$"
DYAD = r"^[A-Za-z]{3}-[A-Za-z]{3}$"


class ErrorBody(BaseModel):
    """The one shape of every error, from every endpoint and status."""

    code: str = Field(examples=["E601"])
    message: str
    where: Optional[str] = None
    hint: Optional[str] = None


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=100_000)
    id: Optional[str] = Field(None, max_length=200, description="Your id for the article (doc_id).")
    title: Optional[str] = Field(None, max_length=1000)
    published: Optional[str] = Field(None, pattern=DATE, description="YYYY-MM-DD")
    url: Optional[str] = Field(None, max_length=2000)
    language: Optional[Literal["en", "fr"]] = None
    source: Optional[str] = Field(None, max_length=200)


class ArticlesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=1000)


class AliasImport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["csv", "yaml"]
    content: str = Field(min_length=1, max_length=1_000_000)


class Page(BaseModel):
    """Every list: one page of items and the total over all pages."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class EventPage(Page):
    """A page of events, with the cursor of the next page (None on the last page)."""

    next_cursor: Optional[str] = None


class Job(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    articles: int
    submitted: str
    started: Optional[str] = None
    finished: Optional[str] = None
    result: Optional[dict[str, Any]] = None
    error: Optional[dict[str, Any]] = None


class AliasResult(BaseModel):
    imported: int
    total: int
    table: str
