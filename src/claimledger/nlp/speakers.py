"""Who a source span is: names, surnames, pronouns and descriptions resolved per article.

News names a person in full once ("Kremlin spokesman Dmitry Peskov") and then
by surname, pronoun or description ("Peskov", "he", "the spokesman"). A ledger
that keys on surface forms would split one speaker into four, so every source
span is resolved to the fullest name the article gives, and the titles and
roles met along the way are kept as descriptors rather than thrown away.

Rules only, over spaCy's tagger, parser and NER: there is no offline
coreference model (see DESIGN.md), and a rule's mistake can be read and fixed.
The small NER model mislabels often ("Trump" as ORG, "Nebenzia" as GPE), so a
name that is a person anywhere in the article is a person everywhere in it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LOWER, POS, SENT_START, TAG
from spacy.symbols import PROPN, SPACE
from spacy.tokens import Doc, Span, Token

from claimledger.model import TITLE_WORDS, Entity
from claimledger.nlp.cues import LEXICON

# Head nouns of a description that names a person by role ("the Republican candidate").
PERSON_ROLE_NOUNS = frozenset(
    """
    candidate nominee president senator congressman congresswoman governor mayor spokesman
    spokeswoman spokesperson official adviser advisor aide journalist reporter author writer
    columnist analyst lawyer attorney minister ambassador secretary chairman chairwoman chair
    leader lawmaker politician diplomat envoy officer businessman businesswoman billionaire
    mogul star actor actress singer rapper musician comedian footballer host anchor
    strategist pollster operative consultant
    manager director founder executive ceo economist expert professor scientist researcher
    historian commentator critic activist organizer democrat republican incumbent rival
    challenger opponent veteran man woman father mother wife husband son daughter friend
    judge justice prosecutor detective sheriff chief commander general head owner
    representative delegate surrogate supporter voter resident witness victim suspect
    commissioner superintendent inspector sergeant lieutenant captain colonel admiral coroner
    chancellor treasurer magistrate marshal warden
    editor publisher producer coach pilot teacher chef designer engineer artist photographer blogger
    correspondent banker investor nun pope king queen prince princess sheikh emir
    """.split()
)

# Head nouns of a description that names an organisation ("Trump's re-election team").
ORG_HEAD_NOUNS = frozenset(
    """
    team campaign committee office ministry government department administration agency
    group company party organization organisation foundation network newspaper paper board
    council commission court police army military embassy staff union coalition firm bank
    institute university school magazine outlet channel station website site service
    spokesman's bureau legislature congress senate house parliament cabinet white
    kremlin pentagon fbi cia police-department prosecutors' caucus association society
    """.split()
)

# Head nouns of a description that names a news outlet ("the paper reported").
OUTLET_NOUNS = frozenset(
    """
    paper newspaper daily tabloid weekly site website magazine publication outlet blog
    network channel station broadcaster
    """.split()
)
_DOMAIN = (
    ".com", ".co.uk", ".net", ".org", ".news", ".fr", ".de", ".es", ".it", ".nl", ".ca", ".com.au",
    ".in", ".ie", ".ru", ".jp", ".br", ".mx",
)  # fmt: skip
# Names closing in an outlet's word that are no outlet's.
_NOT_OUTLETS = frozenset({"american express", "royal mail"})
# What kind of outlet the noun names: "the paper" is not NBC News, "the network" not the Post.
_PAPER_NOUNS = frozenset("paper newspaper daily tabloid weekly".split())
_BROADCAST_NOUNS = frozenset("network channel station broadcaster".split())
_WEB_NOUNS = frozenset("site website blog".split())
# Words in the names of broadcasters (quotes.py's outlets one says something on share them).
BROADCAST_NAME_WORDS = frozenset("tv radio cnn bbc nbc abc cbs fox msnbc".split())
_WEB_NAME_WORDS = frozenset(
    "snopes mediaite buzzfeed huffpost gawker tmz politico axios vox slate salon verge".split()
)
# Words in the names of news outlets: "The Mail on Sunday", "the Post", "CNN".
_OUTLET_NAME_WORDS = (
    frozenset(
        """
        times post journal news daily mail herald telegraph guardian tribune gazette mirror sun
        report press magazine chronicle observer express independent standard star courier
        inquirer examiner reporter review weekly today wire online reuters afp ap bloomberg
        atlantic economist forbes wired breitbart
        """.split()
    )
    | BROADCAST_NAME_WORDS
    | _WEB_NAME_WORDS
)
# Verbs that put out a statement: its subject issued it.
_ISSUING = frozenset("issue release publish put send make post share".split())
_OUTLET_REACH = 250  # tokens: "the paper" is the outlet of the last few paragraphs

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i", "me"})
_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_MALE_ROLES = frozenset(
    """spokesman congressman businessman husband father son brother king prince man chairman councilman
    pope priest monk bishop archbishop cardinal uncle nephew boyfriend grandfather grandson dad stepfather
    duke lord emperor boy gentleman groom widower""".split()
)
_FEMALE_ROLES = frozenset(
    """spokeswoman congresswoman businesswoman chairwoman wife mother daughter sister queen
    princess woman actress councilwoman nun aunt niece girlfriend grandmother granddaughter mom mum
    stepmother duchess lady empress girl bride widow heiress waitress""".split()
)
_HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "miss", "mr", "mrs", "ms"})
# "the father-of-four", "the mother-of-two": a family epithet for someone just named.
_FAMILY_EPITHETS = {
    "father": 1, "dad": 1, "grandfather": 1, "granddad": 1, "grandad": 1,
    "mother": -1, "mum": -1, "mom": -1, "grandmother": -1, "grandma": -1, "gran": -1,
}  # fmt: skip


def role_gender(name: str, descriptors: list[str]) -> int:
    """+1 or -1 where a name or descriptor ends in a gendered role ("His mother", "spokeswoman")
    or opens with an honorific ("Mrs. Clinton"), else 0."""
    for form in (name, *descriptors):
        words = form.lower().split()
        if not words:
            continue
        # the role's head: the last word before its complement ("adviser | to the pope",
        # "wife | of the Duke")
        cut = next((k for k, w in enumerate(words) if k and w in _ROLE_PREPOSITIONS), len(words))
        head = words[cut - 1]
        if words[0] in ("mr.", "mr") or head in _MALE_ROLES:
            return 1
        if words[0] in ("mrs.", "mrs", "ms.", "ms", "miss") or head in _FEMALE_ROLES:
            return -1
    return 0


_ROLE_PREPOSITIONS = frozenset("of to at for with in from on by".split())


def epithet_sign(head: Token) -> int | None:
    """The gender sign of an age or family epithet ("the 36-year-old", "the father-of-four"), else None.

    Why: tabloid and wire copy name a person once and then call them by age
    or family ("Yasir Abdulla, 36, … The 36-year-old said …"); read as a
    description nobody holds, such a speaker became a nameless "36-year-old"
    in the ledger.
    """
    low = head.lower_
    if low in ("old", "year-old") and any(
        c.lower_ in ("year", "years") and any(g.like_num for g in c.children) for c in head.children
    ) or (low == "year-old" and any(c.like_num for c in head.children)):
        return 0
    sign = _FAMILY_EPITHETS.get(low)
    # the words right after it, not the whole text (Doc.text is rebuilt on every access)
    if sign is not None and not head.whitespace_ and head.doc[head.i + 1 : head.i + 4].text.startswith("-of-"):
        return sign
    return None
_ABBREVIATIONS = {
    "gov.": "governor",
    "sen.": "senator",
    "rep.": "representative",
    "gen.": "general",
    "sec.": "secretary",
    "amb.": "ambassador",
    "pres.": "president",
    "atty.": "attorney",
    "lt.": "lieutenant",
    "gop": "republican",
}
# Heads of a description that journalists use as an epithet for the story's protagonist.
GENERIC_EPITHETS = frozenset(
    """
    candidate nominee businessman businesswoman billionaire mogul politician incumbent hopeful
    contender challenger standard-bearer man woman developer star
    """.split()
)
GROUP_PRONOUNS = frozenset({"they", "them", "their", "we", "us"})
# Third-person pronouns point back into the article; "I" and "we" outside a
# quote are the writer, whom the article does not name.
RESOLVABLE_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "they", "them", "their"})
NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Last words that make a name an organisation's, whatever the NER says ("Dick Clark
# Productions", "Big Machine Records", "Goldman Sachs Group").
ORG_NAME_ENDINGS = frozenset(
    """
    productions records entertainment media group holdings inc inc. corp corp. corporation
    company co. llc ltd ltd. plc labs systems technologies partners associates studios
    pictures networks airlines motors bank foundation institute university college agency
    commission committee council department ministry association society union party
    """.split()
)


def is_org_name(tokens: list[Token]) -> bool:
    return bool(tokens) and len(tokens) > 1 and tokens[-1].lower_ in ORG_NAME_ENDINGS


# Social-media platforms: named like people, never one.
PLATFORMS = frozenset("facebook twitter instagram tiktok youtube snapchat weibo linkedin whatsapp reddit".split())
_NON_PERSON_ENTS = frozenset(
    {"ORG", "FAC", "GPE", "LOC", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "DATE"}
)


def _surname_key(words: list[str]) -> str:
    """The last word that is not a suffix: what a bare surname mention matches."""
    for word in reversed(words):
        if word.lower() not in NAME_SUFFIXES:
            return word.lower()
    return words[-1].lower()


class DocArrays:
    """Per-token attributes read once through ``Doc.to_array``.

    Touching ``Token`` objects in a Python loop costs more than the rules
    themselves (each access builds an object); whole-article passes read
    these plain lists instead.
    """

    def __init__(self, doc: Doc, text: str) -> None:
        n = len(doc)
        cols = doc.to_array([IDX, POS, TAG, ENT_IOB, ENT_TYPE, LOWER, SENT_START]).T.tolist()
        if not cols:
            cols = [[] for _ in range(7)]
        self.n = n
        self.idx: list[int] = cols[0]
        self.pos: list[int] = cols[1]
        self.tag: list[int] = cols[2]
        self.iob: list[int] = cols[3]  # 3 = B, 1 = I, 2 = O
        self.ent: list[int] = cols[4]
        self.lower: list[int] = cols[5]
        self.sent_start: list[int] = cols[6]
        self.ent_len = [0] * n
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_len[i] = ent.end - ent.start
        strings = doc.vocab.strings
        self.PERSON = strings["PERSON"]
        self.NNP = strings["NNP"]
        self.is_name = [
            (pos == PROPN or tag == self.NNP or ent == self.PERSON)
            and pos != SPACE
            and text[start : start + 1].isupper()
            for start, pos, tag, ent in zip(self.idx, self.pos, self.tag, self.ent, strict=True)
        ]
        # An Arabic article glued to a surname ("Nail al-Jubeir", "Saleh al-Munajjid") is
        # part of the name: read as a lower-case word, the name was "Jubeir" and "Nail al-"
        # its descriptor.
        for i in range(n - 2):
            start, hyphen = self.idx[i], self.idx[i + 1]
            if (
                text[start:hyphen].lower() in _NAME_PARTICLES
                and text[start - 1 : start] not in NAME_HYPHENS  # not inside a hyphenated compound
                and text[hyphen : hyphen + 1] in NAME_HYPHENS
                and self.idx[i + 2] == hyphen + 1
                and self.is_name[i + 2]
            ):
                self.is_name[i] = True
        # A hyphen glued inside a name ("Jennifer Ngo-Anh") is part of it: split
        # there, the speaker was "Anh".
        for i in range(1, n - 1):
            start = self.idx[i]
            if (
                text[start : start + 1] in NAME_HYPHENS
                and self.is_name[i - 1]
                and self.is_name[i + 1]
                and self.idx[i + 1] == start + 1
                and not text[start - 1 : start].isspace()
            ):
                self.is_name[i] = True
        # A lower-case particle inside a person's name ("Hamish de Bretton-Gordon"), where the
        # recogniser holds it in the name: split there, the speaker was "Bretton-Gordon" and
        # "Hamish de" his role.
        # Not before a place the article names as one ("Diario de Cuba" is a paper, and
        # "Cuba" the country).
        places: set[str] | None = None
        for i in range(n - 2, 0, -1):
            start = self.idx[i]
            if (
                self.ent[i] == self.PERSON
                and self.is_name[i - 1]
                and self.is_name[i + 1]
                and text[start : self.idx[i + 1]].strip().lower() in _SURNAME_PARTICLES
            ):
                if places is None:  # read only for an article with such a particle
                    places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "NORP", "ORG") and len(e) == 1}
                if doc[i + 1].text not in places:
                    self.is_name[i] = True


_SURNAME_PARTICLES = frozenset(
    "de di da du del della der den van von ter te le la dos das do bin ibn bint ben".split()
)


# Where a description's head noun ends: "source | close to the family", "lawyer | for the
# victim", "person | familiar with the matter", "official | speaking on condition …".
_AFTER_HEAD = re.compile(
    r"\s(?:of|for|from|at|with|in|to|on|by|about|close|near|inside|who|whose|which|that|familiar"
    r"|knowledgeable|here|there|[a-z]+ing|[a-z]+ed)(?=\s|$)"
)

# Nouns that, right before a name, say it names an institution ("newspaper Corriere
# Adriatico"), whatever the recogniser thought.
_INSTITUTION_HEADS = OUTLET_NOUNS | frozenset(
    """agency company firm charity organization organisation foundation institute university
    bank group party union association society""".split()
)

# Hyphens that join the parts of a name when glued on both sides ("Ngo-Anh").
NAME_HYPHENS = ("-", "\u2011")
# Articles that open an Arabic surname when glued to it by a hyphen ("al-Jubeir").
_NAME_PARTICLES = frozenset({"al", "el", "ad", "ash", "az", "ar"})


# Initials that name one organisation wherever they appear; any other pair must be
# tied by the article itself ("the European Central Bank (ECB)").  Initials alone
# are not enough: "UN" would be the Ukrainian Navy too.
KNOWN_ACRONYMS = {
    "EU": "European Union",
    "UN": "United Nations",
    "WHO": "World Health Organization",
    "IMF": "International Monetary Fund",
    "NATO": "North Atlantic Treaty Organization",
    "FBI": "Federal Bureau of Investigation",
    "CIA": "Central Intelligence Agency",
    "CDC": "Centers for Disease Control and Prevention",
    "FDA": "Food and Drug Administration",
    "SEC": "Securities and Exchange Commission",
    "ECB": "European Central Bank",
    "WTO": "World Trade Organization",
    "NASA": "National Aeronautics and Space Administration",
}


def _abbreviates(short: str, full: str, text: str) -> bool:
    """Is ``short`` ("EU", "U.N.") the article's or the world's abbreviation of ``full``?"""
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 6) or not letters.isupper() or not letters.isalpha():
        return False
    if KNOWN_ACRONYMS.get(letters, "").lower() == full.lower():
        return True
    return f"{full} ({short})" in text or f"{full} ({letters})" in text


def name_words(tokens: list[Token]) -> list[str]:
    """The words of a name, a hyphenated part kept whole: ["Jennifer", "Ngo-Anh"], not "Ngo", "-", "Anh"."""
    words: list[str] = []
    glue = False
    for tok in tokens:
        if words and (glue or tok.text in NAME_HYPHENS):
            words[-1] += tok.text
        else:
            words.append(tok.text)
        glue = tok.text in NAME_HYPHENS and not tok.whitespace_
    return words


# What a name that opens with a nationality or "Vice" ends in when it is an institution's
# ("Islamic State", "Iraqi News", "Vice Media"), not a person's ("Christian Bale").
_INSTITUTION_WORDS = ORG_HEAD_NOUNS | frozenset(
    "state media news times post herald daily jihad front brotherhood republic".split()
)


# Familiar forms of English first names, to the formal one ("Jim Foley" is "James Foley").
_NICKNAMES = {
    nick: formal
    for formal, nicks in {
        "james": "jim jimmy jamie", "william": "bill billy will", "robert": "bob bobby rob",
        "michael": "mike mickey", "joseph": "joe joey", "thomas": "tom tommy",
        "richard": "dick rick ricky", "christopher": "chris", "daniel": "dan danny",
        "david": "dave", "anthony": "tony", "edward": "ed eddie ted", "nicholas": "nick",
        "matthew": "matt", "jeffrey": "jeff", "benjamin": "ben", "samuel": "sam",
        "alexander": "alex", "andrew": "andy drew", "timothy": "tim", "patrick": "pat",
        "katherine": "kate katie", "elizabeth": "liz beth betsy", "jennifer": "jen jenny",
        "susan": "sue", "margaret": "peggy meg maggie", "charles": "chuck charlie",
        "henry": "hank", "lawrence": "larry", "gerald": "jerry", "ronald": "ron",
        "donald": "don", "frederick": "fred", "gregory": "greg", "kenneth": "ken",
        "philip": "phil", "raymond": "ray", "stephen": "steve", "steven": "steve",
        "bernard": "bernie", "theodore": "teddy", "douglas": "doug",
    }.items()
    for nick in nicks.split()
}


def same_first_name(a: str, b: str) -> bool:
    """Whether two first names are one ("Donald" / "Donald", "Jim" / "James"); initials are not."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    return a == b or (len(a) > 1 and len(b) > 1 and _NICKNAMES.get(a, a) == _NICKNAMES.get(b, b))


