"""The command line: a thin layer over the library (sqlite-utils' cli.py over db.py).

Exit status: 0 when the work was done (even if some inputs were rejected,
which the summary lists), 1 when nothing at all could be ingested, 2 on a
usage error (click's convention).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from claimledger import __version__
from claimledger.errors import ClaimLedgerError, NotFoundError, UsageError
from claimledger.model import Article
from claimledger.nlp.language import reads_as_english
from claimledger.store.backend import redact

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

PROGRESS_MIN_DOCS = 5  # show a progress bar for batches larger than this


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        envvar="CLAIMLEDGER_DB",
        default="claimledger.db",
        show_default=True,
        show_envvar=True,
        help="Ledger database: a SQLite file path, or a postgresql://user@host/dbname URL.",
    )(func)


def source_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that reads sources shares (ingest, extract)."""
    for option in reversed([
        click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                     help="Processes for spaCy parsing."),
        click.option("--allow-private", is_flag=True,
                     help="Allow URLs that resolve to private, loopback or link-local addresses."),
        click.option("--max-mb", type=click.FloatRange(0.001), default=10.0, show_default=True,
                     help="Largest document to accept, in MB (decompressed)."),
        click.option("--timeout", type=click.FloatRange(0.1), default=20.0, show_default=True,
                     help="Seconds to wait for a URL."),
    ]):  # fmt: skip
        func = option(func)
    return func


def _source_config(allow_private: bool, max_mb: float, timeout: float) -> Any:
    from claimledger.ingest.fetch import FetchConfig
    from claimledger.ingest.sources import SourceConfig

    max_bytes = int(max_mb * 1024 * 1024)
    return SourceConfig(
        max_bytes=max_bytes,
        fetch=FetchConfig(allow_private=allow_private, timeout=timeout, max_bytes=max_bytes),
    )


def _open(db: str, create: bool = False) -> Any:
    """Read commands never create a ledger: a mistyped --db should say so, not show nothing."""
    from claimledger.store.db import Store

    return Store.open(db, create=create)


def _fail(exc: ClaimLedgerError) -> None:
    if isinstance(exc, UsageError | NotFoundError):
        raise click.UsageError(exc.message)
    raise click.ClickException(exc.message)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimledger")
def cli() -> None:
    """claimledger: a ledger of who said what in the news, who confirmed it, who denied it.

    \b
    Quick start:
      claimledger ingest examples/kremlin-trump-covid-tests.txt
      claimledger articles
      claimledger show <ARTICLE-ID>
      claimledger ledger
      claimledger claim <CLAIM-ID>
      claimledger entity Peskov
    """


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@source_options
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Documents per committed batch.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
def ingest(
    sources: tuple[str, ...],
    db: str,
    workers: int,
    allow_private: bool,
    max_mb: float,
    timeout: float,
    batch_size: int,
    quiet: bool,
) -> None:
    """Ingest news into the ledger: files, folders, JSON Lines, URLs, RSS/Atom feeds, or - (stdin).

    \b
    Examples:
      claimledger ingest examples/kremlin-trump-covid-tests.txt
      claimledger ingest saved-pages/ --workers 2
      claimledger ingest dump.jsonl
      claimledger ingest https://example.org/news/story.html
      claimledger ingest https://example.org/feed.xml
      cat story.txt | claimledger ingest -
    """
    from claimledger.ingest.sources import count_files
    from claimledger.runner import ingest as run_ingest

    config = _source_config(allow_private, max_mb, timeout)
    try:
        store = _open(db, create=True)
    except ClaimLedgerError as exc:
        _fail(exc)
    total = count_files(list(sources))
    show_bar = not quiet and (total is None or total > PROGRESS_MIN_DOCS)
    progress = Progress(
        TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not show_bar,
    )  # fmt: skip
    with store, progress:
        task = progress.add_task("ingest", total=total)
        try:
            report = run_ingest(
                list(sources),
                store,
                workers=workers,
                batch_size=batch_size,
                config=config,
                on_batch=lambda n: progress.advance(task, n),
            )
        except ClaimLedgerError as exc:
            _fail(exc)
    if not quiet:
        for article in report.preview:
            _print_article_summary(article)
        if report.stored > len(report.preview):
            out.print(f"… and {report.stored - len(report.preview)} more article(s).")
    parts = [f"{report.stored} new article(s)"]
    if report.versions:
        parts.append(f"{report.versions} new version(s) of stored URLs")
    parts.append(f"{report.unchanged} already in the ledger (or repeated in the input)")
    parts.append(f"{len(report.rejections)} rejected")
    err.print("Ingested into " + escape(redact(db)) + ": " + ", ".join(parts) + ".")
    if report.rejections:
        err.print("Rejected:")
        for rej in report.rejections:
            err.print(f"  {escape(rej.source)}: [bold]{rej.reason.value}[/] — {escape(rej.message)}")
    if not report.ok:
        err.print("Nothing could be ingested.")
        sys.exit(1)


