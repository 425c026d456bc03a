"""Debris patterns for already-scraped text, kept apart from the logic that applies them.

Each pattern names the reason stored with the line it removes, so a user can
see why a line is gone (and argue with it).  Patterns match a whole line
(after whitespace is trimmed), never a fragment of a sentence: a quote that
happens to contain "subscribe" must survive.
"""

from __future__ import annotations

import re

# A related-links header: the short headline lines under it are links too (clean/text.py).
_RELATED_HEADER = (
    r"more:|related( (coverage|content|links|posts?|reading|stories|articles))?:?|"
    r"more on this( story)?:?|further reading:?"
)

# (reason, compiled full-line pattern)
LINE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "popup",
        re.compile(
            r"(?i)(close|close (this )?(window|popup|dialog|ad|advertisement)|[x×✕✖]|"
            r"dismiss|skip (this )?ad|advertisement|ad|sponsored|"
            r"(no,? )?thanks|got it|accept( all)?( cookies)?|ok)\.?"
        ),
    ),
    (
        "comment_form",
        re.compile(
            r"(?i)(leave a (reply|comment)|post a comment|add (a|your) comment|"
            r"cancel reply|\d+ comments?|comments?( \(\d+\))?|show comments|"
            r"view comments|join the (conversation|discussion)|"
            r"your email address will not be published\.?( required fields are marked \*?)?|"
            r"required fields are marked \*?|"
            r"(name|email|website|comment)\s*\*?|post comment|submit comment|"
            r"save my name, email, and website in this browser for the next time i comment\.?|"
            r"you must be logged in to post a comment\.?|"
            r"this site uses akismet to reduce spam\..*)"
        ),
    ),
    (
        "share",
        re.compile(
            r"(?i)((share|tweet|pin|email|print)( (this|on|via) ?(article|story|page|"
            r"facebook|twitter|x|linkedin|whatsapp|reddit|email)?)?|"
            r"share (on|via) \w+|click to share on \w+( \(opens in new window\))?|"
            r"(facebook|twitter|linkedin|whatsapp|reddit|telegram|pinterest)|"
            r"copy link|link copied)"
        ),
    ),
    (
        "subscribe",
        re.compile(
            r"(?i)(subscribe( now| today| to (our|the) newsletter)?|sign up( now| for (our|the) "
            r"newsletter.*)?|newsletter|get the latest .{0,60} in your inbox\.?|"
            r"sign up for .{0,80}newsletter.*|follow us( on .{0,40})?|"
            r"already a subscriber\?.*|log ?in|sign in|register)"
        ),
    ),
    (
        "cookie",
        re.compile(
            r"(?i)(we use cookies.*|this (web)?site uses cookies.*|"
            r"by (continuing|using) (to use )?this (web)?site.{0,80}cookies.*|cookie (policy|settings))"
        ),
    ),
    (
        "navigation",
        re.compile(
            r"(?i)(advertisement|read more|related( articles| stories)?|more from .{0,40}|"
            r"recommended( for you)?|trending( now)?|you may also like|skip to (main )?content|"
            r"menu|search|home|back to top|previous( article)?|next( article)?|"
            r"continue reading|read next|watch:?|listen to (this )?article.*|don[’']?t miss|"
            # A teaser for another article: "READ MORE: China plague outbreak confirmed: …",
            # and the tagged link lists under "DON'T MISS" ("… eating marmot [INSIGHT]").
            # "Related post: …", "MORE: Kim Jong-un in hiding …", "RELATED: Does X have a
            # mouse problem?" (a teaser's headline may ask; a sentence ends in a stop).
            r"(read more|related(?: (?:posts?|roundup|story|stories|articles?|content|coverage|links?"
            r"|reading|on \w+))?|more|see also|don[’']?t miss|must read|also read|read also|"
            r"recommended|trending)\s*:\s*(?:.{1,200}(?<![.!?\"”’'])|(?-i:[A-Z]).{0,200}[?\"”’'])|"
            # A related-links header on its own line ("MORE:", "RELATED COVERAGE").
            rf"({_RELATED_HEADER})|"
            r".{5,200}[^.!?\"”\s]\s(?-i:\[[A-Z][A-Za-z]{2,11}\]))"
        ),
    ),
    (
        "copyright",
        re.compile(r"(?i)(©|\(c\)|copyright)\s*\d{0,4}.{0,120}(all rights reserved\.?)?"),
    ),
]


RELATED_HEADER = re.compile(f"(?i){_RELATED_HEADER}")


def match_debris(line: str) -> str | None:
    """Return the reason a single trimmed line is debris, or None if it is content."""
    for reason, pattern in LINE_PATTERNS:
        if pattern.fullmatch(line):
            return reason
    return None