def strip_titles(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """Split leading title words ("Former President") from the name they precede."""
    i = 0
    while i < len(tokens) - 1 and (
        tokens[i].text.lower() in TITLE_WORDS or tokens[i].ent_type_ == "NORP"
    ):
        i += 1
    # "Fearless Mr Abdulla", "Brave Mrs Jones": what comes before an honorific describes
    # the person, it is no part of the name.
    honorific = next((j for j in range(i + 1, len(tokens) - 1) if tokens[j].lower_ in _HONORIFICS), None)
    if honorific is not None:
        i = honorific + 1
    if (
        i
        and len(tokens) - i == 1
        and tokens[-1].ent_type_ != "PERSON"
        and tokens[-1].lower_ in _INSTITUTION_WORDS
        and all(t.ent_type_ == "NORP" or t.lower_ == "vice" for t in tokens[:i])
    ):
        # "the Islamic State", "Vice Media": a name whose first word reads as a
        # nationality or a title, not "State" or "Media" described so.
        return [], tokens
    return tokens[:i], tokens[i:]


def name_runs(arr: DocArrays) -> list[tuple[int, int]]:
    """Maximal runs of name tokens, split where a person's name or a multi-token entity begins.

    "President Donald Trump" → "President" | "Donald Trump";
    "the United Nations Vasily Nebenzia" → "United Nations" | "Vasily Nebenzia".
    Single-token entities do not split a run: the small model tags half a
    name as GPE or ORG too often for that boundary to be trusted.
    """
    runs: list[tuple[int, int]] = []
    start = -1
    iob, ent, ent_len, is_name = arr.iob, arr.ent, arr.ent_len, arr.is_name
    for i in range(arr.n):
        if not is_name[i]:
            if start >= 0:
                runs.append((start, i))
                start = -1
            continue
        if start < 0:
            start = i
            continue
        begins = iob[i] == 3 and (ent[i] == arr.PERSON or ent_len[i] > 1 or ent_len[i - 1] > 1)
        ends = iob[i - 1] in (1, 3) and iob[i] == 2 and ent_len[i - 1] > 1
        if begins or ends:
            runs.append((start, i))
            start = i
    if start >= 0:
        runs.append((start, arr.n))
    return runs


def premodifier_descriptor(name_tokens: list[Token]) -> list[Token]:
    """The contiguous words in front of a name inside its noun phrase ("Kremlin spokesman")."""
    first = name_tokens[0]
    heads = {t.i for t in name_tokens}
    head = next((t for t in name_tokens if t.head.i not in heads or t.head.i == t.i), first)
    left_edge = head.left_edge.i
    doc = first.doc
    out: list[Token] = []
    i = first.i - 1
    while i >= left_edge:
        tok = doc[i]
        stop = tok.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ", "ADP")
        if stop or tok.is_space or (tok.is_punct and tok.text not in _POSSESSIVE):
            break
        out.append(tok)
        i -= 1
    out.reverse()
    return _trim_descriptor(out)


def _role_before(head: Token, first: Token) -> list[Token] | None:
    """The role a name stands in apposition to, when it comes right before: "The suspect, NAME".

    Only "ROLE, NAME" with nothing between but the role's own prepositional
    phrase ("The head of the agency, NAME"): in "The victim, treated by the
    surgeon, Mark Lee, …" the parse may hang the name on "victim", but Lee
    is the surgeon.
    """
    role = head.head
    if head.dep_ != "appos" or role.i >= first.i or role.pos_ != "NOUN" or role.tag_ == "NNS":
        return None  # "The two suspects, John Smith and Mark Lee": not one person's role
    if any(c.dep_ == "conj" for c in head.children):
        return None
    if not any(c.dep_ in ("det", "poss") for c in role.children):
        return None
    doc = head.doc
    if first.i == role.i + 1:  # "his wife Hillary Clinton"
        end = first.i
    elif first.i >= 2 and doc[first.i - 1].text == ",":
        end = first.i - 1
    else:
        return None
    between = doc[role.i + 1 : end]
    if any(t.pos_ in ("VERB", "AUX", "PUNCT") for t in between):
        return None
    if any(not role.is_ancestor(t) for t in between):
        return None
    words = [t for t in doc[role.left_edge.i : end] if t.dep_ != "det" and t.tag_ != "PRP$"]
    words = _trim_descriptor(words)
    return words if 0 < len(words) <= 8 else None


# Adjectives that say whom a source speaks for, though no noun follows ("conservative Ben Shapiro").
_AFFILIATIONS = frozenset(
    "conservative liberal progressive libertarian socialist moderate democratic republican".split()
)


# Words a span puts beside a name that say where a photo is or when a post was made.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_NOT_A_ROLE = re.compile(
    r"(?:left|right|pictured|above|below|(?:[\w./&]+ )?(?:file )?photos?(?:/[\w. ]+)?)"
    rf"|(?:{_MONTH} \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} {_MONTH} \d{{4}}|{_MONTH} \d{{4}}|\d{{4}})",
    re.I,
)


