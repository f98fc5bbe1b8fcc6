"""Typed response bodies of the HTTP API (they document the JSON contract in the OpenAPI schema)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class EvidenceModel(BaseModel):
    """Where in which article a field's value was read."""

    article_id: str
    start: int = Field(description="Character offset of the span in the article text.")
    end: int
    text: str
    confidence: float
    reason: str | None = None
    stage: str | None = Field(None, description="The pipeline stage that set the field ('eventwire rules' lists "
                                                 "them).")
    rules: list[str] = Field(default_factory=list, description="Ids of the rules that fired for the value, in order.")


class SourceModel(BaseModel):
    """One article's contribution to an event, with the evidence it gave."""

    article_id: str
    url: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")
    evidence: dict[str, EvidenceModel] = {}


class ClaimModel(BaseModel):
    """Who says who did it: claimed (by the actor itself), attributed (to the actor, by `by`), denied (by the
    actor), or unclaimed (no one has claimed it)."""

    kind: str
    actor: str | None = None
    by: str | None = Field(None, description="Who says so: the claimant, the attributing outlet or official.")
    by_kind: str | None = Field(None, description="media, government, military, group, official, or null.")
    evidence: EvidenceModel


class RelationModel(BaseModel):
    """A link to another event: response_to, retaliation_for, follows (with the interval), part_of."""

    kind: str
    event_id: str | None = Field(None, description="The related stored event; null when the report names an "
                                                   "incident eventwire has no event for (see target_text).")
    interval_days: int | None = None
    target_text: str = ""
    evidence: EvidenceModel


class CorrectionModel(BaseModel):
    """An analyst's correction: who, when, what (a field's value before and after) and why."""

    id: int
    kind: Literal["set", "accept", "reject", "restore", "split", "merge"]
    author: str
    reason: str
    created_at: str
    event_id: str | None = Field(None, description="The event's id when it was made.")
    field: str | None = None
    before: Any = Field(None, description="The machine's value when it was corrected.")
    after: Any = None


class ConflictModel(BaseModel):
    """A field an analyst corrected whose machine value has changed since (a new report, a new release)."""

    field: str
    machine: Any
    analyst: Any
    correction_id: int


class EventModel(BaseModel):
    """An event in the JSON contract (ACLED fields plus evidence), with its sources and reconciliation notes."""

    id: str
    article_ids: list[str]
    event_type: str
    sub_event_type: str | None = None
    event_date: str | None = Field(None, description="YYYY-MM-DD.")
    time_precision: int | None = Field(None, description="ACLED: 1 day, 2 week, 3 month.")
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = Field(None, description="ACLED: 1 town/site, 2 near a place or part of a region, "
                                                        "3 region only.")
    actor1: str | None = None
    actor2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    weapon: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    captured: int | None = None
    munitions: int | None = None
    confidence: float
    evidence: dict[str, EvidenceModel] = Field(default_factory=dict, description="Field name -> its evidence.")
    sources: list[SourceModel] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Disagreements between sources, and how resolved.")
    actor1_basis: str | None = Field(None, description="How actor1 is known: claimed (by the group) or stated (by "
                                                       "the report).")
    claims: list[ClaimModel] = Field(default_factory=list)
    relations: list[RelationModel] = Field(default_factory=list)
    review: Literal["accepted", "corrected", "conflict", "rejected"] | None = Field(
        None, description="Analysts' review: accepted (checked and right), corrected, conflict (corrected, and the "
                          "machine now says otherwise), rejected (no incident), or null (not reviewed).")
    corrections: list[CorrectionModel] = Field(default_factory=list, description="Analysts' corrections, oldest "
                                                                                 "first.")
    conflicts: list[ConflictModel] = Field(default_factory=list, description="Fields whose machine value changed "
                                                                             "since an analyst corrected them.")


class EventDetailModel(EventModel):
    """An event and the per-article reports merged into it, earliest first."""

    reports: list[EventModel] = Field(default_factory=list)


class EventsPageModel(BaseModel):
    """One page of events. Pass `next_cursor` back as `cursor` (same filters and sort) for the next page."""

    events: list[EventModel]
    count: int = Field(description="Events on this page.")
    total: int | None = Field(None, description="Events matching the filters in all; given with the first page "
                                                "(no cursor) or when asked for with total=true, else null.")
    sort: str
    next_cursor: str | None = Field(description="Null on the last page.")


class ArticleModel(BaseModel):
    id: str
    text: str
    published: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None


class BucketModel(BaseModel):
    key: str | None = Field(description="The day (YYYY-MM-DD), event type, country or admin1; null when unknown.")
    events: int
    fatalities: int = Field(description="Sum of the known fatalities.")


class Admin1BucketModel(BucketModel):
    country: str | None = None


class SubEventTypeBucketModel(BucketModel):
    event_type: str | None = Field(default=None, description="The event type of the sub-event type.")


class StatsModel(BaseModel):
    """Counts of the events matching the filters, for charts."""

    events: int
    fatalities: int
    by_day: list[BucketModel]
    by_event_type: list[BucketModel]
    by_country: list[BucketModel]
    by_sub_event_type: list[SubEventTypeBucketModel]
    by_admin1: list[Admin1BucketModel]


class HealthModel(BaseModel):
    status: str
    db: str
    review: bool = Field(False, description="Whether this server accepts analysts' corrections.")
    articles: int
    events: int


class MapLabelModel(BaseModel):
    name: str
    kind: Literal["country", "region", "town"]
    capital: bool  # a town that is its country's capital (drawn first, in bold)
    latitude: float
    longitude: float
    population: int


class MapLabelsModel(BaseModel):
    available: bool  # false until the gazetteer index is built (the first ingest or extract builds it)
    labels: list[MapLabelModel]


class ErrorModel(BaseModel):
    status: int
    code: str = Field(description="not_found, bad_request, validation_error, method_not_allowed, internal_error, ...")
    message: str


class ErrorBodyModel(BaseModel):
    """The body of every error response."""

    error: ErrorModel


class ReviewItemModel(EventModel):
    """An event of the review queue, with how much it needs a person's eyes."""

    doubt: float = Field(description="1 - confidence, plus weights for conflicts, disagreeing reports, fields "
                                     "without evidence and large tolls (services/review.py DOUBT_WEIGHTS).")


class ReviewQueueModel(BaseModel):
    events: list[ReviewItemModel]
    count: int


class AuditModel(CorrectionModel):
    """A correction in the audit trail, with the reports it is anchored to."""

    anchors: list[dict[str, Any]] = Field(default_factory=list)


class FieldsBody(BaseModel):
    """Fields to correct and why: `{"fields": {"fatalities": 7}, "reason": "hospital figure"}`."""

    fields: dict[str, Any] = Field(min_length=1, max_length=20)
    reason: str = Field(min_length=1, max_length=2000)


class ReasonBody(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class SplitBody(BaseModel):
    """The articles whose reports leave the event (they form one of their own)."""

    articles: list[str] = Field(min_length=1, max_length=1000)
    reason: str = Field(min_length=1, max_length=2000)


class MergeBody(BaseModel):
    """Two events that report one incident."""

    event_ids: list[str] = Field(min_length=2, max_length=2)
    reason: str = Field(min_length=1, max_length=2000)


class CorrectedModel(BaseModel):
    """The events a correction leaves (one; two after a split), as stored now."""

    events: list[EventModel]
