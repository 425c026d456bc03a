"""Write each document's ledger beside its text, one file per document, for a reader.

    python bench/reading_dump.py run.jsonl OUTDIR

A reader checks every act (speaker, cue, class, what was said, channel) and
every claim with its stances against the text above them; counting what is
wrong by kind is how the rules of `nlp/` were found (BENCHMARKS, "Read on …").
"""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path
from typing import Any


def render(d: dict[str, Any]) -> str:
    text = d["text"]
    out = [f"# {d.get('title') or ''}", f"# {d.get('url') or d['id']}", "", "## TEXT", ""]
    for para in text.split("\n"):
        if para.strip():
            out.append(textwrap.fill(para, 100))
            out.append("")
    out += ["## ACTS (index. speaker [descriptors] | cue (class) | channel | what was said)", ""]
    atts = d.get("attributions", [])
    for i, a in enumerate(atts):
        sp = a.get("speaker") or {}
        who = sp.get("name") or f"(none; source text: {a.get('source')!r})"
        if sp.get("descriptors"):
            who += f" [{'; '.join(sp['descriptors'])}]"
        cue = text[a["cue_span"][0] : a["cue_span"][1]] if a.get("cue_span") else "—"
        parent = f" inside {a['parent']}" if a.get("parent") is not None else ""
        out.append(f"{i}. {who} | {cue} ({a.get('cue_class')}){parent} | {a.get('channel') or '—'}")
        out.append(textwrap.indent(textwrap.fill(a["content"], 96), "     "))
    out += ["", "## CLAIMS (origin act; stances: act speaker stance)", ""]
    stances: dict[int, list[str]] = {}
    for s in d.get("stances", []):
        a = atts[s["attribution"]] if s.get("attribution") is not None else {}
        who = (a.get("speaker") or {}).get("name") or "—"
        stances.setdefault(s["claim"], []).append(f"{s['attribution']}:{who} {s['stance']}")
    for ci, c in enumerate(d.get("claims", [])):
        out.append(f"C{ci}. {c['text']}")
        out.append(f"     origin act {c.get('origin')}; " + ("; ".join(stances.get(ci, [])) or "no stance"))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run", type=Path)
    ap.add_argument("outdir", type=Path)
    args = ap.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(args.run, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                stem = Path(d.get("url") or "").name.split(".")[0]
                # pages from one site can share a URL's last part ("index", "#webpage")
                name = f"{stem}-{d['id']}" if stem else d["id"]
                (args.outdir / f"{name}.txt").write_text(render(d), encoding="utf-8")
                n += 1
    print(f"wrote {n} files to {args.outdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