def describes_a_role(tokens: list[Token]) -> bool:
    """Whether words before a name say who the person is: a noun ("warden", "Kremlin
    spokesman"), a nationality or an affiliation; not a mood or an age ("seriously unaware",
    "late", "old" of "22-year-old")."""
    return any(
        t.pos_ in ("NOUN", "PROPN") or t.dep_ == "compound" or t.ent_type_ == "NORP" or t.lower_ in _AFFILIATIONS
        for t in tokens
    )


def _appositions(head: Token) -> list[list[Token]]:
    """The phrases in apposition after ``head``, each as its tokens in order.

    The parse cuts a hyphenated role into several appositions ("Godane, the
    co-founder of al-Shabaab": "co", "-", "founder of al-Shabaab"); pieces
    written with no space between are one phrase again.
    """
    groups: list[list[Token]] = []
    for child in head.children:
        if child.dep_ != "appos" or child.i <= head.i:
            continue
        tokens = [t for t in child.subtree if not (t.dep_ in ("relcl", "acl") and t.i > child.i)]
        if groups and tokens and groups[-1][-1].i + 1 == tokens[0].i and not groups[-1][-1].whitespace_:
            groups[-1].extend(tokens)
        else:
            groups.append(tokens)
    return groups


def _trim_descriptor(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].pos_ in ("DET", "PUNCT") or tokens[0].text in _POSSESSIVE):
        tokens = tokens[1:]
    while tokens and (tokens[-1].pos_ == "PUNCT" or tokens[-1].text in _POSSESSIVE):
        tokens = tokens[:-1]
    return tokens


def root_token(doc: Doc, span: tuple[int, int]) -> Token | None:
    """The syntactic head of the tokens a character span touches, or None."""
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    if chunk is None or len(chunk) == 0:
        return None
    return chunk.root


def source_head(doc: Doc, span: tuple[int, int]) -> Token | None:
    """The word of a source span that names the speaker.

    The syntactic head, unless the parse split the phrase into several heads
    and one of them is a person's name: "said study co-author Anezina
    Solomonidou" parses "co" and "Solomonidou" as two subjects, and the head
    rule took "co" (the speaker was "study co").
    """
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    if chunk is None or len(chunk) == 0:
        return None
    root = chunk.root
    if names_time(root):
        # "the Leadership newspaper yesterday", "both governments last month": the tagger ran
        # the source into the act's time, and the parse hangs both on the verb.  The time is
        # no speaker; with nothing else in the span there is none.
        others = [
            t
            for t in chunk
            if not names_time(t) and t.pos_ in ("NOUN", "PROPN", "PRON") and not chunk.start <= t.head.i < chunk.end
        ]
        if not others:
            return None
        root = others[0]
    if root.pos_ == "PROPN":
        return root
    if root.pos_ in ("DET", "ADJ", "NUM"):
        # "a new study reports" parsed as one noun "reports" with three modifiers:
        # the phrase's root is "a", its noun is "study".
        nouns = [t for t in chunk if t.pos_ in ("NOUN", "PROPN") and not chunk.start <= t.head.i < chunk.end]
        if nouns:
            return nouns[-1]
    # Another head of the phrase (its own head outside it) that is a person's name:
    # "Research team head Jennifer Ngo-Anh says" parses "head" as a verb.
    heads = [
        t
        for t in chunk
        if t.i != root.i
        and not (chunk.start <= t.head.i < chunk.end)
        and t.pos_ == "PROPN"
        and t.ent_type_ == "PERSON"
    ]
    return heads[0] if heads else root


