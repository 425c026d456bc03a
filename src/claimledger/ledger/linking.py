"""Cross-article claim linking: is this sentence a claim the ledger already holds?

Why this shape:

- A claim is reported in many wordings ("Apple will sell 19 million watches",
  "BMO forecasts 19M Apple Watch sales").  Each wording that links to a claim is
  kept as another *exemplar* of that claim, and a new sentence is scored against
  every exemplar; the best exemplar's claim wins (single link).  On Emergent
  this beat comparing with one running centroid per claim, which drifts.
- The score is the cosine of the unit sentence embeddings
  (``claimledger.nlp.embed``) plus a small bonus for shared subject entities:
  ``score = cos + ENTITY_WEIGHT * jaccard(entities)``; an empty entity set on
  either side adds nothing, so entity extraction is optional.
- A claim links when ``score >= LINK_THRESHOLD``, else it is new.
- The ledger also passes each wording's :class:`ClaimKey` (its exact figures
  and the person the claims stage named for a leading pronoun): an exemplar
  whose key :func:`conflicts` is passed over, however close in words ("Clinton
  leads 46 to 42" is not "Trump leads 47.1 to 41.7"; "[Ted Cruz] would use
  waterboarding sparingly" is not "[Donald Trump] would bring it back").  On
  the 307 labelled PolNeAR pairs it removes 13 of 150 false links at the
  ledger's threshold and no true one (``bench/link_pairs.py``); on Emergent,
  whose claims gather headlines of different figures ("7 of 28 girls",
  "girls as young as 13"), the pool at the ledger's threshold moves 0.935 →
  0.933 (``bench/linking.py``).
- The ledger also asks that a wording score at least ``LEDGER_ANCHOR_FLOOR``
  with the entry's first wording (``anchor_floor``): exemplars let a claim be
  reworded, but a chain of rewordings drifts to other claims of the story.
- Late merge: greedy online linking splits a claim whose first wordings happen
  to arrive far apart (each starts its own claim).  When a new wording links,
  any *small* claim (at most ``MERGE_MAX_SIZE`` wordings) that it also scores
  ``>= threshold + MERGE_MARGIN`` with is folded into the claim it joined
  (``ClaimIndex.merge_candidates`` / ``ClaimIndex.merge``: a relabel of at most
  a few rows, so incremental and cheap).  Large claims never merge, which keeps
  one bridging headline from chaining two big stories together.
- Scale: comparing with every stored row is exact and fastest below
  ``BRUTE_FORCE_LIMIT`` rows.  Above it the index is an IVF (inverted file):
  spherical k-means centroids over the stored vectors, each row filed under its
  nearest centroid; a query scans the rows of its ``nprobe`` nearest centroids
  and rescores them exactly.  New rows are filed incrementally; the centroids
  are re-trained when the index has doubled since the last training.  numpy
  only, no faiss.  Each row is filed under its 2 nearest centroids ("spill")
  and a query probes 10 cells, which on 100,000 synthetic topic-structured
  claims (``bench/linking.py``) links them all online in ~47 s on the shared
  2-core machine, the IVF answer agreeing with brute force on ~97 % of fresh
  near-duplicate queries (raise ``nprobe`` for more recall, at linear cost).

The thresholds are fitted by ``bench/linking.py`` on the Emergent train split
(cross-validated by claim); see the constants below.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from claimledger.model import TITLE_WORDS

if TYPE_CHECKING:
    from claimledger.nlp.embed import Encoder

ClaimId = Hashable

# The encoder is fine-tuned on Emergent's train headlines grouped by claim
# (train/finetune_encoder.py), so the threshold is fitted on claims it never
# saw: two encoders, each trained on one half of the 240 claims, scored on the
# other half by `python bench/linking.py --encoder DIR --held-out-of DIR`
# (grid 0.45-0.75 by 0.01, 5-fold CV by claim inside the held-out half).  The
# CV folds' median thresholds were 0.48 and 0.51; the whole held-out half
# clustered at once at that threshold gave B-cubed F1 0.894 and 0.899 (the stock
# encoder on the same halves: 0.869 at 0.55, 0.873 at 0.55).  The entity bonus
# never helped reliably (headline NER is noisy), so it is off by default;
# callers with better entity sets can pass entity_weight.
LINK_THRESHOLD = 0.50
ENTITY_WEIGHT = 0.0
# The ledger's own threshold.  A newsroom's ledger holds both what Emergent
# measures (one claim reworded by many outlets) and what it does not: many
# claims of one beat, most sharing a topic with many others, where 0.50 joins
# mostly different claims (on 344 hand-labelled pairs of claims from two
# PolNeAR articles, `python bench/link_pairs.py`: precision 0.19, F1 0.33; a
# 334-article ingest made entries of up to 58 articles of unrelated
# statements).  Weighing the two alike, the mean of Emergent's held-out
# B-cubed F1 (both halves, four orders, late merge on: `python
# bench/linking.py --held-out-of DIR --scale 0 --at 0.55 0.65 0.7`) and the
# pairs' F1 (pairs of train-split articles) is 0.635 / 0.638 / 0.641 / 0.633 /
# 0.618 at 0.50 / 0.55 / 0.60 / 0.65 / 0.70.  At 0.60: Emergent 0.881 (0.917
# at 0.50); all 344 pairs' F1 0.388 (train-article pairs 0.400, dev-article
# pairs 0.368 against 0.282 at 0.50); the 334 articles' largest entry 9
# articles (58 at 0.50).
# Headline clustering (cluster(), cluster_embeddings()) keeps LINK_THRESHOLD.
LEDGER_THRESHOLD = 0.60
# Single link chains: each wording close to the one before it, the fifth far from the
# first ("Kim fractured both ankles" joined "Kim is still in control but struggling
# with illnesses").  The ledger links a wording to an entry only if it also scores at
# least this with the entry's first wording (or the first wording of an entry folded
# into it).  Measured on 382 FNC-1 bodies ingested (`bench/` has no labelled set of
# such chains): at 0.40, 161 cross-article mention pairs come apart, read one by one
# nearly all different claims of one story (Conal fired / Comcast and Tor; Kim's
# ankles / Kim in control; an Ebola report / "they were aware of such reports"), and
# 35 new pairs join, mostly right ("He is not going to be suspended" with "I heard
# he's on a month's suspension"); at 0.45 right pairs start to come apart ("he
# removes the device to recharge overnight" / "he puts his Apple Watch on charge every
# night").  Emergent's pool at the ledger's threshold: 0.9305 -> 0.9291 at 0.40.
LEDGER_ANCHOR_FLOOR: float | None = 0.40
# Another article's plain statement is read as a rebuttal of an entry (opposite
# negation, nlp.claims.rebuts) only when it restates the entry as closely as a
# restatement inside one article must (nlp.claims.SAME_CLAIM_THRESHOLD).  Linking
# at the ledger's 0.60 joins many claims of one story, and opposite negation between
# two different claims is no dispute: of the cross-article "disputes" in a ledger of
# 382 FNC-1 bodies, most linked below this bar and were wrong ("Kobani is not
# tactically or militarily very important" disputing "What makes Kobani matter for
# us ..."; "Rosenberg was nowhere near Kobani" disputing "Rosenberg was not in the area").
REBUTTAL_FLOOR = 0.75  # = nlp.claims.SAME_CLAIM_THRESHOLD (tests/store/test_db.py checks)
# Late merge (see the module docstring), measured by the same held-out bench:
# with it, the whole held-out half at the CV threshold gave B-cubed F1 0.909 and
# 0.911 (7 orders) instead of 0.896 and 0.897; it helped at every threshold
# from 0.46 to 0.58 on both halves.  MERGE_MARGIN=None turns it off.
MERGE_MARGIN: float | None = 0.10
MERGE_MAX_SIZE = 3

BRUTE_FORCE_LIMIT = 5000
DEFAULT_NPROBE = 10
DEFAULT_SPILL = 2
NLIST_FACTOR = 3.0


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared share of two entity sets; 0 when either is empty (no evidence either way)."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter) if inter else 0.0


# A quantity written in digits: "19 million", "$US200", "47.1 percent", "24th".  Not a
# digit glued to a word by a hyphen ("Covid-19", "MiG-21", "B-1"): that is a name.
_NUMBER = re.compile(
    r"(?<![\w.,])(?<![A-Za-z][-–])((?:US\$|\$US|[A-Z]?\$|£|€)?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
)
# A bound, not a figure: "more than 200 schoolgirls" may be the "219 schoolgirls" of
# another report.
_HEDGE = re.compile(
    r"(?:more than|over|at least|nearly|almost|about|around|up to|as many as|some|roughly"
    r"|approximately|fewer than|less than|under|upwards of|close to)\s+(?:US\$|\$US|[A-Z]?\$|£|€)?$",
    re.I,
)
# Whole month names ("10 marines", "3 separate attacks", "declined 5 percent" are
# figures); "May" only with its capital ("3 may have died").
_MONTHS = (
    r"(?:(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)|May)"
)
_MONTH = re.compile(r"\b" + _MONTHS + r"\b\.?\s*$")  # "on 31 August" reads back from the day
_MONTH_AFTER = re.compile(r"^(?i:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"\b")
# Two readings of one figure ("499" and "500", "4,999" and "5,000") are one figure;
# two polls' shares ("42" and "41.7") are not.
NUMBER_TOLERANCE = 0.005
# A bracketed subject the claims stage named for a leading pronoun, when it is a
# person's name ("[Ted Cruz]"), not an organisation that has many names ("[the NSC]"
# and "[the White House]" spoke one statement) nor a description ("[spokesman for
# Prime Minister Stephen Harper]").
_SUBJECT = re.compile(r"^\[((?:[A-Z][\w'’.-]*)(?:\s[A-Z][\w'’.-]*)*)\]")


# Words of a name that many people share: "[President Obama]" is not "[President Trump]"
# ("Sen." as "sen": brackets keep the name's own spelling).
_TITLES = frozenset(w.rstrip(".") for w in TITLE_WORDS)


@dataclass(frozen=True, slots=True)
class ClaimKey:
    """What a wording pins down beyond its topic: the figures it states and who it is about.

    Two claims of one beat share their topic words, and so a sentence
    embedding, but not their figures ("Clinton leads 46 to 42" is not "Trump
    leads 47.1 to 41.7") nor, for a pronoun the claims stage named
    ("[Ted Cruz] would only use waterboarding sparingly"), their subject.
    """

    numbers: frozenset[float] = frozenset()
    subject: frozenset[str] = frozenset()


def _figures(text: str) -> frozenset[float]:
    """The exact figures of ``text``: not years, days of a month, nor bounds ("more than 200")."""
    out: set[float] = set()
    for m in _NUMBER.finditer(text):
        money, whole, decimal = m.group(1), m.group(2), m.group(3)
        digits = whole.replace(",", "")
        plain = not money and decimal is None and "," not in whole
        if plain and 1800 <= int(digits) <= 2100:
            continue  # a year ("$2000", "2,000" and "2000.5" are not)
        before, after = text[max(0, m.start() - 30) : m.start()], text[m.end() : m.end() + 20]
        if _HEDGE.search(before):
            continue
        if plain and 1 <= int(digits) <= 31 and (_MONTH.search(before) or _MONTH_AFTER.match(after)):
            continue  # a day of a month
        if before.endswith(("(", "[")) and after.startswith((")", "]")):
            continue  # a citation mark: "… less binge eating (30)"
        out.add(float(digits + (decimal or "")))
    return frozenset(out)


def claim_key(text: str) -> ClaimKey:
    """The figures of ``text`` and the words of its named subject ("[Donald Trump] would …")."""
    text = text or ""
    subject: frozenset[str] = frozenset()
    m = _SUBJECT.match(text.strip())
    if m:
        words = (re.sub(r"(?:['’]s?)$", "", w.lower()) for w in m.group(1).split())
        subject = frozenset(w for w in words if w and w.rstrip(".") not in _TITLES)
    return ClaimKey(_figures(text), subject)


def _same_figure(a: float, b: float) -> bool:
    return abs(a - b) <= NUMBER_TOLERANCE * max(abs(a), abs(b))


def conflicts(a: ClaimKey | None, b: ClaimKey | None) -> bool:
    """Do two wordings state different claims whatever their words share?

    Both state figures and no figure of one is a figure of the other, or both
    name their subject and no word of the two names is shared.  One side
    silent (no figure, a subject not named) is no evidence: "six bullets" and
    "6 bullets", "he" and "[Brian Williams]" may be one claim.
    """
    if a is None or b is None:
        return False
    if a.numbers and b.numbers and not any(_same_figure(x, y) for x in a.numbers for y in b.numbers):
        return True
    return bool(a.subject and b.subject and not a.subject & b.subject)


def _unit(vector: np.ndarray | Sequence[float]) -> np.ndarray:
    v = np.asarray(vector, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


class _Growable:
    """A float32 matrix and an int64 id column that grow by doubling (amortised O(1) append)."""

    def __init__(self, dim: int, capacity: int = 64) -> None:
        self.vecs = np.zeros((capacity, dim), dtype=np.float32)
        self.rows = np.zeros(capacity, dtype=np.int64)
        self.size = 0

    def append(self, vector: np.ndarray, row: int) -> None:
        if self.size == len(self.rows):
            cap = 2 * len(self.rows)
            vecs = np.zeros((cap, self.vecs.shape[1]), dtype=np.float32)
            vecs[: self.size] = self.vecs[: self.size]
            rows = np.zeros(cap, dtype=np.int64)
            rows[: self.size] = self.rows[: self.size]
            self.vecs, self.rows = vecs, rows
        self.vecs[self.size] = vector
        self.rows[self.size] = row
        self.size += 1


def spherical_kmeans(data: np.ndarray, k: int, *, iterations: int = 8, seed: int = 0) -> np.ndarray:
    """Unit-norm centroids of ``data`` (rows of unit length) by cosine k-means."""
    rng = np.random.default_rng(seed)
    k = max(1, min(k, len(data)))
    centroids = data[rng.choice(len(data), size=k, replace=False)].copy()
    for _ in range(iterations):
        assign = np.argmax(data @ centroids.T, axis=1)
        order = np.argsort(assign, kind="stable")
        present, starts = np.unique(assign[order], return_index=True)
        sums = np.zeros_like(centroids)
        sums[present] = np.add.reduceat(data[order], starts, axis=0)
        norms = np.linalg.norm(sums, axis=1)
        empty = norms == 0
        if empty.any():  # re-seed empty cells with random points
            sums[empty] = data[rng.choice(len(data), size=int(empty.sum()), replace=False)]
            norms[empty] = np.linalg.norm(sums[empty], axis=1)
        centroids = (sums / norms[:, None]).astype(np.float32)
    return centroids


class ClaimIndex:
    """Claim exemplars (unit embeddings + entity sets) answering "which claim is this?".

    ``add`` files one wording under a claim id (a claim may have many rows);
    ``match`` returns ``(claim_id, score)`` for the best claim if its score
    reaches the threshold, else ``(None, best_score)``.
    """

    def __init__(
        self,
        dim: int = 384,
        *,
        threshold: float = LINK_THRESHOLD,
        entity_weight: float = ENTITY_WEIGHT,
        brute_force_limit: int = BRUTE_FORCE_LIMIT,
        nprobe: int = DEFAULT_NPROBE,
        spill: int = DEFAULT_SPILL,
        seed: int = 0,
        anchor_floor: float | None = None,
    ) -> None:
        self.dim = dim
        self.anchor_floor = anchor_floor
        self.threshold = float(threshold)
        self.entity_weight = float(entity_weight)
        self.brute_force_limit = int(brute_force_limit)
        self.nprobe = int(nprobe)
        self.spill = int(spill)
        self.seed = seed
        self._store = _Growable(dim)
        self._claims: list[ClaimId] = []
        self._rows_of: dict[ClaimId, list[int]] = {}
        # each claim's first wording, and the first wording of every claim folded into it
        self._anchors: dict[ClaimId, list[int]] = {}
        self._entities: list[frozenset[str]] = []
        self._keys: list[ClaimKey | None] = []
        self._texts: list[str | None] = []
        self._centroids: np.ndarray | None = None
        self._cells: list[_Growable] = []
        self._trained_at = 0
        self._last_cells: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        # the last approximate query's (vector, rows, cosines): merge_candidates
        # right after match() of the same wording reuses them
        self._last_query: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return self._store.size

    @property
    def uses_ivf(self) -> bool:
        """Whether queries go through the approximate (IVF) path."""
        return self._centroids is not None

    # -- building -----------------------------------------------------------

    def add(
        self,
        claim_id: ClaimId,
        embedding: np.ndarray | Sequence[float],
        entities: Iterable[str] = (),
        key: ClaimKey | None = None,
        *,
        anchor: bool | None = None,
        text: str | None = None,
    ) -> None:
        """File one wording (its embedding, subject entities and key) under ``claim_id``.

        ``anchor``: is it a first wording (see ``anchor_floor``)?  By default the
        claim's first row is; a ledger reading back an entry that other entries
        were folded into says so for each of their first wordings.
        """
        vector = _unit(embedding)
        if vector.shape[0] != self.dim:
            raise ValueError(f"embedding has {vector.shape[0]} dimensions, index has {self.dim}")
        row = self._store.size
        self._last_query = None  # its candidate rows no longer cover the index
        self._store.append(vector, row)
        self._claims.append(claim_id)
        if anchor or (anchor is None and claim_id not in self._rows_of):
            self._anchors.setdefault(claim_id, []).append(row)
        self._rows_of.setdefault(claim_id, []).append(row)
        self._entities.append(frozenset(entities))
        self._keys.append(key)
        self._texts.append(text)
        n = self._store.size
        if self._centroids is None:
            if n >= self.brute_force_limit:
                self._train()
        elif n >= 2 * self._trained_at:
            self._train()
        else:
            for cell in self._nearest_cells(vector, self.spill):
                self._cells[int(cell)].append(vector, row)

    def _nearest_cells(self, vector: np.ndarray, count: int) -> np.ndarray:
        assert self._centroids is not None
        # match() then add() of one vector (the linking loop) ranks the cells once.
        cached = self._last_cells
        if (
            cached is not None
            and cached[0] is self._centroids
            and np.array_equal(cached[1], vector)
        ):
            sims = cached[2]
        else:
            sims = self._centroids @ vector
            self._last_cells = (self._centroids, vector.copy(), sims)
        if count >= len(sims):
            return np.arange(len(sims))
        if count == 1:
            return np.array([int(np.argmax(sims))])
        return np.argpartition(-sims, count - 1)[:count]

    def _train(self) -> None:
        n = self._store.size
        data = self._store.vecs[:n]
        nlist = max(8, int(NLIST_FACTOR * math.sqrt(n)))
        rng = np.random.default_rng(self.seed + n)
        sample = data if n <= 32 * nlist else data[rng.choice(n, size=32 * nlist, replace=False)]
        self._centroids = spherical_kmeans(sample, nlist, iterations=10, seed=self.seed + n)
        spill = max(1, min(self.spill, len(self._centroids)))
        assign = np.empty((n, spill), dtype=np.int64)
        for start in range(0, n, 8192):  # bounded memory for the n x nlist product
            sims = data[start : start + 8192] @ self._centroids.T
            if spill == 1:
                top = np.argmax(sims, axis=1)[:, None]
            else:
                top = np.argpartition(-sims, spill - 1, axis=1)[:, :spill]
            assign[start : start + len(sims)] = top
        flat = assign.reshape(-1)
        order = np.argsort(flat, kind="stable")
        bounds = np.searchsorted(flat[order], np.arange(len(self._centroids) + 1))
        order = order // spill  # position in the flattened assignment -> row
        self._cells = []
        for c in range(len(self._centroids)):
            rows = order[bounds[c] : bounds[c + 1]]
            cell = _Growable(self.dim, capacity=max(16, 2 * len(rows)))
            cell.vecs[: len(rows)] = data[rows]
            cell.rows[: len(rows)] = rows
            cell.size = len(rows)
            self._cells.append(cell)
        self._trained_at = n

    # -- querying -----------------------------------------------------------

    def _candidates(self, vector: np.ndarray, exact: bool) -> tuple[np.ndarray, np.ndarray]:
        """(row ids, cosines) of the rows worth rescoring."""
        n = self._store.size
        if self._centroids is None or exact:
            return np.arange(n), self._store.vecs[:n] @ vector
        top = self._nearest_cells(vector, self.nprobe)
        rows: list[np.ndarray] = []
        cosines: list[np.ndarray] = []
        for c in top:
            cell = self._cells[int(c)]
            if cell.size:
                rows.append(cell.rows[: cell.size])
                cosines.append(cell.vecs[: cell.size] @ vector)
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        return np.concatenate(rows), np.concatenate(cosines)

    def search(
        self,
        embedding: np.ndarray | Sequence[float],
        entities: Iterable[str] = (),
        *,
        k: int = 1,
        exact: bool = False,
        key: ClaimKey | None = None,
    ) -> list[tuple[ClaimId, float]]:
        """The ``k`` best claims (best exemplar each) with their scores, best first.

        An exemplar whose key :func:`conflicts` with ``key`` is passed over.
        """
        return [(c, s) for c, s, _ in self._search(embedding, entities, k=k, exact=exact, key=key)]

    def _search(
        self,
        embedding: np.ndarray | Sequence[float],
        entities: Iterable[str] = (),
        *,
        k: int = 1,
        exact: bool = False,
        key: ClaimKey | None = None,
        floor: float | None = None,
    ) -> list[tuple[ClaimId, float, int]]:
        """:meth:`search`, with the row of each claim's best exemplar.

        ``floor``: no claim scoring below it is wanted, so the scan stops there.
        Without it, a query whose best row may not be linked through tests the
        anchor of every claim in the candidate cells, best first: on PolNeAR
        dev that was 170 anchor tests per wording and most of the store's time.
        """
        vector = _unit(embedding)
        rows, cosines = self._candidates(vector, exact)
        if not exact:
            self._last_query = (vector, rows, cosines)
        if len(rows) == 0:
            return []
        query_entities = frozenset(entities)
        scores = cosines.astype(np.float64)
        if self.entity_weight and query_entities:
            # Only rows whose cosine plus the largest bonus could beat the best
            # cosine need their entity overlap computed: exact, and cheap.
            bonus_floor = float(cosines.max()) - self.entity_weight
            for i in np.flatnonzero(cosines >= bonus_floor):
                scores[i] += self.entity_weight * jaccard(
                    query_entities, self._entities[int(rows[i])]
                )
        want = max(1, k)
        if want == 1:
            top = int(np.argmax(scores))
            if self._admits(int(rows[top]), vector, key):
                return [(self._claims[int(rows[top])], float(scores[top]), int(rows[top]))]
        best: dict[ClaimId, tuple[float, int]] = {}
        near: dict[ClaimId, bool] = {}  # each claim's anchor test, once per query
        for i in np.argsort(-scores, kind="stable"):
            if floor is not None and scores[i] < floor:
                break
            row = int(rows[i])
            claim = self._claims[row]
            if claim in best or conflicts(key, self._keys[row]):
                continue
            if claim not in near:
                near[claim] = self._near_anchor(claim, vector)
            if not near[claim]:
                continue
            best[claim] = (float(scores[i]), row)
            if len(best) >= want:
                break
        return [(c, score, row) for c, (score, row) in best.items()]

    def _admits(self, row: int, vector: np.ndarray, key: ClaimKey | None) -> bool:
        """May the query link through this exemplar: keys agree, and near the claim's first wording?"""
        return not conflicts(key, self._keys[row]) and self._near_anchor(self._claims[row], vector)

    def _near_anchor(self, claim: ClaimId, vector: np.ndarray) -> bool:
        if self.anchor_floor is None:
            return True
        anchors = self._anchors.get(claim) or self._rows_of[claim][:1]
        return any(float(self._store.vecs[a] @ vector) >= self.anchor_floor for a in anchors)

    def match(
        self,
        embedding: np.ndarray | Sequence[float],
        entities: Iterable[str] = (),
        *,
        exact: bool = False,
        key: ClaimKey | None = None,
    ) -> tuple[ClaimId | None, float]:
        """``(claim_id, score)`` of the best claim if it links, else ``(None, best score)``
        (``(None, 0.0)`` when no exemplar may be linked through at all: every key conflicts).

        ``exact=True`` compares with every row (the brute-force answer the
        approximate index is tested against).  An empty index gives ``(None, 0.0)``.
        """
        claim, score, _ = self.match_wording(embedding, entities, exact=exact, key=key)
        return claim, score

    def match_wording(
        self,
        embedding: np.ndarray | Sequence[float],
        entities: Iterable[str] = (),
        *,
        exact: bool = False,
        key: ClaimKey | None = None,
        linked_only: bool = False,
    ) -> tuple[ClaimId | None, float, str | None]:
        """:meth:`match`, with the text of the exemplar it linked through (None if not given).

        Whether a statement contradicts what it links to is read against that
        wording, not the claim's first one: a claim's wordings may differ.
        ``linked_only``: a caller that has no use for the best score below the
        threshold gets ``(None, 0.0, None)`` there, found without scanning the
        rows below the threshold; what links is the same.
        """
        floor = self.threshold if linked_only else None
        found = self._search(embedding, entities, k=1, exact=exact, key=key, floor=floor)
        if not found:
            return None, 0.0, None
        claim, score, row = found[0]
        if score < self.threshold:
            return None, 0.0 if linked_only else score, None
        return claim, score, self._texts[row]

    def claim_size(self, claim_id: ClaimId) -> int:
        """How many wordings are filed under ``claim_id`` (0 if none)."""
        return len(self._rows_of.get(claim_id, ()))

    def merge_candidates(
        self,
        embedding: np.ndarray | Sequence[float],
        entities: Iterable[str] = (),
        *,
        into: ClaimId,
        margin: float | None = MERGE_MARGIN,
        max_size: int = MERGE_MAX_SIZE,
        key: ClaimKey | None = None,
    ) -> list[ClaimId]:
        """Small claims other than ``into`` that this wording scores ``>= threshold + margin`` with.

        Call it with the wording that just linked to ``into`` (before adding it);
        fold each returned claim into ``into`` with :meth:`merge`.
        """
        if margin is None:
            return []
        vector = _unit(embedding)
        cached = self._last_query
        if cached is not None and np.array_equal(cached[0], vector):
            rows, cosines = cached[1], cached[2]
        else:
            rows, cosines = self._candidates(vector, exact=False)
        floor = self.threshold + margin
        query_entities = frozenset(entities)
        out: list[ClaimId] = []
        for i in np.flatnonzero(cosines >= floor - self.entity_weight):
            row = int(rows[i])
            claim = self._claims[row]
            if claim == into or claim in out or self.claim_size(claim) > max_size:
                continue
            if conflicts(key, self._keys[row]):
                continue
            score = float(cosines[i])
            if self.entity_weight and query_entities:
                score += self.entity_weight * jaccard(query_entities, self._entities[row])
            if score >= floor:
                out.append(claim)
        return out

    def merge(self, keep: ClaimId, drop: ClaimId) -> None:
        """File every wording of ``drop`` under ``keep`` (cost: the rows of ``drop``)."""
        if keep == drop:
            return
        rows = self._rows_of.pop(drop, [])
        for row in rows:
            self._claims[row] = keep
        self._rows_of.setdefault(keep, []).extend(rows)
        self._anchors.setdefault(keep, []).extend(self._anchors.pop(drop, rows[:1]))


def cluster_embeddings(
    embeddings: np.ndarray,
    entities: Sequence[Iterable[str]] | None = None,
    *,
    threshold: float = LINK_THRESHOLD,
    entity_weight: float = ENTITY_WEIGHT,
    brute_force_limit: int = BRUTE_FORCE_LIMIT,
    nprobe: int = DEFAULT_NPROBE,
    merge_margin: float | None = MERGE_MARGIN,
    merge_max_size: int = MERGE_MAX_SIZE,
    keys: Sequence[ClaimKey | None] | None = None,
    anchor_floor: float | None = None,
) -> list[int]:
    """Greedy online linking in input order: each row joins its best claim or starts one.

    A row that links also folds in the small claims it scores ``>= threshold +
    merge_margin`` with (late merge; ``merge_margin=None`` turns it off), so an
    earlier row's number can change.  Returns one cluster number per row (0, 1,
    2... in order of first appearance, after the merges).
    """
    index = ClaimIndex(
        embeddings.shape[1] if embeddings.ndim == 2 else 384,
        threshold=threshold,
        entity_weight=entity_weight,
        brute_force_limit=brute_force_limit,
        nprobe=nprobe,
        anchor_floor=anchor_floor,
    )
    labels: list[int] = []
    next_label = 0
    merged: dict[int, int] = {}  # dropped claim -> the claim it was folded into
    for i in range(len(embeddings)):
        ents: frozenset[str] = frozenset(entities[i]) if entities is not None else frozenset()
        key = keys[i] if keys is not None else None
        claim, _ = index.match(embeddings[i], ents, key=key)
        if isinstance(claim, int):
            label = claim
            for other in index.merge_candidates(
                embeddings[i], ents, into=label, margin=merge_margin, max_size=merge_max_size,
                key=key,
            ):
                index.merge(label, other)
                if isinstance(other, int):  # every claim id here is a row's int label
                    merged[other] = label
        else:
            label, next_label = next_label, next_label + 1
        labels.append(label)
        index.add(label, embeddings[i], ents, key)
    if not merged:
        return labels

    def final(label: int) -> int:
        while label in merged:
            label = merged[label]
        return label

    renumber: dict[int, int] = {}
    return [renumber.setdefault(final(x), len(renumber)) for x in labels]


def cluster(
    texts: Sequence[str],
    entities: Sequence[Iterable[str]] | None = None,
    *,
    encoder: Encoder | None = None,
    threshold: float = LINK_THRESHOLD,
    entity_weight: float = ENTITY_WEIGHT,
) -> list[int]:
    """Embed ``texts`` and link them greedily in order; one cluster number per text."""
    if encoder is None:
        from claimledger.nlp.embed import get_encoder

        encoder = get_encoder()
    vectors = encoder.encode(list(texts))
    return cluster_embeddings(vectors, entities, threshold=threshold, entity_weight=entity_weight)
