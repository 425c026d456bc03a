"""Show what a change did to the ledger of each document, for reading.

    python bench/extract_diff.py before.jsonl after.jsonl [--only acts|speakers|classes|contents|claims|stances]

Both files are `claimledger extract --format jsonl` runs over the same
documents (see `bench/reading_set.py`). Acts are aligned by their cue span,
so an act that appears or vanishes shows as one line rather than shifting
every speaker after it; claims by their text; stances by (claim text,
speaker, stance). A summary line per kind ends the output, which is what
commit messages quote.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any


def load(path: Path) -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                # the text's hash: two pages can share a URL, a text is one document
                docs[f"{d.get('url') or ''}#{d['id']}"] = d
    return docs


def _speaker(a: dict[str, Any]) -> str:
    sp = a.get("speaker") or {}
    return sp.get("name") or "—"


def _acts(d: dict[str, Any]) -> dict[tuple[int, ...], dict[str, Any]]:
    """Acts by cue span; acts sharing one cue (pieces of a quotation) by their order under it."""
    by_cue: dict[tuple[int, ...], list[dict[str, Any]]] = {}
    for a in d.get("attributions", []):
        by_cue.setdefault(tuple(a["cue_span"] or a["content_span"]), []).append(a)
    out: dict[tuple[int, ...], dict[str, Any]] = {}
    for span, acts in by_cue.items():
        for n, a in enumerate(sorted(acts, key=lambda a: a["content_span"])):
            out[(*span, n)] = a
    return out


def _stances(d: dict[str, Any]) -> set[tuple[str, str, str]]:
    claims, acts = d.get("claims", []), d.get("attributions", [])
    out = set()
    for s in d.get("stances", []):
        a = acts[s["attribution"]] if s.get("attribution") is not None else {}
        out.add((claims[s["claim"]]["text"], _speaker(a) if a else "—", s["stance"]))
    return out


def diff(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]], only: str | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        if b is None or a is None:
            print(f"== {key}: {'new' if b is None else 'gone'} document")
            counts["documents"] += 1  # a text changed by cleaning, whatever --only asks
            continue
        lines: list[str] = []
        text = a["text"]
        ba, aa = _acts(b), _acts(a)
        for span in sorted(set(ba) | set(aa)):
            x, y = ba.get(span), aa.get(span)
            cue = text[span[0] : span[1]]  # the third number orders pieces under one cue
            if x is None or y is None:
                act = x or y
                assert act is not None
                if only in (None, "acts"):
                    sign = "+" if x is None else "-"
                    lines.append(
                        f"  {sign}act  {_speaker(act)} ({cue}, {act['cue_class']}): {act['content'][:110]!r}"
                    )
                    counts["acts"] += 1
                continue
            if _speaker(x) != _speaker(y) and only in (None, "speakers"):
                lines.append(f"  speaker  ({cue}) {_speaker(x)} -> {_speaker(y)}   {y['content'][:80]!r}")
                counts["speakers"] += 1
            if x["cue_class"] != y["cue_class"] and only in (None, "classes"):
                lines.append(f"  class  {_speaker(y)} ({cue}) {x['cue_class']} -> {y['cue_class']}")
                counts["classes"] += 1
            if x["content"] != y["content"] and only in (None, "contents"):
                lines.append(f"  content  ({cue})\n     - {x['content'][:160]!r}\n     + {y['content'][:160]!r}")
                counts["contents"] += 1
        bc = Counter(c["text"] for c in b.get("claims", []))
        ac = Counter(c["text"] for c in a.get("claims", []))
        if only in (None, "claims"):
            for t in sorted((bc - ac).elements()):
                lines.append(f"  -claim  {t[:160]!r}")
                counts["claims"] += 1
            for t in sorted((ac - bc).elements()):
                lines.append(f"  +claim  {t[:160]!r}")
                counts["claims"] += 1
        if only in (None, "stances"):
            bs, as_ = _stances(b), _stances(a)
            for t, sp, st in sorted(bs - as_):
                lines.append(f"  -stance  {sp} {st}: {t[:110]!r}")
                counts["stances"] += 1
            for t, sp, st in sorted(as_ - bs):
                lines.append(f"  +stance  {sp} {st}: {t[:110]!r}")
                counts["stances"] += 1
        if lines:
            print(f"== {Path(key.split('#')[0]).name or key}")
            print("\n".join(lines))
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--only", choices=["acts", "speakers", "classes", "contents", "claims", "stances"])
    args = ap.parse_args(argv)
    counts = diff(load(args.before), load(args.after), args.only)
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "no change"
    print(f"-- {summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