_WHEN_NOUNS = frozenset(
    "time yesterday today tonight tomorrow week weekend month year morning afternoon evening night".split()
)
_WHEN_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)


def names_time(tok: Token) -> bool:
    """A word naming when: "yesterday", "last month", "at the time", "in March".

    By the word, not by the recogniser's DATE alone, which also takes ages ("the
    56-year-old") and names ("the official Rodong Sinmun daily"); a day or month
    only as a date ("in March", not Theresa May), a time noun not as a name (Time
    the magazine).
    """
    word = tok.lower_
    if word in _WHEN_NAMES:
        return tok.ent_type_ in ("DATE", "TIME")
    return word in _WHEN_NOUNS and (tok.pos_ != "PROPN" or tok.ent_type_ in ("DATE", "TIME"))


def named_thing(tokens: list[Token]) -> bool:
    """ "the Chronicle": a name behind "the" is a thing, whatever the tagger's PERSON."""
    first = tokens[0].i if tokens else 0
    return first > 0 and tokens[0].doc[first - 1].lower_ == "the"


def span_text(text: str, tokens: list[Token]) -> str:
    """The article text a token run covers (pass ``doc.text`` once: spaCy rebuilds it per access)."""
    if not tokens:
        return ""
    return text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


@dataclass(slots=True)
class _Record:
    """One entity seen in the article, before it becomes an ``Entity``."""

    name: str
    type: str
    descriptors: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    entity: Entity | None = None
    described: bool = False  # registered from a description with no name in it

    def add_descriptor(self, text: str) -> None:
        words = text.strip(" ,").split()
        while words and words[0].lower() in _HONORIFICS:
            words = words[1:]
        text = " ".join(words)
        if text.count("(") > text.count(")"):
            # "chair of the Democratic Union Party (PYD": the abbreviation the span cut off
            text = text[: text.rfind("(")].strip(" ,")
        if text.count(")") > text.count("(") or _NOT_A_ROLE.fullmatch(text):
            return  # a caption's "(Facebook Photo)", "left"; a tweet's date ("November 19, 2019")
        if not any(c.isalpha() for c in text) or text.lower() == self.name.lower():
            return  # "Michael Thomas, 41, …": an age is no role
        low = text.lower()
        for i, known in enumerate(self.descriptors):
            if low in known.lower():
                return
            if known.lower() in low:
                self.descriptors[i] = text
                return
        self.descriptors.append(text)

    def add_alias(self, text: str) -> None:
        if text and text != self.name and text not in self.aliases:
            self.aliases.append(text)

    def as_entity(self) -> Entity:
        """One shared Entity per record, so every attribution of a speaker points at the same one."""
        if self.entity is None:
            self.entity = Entity(
                name=self.name,
                type=self.type,
                descriptors=self.descriptors,
                aliases=self.aliases,
                described=self.described,
            )
        else:
            self.entity.type = self.type
            self.entity.described = self.described
        return self.entity


@dataclass(slots=True)
class Mention:
    """A place in the text where a known entity is named."""

    start: int  # token index
    end: int
    key: str  # the record's canonical name
    salient: int  # 2: speaker of an attribution, 1: subject of a clause, 0: other


