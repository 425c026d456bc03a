"""Ingest: sources → pipeline → store, batch by batch, with a report of what happened.

The one entry point the CLI and (later) the API call, so both ingest alike.
Each batch is committed on its own; the report counts what was stored, what
was already there, and every rejection with its reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from claimledger import pipeline
from claimledger.ingest.sources import SourceConfig, iter_sources
from claimledger.model import Article, Rejection
from claimledger.store.db import Store


@dataclass
class IngestReport:
    stored: int = 0  # new articles (including new versions)
    preview: list[Article] = field(default_factory=list)  # the first few stored, for display
    versions: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.stored + self.unchanged + len(self.rejections)

    @property
    def ok(self) -> bool:
        """True when at least one input is in the ledger (new or already there)."""
        return self.stored > 0 or self.unchanged > 0


def ingest(
    specs: list[str],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int = 32,
    config: SourceConfig | None = None,
    on_batch: Callable[[int], None] | None = None,
    preview_limit: int = 10,
) -> IngestReport:
    """Ingest every source in ``specs`` into ``store``.  Never raises for one bad document."""
    stages = pipeline.build(workers=workers)
    store.rebuts = pipeline.rebuttal_check()
    report = IngestReport()
    items = iter_sources(specs, config)
    for batch in pipeline.process(items, stages, batch_size=batch_size, known=store.existing_ids):
        saved = store.save_batch(batch.articles, batch.rejections, present=batch.skipped_sources)
        report.versions += saved.versions
        report.unchanged += batch.skipped + saved.unchanged
        report.stored += saved.new
        room = preview_limit - len(report.preview)
        if room > 0:
            report.preview.extend(batch.articles[:room])
        report.rejections.extend(batch.rejections)
        if on_batch:
            on_batch(len(batch.articles) + batch.skipped + len(batch.rejections))
    return report


def extract(
    specs: list[str],
    *,
    workers: int = 1,
    batch_size: int = 32,
    config: SourceConfig | None = None,
    on_rejection: Callable[[Rejection], None] | None = None,
) -> Iterator[Article]:
    """Run the pipeline without a ledger: yield each article as it is done, in batches."""
    stages = pipeline.build(workers=workers)
    for batch in pipeline.process(iter_sources(specs, config), stages, batch_size=batch_size):
        for rej in batch.rejections:
            if on_rejection:
                on_rejection(rej)
        yield from batch.articles