def _print_article_summary(article: Article) -> None:
    out.print(f"[bold]{escape(article.title or '(untitled)')}[/]  [dim]{article.id}[/]")
    if not article.attributions:
        if not reads_as_english(article.text):
            out.print("  [dim](not English prose: stored, not analysed)[/]")
        else:
            out.print("  [dim](no quotes found)[/]")
    for att in article.attributions:
        who = att.speaker.name if att.speaker else (att.source or "unknown source")
        cue = f" ({att.cue})" if att.cue else ""
        out.print(f"  [cyan]{escape(who)}[/]{escape(cue)}: {escape(att.content)}")


@cli.command()
@db_option
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--all-versions", is_flag=True, help="List every stored version of each URL.")
def articles(db: str, limit: int, offset: int, all_versions: bool) -> None:
    """List articles in the ledger, newest first.

    \b
    Examples:
      claimledger articles
      claimledger articles --limit 10 --offset 10
    """
    try:
        with _open(db) as store:
            rows = store.list_articles(limit=limit, offset=offset, all_versions=all_versions)
            total = store.count_articles()
    except ClaimLedgerError as exc:
        _fail(exc)
    table = Table("id", "title", "publisher", "published", "attributions", "ver",
                  title=f"{total} article(s)")
    for r in rows:
        table.add_row(r.id, Text(r.title or r.url or "(untitled)"), Text(r.publisher or ""),
                      r.published or "", str(r.attributions), str(r.version))  # fmt: skip
    out.print(table)


@cli.command()
@click.argument("article")
@db_option
def show(article: str, db: str) -> None:
    """Show one article: metadata, clean text with quotes highlighted, and its attributions.

    ARTICLE is an id, a unique id prefix, or the article's URL.

    \b
    Examples:
      claimledger show c2b415aa
      claimledger show https://example.org/news/story.html
    """
    try:
        with _open(db) as store:
            a = store.get_article(article)
    except ClaimLedgerError as exc:
        _fail(exc)
    out.print(f"[bold]{escape(a.title or '(untitled)')}[/]")
    meta = [
        ("id", a.id), ("url", a.url), ("publisher", a.publisher), ("published", a.published),
        ("authors", ", ".join(a.authors)), ("language", a.language), ("source", a.source),
    ]  # fmt: skip
    for key, value in meta:
        if value:
            out.print(f"[dim]{key}:[/] {escape(str(value))}")
    out.print()
    text = Text(a.text)
    for att in a.attributions:
        text.stylize("bold yellow", *att.content_span)
        if att.source_span:
            text.stylize("bold cyan", *att.source_span)
        if att.cue_span:
            text.stylize("underline", *att.cue_span)
    out.print(text)
    out.print()
    out.print(f"[bold]{len(a.attributions)} attribution(s)[/]")
    for i, att in enumerate(a.attributions):
        who = att.speaker.name if att.speaker else (att.source or "?")
        desc = f" ({', '.join(att.speaker.descriptors)})" if att.speaker and att.speaker.descriptors else ""
        out.print(f" {i}. [cyan]{escape(who)}[/]{escape(desc)} [dim]{escape(att.cue or '')}[/]: "
                  f"{escape(att.content)}")  # fmt: skip
    if a.removed:
        out.print(f"[dim]{len(a.removed)} line(s) removed while cleaning: "
                  + escape(", ".join(sorted({r.reason for r in a.removed}))) + "[/]")  # fmt: skip


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
def search(query: str, db: str, limit: int) -> None:
    """Full-text search over article titles and text (SQLite FTS5 syntax allowed).

    \b
    Examples:
      claimledger search Peskov
      claimledger search '"testing equipment" AND Kremlin'
    """
    try:
        with _open(db) as store:
            hits = store.search(query, limit=limit)
    except ClaimLedgerError as exc:
        _fail(exc)
    if not hits:
        err.print("No matches.")
        return
    for hit in hits:
        out.print(f"[bold]{escape(hit.title or hit.url or '(untitled)')}[/]  [dim]{hit.id}[/]")
        snippet = Text(hit.snippet.replace("\n", " "))
        snippet.highlight_regex(r"\[[^\]]*\]", "bold yellow")
        out.print(Text("  ").append(snippet))


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Write to this file instead of standard output.")
def export(db: str, fmt: str, output: Any) -> None:
    """Export the ledger's articles with their attributions.

    jsonl: one JSON object per article (id, url, title, authors, publisher,
    published, language, text, removed, attributions). csv: one row per
    attribution. Spans are [start, end) character offsets into text.

    \b
    Examples:
      claimledger export > ledger.jsonl
      claimledger export --format csv -o ledger.csv
    """
    from claimledger.export import to_csv, to_jsonl

    try:
        with _open(db) as store:
            writer = to_jsonl if fmt == "jsonl" else to_csv
            for chunk in writer(store.iter_articles()):
                output.write(chunk)
    except ClaimLedgerError as exc:
        _fail(exc)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@source_options