class EntityRegistry:
    """Every person and organisation named in one article, with their mentions in order.

    Built once per Doc in one pass over its tokens; attribution then asks it
    to resolve surface forms at a position (surname → the full name last
    given before it; pronoun → the most salient recent person).
    """

    def __init__(self, doc: Doc, text: str | None = None, arrays: DocArrays | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        self.arr = arrays if arrays is not None else DocArrays(doc, self.text)
        self.records: dict[str, _Record] = {}
        self._by_surname: dict[str, list[tuple[int, str]]] = {}  # key → [(first token, name)]
        self._by_first: dict[str, list[str]] = {}
        self.mentions: list[Mention] = []
        self._mention_starts: list[int] = []
        self.gender: dict[str, int] = {}  # > 0 male, < 0 female, by the article's own evidence
        self.skip: bytearray | None = None  # tokens pronoun resolution must not look at (quotes)
        # a subject pronoun's resolution, by (token, lower bound)
        self._chain: dict[tuple[int, int], str | None] = {}
        self._institutions: set[str] = set()  # names introduced as an institution's
        self._build()

    # -- building -----------------------------------------------------------

    def _build(self) -> None:
        doc = self.doc
        self.runs = runs = name_runs(self.arr)
        person_runs: list[tuple[list[Token], list[Token]]] = []
        for start, end in runs:
            toks = [doc[i] for i in range(start, end)]
            titles, name = strip_titles(toks)
            if not name:
                continue
            has_person = any(t.ent_type_ == "PERSON" for t in name)
            other = name[-1].ent_type_ in _NON_PERSON_ENTS
            prev_role = start > 0 and doc[start - 1].lower_ in PERSON_ROLE_NOUNS
            the_thing = not titles and named_thing(name)
            if is_org_name(name) or (len(name) == 1 and name[0].lower_ in PLATFORMS):
                continue  # "Writing on Twitter, he said": the recogniser's PERSON is a platform
            if (has_person and not the_thing) or ((bool(titles) or prev_role) and not other):
                person_runs.append((titles, name))
        person_runs = [(titles, _without_opening_verb(name, person_runs)) for titles, name in person_runs]
        # Full names first, so that a bare surname met earlier (a headline's
        # "Trump") still resolves to the full name given later.
        person_runs.sort(key=lambda tn: len(tn[1]) == 1)
        for titles, name in person_runs:
            self.add_person(name, titles)
        # Second pass: every run that matches a known person is a mention of them.
        for start, end in runs:
            toks = [doc[i] for i in range(start, end)]
            _, name = strip_titles(toks)
            if not name:
                continue
            key = self.lookup(name_words(name), name[0].i)
            if key is not None and _list_item(name[0].sent, self.text):
                # "Gingseng wine" in a menu, "Angela Merkel in Berlin" as a caption: the
                # person is known (a later "Merkel" is her), but no "she" can mean a line
                # of a list.
                continue
            if key is not None:
                self._add_mention(name[0].i, name[-1].i + 1, key, _salience(name))
                rec = self.records[key]
                rec.add_alias(span_text(self.text, name))
        self._gender_evidence()

    def _gender_evidence(self) -> None:
        """Vote each person male or female from sentences that name only them.

        Without a gender lexicon of first names, the article itself is the
        evidence: "Clinton said her plan…" votes Clinton female. Honorifics
        and gendered role nouns count too. Used only to keep "she" off a man.
        """
        arr = self.arr
        strings = self.doc.vocab.strings
        male_ids = {strings[w] for w in _MALE_PRONOUNS}
        female_ids = {strings[w] for w in _FEMALE_PRONOUNS}
        mentions = self.mentions
        k = 0
        keys: set[str] = set()
        male = female = 0

        def vote() -> None:
            if len(keys) == 1 and bool(male) != bool(female):
                key = next(iter(keys))
                self.gender[key] = self.gender.get(key, 0) + (1 if male else -1)

        for i in range(arr.n):
            if arr.sent_start[i] == 1 and i > 0:
                vote()
                keys, male, female = set(), 0, 0
            while k < len(mentions) and mentions[k].start <= i:
                if mentions[k].start == i:
                    keys.add(mentions[k].key)
                k += 1
            low = arr.lower[i]
            if (low in male_ids or low in female_ids) and not (keys and self._may_name(i, k)):
                continue
            if low in male_ids:
                male += 1
            elif low in female_ids:
                female += 1
        vote()
        for key, rec in self.records.items():
            for form in (*rec.descriptors, *rec.aliases):
                said = role_gender(form, [])
                if said:
                    self.gender[key] = self.gender.get(key, 0) + 2 * said

    def _may_name(self, i: int, k: int) -> bool:
        """Could the pronoun at ``i``, after a name in its sentence, be the person named?

        Not when it is the subject of a clause that names someone after it
        ("charges he threatened to kill Rep. Ilhan Omar": "he" is not Omar);
        with no name before it (the caller's test) it names no one here.
        Counted, such pronouns voted Omar male.  ``k`` is the number of
        mentions that start at or before ``i``.
        """
        tok = self.doc[i]
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            return True
        return bisect_right(self._mention_starts, tok.head.right_edge.i) <= k

    def add_person(
        self, name: list[Token], titles: list[Token] | None = None, descriptor: str = ""
    ) -> str:
        """Register a person's name seen at a position; returns its canonical name."""
        doc = self.doc
        words = name_words(name)
        key = self.lookup(words, name[0].i) if len(words) == 1 else None
        if key is None and len(words) > 1:
            # "Jim Foley" after "James Foley": one person, not a second entity.
            key = next(
                (n for _, n in self._by_surname.get(_surname_key(words), [])
                 if " " in n and n.split()[0].lower() != words[0].lower()
                 and same_first_name(n.split()[0], words[0])),
                None,
            )  # fmt: skip
        if key is None:
            key = " ".join(words)
            surname = _surname_key(words)
            entries = self._by_surname.setdefault(surname, [])
            if len(words) > 1 and all(n != key for _, n in entries):
                entries.append((name[0].i, key))
                self._by_first.setdefault(words[0].lower(), []).append(key)
            elif len(words) == 1 and not entries:
                entries.append((name[0].i, key))
        rec = self.records.get(key)
        if rec is None:
            rec = self.records[key] = _Record(name=key, type="PERSON")
        if key not in self._institutions:
            rec.type = "PERSON"
        rec.add_alias(span_text(self.text, name))
        desc_tokens = premodifier_descriptor(name)
        if titles and (not desc_tokens or titles[0].i < desc_tokens[0].i):
            desc_tokens = _trim_descriptor([doc[i] for i in range(titles[0].i, name[0].i)])
        if not describes_a_role(desc_tokens):
            desc_tokens = []  # "A seriously unaware Seidel", "the late Joan Rivers": no role
        if desc_tokens:
            rec.add_descriptor(span_text(self.text, desc_tokens))
            if desc_tokens[-1].lemma_.lower() in _INSTITUTION_HEADS and desc_tokens[-1].pos_ == "NOUN":
                # "Italian newspaper Corriere Adriatico", "the charity Mind": the recogniser's
                # person is an institution, and "the newspaper" later is it.
                rec.type = "ORG"
                self._institutions.add(key)
        head = name[-1]
        for appos_tokens in _appositions(head):
            appos = _trim_descriptor(appos_tokens)
            if any(t.tag_ in ("WP", "WDT", "WP$") for t in appos):
                continue  # "Kanye West and Kim Kardashian - both of whom …"
            if head.dep_ not in ("nsubj", "nsubjpass") and any(
                c.dep_ == "conj" and any(g.dep_ in ("det", "poss") for g in c.children)
                for t in appos_tokens
                if t.dep_ == "appos" and t.head.i == head.i
                for c in t.children
            ):
                # A list the parser hung on the name ("Taylor Swift, her former record
                # label and a couple of big name US politicians"), not a role.
                continue
            if 0 < len(appos) <= 12:
                rec.add_descriptor(span_text(self.text, appos))
        role = _role_before(head, name[0])
        if role is not None:
            # "The suspect, Michael Webb, …", "The head of the agency, John Smith": the role
            # is his, and a later "the suspect said" is Webb (resolve_description matches
            # roles against descriptors).
            rec.add_descriptor(span_text(self.text, role))
        if descriptor:
            rec.add_descriptor(descriptor)
        return key

    def group_ending_with(self, words: list[str]) -> _Record | None:
        """The one organisation already named that ends with these words ("… Chronicle"), if exactly one."""
        tail = " " + " ".join(words)
        found = [r for r in self.records.values() if r.type != "PERSON" and (" " + r.name).endswith(tail)]
        return found[0] if len(found) == 1 else None

    def organisation_ending_with(self, head: Token) -> _Record | None:
        """The organisation named last before ``head``, if its name ends in that noun.

        For "the agency" after "the European Space Agency", "the commission"
        after "the Federal Election Commission".  Only organisations the
        parse recognised as such (ORG entities), and only before the mention.
        """
        low = head.lower_
        last = None
        for ent in self.doc.ents:
            if ent.start >= head.i:
                break
            if ent.label_ == "ORG":
                last = ent
        # Only the organisation named last: after "The Walt Disney Company bought Fox.
        # Apple said …", "the company" may well be Apple.
        found = last if last is not None and len(last) > 1 and last[-1].lower_ == low else None
        if found is None:
            return None
        tokens = _without_the(found)
        return self.add_group(span_text(self.text, tokens), "ORG")

    def organisation_before(self, head: Token) -> _Record | None:
        """The organisation a bare "the company" / "the group" stands for, when the article said so.

        "The group, WeWorkers Coalition, formed …. The group announced",
        "Ascom, the company behind …. The company said", "the charity Mind
        …. The charity said": the organisation named last before it beside
        the same noun, in apposition or as the noun's name.  Recency alone
        guesses wrong too often (read on the reading sets: "SpaceX is believed
        to have bid, but the company declined" after Boeing spoke; "UBS sees
        …, the company has to be concerned" of Apple), and a wrong name is
        worse than none.
        """
        doc = self.doc
        lemma = head.lemma_.lower()
        for ent in reversed(doc.ents):
            if ent.start >= head.i or ent.label_ not in ("ORG", "PERSON"):
                continue
            if head.i - ent.end > _OUTLET_REACH:
                break
            root = ent.root
            nouns = [t for t in (root.head, *root.children) if t.i not in range(ent.start, ent.end)]
            beside = any(
                t.lemma_.lower() == lemma and t.pos_ == "NOUN" and t.i != head.i
                and not (t.i > 0 and doc[t.i - 1].lower_ in ("a", "an"))  # "a company Apple acquired"
                and (root.dep_ == "appos" and t.i == root.head.i or t.dep_ == "appos" and t.head.i == root.i
                     or t.i == ent.start - 1 and t.dep_ == "compound" and t.head.i == root.i)  # "the charity Mind"
                for t in (*nouns, *([doc[ent.start - 1]] if ent.start > 0 else []))
            )  # fmt: skip
            if not beside:
                continue
            if any(
                t.lemma_.lower() == lemma and any(d.dep_ == "det" and d.lower_ in ("a", "an", "another") for d in t.children)
                for t in doc[ent.end : head.i]
            ):
                return None  # "A group of protesters gathered. The group said": that group
            words = _without_the(ent)
            name = span_text(self.text, words)
            known = self.records.get(name)
            if known is not None and known.type == "PERSON" and name not in self._institutions:
                return None
            return known if known is not None else self.add_group(name, "ORG")
        return None

    def statement_issuer(self, head: Token) -> _Record | None:
        """Who issued the statement a bare "the statement" stands for ("…,” the statement read").

        "Big Machine Records issued a statement …. “…,” the statement read":
        the statement named last before it whose issuer the parse shows (the
        subject of "issued", "released", "said in"; the "from"/"by" phrase or
        the owner: "a statement from the ministry", "Apple's statement"),
        within the last few paragraphs.  The issuer must be a
        name the article gives (a speaker or an entity), not a pronoun.
        """
        doc = self.doc
        for t in reversed(doc[max(0, head.i - _OUTLET_REACH) : head.i]):
            if t.lemma_.lower() != "statement" or t.pos_ != "NOUN":
                continue
            issuer = None
            verb = t.head
            if t.dep_ == "dobj" and verb.lemma_.lower() in _ISSUING:
                issuer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            elif t.dep_ == "pobj" and verb.lower_ == "in" and verb.head.pos_ in ("VERB", "AUX"):
                issuer = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            if issuer is None:
                by = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
                issuer = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            if issuer is None:
                issuer = next((c for c in t.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
            if issuer is None or issuer.pos_ == "PRON":
                continue
            found = self._record_at(issuer)
            if found is not None and not found.described and "statement" not in found.name.lower():
                return found  # not "The company … in a statement": which company, the next one says
        return None

    def _record_at(self, token: Token) -> _Record | None:
        """The person or organisation a name at ``token`` stands for, if any.

        A speaker's mention covering it (not one whose name holds "statement"), else an
        organisation, place or group the recogniser found there, registered if new.
        """
        pos = bisect_right(self._mention_starts, token.i) - 1
        while pos >= 0 and self.mentions[pos].end > token.i - 8:
            m = self.mentions[pos]
            rec = self.records.get(m.key)
            if m.start <= token.i < m.end and rec is not None and "statement" not in rec.name.lower():
                return rec
            pos -= 1
        for ent in self.doc.ents:
            if ent.start <= token.i < ent.end and ent.label_ in ("ORG", "GPE", "NORP"):
                words = _without_the(ent)
                if not words:
                    return None
                name = span_text(self.text, words)
                known = self.records.get(name)
                return known if known is not None and known.type == "PERSON" else self.add_group(name, "ORG")
        return None

    def outlet_before(self, head: Token) -> _Record | None:
        """The news outlet named last before ``head`` ("the paper", "the site"), if one is.

        For "The Mail on Sunday reported …. The paper reported", "a website called
        Daily Buzz Live. The site publishes …": a name that is an outlet's by its
        words ("Post", "News", a web domain) or by an outlet noun beside it ("the
        Iraqi newspaper Al-Sabah"), of the noun's kind ("the paper" is not NBC
        News).  Names the recogniser found,
        and the sources of earlier acts it may have missed ("according to the
        UK's Mirror").  Only within the last few paragraphs; none found, none
        guessed: an unresolved "paper" is better than the wrong one.
        """
        noun = head.lemma_.lower()
        doc = self.doc

        def fits(words: list[str], beside: bool) -> bool:
            low = [w.lower() for w in words]
            if " ".join(low) in _NOT_OUTLETS:
                return False
            broadcast = any(w in BROADCAST_NAME_WORDS for w in low)
            domain = " ".join(low).endswith(_DOMAIN)
            # The outlet word closes the name ("The Sun", "NBC News") or opens one of "on"/"of"
            # ("Mail on Sunday", "Times of India"), not another's ("Sun Microsystems").
            ends = {low[-1]} if low else set()
            if len(low) > 2 and low[1] in ("on", "of"):
                ends.add(low[0])
            named = domain or any(w in _OUTLET_NAME_WORDS for w in ends)
            if noun in _PAPER_NOUNS and (broadcast or domain):
                return False
            if noun in _BROADCAST_NOUNS:
                return broadcast or beside
            if noun in _WEB_NOUNS:
                return domain or beside or any(w in _WEB_NAME_WORDS for w in low)
            return named or beside

        best: tuple[int, str] | None = None
        for ent in reversed(doc.ents):
            if ent.start >= head.i:
                continue
            if head.i - ent.end > _OUTLET_REACH:
                break
            words = _without_the(ent)
            # "the Iraqi newspaper Al-Sabah", "a website called Daily Buzz Live", "the Argus
            # Leader newspaper" (the recogniser may call such a name a person).
            around = list(doc[max(0, ent.start - 3) : ent.start]) + list(doc[ent.end : ent.end + 1])
            beside = any(
                t.lower_ in OUTLET_NOUNS and t.pos_ == "NOUN" and t.i != head.i
                and (
                    ent.start <= t.head.i < ent.end  # "the Argus Leader newspaper"
                    or ent.root.head.i == t.i  # "the Iraqi newspaper Al-Sabah"
                    or (
                        t.i + 2 == ent.start
                        and doc[t.i + 1].lower_ in ("called", "named")
                        and doc[t.i + 1].dep_ == "acl"  # "a website called X", not "the paper named X editor"
                    )
                )
                for t in around
            )  # fmt: skip
            org_like = ent.label_ in ("ORG", "WORK_OF_ART", "PRODUCT")
            # A place or people beside the noun is no name ("a South Korean newspaper").
            name = span_text(self.text, words)
            known = self.records.get(name)
            if known is not None and known.type == "PERSON":
                continue  # a name already a person's is no outlet
            if (org_like or (beside and ent.label_ == "PERSON")) and fits([t.text for t in words], beside):
                best = (ent.start, name)
                break
        for m in reversed(self.mentions):  # sorted by start
            if m.start >= head.i:
                continue
            if head.i - m.end > _OUTLET_REACH or (best is not None and m.start <= best[0]):
                break
            rec = self.records.get(m.key)
            if rec is not None and rec.type in ("ORG", "WORK", "UNKNOWN") and not rec.described:
                if fits(rec.name.split(), False):
                    return rec
        if best is None:
            return None
        rec = self.add_group(best[1], "ORG")
        return rec if rec.type != "PERSON" else None  # an alias of a person's

    def add_group(self, name: str, type_: str, described: bool = False) -> _Record:
        """Register an organisation or an unresolved description under its own name.

        ``described``: the words hold no name ("the company", "officials"), so the
        ledger keeps the speaker to this article; the same words met once as a
        name make the record a name.
        """
        rec = self.records.get(name)
        if rec is None and type_ == "ORG":
            rec = self._acronym_of(name)
        if rec is None:
            rec = self.records[name] = _Record(name=name, type=type_, described=described)
        elif not described:
            rec.described = False
        return rec

    def _acronym_of(self, name: str) -> _Record | None:
        """The organisation already named that ``name`` abbreviates, or that abbreviates it.

        "the European Union" and "the EU", "the World Health Organization" and
        "WHO" are one speaker, under the name the article used first (mentions
        are keyed by it).  The first pair that matches wins; known pairs and
        pairs the article spells out are the only ones that match.
        """
        for rec in self.records.values():
            if rec.type != "ORG" or rec.name == name:
                continue
            if _abbreviates(name, rec.name, self.text) or _abbreviates(rec.name, name, self.text):
                rec.add_alias(name)
                return rec
        return None

    def _add_mention(self, start: int, end: int, key: str, salient: int) -> None:
        # A chain resolved before this mention existed may now end elsewhere
        # ("an AutoNation spokesman denied …. He said …. "…," he said"): only the
        # pronouns after it can see it.
        if self._chain:
            self._chain = {k: v for k, v in self._chain.items() if k[0] <= start}
        pos = bisect_right(self._mention_starts, start)
        if pos > 0 and self.mentions[pos - 1].start == start:
            m = self.mentions[pos - 1]
            m.salient = max(m.salient, salient)
            m.key = key
            return
        self._mention_starts.insert(pos, start)
        self.mentions.insert(pos, Mention(start, end, key, salient))

    def note_speaker(self, start: int, end: int, key: str) -> None:
        """Record that an attribution's source sits here: the strongest antecedent for a later "he"."""
        self._add_mention(start, end, key, 2)

    # -- resolving ----------------------------------------------------------

    def lookup(self, words: list[str], at: int) -> str | None:
        """The canonical name a surface name refers to at token ``at``, if known."""
        full = " ".join(words)
        if full in self.records and self.records[full].type == "PERSON":
            if len(words) > 1:
                return full
        surname = _surname_key(words)
        entries = self._by_surname.get(surname)
        if entries:
            if len(words) > 1:
                # "Donald J. Trump" vs "Donald Trump": same first and last word.
                for _, name in entries:
                    if same_first_name(name.split()[0], words[0]):
                        return name
                return None
            fuller = [(start, name) for start, name in entries if " " in name] or entries
            before = [name for start, name in fuller if start <= at]
            if before:
                return before[-1]
            return fuller[0][1]
        if len(words) == 1:
            firsts = self._by_first.get(words[0].lower())
            if firsts and len(set(firsts)) == 1:
                return firsts[0]
        return None

    def record(self, key: str) -> _Record:
        return self.records[key]

    def resolve_pronoun(self, tok: Token, lower_bound: int = 0) -> str | None:
        """The person a "he"/"she" most likely names: the most salient mention in the nearest sentence before it.

        Nearest sentence first (Hobbs-style recency); inside it, the speaker
        of an attribution, then a clause subject, then any mention — so that
        "Peskov also rejected Woodward's claim that Trump ..." → "he" is Peskov.
        """
        low = tok.text.lower()
        want_group = low in GROUP_PRONOUNS
        sign = 1 if low in _MALE_PRONOUNS else -1 if low in _FEMALE_PRONOUNS else 0
        doc = self.doc
        pos = bisect_right(self._mention_starts, tok.i - 1)
        sent_start = tok.sent.start
        not_me = self._named_in_own_clause(tok)
        # "X is furious that Brian Williams is still in the chair after he admitted …":
        # the subject of a clause the pronoun sits in comes before any other mention.
        governing = self._governing_subject(tok, want_group, sign, not_me)
        if governing is not None:
            return governing
        # Same sentence first: mentions before the pronoun.
        best = self._best_in(pos, sent_start, tok.i, want_group, sign, not_me)
        if best is not None:
            return best
        sent = tok.sent
        budget, skipped = 4, 0
        past_quote = False
        while budget > 0:
            if sent.start == 0 or sent.start <= lower_bound:
                break
            sent = doc[sent.start - 1].sent
            if skipped < 12 and _list_item(sent, self.text):
                skipped += 1  # a menu or a list between the name and "she" is no sentence of the story
                continue
            if skipped < 12 and self._quoted(sent) and self._said_before(sent):
                # '"…," Obama said. "Let's be clear … No just God would stand for …" / "Their
                # ideology is bankrupt," he said': a quotation its speaker was named for is
                # that speaker's words, no sentence of the narrator's, and holds no
                # antecedent; "he" is still Obama.  Past it, only a speaker is one.
                skipped += 1
                past_quote = True
                continue
            budget -= 1
            # "During the visit, he was photographed with Epstein. He later told the
            # BBC …": the earlier sentence is about the same "he", its subject; the
            # name in it is someone else.
            chained = self._pronoun_subject(sent, low)
            if chained is not None:
                memo = (chained.i, lower_bound)
                key = self._chain.get(memo)
                noted = self._noted_at(chained.i)
                if noted is not None:
                    key = noted  # that "he" was read as a speaker already: no walk back again
                elif memo not in self._chain:
                    self._chain[memo] = None  # no cycles
                    key = self._chain[memo] = self.resolve_pronoun(chained, lower_bound)
                if key is not None and key not in not_me:
                    return key
            best = self._best_in(
                len(self.mentions),
                sent.start,
                sent.end,
                want_group,
                sign,
                not_me,
                speakers_only=past_quote,
            )
            if best is not None:
                return best
        return None

    def _governing_subject(
        self, tok: Token, want_group: bool, sign: int, not_me: frozenset[str]
    ) -> str | None:
        """The named subject of the nearest clause above the pronoun, before it (Hobbs's walk).

        Only a name the registry knows, and only a clause that is not the
        pronoun's own; its speaker's clause ("Peskov said he …") is the same
        walk's answer one step up.
        """
        for anc in tok.ancestors:
            if anc.pos_ not in ("VERB", "AUX", "ADJ"):
                continue
            subj = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or subj.i == tok.i or subj.i > tok.i or subj.pos_ == "PRON":
                continue
            pos = bisect_right(self._mention_starts, subj.i) - 1
            if pos < 0:
                return None
            m = self.mentions[pos]
            if not (m.start <= subj.i < m.end) or not self._fits(m, want_group, sign, not_me):
                return None
            return m.key
        return None

    def _said_before(self, sent: Span) -> bool:
        """Does the sentence before this run of quoted sentences name a speaker?

        Only then is the quotation someone's whose name the walk will meet: an
        unattributed quote ('Mayor John Smith took the stage. "We will win." He said …')
        is left to count as a sentence, as it always did.
        """
        doc = self.doc
        for _ in range(12):
            if sent.start == 0:
                return False
            sent = doc[sent.start - 1].sent
            if not self._quoted(sent):
                lo = bisect_right(self._mention_starts, sent.start - 1)
                hi = bisect_right(self._mention_starts, sent.end - 1)
                return any(m.salient >= 2 for m in self.mentions[lo:hi])
        return False

    def _quoted(self, sent: Span) -> bool:
        """Is every word of the sentence inside a quotation?"""
        if self.skip is None:
            return False
        words = [t.i for t in sent if not (t.is_punct or t.is_space)]
        return bool(words) and all(self.skip[i] for i in words)

    def _fits(self, m: Mention, want_group: bool, sign: int, not_me: frozenset[str]) -> bool:
        """Can this mention be the pronoun's antecedent: outside quotes, agreeing, not barred?"""
        if self.skip is not None and self.skip[m.start]:
            return False  # a name inside a quote is not who the narrator's "he" means
        if m.key in not_me or want_group != (self.records[m.key].type != "PERSON"):
            return False
        return not (sign and self.gender.get(m.key, 0) * sign < 0)

    def _noted_at(self, i: int) -> str | None:
        """The entity a pronoun at token ``i`` was noted as, as a speaker, if it was."""
        pos = bisect_right(self._mention_starts, i) - 1
        if pos >= 0 and self.mentions[pos].start == i and self.mentions[pos].salient >= 2:
            return self.mentions[pos].key
        return None

    def _pronoun_subject(self, sent: Span, low: str) -> Token | None:
        """The main clause's subject when it is the same pronoun ("he" … "he").

        Not when the sentence reports someone else's words ("He has lied for
        years, according to Tom Smith"): its "he" is inside what Smith said,
        and the speaker, not the pronoun, is who a next "he" names.
        """
        root = sent.root
        subject = None
        for child in root.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                subject = child
                break
        if subject is None or subject.pos_ != "PRON" or subject.lower_ != low:
            return None
        if self.skip is not None and self.skip[subject.i]:
            return None
        for tok in sent:
            if tok.lower_ == "according":
                return None
            if (
                tok.dep_ == "nsubj"
                and tok.i != subject.i
                and tok.head.lemma_.lower() in LEXICON  # a cue: someone's words are reported
            ):
                return None
        return subject

    def _named_in_own_clause(self, tok: Token) -> frozenset[str]:
        """Who the pronoun cannot be: people named by name after it in its own clause, or in
        what its verb says written before it ("X, he added").

        "He said Thomas is a single father": were "he" Thomas, the sentence
        would say "he is"; a subject pronoun and a name it governs are two
        people (binding principle C).  So the lawyer's "he" is not the client
        named in what the lawyer says.
        """
        head = tok.head
        lo = bisect_right(self._mention_starts, tok.i)
        hi = bisect_right(self._mention_starts, min(head.right_edge.i, tok.sent.end - 1))
        mentions = self.mentions[lo:hi]
        # "Many people had fled across the border to Niger, he added": what the pronoun's
        # verb says, put before it, is still governed by it (not a clause of time or
        # cause: "When Smith arrived, he said …" is Smith).
        for clause in head.children:
            if _fronted_report(clause, tok):
                a = bisect_right(self._mention_starts, clause.left_edge.i - 1)
                b = bisect_right(self._mention_starts, clause.right_edge.i)
                # not its subject: "Phelps is going to rehab, he confirms on Twitter" is
                # how news writes a self-report
                subjects = [c.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
                mentions = mentions + [
                    m for m in self.mentions[a:b] if not any(m.start <= i < m.end for i in subjects)
                ]
        # Only names: a later pronoun noted as a speaker ("in which he said he'd …")
        # is no name, and counted it barred "he" from its own antecedent.
        return frozenset(
            m.key for m in mentions if self.doc[m.start].pos_ != "PRON"
        )

    def _best_in(
        self,
        hi: int,
        start: int,
        end: int,
        want_group: bool,
        sign: int = 0,
        not_me: frozenset[str] = frozenset(),
        speakers_only: bool = False,
    ) -> str | None:
        lo = bisect_right(self._mention_starts, start - 1)
        hi = min(hi, bisect_right(self._mention_starts, end - 1))
        best: Mention | None = None
        for m in self.mentions[lo:hi]:
            if not self._fits(m, want_group, sign, not_me):
                continue
            if speakers_only and m.salient < 2:
                continue  # past a quotation, only the one who spoke it: not a name it follows
            if best is None or m.salient > best.salient:
                best = m
        return best.key if best is not None else None

    def resolve_epithet(self, head: Token) -> str | None:
        """The person an age or family epithet stands for: the most salient one just before it.

        The same sentence before the epithet, then up to two sentences back:
        a person given the epithet's age, else the last clause subject who is not
        speaking there (never a group); a family epithet needs a person the
        article has already shown to be of its gender.  Further back it names
        no one rather than a wrong one.  None for a head that is no epithet.
        """
        sign = epithet_sign(head)
        if sign is None:
            return None
        age = next((g.text for c in head.children for g in c.children if g.like_num), None)

        def subject_in(start: int, end: int) -> str | None:
            lo = bisect_right(self._mention_starts, start - 1)
            hi = bisect_right(self._mention_starts, end - 1)
            found = [m for m in self.mentions[lo:hi] if self._fits(m, False, sign, frozenset())]
            if age is not None:
                # "John Smith, 36, …. The 36-year-old said": the person given that age.
                given = (", " + age + ",", ", " + age + " ")
                aged = [m for m in found if self.text.startswith(given, self.doc[m.end - 1].idx + len(self.doc[m.end - 1].text))]
                if aged:
                    return aged[-1].key
            # Otherwise a clause's subject who is not speaking there: "Prosecutor Mary Ellis told
            # the court that Tom Baker had stolen the money. The 52-year-old denied …" is Baker
            # (and "… sacked by Manchester United. The 56-year-old said" names no one).
            subjects = [m for m in found if m.salient == 1]
            if subjects:
                return subjects[-1].key
            speakers = {m.key for m in found if m.salient >= 2}
            # "Maria Lopez said her shift was long. The mother-of-two said …": the one
            # speaker, when no one else is there to be described.
            return next(iter(speakers)) if len(speakers) == 1 else None

        best = subject_in(head.sent.start, head.i)
        sent = head.sent
        for _ in range(2):
            if best is not None or sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
            best = subject_in(sent.start, sent.end)
        if best is not None and sign and self.gender.get(best, 0) != sign:
            return None  # "the mother-of-two" after "John Smith, 40,": a person of unknown gender is no match
        return best

    def resolve_possessor(self, pron: Token) -> str | None:
        """The person a possessive "his"/"her" names, only where the article makes it plain.

        Used for "according to her Facebook": a person of the pronoun's gender
        by the article's own evidence, named as a person in its sentence or the
        one before ("her Facebook" after "a friend … for Nuevo Diario" is not the
        newspaper's, nor is "his Facebook profile" a headline's "EgyptAir Crash").
        """
        key = self.resolve_pronoun(pron)
        sign = 1 if pron.lower_ == "his" else -1
        if key is None or self.gender.get(key, 0) * sign <= 0:
            return None
        prev = self.doc[pron.sent.start - 1].sent.start if pron.sent.start else 0
        lo = bisect_right(self._mention_starts, prev - 1)
        hi = bisect_right(self._mention_starts, pron.i - 1)
        named = any(m.key == key and self.doc[m.start].ent_type_ == "PERSON" for m in self.mentions[lo:hi])
        return key if named else None

    def resolve_description(self, head: Token, modifiers: list[str]) -> str | None:
        """The person a role description ("the Republican candidate") names, if one stands out.

        A person described with the same role noun wins ("the spokesman" → the
        one introduced as "Kremlin spokesman"). Failing that, only an epithet
        ("the candidate", "the billionaire") falls back on the most mentioned
        person so far — in news, the protagonist epithets stand for — and a
        modifier that matches someone's descriptors ("the Democratic
        nominee") picks them instead. A specific role nobody holds here ("the
        Indiana governor") stays unresolved: a wrong name is worse than none.
        """
        role = _ABBREVIATIONS.get(head.lower_, head.lower_)
        lemma = head.lemma_.lower()
        mods = {_ABBREVIATIONS.get(m.lower(), m.lower()) for m in modifiers}
        last_seen: dict[str, int] = {}
        counts: dict[str, int] = {}
        for m in self.mentions:
            if m.start >= head.i:
                break
            if self.records[m.key].type != "PERSON":
                continue
            counts[m.key] = counts.get(m.key, 0) + 1
            last_seen[m.key] = m.start
        holders = [
            key
            for key, rec in self.records.items()
            if rec.type == "PERSON" and ({role, lemma} & self._descriptor_words(rec))
        ]
        # People already named first. One named later ("the judge" … "Judge Berman",
        # "The New York state attorney general is confirming …" before "New York
        # Attorney General Eric Schneiderman") only when the modifiers say so too, or
        # there are none and one person holds the role: "the former secretary of
        # state" is not press secretary Brian Fallon.
        by_role = [k for k in holders if k in last_seen]
        if not by_role:
            extra = mods - {role, lemma}
            if extra:
                by_role = [k for k in holders if extra & self._descriptor_words(self.records[k])]
            elif len(holders) == 1:
                by_role = holders
        if by_role:
            return max(by_role, key=lambda k: (last_seen.get(k, -1), counts.get(k, 0)))
        if lemma not in GENERIC_EPITHETS and role not in GENERIC_EPITHETS:
            return None
        if mods:
            by_mod = [k for k in counts if mods & self._descriptor_words(self.records[k])]
            if by_mod:
                return max(by_mod, key=lambda k: (counts[k], last_seen[k]))
        if not counts:
            return None
        ranked = sorted(counts, key=lambda k: (counts[k], last_seen[k]), reverse=True)
        if counts[ranked[0]] < 2:
            return None
        return ranked[0]

    def described_before(self, head: Token) -> str | None:
        """The one speaker described earlier with the same role noun as its own, if one.

        "A Vogue employee wrote to Gawker …. The employee added": the same
        employee, not a second one.  Two such earlier ("a police officer", "another
        officer") and the role says nothing about which: none.
        """
        role = head.lower_
        lemma = head.lemma_.lower()
        found: list[str] = []
        for m in self.mentions:
            if m.start >= head.i:
                break
            rec = self.records.get(m.key)
            if rec is None or rec.type not in ("PERSON", "UNKNOWN"):
                continue
            # The description's own noun, in lower case (a description, not a name): "Vogue
            # employee", "source close to the family"; not "lawyer for the victim" for "the victim".
            head_words = _AFTER_HEAD.split(rec.name, maxsplit=1)[0].split()
            noun = head_words[-1] if head_words else ""
            if len(rec.name.split()) > 1 and noun in (role, lemma) and m.key not in found:
                found.append(m.key)
        return found[0] if len(found) == 1 else None

    @staticmethod
    def _descriptor_words(rec: _Record) -> set[str]:
        words: set[str] = set()
        for desc in rec.descriptors:
            for w in desc.lower().split():
                words.add(_ABBREVIATIONS.get(w, w))
        return words


def _without_the(span: Span) -> list[Token]:
    """The tokens of a name without a leading "the" ("the European Space Agency")."""
    return [t for t in span if not (t.i == span.start and t.lower_ == "the")]


def _without_opening_verb(name: list[Token], runs: list[tuple[list[Token], list[Token]]]) -> list[Token]:
    """"Hosting Cook at Dreamforce is our dream": a capitalised gerund opening the
    sentence is not a first name, when the article names a person with that
    surname and another first name ("Tim Cook").  The small model tags the pair
    as one person, and every later "Cook" went to "Hosting Cook"."""
    first = name[0]
    if len(name) < 2 or not first.is_sent_start or len(first) < 6 or not first.lower_.endswith("ing"):
        return name
    surname = name[-1].lower_
    for _, other in runs:
        if len(other) >= 2 and other[-1].lower_ == surname and other[0].lower_ != first.lower_:
            return name[1:]
    return name


def _list_item(sent: Span, text: str) -> bool:
    """A short line with no verb: a list item, a caption or a menu entry, not a sentence."""
    words: list[Token] = []
    for t in sent:  # stops at the fifth word: most sentences are long
        if t.is_punct or t.is_space:
            continue
        if len(words) == 4 or t.pos_ in ("VERB", "AUX"):
            return False
        words.append(t)
    if not words:
        return False
    return _line_edge(text, words[0].idx - 1, -1) and _line_edge(text, words[-1].idx + len(words[-1]), 1)


def _line_edge(text: str, i: int, step: int) -> bool:
    """Is there only blank space between offset ``i`` and the line's edge, walking by ``step``?"""
    while 0 <= i < len(text) and text[i] in " \t":
        i += step
    return not 0 <= i < len(text) or text[i] == "\n"


def _salience(name: list[Token]) -> int:
    head = name[-1]
    if head.dep_ == "appos":
        # "Thomas' brother, Kevin Nickel, reached out": the name of the subject, which the
        # possessor before it is not (a later "he" is the brother)
        head = head.head
    return 1 if head.dep_ in ("nsubj", "nsubjpass") else 0


_SUBORDINATORS = frozenset(
    "while when whenever as after before because although though if since by until once unless whereas".split()
)


def _fronted_report(clause: Token, pronoun: Token) -> bool:
    """Is ``clause`` what the pronoun's verb says, written whole before it ("X, he added")?

    Only a plain statement that ends right where the pronoun's frame begins: a
    clause opened by "while", "by the time" …, or one holding a dash or a colon,
    is more often the parse joining the sentence's own clauses ("Sondland has
    amended his testimony — “I now do recall,” he said").
    """
    if clause.dep_ not in ("ccomp", "parataxis") or clause.i > pronoun.i or clause.sent != pronoun.sent:
        return False
    doc = pronoun.doc
    words = doc[clause.left_edge.i : clause.right_edge.i + 1]
    if any(t.dep_ == "mark" for t in clause.children) or words[0].lower_ in _SUBORDINATORS:
        return False
    if words[0].is_lower and words[0].i == clause.sent.start:
        return False  # a sentence cut by the tagger ("While the “Meth.” | campaign did not …")
    if any(t.text in (":", "—", "–", "--", ";") for t in words):
        return False
    between = doc[clause.right_edge.i + 1 : pronoun.i]
    return all(t.is_punct or t.is_space for t in between) and any(t.text == "," for t in (*words[-2:], *between))

