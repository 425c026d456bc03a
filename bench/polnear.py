"""Load PolNeAR (Newell et al., LREC 2018) gold attributions from its brat standoff files.

Why a module of its own: the attribution benchmark scores against it now, and a
tagger will be trained from the same gold later (``bio_tags``); both must read
the annotation the same way, or a score measured here would not describe the
model trained there.

What the files hold (read from the data, train and dev):

- ``T`` lines, ``T12<TAB>Label a b[;c d...]<TAB>text``: a labelled span with one
  or more ``[start, end)`` character fragments. The text after the second tab
  may run over several physical lines (the span crosses a paragraph break), so
  only lines that start with ``T<n><TAB>`` or ``E<n><TAB>`` are read, and
  offsets, never the echoed text, are trusted.
- ``E`` lines, ``E3<TAB>Attribution:T5 Source:T3 Cue:T4 Content:T6``: one
  attribution event. The trigger role is ``Attribution`` or
  ``Attribution-no-source``; its own ``T`` span merely repeats the cue. Roles
  are ``Source``, ``Cue``, ``Content`` and ``Content2`` (a second, separate
  content piece of the same act: ``"Subpoenas are not optional," Chaffetz
  said. … "Mr. Pagliano is a crucial fact witness …"``).
- ``#`` lines (``AnnotatorNotes``): free-text notes; ignored.

How each label is treated:

- ``Source``, ``Cue``, ``Content`` (+ ``Content2``): gold, through the events
  that reference them. One ``Source`` span may serve several events ("X said
  A and added B"): each event keeps it, and span-level scoring counts it once.
  ``T`` spans no event references (20 in train, none in dev) are ignored.
- ``Attribution-no-source``: an attribution with no stated source ("it is
  believed that…"); loaded with ``source=None`` (one dev event has this label
  *and* a Source role: the Source is kept).
- ``Discard``: text that is not part of the article (bylines, captions,
  "Read the rest here.", editor's notes, embedded tweets); it was never
  annotated, so its spans are kept in ``GoldArticle.discard`` for the scorer
  to ignore predictions there, never as attributions.
- ``Discuss``: a span an annotator flagged for discussion (unsure whether or
  how it is an attribution); it belongs to no event, so it is not gold. Kept
  in ``GoldArticle.discuss`` for inspection only.
- Events without content (a bare trigger, or cue and source only: 1 in the
  dev files, 36 across the train files) are dropped: nothing said to extract.

Fragments separated only by whitespace (brat splits a selection at line breaks)
are merged: a tag sequence cannot tell them apart. Fragments separated by words
or punctuation (``"A," he said, "B."``) stay separate.

Several annotators' files exist for a few articles (2 in dev, 16 in train,
each with 5-6 annotators): the alphabetically first annotator id is used, so
the choice is deterministic and independent of file-system order.

Run ``python bench/polnear.py [--split dev] [--split train] [--json]`` for the
label statistics of a split.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Span = tuple[int, int]
ROLES = ("source", "cue", "content")
TAGS = ("O", "B-source", "I-source", "B-cue", "I-cue", "B-content", "I-content")

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = REPO_ROOT.parent / "shared" / "data" / "polnear"

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")
# Double quotes only: single quotes are also apostrophes ("Trump’s").


@dataclass(slots=True)
class GoldAttribution:
    """One annotated act of saying or believing: fragments per role.

    ``source`` is None when the annotator marked the attribution as having no
    source; ``content`` joins ``Content`` and ``Content2`` fragments.
    """

    id: str
    cue: list[Span]
    content: list[Span]
    source: list[Span] | None = None

    def fragments(self, role: str) -> list[Span]:
        if role == "source":
            return list(self.source or [])
        if role == "cue":
            return list(self.cue)
        if role == "content":
            return list(self.content)
        raise ValueError(f"unknown role {role!r}; expected one of {ROLES}")

    def hull(self, role: str) -> Span | None:
        """The smallest single span covering a role's fragments (None if it has none)."""
        return flatten(self.fragments(role))


@dataclass(slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution]
    annotator: str = ""
    annotators: list[str] = field(default_factory=list)  # every annotator with a file
    discard: list[Span] = field(default_factory=list)
    discuss: list[Span] = field(default_factory=list)

    def role_spans(self, role: str) -> list[Span]:
        """Distinct fragments of one role over all attributions: the tag-sequence view."""
        return sorted({frag for a in self.attributions for frag in a.fragments(role)})

    def span_text(self, fragments: Sequence[Span], sep: str = " … ") -> str:
        return fragments_text(self.text, fragments, sep)


def flatten(fragments: Sequence[Span]) -> Span | None:
    """Hull of discontinuous fragments: what a single-span extractor could at best predict."""
    if not fragments:
        return None
    return min(s for s, _ in fragments), max(e for _, e in fragments)


def fragments_text(text: str, fragments: Sequence[Span], sep: str = " … ") -> str:
    return sep.join(text[s:e] for s, e in sorted(fragments))