def extract(sources: tuple[str, ...], fmt: str, workers: int, allow_private: bool,
            max_mb: float, timeout: float) -> None:
    """Run the pipeline on SOURCES without a database and print the articles, for scripts.

    Prints the same per-article objects as `export`; rejected inputs are
    reported on standard error.

    \b
    Examples:
      claimledger extract examples/kremlin-trump-covid-tests.txt
      claimledger extract saved-pages/ --format csv > quotes.csv
      cat story.txt | claimledger extract - | jq '.attributions[].speaker.name'
    """
    from claimledger.export import to_csv, to_jsonl
    from claimledger.model import Rejection
    from claimledger.runner import extract as run_extract

    config = _source_config(allow_private, max_mb, timeout)
    rejected: list[Rejection] = []
    produced = 0

    def report(rej: Rejection) -> None:
        rejected.append(rej)
        err.print(f"{escape(rej.source)}: [bold]{rej.reason.value}[/] — {escape(rej.message)}")

    def counted(articles: Any) -> Any:
        nonlocal produced
        for article in articles:
            produced += 1
            yield article

    writer = to_jsonl if fmt == "jsonl" else to_csv
    try:
        articles = run_extract(list(sources), workers=workers, config=config, on_rejection=report)
        for chunk in writer(counted(articles)):
            sys.stdout.write(chunk)
            sys.stdout.flush()
    except ClaimLedgerError as exc:
        _fail(exc)
    if not produced:
        err.print("Nothing could be extracted.")
        sys.exit(1)


@cli.command()
@db_option
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True)
def rejected(db: str, limit: int) -> None:
    """List inputs that could not be ingested, with the reason for each.

    \b
    Example:
      claimledger rejected
    """
    try:
        with _open(db) as store:
            rows = store.rejections(limit=limit)
    except ClaimLedgerError as exc:
        _fail(exc)
    # Plain lines, not a table: paths are long, and users grep this.
    err.print(f"{len(rows)} rejected input(s)")
    for r in rows:
        out.print(f"{escape(r.source)}: [bold]{r.reason.value}[/] — {escape(r.message)} "
                  f"[dim]({r.at.isoformat(timespec='seconds')})[/]")  # fmt: skip


STATUS_STYLE = {
    "confirmed": "bold green", "denied": "bold red", "disputed": "bold magenta",
    "unverified": "bold yellow", "asserted": "bold blue",
}  # fmt: skip
STANCE_STYLE = {
    "asserts": "blue", "confirms": "green", "denies": "red", "disputes": "magenta",
    "cannot_verify": "yellow", "not_aware": "yellow",
}  # fmt: skip
STANCE_ORDER = ("asserts", "confirms", "denies", "disputes", "cannot_verify", "not_aware")


@cli.command()
@db_option
@click.option("--entity", help="Only claims this source made or took a stance on (name, surname or id).")
@click.option("--status", type=click.Choice(["confirmed", "denied", "disputed", "unverified", "asserted"]))
@click.option("--since", help="Only claims with activity on or after this date (YYYY-MM-DD).")
@click.option("--search", "query", help="Only claims containing these words.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonld"]), default="table",
              show_default=True, help="json: a list of entries; jsonld: schema.org Claim JSON-LD.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
def ledger(db: str, entity: str | None, status: str | None, since: str | None, query: str | None,
           fmt: str, limit: int, offset: int) -> None:
    """The ledger: every claim with its origin, status and stances, newest activity first.

    \b
    Examples:
      claimledger ledger
      claimledger ledger --entity Peskov --status denied
      claimledger ledger --since 2024-10-01 --format json
      claimledger ledger --format jsonld > claims.jsonld
    """
    import json

    from claimledger.ledger.entries import list_entries
    from claimledger.ledger.jsonld import ledger_jsonld

    try:
        with _open(db) as store:
            # One more than asked, to say so when the page does not hold every match.
            entries = list_entries(store, entity=entity, status=status, since=since, query=query,
                                   limit=limit + 1, offset=offset)  # fmt: skip
    except ClaimLedgerError as exc:
        _fail(exc)
    more = len(entries) > limit
    entries = entries[:limit]
    if more:
        # On stderr, so that --format json stays one JSON document on stdout.
        err.print(f"Showing claims {offset + 1}–{offset + limit}; more match: "
                  f"--offset {offset + limit} shows the next, --limit N shows more at once.")  # fmt: skip
    if fmt == "json":
        sys.stdout.write(json.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "jsonld":
        sys.stdout.write(json.dumps(ledger_jsonld(entries), ensure_ascii=False, indent=2) + "\n")
        return
    if not entries:
        if offset:
            err.print(f"No claims at --offset {offset}: fewer match.")
        else:
            err.print("No claims match." if (entity or status or since or query) else
                      "The ledger has no claims yet; ingest something first (claimledger ingest …).")
        return
    out.print(Text(f"{len(entries)} claim(s), newest activity first", style="dim"))
    for e in entries:
        _print_entry_summary(e)


_PRONOUNS = frozenset("him her them us me it".split())


def _who(st: Any) -> str:
    channel = st.channel if st.channel and st.channel.lower() not in _PRONOUNS else None
    return (st.source.name or "?") + (f" ({channel})" if channel else "")


def _print_entry_summary(e: Any) -> None:
    """Three lines per claim: status and words, origin, who stands where (quick to scan)."""
    out.print()
    head = Text.assemble((f"[{e.status}]", STATUS_STYLE[e.status]), " ", (e.claim, "bold"),
                         ("  " + e.id[:8], "dim"))  # fmt: skip
    out.print(head)
    origin = e.origin.source.label if e.origin.source.name else "unknown source"
    out.print(Text.assemble(("  origin: ", "dim"), (origin, "cyan"),
                            (f" · {(e.origin.date or 'undated')[:10]}", "dim"),
                            (f" · {len(e.appearances)} articles" if len(e.appearances) > 1 else "", "dim")))  # fmt: skip
    line = Text("  ")
    for kind in STANCE_ORDER:
        if kind == "asserts":
            continue
        by_source: dict[str, list[str]] = {}
        for st in e.stances:
            if st.stance == kind:
                channels = by_source.setdefault(st.source.name or "?", [])
                who = _who(st)
                if who != (st.source.name or "?") and who not in channels:
                    channels.append(who[len(st.source.name or "?") + 2 : -1])
        names = [f"{n} ({', '.join(c)})" if c else n for n, c in by_source.items()]
        if names:
            line.append(f"{kind}: ", style=STANCE_STYLE[kind])
            line.append("; ".join(names) + "   ")
    if len(line.plain.strip()):
        out.print(line)


@cli.command()
@click.argument("claim_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonld"]), default="text",
              show_default=True)