def merge_fragments(text: str, fragments: Iterable[Span]) -> list[Span]:
    """Sort fragments and merge those that touch, overlap, or are parted by whitespace only."""
    merged: list[list[int]] = []
    for s, e in sorted(fragments):
        if merged and text[merged[-1][1] : s].strip() == "" and s >= merged[-1][0]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def parse_ann(ann: str, text: str) -> tuple[list[GoldAttribution], list[Span], list[Span]]:
    """Attributions, Discard spans and Discuss spans of one brat ``.ann`` file."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann.splitlines():
        m = _T_LINE.match(line)
        if m:
            frags = [(int(a), int(b)) for a, b in (p.split() for p in m.group(3).split(";"))]
            for s, e in frags:
                if not 0 <= s <= e <= len(text):
                    raise ValueError(f"{m.group(1)}: offsets {s}-{e} outside the text")
            spans[m.group(1)] = (m.group(2), frags)
            continue
        m = _E_LINE.match(line)
        if m:
            roles = [tuple(arg.split(":", 1)) for arg in m.group(2).split() if ":" in arg]
            events.append((m.group(1), [(r, t) for r, t in roles]))
    attributions: list[GoldAttribution] = []
    for eid, roles in events:
        sources: list[Span] = []
        cue: list[Span] = []
        content: list[Span] = []
        for role, tid in roles:
            base = re.sub(r"\d+$", "", role)
            if base in ("Attribution", "Attribution-no-source"):
                continue
            if tid not in spans:
                raise ValueError(f"{eid}: role {role} points at unknown span {tid}")
            frags = spans[tid][1]
            if base == "Source":
                sources.extend(frags)
            elif base == "Cue":
                cue.extend(frags)
            elif base == "Content":
                content.extend(frags)
        if not content:
            continue
        # An "Attribution" event with no Source role (a few in train) is sourceless
        # too; an "Attribution-no-source" event that names a Source keeps it.
        source = merge_fragments(text, sources) if sources else None
        attributions.append(
            GoldAttribution(
                id=eid,
                source=source,
                cue=merge_fragments(text, cue),
                content=merge_fragments(text, content),
            )
        )
    attributions.sort(key=lambda a: (flatten(a.content) or (0, 0), a.id))
    discard = sorted(f for label, frags in spans.values() if label == "Discard" for f in frags)
    discuss = sorted(f for label, frags in spans.values() if label == "Discuss" for f in frags)
    return attributions, merge_fragments(text, discard), discuss


def load_article(text_path: Path, ann_path: Path, annotators: Sequence[str] = ()) -> GoldArticle:
    text = text_path.read_text(encoding="utf-8")
    m = _ANN_NAME.match(ann_path.name)
    annotator = m.group("annotator") if m else ""
    attributions, discard, discuss = parse_ann(ann_path.read_text(encoding="utf-8"), text)
    return GoldArticle(
        name=text_path.stem,
        text=text,
        attributions=attributions,
        annotator=annotator,
        annotators=list(annotators) or [annotator],
        discard=discard,
        discuss=discuss,
    )


def split_present(split: str, root: Path) -> bool:
    return (root / split / "text").is_dir() and (root / split / "attributions").is_dir()


def load_split(
    split: str, root: Path = DEFAULT_ROOT, limit: int | None = None
) -> list[GoldArticle]:
    """Every article of a split, sorted by name, one annotator's file each.

    Raises FileNotFoundError when the split is absent, so callers can say so.
    """
    if not split_present(split, root):
        raise FileNotFoundError(f"PolNeAR split {split!r} not found under {root}")
    by_name: dict[str, list[tuple[str, Path]]] = {}
    for ann in (root / split / "attributions").glob("*.ann"):
        m = _ANN_NAME.match(ann.name)
        if m:
            by_name.setdefault(m.group("name"), []).append((m.group("annotator"), ann))
    articles: list[GoldArticle] = []
    for text_path in sorted((root / split / "text").glob("*.txt")):
        files = sorted(by_name.get(text_path.stem, []))
        if not files:
            continue  # an article nobody annotated has no gold to score against
        articles.append(load_article(text_path, files[0][1], [a for a, _ in files]))
        if limit is not None and len(articles) >= limit:
            break
    return articles


# -- the univocal (tag-sequence) view ------------------------------------------

_PRIORITY = {"content": 0, "cue": 1, "source": 2}


def univocal_runs(labelled: Iterable[tuple[str, Span]]) -> list[tuple[str, Span]]:
    """Project possibly overlapping labelled spans onto one label per character.

    This is what a tag sequence can express, and how CofeNet-style scoring sees
    both gold and predictions. Source beats cue beats content, and within a
    label a shorter span beats a longer one it overlaps (a nested quote inside
    an outer content keeps its own span). A span cut in two by a higher-priority
    one yields two runs; two different spans that touch stay two runs (each
    would start with ``B-``). Returns ``(label, (start, end))`` sorted by start.
    """
    items = sorted(
        {(label, span) for label, span in labelled if span[1] > span[0]},
        key=lambda x: (_PRIORITY[x[0]], -(x[1][1] - x[1][0]), x[1]),
    )
    if not items:
        return []
    lo = min(s for _, (s, _) in items)
    hi = max(e for _, (_, e) in items)
    owner: list[int] = [-1] * (hi - lo)
    for idx, (_, (s, e)) in enumerate(items):
        owner[s - lo : e - lo] = [idx] * (e - s)
    runs: list[tuple[str, Span]] = []
    start = 0
    for i in range(1, len(owner) + 1):
        if i == len(owner) or owner[i] != owner[start]:
            if owner[start] >= 0:
                runs.append((items[owner[start]][0], (start + lo, i + lo)))
            start = i
    return runs


def gold_labelled_spans(article: GoldArticle) -> list[tuple[str, Span]]:
    return [(role, frag) for role in ROLES for frag in article.role_spans(role)]


def bio_tags(article: GoldArticle, tokens_offsets: Sequence[Span]) -> list[str]:
    """CofeNet-style tags (``B-source``, ``I-cue``, ``O``, …) for tokens given as char offsets.

    A token takes the label of the run it overlaps most; ``B-`` when the
    previous token was not in the same run. Tokens must be in text order.
    """
    runs = univocal_runs(gold_labelled_spans(article))
    starts = [s for _, (s, _) in runs]
    tags: list[str] = []
    prev_run = -1
    for ts, te in tokens_offsets:
        best, best_overlap = -1, 0
        i = max(0, bisect.bisect_right(starts, ts) - 1)
        while i < len(runs) and runs[i][1][0] < te:
            s, e = runs[i][1]
            overlap = min(te, e) - max(ts, s)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
            i += 1
        if best < 0:
            tags.append("O")
        else:
            tags.append(("I-" if best == prev_run else "B-") + runs[best][0])
        prev_run = best
    return tags


# -- statistics ----------------------------------------------------------------


def quote_kind(text: str, fragments: Sequence[Span]) -> str:
    """``direct`` if every letter is inside double quotes, ``mixed`` if some are, else ``indirect``.

    The same rule the tagger uses for its own output, so gold and predictions are kinded alike.
    """
    from claimledger.nlp.tagger import quote_kind as kind_of

    return kind_of(fragments_text(text, fragments, " "))


def _within(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def split_stats(articles: Sequence[GoldArticle]) -> dict[str, Any]:
    """Counts that say what an extractor is up against on this split."""
    n = sum(len(a.attributions) for a in articles)
    kinds = {"direct": 0, "mixed": 0, "indirect": 0}
    with_source = discontinuous = nested = shared_source = 0
    content_words = 0
    for art in articles:
        hulls = [a.hull("content") for a in art.attributions]
        seen_sources: dict[tuple[Span, ...], int] = {}
        for a in art.attributions:
            kinds[quote_kind(art.text, a.content)] += 1
            if a.source is not None:
                with_source += 1
                key = tuple(a.source)
                seen_sources[key] = seen_sources.get(key, 0) + 1
            if len(a.content) > 1:
                discontinuous += 1
            cue = a.hull("cue") or a.hull("content")
            if cue is not None and any(
                h is not None and h != a.hull("content") and _within(cue, h) for h in hulls
            ):
                nested += 1
            content_words += sum(len(re.findall(r"\w+", art.text[s:e])) for s, e in a.content)
        shared_source += sum(c for c in seen_sources.values() if c > 1)
    return {
        "articles": len(articles),
        "multi_annotated_articles": sum(len(a.annotators) > 1 for a in articles),
        "attributions": n,
        "with_source": with_source,
        "without_source": n - with_source,
        "sharing_a_source_span": shared_source,
        "direct": kinds["direct"],
        "mixed": kinds["mixed"],
        "indirect": kinds["indirect"],
        "nested_in_another_content": nested,
        "discontinuous_content": discontinuous,
        "mean_content_words": content_words / n if n else 0.0,
        "discard_spans": sum(len(a.discard) for a in articles),
        "discuss_spans": sum(len(a.discuss) for a in articles),
    }


def _print_stats(split: str, stats: dict[str, Any]) -> None:
    n = stats["attributions"] or 1
    print(
        f"PolNeAR {split}: {stats['articles']} articles "
        f"({stats['multi_annotated_articles']} with several annotators; first id used)"
    )
    for key, value in stats.items():
        if key in ("articles", "multi_annotated_articles"):
            continue
        share = ""
        if isinstance(value, int) and key not in ("attributions", "discard_spans", "discuss_spans"):
            share = f"  ({100 * value / n:.1f} %)"
        shown = f"{value:.1f}" if isinstance(value, float) else str(value)
        print(f"  {key:<28}{shown:>8}{share}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Label statistics of PolNeAR splits.")
    parser.add_argument("--split", action="append", choices=["train", "dev"], help="repeatable")
    parser.add_argument("--data", type=Path, default=DEFAULT_ROOT, help=f"default: {DEFAULT_ROOT}")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {}
    for split in args.split or ["dev", "train"]:
        if not split_present(split, args.data):
            print(
                f"PolNeAR {split} split not found under {args.data} (expected "
                f"{split}/text and {split}/attributions); pass --data DIR",
                file=sys.stderr,
            )
            return 2
        result[split] = split_stats(load_split(split, args.data))
        if not args.json:
            _print_stats(split, result[split])
    if args.json:
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