def claim(claim_id: str, db: str, fmt: str) -> None:
    """One ledger entry in full: origin, status, every stance by kind, and the timeline.

    CLAIM_ID is an id or a unique prefix of one (as `claimledger ledger` shows).

    \b
    Example:
      claimledger claim 3f2a91c0
    """
    import json

    from claimledger.ledger.entries import get_entry
    from claimledger.ledger.jsonld import claim_jsonld

    try:
        with _open(db) as store:
            e = get_entry(store, claim_id)
    except ClaimLedgerError as exc:
        _fail(exc)
    if fmt != "text":
        data = e.as_json() if fmt == "json" else claim_jsonld(e)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(Text(e.claim, style="bold"))
    out.print(Text.assemble(("status: ", "dim"), (e.status, STATUS_STYLE[e.status]),
                            ("   id: ", "dim"), (e.id, "dim")))  # fmt: skip
    o = e.origin
    origin = Text.assemble(("origin: ", "dim"), (o.source.label if o.source.name else "unknown", "cyan"))
    if o.article_title or o.date:
        origin.append(f" — {o.article_title or o.article_id} ({o.date or 'undated'})", style="dim")
    out.print(origin)
    if e.subjects:
        out.print(Text("about: " + ", ".join(e.subjects), style="dim"))
    for kind in STANCE_ORDER:
        group = [st for st in e.stances if st.stance == kind]
        if not group:
            continue
        out.print()
        out.print(Text(f"{kind} ({len(group)})", style=STANCE_STYLE[kind] + " bold"))
        for st in group:
            line = Text("  • ")
            line.append(st.source.label, style="cyan")
            if st.channel:
                line.append(f" — to {st.channel}", style="dim")
            line.append(f"\n    “{st.quote}”")
            line.append(f"\n    {st.article_title or st.article_id} · {(st.date or 'undated')[:10]}", style="dim")
            out.print(line)
    out.print()
    out.print(Text("timeline", style="bold"))
    for st in e.timeline():
        out.print(Text.assemble(((st.date or "undated")[:10] + "  ", "dim"),
                                (f"{st.stance:<13}", STANCE_STYLE[st.stance]), " ",
                                (st.source.name or "?", "cyan"),
                                (f" ({st.channel})" if st.channel else "", "dim")))  # fmt: skip
    if len(e.appearances) > 1:
        out.print()
        out.print(Text(f"appears in {len(e.appearances)} articles", style="bold"))
        for a in e.appearances:
            out.print(Text(f"  {a['date']}  {a['title'] or a['article']}", style="dim"))


@cli.command()
@click.argument("name")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def entity(name: str, db: str, fmt: str) -> None:
    """Everything a person or organisation claimed, confirmed or denied.

    NAME is a full name, a surname, an alias or an entity id.

    \b
    Examples:
      claimledger entity Peskov
      claimledger entity "Trump's re-election team"
    """
    import json

    from claimledger.ledger.entries import entity_report

    try:
        with _open(db) as store:
            report = entity_report(store, name)
    except ClaimLedgerError as exc:
        _fail(exc)
    if fmt == "json":
        data = {
            "sources": [{"name": s.name, "entity_id": s.entity_id, "type": s.type,
                         "descriptors": s.descriptors, "article": s.article} for s in report.sources],
            "stances": [{"claim_id": e.id, "claim": e.claim, "status": e.status, "stance": st.stance,
                         "quote": st.quote, "channel": st.channel, "article": st.article_id,
                         "date": st.date} for e, st in report.stances],
        }  # fmt: skip
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    for s in report.sources:
        out.print(Text.assemble((s.name or "?", "bold cyan"), (f"  {s.type}", "dim"),
                                (f"  {'; '.join(s.descriptors)}" if s.descriptors else "", "dim"),
                                (f"  in “{s.article}”" if s.article else "", "dim")))  # fmt: skip
    if not report.stances:
        err.print("No stances on any claim yet.")
        return
    for e, st in report.stances:
        out.print(Text.assemble(("\n", ""), (f"{st.stance:<13}", STANCE_STYLE[st.stance]), " ",
                                (e.claim, "bold"), (f"  [{e.id[:8]}] {e.status}", "dim")))  # fmt: skip
        line = Text(f"    “{st.quote}”")
        if st.channel:
            line.append(f" — to {st.channel}", style="dim")
        line.append(f"  ({st.article_title or st.article_id}, {st.date or 'undated'})", style="dim")
        out.print(line)


@cli.command()
@click.option("--claim", "claim_text", help="The claim to test SOURCES against.")
@click.option("--pairs", type=click.File("r", encoding="utf-8"),
              help="JSON Lines of {\"claim\": …, \"text\": …}; - reads standard input.")
@click.argument("sources", nargs=-1)
@source_options
def stance(claim_text: str | None, pairs: Any, sources: tuple[str, ...], workers: int,
           allow_private: bool, max_mb: float, timeout: float) -> None:
    """The stance engine on its own: does a text confirm, deny, report, or not concern a claim?

    Prints one JSON line per pair: stance (confirms, denies, reports or
    unrelated), score (the model's probability for it) and evidence (the
    sentences it read). With --claim, each of SOURCES (files, URLs, … as for
    ingest) is cleaned and read against the claim; with --pairs, each line is.

    \b
    Examples:
      claimledger stance --claim "Trump sent testing equipment to Putin" story.txt
      claimledger stance --pairs pairs.jsonl > stances.jsonl
    """
    import json

    from claimledger.nlp.stance import get_stance_model

    if (claim_text is None) == (pairs is None):
        raise click.UsageError("give either --claim TEXT with SOURCES, or --pairs FILE")
    if claim_text is not None and not sources:
        raise click.UsageError("--claim needs at least one source to read (a file, folder, URL or -)")
    if claim_text is not None and not claim_text.strip():
        raise click.UsageError("--claim is empty")
    labels: list[dict[str, Any]] = []
    inputs: list[tuple[str, str]] = []
    if pairs is not None:
        for n, line in enumerate(pairs, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                claim_, text = record["claim"], record["text"]
                if not isinstance(claim_, str) or not isinstance(text, str):
                    raise TypeError("claim and text must be strings")
            except (ValueError, KeyError, TypeError) as exc:
                # One bad line is reported and skipped; the rest is still read.
                err.print(f"line {n}: [bold]bad_json[/] — not {{\"claim\": …, \"text\": …}}: "
                          + escape(str(exc)))  # fmt: skip
                continue
            inputs.append((claim_, text))
            labels.append({"line": n})
    else:
        from claimledger.ingest.sources import iter_sources
        from claimledger.model import Rejection
        from claimledger.pipeline import clean

        config = _source_config(allow_private, max_mb, timeout)
        try:
            for raw in iter_sources(list(sources), config):
                if isinstance(raw, Rejection):
                    err.print(f"{escape(raw.source)}: [bold]{raw.reason.value}[/] — {escape(raw.message)}")
                    continue
                try:
                    article = clean(raw)
                except ClaimLedgerError as exc:
                    err.print(f"{escape(raw.source)}: {escape(exc.message)}")
                    continue
                assert claim_text is not None
                inputs.append((claim_text, article.text))
                labels.append({"source": raw.source, "title": article.title})
        except ClaimLedgerError as exc:
            _fail(exc)
    if not inputs:
        err.print("Nothing to read.")
        sys.exit(1)
    try:
        model = get_stance_model()
        for label, (claim_, _), pred in zip(labels, inputs, model.predict(inputs), strict=True):
            record = {**label, "claim": claim_, "stance": pred.stance, "score": round(pred.score, 4),
                      "evidence": pred.evidence}  # fmt: skip
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    except ClaimLedgerError as exc:
        _fail(exc)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-private", is_flag=True,
              help="Let submitted URLs reach private, loopback or link-local addresses.")
def serve(db: str, host: str, port: int, allow_private: bool) -> None:
    """Serve the REST API (OpenAPI at /docs) over the ledger.

    Reads are open unless CLAIMLEDGER_PROTECT_READS=1; submitting an article
    (POST /api/v1/articles) needs the bearer token set in CLAIMLEDGER_TOKEN.

    \b
    Example:
      CLAIMLEDGER_TOKEN=s3cret claimledger serve --port 8000
    """
    from claimledger.api.serve import serve as run_server

    try:
        run_server(db, host=host, port=port, allow_private=allow_private)
    except ClaimLedgerError as exc:
        _fail(exc)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
