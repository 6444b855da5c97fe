"""Follow-up questions made standalone from the conversation history.

Without a language model this is rule-based and predictable:
- « Et pour FPI AURA ? » after « Quel est le budget d'Electro'Mob ? » becomes the
  previous question with the programme replaced: « Quel est le budget de FPI AURA ? »;
- « Combien vient de l'État ? » or « Dans quelle région est ce projet ? » names no
  programme: the programme of the previous turns is appended. A short question counts as
  a follow-up only when it speaks the collection's language (every content word occurs
  in the index, or it asks for an attribute: salary, duration…): « Comment sécuriser mon
  smartphone ? » after a question on REMED is a new subject, not a question on REMED.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from assistant.answering.answerability import content_tokens, focus_of
from assistant.answering.question import slots_of
from assistant.answering.unknown_names import programme_names
from assistant.text.folding import fold

if TYPE_CHECKING:
    from assistant.catalog import Catalog

_ELLIPTIC = re.compile(
    r"^\s*(et|et pour|et pour le|et pour la|et concernant|et du côté de|et dans|et en|pour|idem pour|même question pour)\b",
    re.IGNORECASE,
)
_REFERS_BACK = re.compile(
    r"\b(ce|cet|cette|ces|celui-ci|celle-ci|le projet|le programme|ce programme|ce projet|"
    r"ce dispositif|il|elle|ils|elles|eux|lui|son|sa|ses|leur|leurs|y|dedans|la-dedans|ca|ça|"
    # « Et qui en est le chef de file ? » (« en Bretagne » is a place)
    r"en(?=\s+(?:est|sont|etait|était|a|ont|assure\w*|porte\w*|pilote\w*|dirige\w*|"
    r"coordonne\w*|fait|font)\b))\b"
    # « les organismes du consortium », « le porteur du projet »: the one just discussed.
    r"|\b(le|la|du|au|l['’])\s*(consortium|projet|programme|dispositif|porteur|campus|"
    r"[ée]cole|parcours|cursus|dossier|convention)\b",
    re.IGNORECASE,
)


#: After « le campus », « le projet »: a description of some programme, not the one
#: discussed (« Le campus des métiers de la réalité virtuelle installé au LP2i : … »).
_DESCRIBED_AFTER = re.compile(r"\s+(des?|du|d'|sur|install|port|bas|situ|lanc|qui|dont)", re.I)


def _refers_back(question: str) -> bool:
    """Whether ``question`` points back to what was discussed: a pronoun, or « le projet »,
    « le consortium » not followed by a description of its own."""
    for match in _REFERS_BACK.finditer(question):
        pronoun = match.group(1)
        if pronoun is not None and pronoun.lower() not in ("le projet", "le programme"):
            return True  # « son budget », « il », « ce projet »
        if not _DESCRIBED_AFTER.match(question, match.end()):
            return True
    return False


#: « Et pour AMHY, c'est qui le porteur ? »: after the comma, a question of its own.
_OWN_QUESTION = re.compile(
    r",[^,?]*\b(qui|quoi|quel(le)?s?|combien|quand|comment|o[uù]|est-ce|c'est|il y a)\b",
    re.IGNORECASE,
)

#: Words pointing back to what was discussed (« ce projet », « qui en assure… »); an
#: inverted subject (« apporte-t-il ») points to the question's own subject.
_POINTS_BACK = re.compile(
    r"(?<![\w-])(ce|cet|cette|ces|celui-ci|celle-ci|en|y|il|elle|ils|elles|son|sa|ses|leur|"
    r"leurs|lui|eux|dedans|la-dedans)\b|"
    # « Et combien reçoit celui de l'Université de Rennes ? »: one of those just discussed.
    r"^\W*(et )?(\w+ ){0,3}(celui|celle|ceux|celles) (de|du|des|d')"
)
#: A personal pronoun or possessive standing for the programme discussed, or « ce projet ».
_POINTS_BACK_DISCUSSED = re.compile(
    r"(?<![\w-])(il|elle|ils|elles|son|sa|ses|leur|leurs|lui)\b|"
    r"\b(ce|cet|cette) (projet|programme|dispositif|campus|ecole|école|cursus|consortium|"
    r"diagnostic)\b",
    re.IGNORECASE,
)
#: « Y a-t-il un programme … dans le Bordelais ? »: a programme of its own is asked for.
_ASKS_FOR_ONE = re.compile(
    r"\b(?:y a(?:-t-il| t'il)?|il y a|existe(?:-t-il)?|exister?ait|connai(?:s|ssez)[- ]\w+|"
    r"cherche)\b[^?]{0,20}?\b(?:un|une|des)\s+(?:programme|formation|projet|dispositif|"
    r"cursus|ecole|campus)s?\b"
)
#: « il existe », « il y a », « il faut »: no programme stands behind « il ».
_IMPERSONAL = re.compile(r"\bil (existe|y a|faut|reste|s'agit)\b")
_THIS_DIAGNOSTIC = re.compile(r"\b(ce|le|du|au|de ce) diagnostic\b")
#: « Celui de Grenoble, … ? »: one of those just discussed, by its town.
_ONE_OF = re.compile(
    r"^(\W*(?:et )?)(?:celui|celle) (?:de|du|d['’]|à|a) [^,?]*?(?=\s*(?:[,?]|$))", re.IGNORECASE
)
#: A follow-up naming only a place (« Et celui de Limoges ? », « et à Lyon ? »).
_PLACE_ONLY = re.compile(
    r"^\W*(et )?((celui|celle|ceux|celles) (de|du|d')|a|en|pour|sur|du cote de|vers|pres de)\s*"
    r"(?P<rest>[\w' -]{2,40}\W*)$"
)
#: A word asking a question.
_QUESTION_WORD = re.compile(r"\b(qui|quoi|quel(le)?s?|combien|quand|comment|ou|lequel|laquelle)\b")

#: A question whose answer is a programme (« Qu'est-ce qui a suivi X ? », « lequel… ? »).
_ASKS_WHICH = re.compile(
    r"\bqu'est-ce qui\b|\bquel(le)? (programme|projet|dispositif|formation|ecole|campus)\b|"
    r"\blequel\b|\blaquelle\b"
)


class RuleCondenser:
    """Turns a follow-up into a standalone question using the catalogue of programmes."""

    def __init__(self, catalog: Catalog, knows: Callable[[str], bool] | None = None) -> None:
        self.catalog = catalog
        #: Whether a search token occurs in the index (``LexicalIndex.knows``); without it
        #: every short question counts as a follow-up.
        self.knows = knows

    def condense(self, question: str, history: Sequence[dict[str, str]]) -> str:
        """The standalone form of ``question`` given ``history`` (oldest turn first)."""
        if not history:
            return question
        previous_user = [t["content"] for t in history if t.get("role") == "user"]
        if not previous_user:
            return question
        last_question = previous_user[-1]
        now = self.catalog.mentioned(question)
        before = self._context_programmes(history)

        # « Et à Nancy, il existe aussi un projet CMA … ? » names the call, not a programme
        # to ask the previous question about.
        swapped_in = [p for p in now if not self.catalog.is_generic(p)]
        if swapped_in and before and _ELLIPTIC.match(question) and not self._asks_itself(question):
            # « Et pour X ? »: the previous question, about X instead, named as the user
            # wrote it (« SequoIA », one of the IA Clusters, is not all of them).
            return self._replace_programme(
                last_question,
                before[0],
                swapped_in[0],
                written=_written_name(self.catalog, swapped_in[0], question),
            )
        if (
            now
            and all(self.catalog.is_generic(p) for p in now)
            and before
            and not all(self.catalog.is_generic(p) for p in before)
            and _POINTS_BACK_DISCUSSED.search(question)
            and not _IMPERSONAL.search(fold(question))
        ):
            # « Et elle avait été retenue par l'AMI CMA à quel moment ? »: the call is
            # named as context; « elle » is the programme discussed.
            name = self._name_discussed(before[0], history)
            return f"{question.rstrip(' ?')} ({name}) ?"
        if now:
            return question
        if self.knows is not None and any(
            not all(self.knows(t) for t in content_tokens(name))
            for name in programme_names(question)
        ):
            # « Le programme MAGMA …, il a reçu combien ? » names a programme of its own,
            # one the index does not know: not the one discussed before.
            return question
        if (
            _ASKS_FOR_ONE.search(fold(question))
            and not _POINTS_BACK_DISCUSSED.search(fold(question).split(",")[0])
            and (self.catalog.regions_in(question) or self.catalog.sectors_in(question))
        ):
            # « y a un programme pour la viticulture dans le Bordelais, et qui le porte ? »
            # asks for a programme of its own (« le » is that one), not the one discussed.
            return question
        if not _POINTS_BACK.search(self._without_places(question)) and self._described(question):
            # « Dans le projet normand de formation au nucléaire, … ? »: the programme is
            # described in the question itself, not the one discussed before.
            return question
        if (placed := self._one_placed(question, history)) is not None:
            # « Electro'Mob …, BATTENA … et l'École de la Batterie à Grenoble » then
            # « Celui de Grenoble, il a démarré quand ? »: the one of those located there.
            return _ONE_OF.sub(lambda m: f"{m.group(1) or ''}{placed}", question, count=1)
        if (swapped := self._swap_place(last_question, question)) is not None:
            # « Quel projet de santé numérique existe à Strasbourg ? » then « Et celui de
            # Limoges ? »: the same question about another town.
            return swapped
        if _ELLIPTIC.match(question) and (swapped := _swap_qualifier(last_question, question)):
            # « Et celle de la saison 2 ? » after a question on « la saison 1 ».
            return swapped
        # « la première promo c'était quand ? et c'est avec quelle école ? »: two short
        # questions are as short as one.
        asked = [q for q in re.split(r"(?<=\?)\s*", question) if q.strip()]
        short = all(len(q.split()) <= 8 for q in asked) and self._speaks_collection(question)
        if (diagnostic := self._diagnostic_discussed(question, history)) is not None:
            # « … il fait suite au diagnostic Ambition Jeu Vidéo » then « et ce diagnostic,
            # qui l'animait ? »: the diagnostic the answer named, not the programme.
            return f"{question.rstrip(' ?')} ({diagnostic}) ?"
        if before and (_refers_back(question) or short):
            names = [self._name_discussed(p, history) for p in before[:2]]
            call_only = all(self.catalog.is_generic(p) for p in before[:2])
            if call_only and not self.catalog.rounds_in(question):
                # « Quand la saison 2 a-t-elle ouvert ? » then « Et quand s'est-elle
                # terminée ? »: the round discussed, not the whole call.
                names += self.catalog.round_phrases(last_question)[:1]
            return f"{question.rstrip(' ?')} ({', '.join(names)}) ?"
        if _ELLIPTIC.match(question):
            rest = _ELLIPTIC.sub("", question).strip(" ?")
            return f"{last_question.rstrip(' ?')} — {rest} ?"
        return question

    def _swap_place(self, previous: str, follow_up: str) -> str | None:
        """``previous`` about the one town ``follow_up`` names instead of its own, when
        ``previous`` asked which programme exists there and ``follow_up`` only names a
        town (« Et celui de Limoges ? », « Et à Lyon ? »)."""
        place = _PLACE_ONLY.match(fold(follow_up))
        if place is None or not _ASKS_WHICH.search(fold(previous)):
            return None
        new, old = self.catalog.cities_in(follow_up), self.catalog.cities_in(previous)
        if new and place.group("rest").strip(" ?!.") != new[0]:
            return None  # « celui de l'Université de Rennes » names no town alone
        folded = fold(previous)
        if len(new) != 1 or len(old) != 1 or new == old or len(folded) != len(previous):
            return None
        at = re.search(rf"(?<![\w-]){re.escape(old[0])}(?![\w-])", folded)
        if at is None:
            return None
        town = re.search(rf"(?<![\w-]){re.escape(new[0])}(?![\w-])", fold(follow_up))
        written = follow_up[town.start() : town.end()] if town else new[0].title()
        return previous[: at.start()] + written + previous[at.end() :]

    @staticmethod
    def _asks_itself(question: str) -> bool:
        """Whether a question opening like an ellipsis (« Pour un dossier : quel est le
        montant de l'aide à BATTENA ? », « Et pour AMHY, c'est qui le porteur ? ») asks
        something of its own: a question word and a slot or a focus, not « Et pour X ? »."""
        return bool(
            _OWN_QUESTION.search(question)
            or (
                _QUESTION_WORD.search(fold(question))
                and (slots_of(question) or focus_of(question) is not None)
            )
        )

    def _speaks_collection(self, question: str) -> bool:
        """Whether a question without a programme may be about the one just discussed: it
        asks for an attribute, or the index knows each of its content words."""
        if self.knows is None:
            return True
        # « Quel est le prix du pass Navigo ? » asks a price (a focus) of something the
        # index never names: a new subject, not the programme discussed before.
        names = re.findall(r"(?<=\s)[A-ZÉ][\w'-]+", question)
        if any(not self.knows(token) for name in names for token in content_tokens(name)):
            return False
        if focus_of(question) is not None:
            return True
        return all(self.knows(token) for token in content_tokens(question))

    def _last_answer_names(self, history: Sequence[dict[str, str]]) -> list[str]:
        """The programmes the last turn names, when it is the assistant's answer."""
        if not history or history[-1].get("role") != "assistant":
            return []
        return self.catalog.mentioned(history[-1].get("content", ""))

    def _diagnostic_discussed(self, question: str, history: Sequence[dict[str, str]]) -> str | None:
        """The one diagnostic the last answer named, when ``question`` points back to
        « ce diagnostic »."""
        if not _THIS_DIAGNOSTIC.search(fold(question)):
            return None
        found = [
            p
            for p in self._last_answer_names(history)
            if (record := self.catalog.by_id.get(p)) is not None and record.kind == "diagnostic"
        ]
        return self._name_discussed(found[0], history) if len(found) == 1 else None

    def _one_placed(self, question: str, history: Sequence[dict[str, str]]) -> str | None:
        """The name of the one programme of the last answer located in the town
        « celui de <town> » names, when that answer named several programmes."""
        towns = self.catalog.cities_in(question) if _ONE_OF.match(question) else []
        if len(towns) != 1:
            return None
        named = [p for p in self._last_answer_names(history) if not self._broad(p)]
        located = [
            p
            for p in named
            if (record := self.catalog.by_id.get(p)) is not None
            and towns[0] in {fold(c) for c in record.cities}
        ]
        if len(named) < 2 or len(located) != 1:
            return None
        return self._name_discussed(located[0], history)

    def _context_programmes(self, history: Sequence[dict[str, str]]) -> list[str]:
        """:meth:`_programmes_named`; but when they are the call alone and the last question
        describes one programme or group without naming it (« les lauréats annoncés à
        VivaTech en juin 2023 »), that one: « Et l'État leur donne combien ? » asks about
        them, not the whole call."""
        found = self._programmes_named(history)
        if found and all(self.catalog.is_generic(p) for p in found):
            users = [t["content"] for t in history if t.get("role") == "user"]
            if users and not self.catalog.rounds_in(users[-1]):
                described = self._described(users[-1])
                if described is not None and not self.catalog.is_generic(described):
                    return [described]
        return found

    def _programmes_named(self, history: Sequence[dict[str, str]]) -> list[str]:
        """Programmes of the latest turn that names any (user turns first); but when the
        last question asked which programme (« Qu'est-ce qui a suivi X ? ») or named only a
        scheme, and the answer named one other programme, that one; when no turn names
        any, the one the last answer describes."""
        users = [t["content"] for t in history if t.get("role") == "user"]
        answers = [t.get("content", "") for t in history if t.get("role") == "assistant"]
        if (
            users
            and answers
            and history[-1].get("role") == "assistant"
            and (
                _ASKS_WHICH.search(fold(users[-1]))
                # « L'IMT a-t-il un projet CMA sur l'IA ? » names only the scheme; the
                # answer's programme (« Oui, MACMIA ») is what the next question is about.
                # « des formations au numérique en santé à Strasbourg ? » names only the
                # group of laureates; the answer's « SENS » is the one asked about next.
                or all(self._broad(p) for p in self.catalog.mentioned(users[-1]))
            )
        ):
            asked = set(self.catalog.mentioned(users[-1]))
            given = [
                p
                for p in self.catalog.mentioned(answers[-1])
                if p not in asked and not self._broad(p)
            ]
            if not given and asked and all(self.catalog.is_generic(p) for p in asked):
                # « les 14 lauréats CMA du 7 juin 2023 » names the call; the answer's group
                # of laureates is what the next question is about.
                given = [
                    p
                    for p in self.catalog.mentioned(answers[-1])
                    if p not in asked and not self.catalog.is_generic(p)
                ]
            if len(given) == 1:
                return given
        for turn in reversed(history):
            if turn.get("role") == "user" and (found := self.catalog.mentioned(turn["content"])):
                return found
        for turn in reversed(history):
            if found := self.catalog.mentioned(turn.get("content", "")):
                return found[:1]
        # « l'école hydrogène de Bourgogne-Franche-Comté »: described, not named.
        for turn in reversed(history):
            if turn.get("role") == "user" and (described := self._described(turn["content"])):
                return [described]
        # « un fonds pour les lycées agricoles ? » describes nothing the catalogue knows;
        # the answer's « fonds compétences spécifique à l'enseignement agricole » does.
        answer = answers[-1] if answers and history[-1].get("role") == "assistant" else ""
        described = self._described(answer) if answer else None
        return [described] if described is not None else []

    def _name_discussed(self, doc_id: str, history: Sequence[dict[str, str]]) -> str:
        """How the conversation named ``doc_id``: one of a group's laureates when the last
        user turn naming the group named that one (« C'est quoi eOLE Campus ? »: the next
        « qui porte ce projet ? » is about eOLE Campus, not all of Occitanie's laureates)."""
        record = self.catalog.by_id[doc_id]
        for turn in reversed(history):
            if turn.get("role") != "user" or doc_id not in self.catalog.mentioned(turn["content"]):
                continue
            if (part := self._one_part(doc_id, turn["content"])) is not None:
                return part
            break
        last_user = next((t["content"] for t in reversed(history) if t.get("role") == "user"), "")
        if (
            history
            and history[-1].get("role") == "assistant"
            and _ASKS_WHICH.search(fold(last_user))
        ):
            # « Quel projet breton fait partie des lauréats du 7 juin 2023 ? » then « En
            # Bretagne, il s'agit d'IFALP… »: the next « lui » is IFALP, not the 14.
            part = self._one_part(doc_id, history[-1].get("content", ""))
            if part is not None:
                return part
        return record.short_name

    def _one_part(self, doc_id: str, text: str) -> str | None:
        """The one part of ``doc_id`` that ``text`` names (« eOLE Campus » of a group), as
        written there; None when it names none or several."""
        parts = self.catalog.part_names_in(doc_id, text)
        if len(parts) != 1:
            return None
        return _written_name(self.catalog, doc_id, text) or parts[0]

    def _broad(self, doc_id: str) -> bool:
        """Whether ``doc_id`` documents the call or a group of laureates, not one programme."""
        record = self.catalog.by_id.get(doc_id)
        return self.catalog.is_generic(doc_id) or (record is not None and record.kind == "groupe")

    def _without_places(self, question: str) -> str:
        """``question`` folded, without « en » before a place (« en Occitanie »): a
        preposition there, not the pronoun pointing back (« en a-t-il formé ? »)."""
        return re.sub(
            r"\ben ([\w'-]+(?: [\w'-]+)?)",
            lambda m: f" {m.group(1)}" if self.catalog.regions_in(m.group(1)) else m.group(0),
            fold(question),
        )

    def _described(self, text: str) -> str | None:
        regions = self.catalog.regions_in(self.catalog.without_names(text))
        return self.catalog.described_in(
            text, regions=regions, sectors=self.catalog.sectors_in(text)
        )

    def _replace_programme(
        self, question: str, old_id: str, new_id: str, *, written: str | None = None
    ) -> str:
        old = self.catalog.by_id[old_id]
        new_name = written or self.catalog.by_id[new_id].short_name
        folded = fold(question)
        for name in sorted((old.short_name, *old.aliases), key=len, reverse=True):
            m = re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", folded)
            if m:
                before = _elide(question[: m.start()], new_name)
                return before + new_name + question[m.end() :]
        return f"{question.rstrip(' ?')} ({new_name}) ?"


def _written_name(catalog: Catalog, doc_id: str, question: str) -> str | None:
    """The name of ``doc_id`` as ``question`` writes it (« SequoIA », an alias), when the
    folded question keeps the original's length (so a span maps back); else None."""
    found = catalog.names_in(doc_id, question)
    folded = fold(question)
    if not found or len(folded) != len(question):
        return None
    start = folded.find(found[0])
    return question[start : start + len(found[0])] if start >= 0 else None


_ELIDED = re.compile(r"(?<!\w)(d|qu)['’]$", re.IGNORECASE)
_FULL = re.compile(r"(?<!\w)(de|que) $", re.IGNORECASE)


def _elide(before: str, name: str) -> str:
    """Fix « de »/« d' » (and « que »/« qu' ») in front of a swapped-in name.

    « le budget d'Electro'Mob » about FPI AURA is « le budget de FPI AURA », and
    « le budget de FPI AURA » about Electro'Mob is « le budget d'Electro'Mob ».
    """
    vowel = fold(name[:1]) in set("aeiouyh")
    if not vowel and (m := _ELIDED.search(before)):
        full = "de" if m.group(1).lower() == "d" else "que"
        if m.group(1)[0].isupper():
            full = full.capitalize()
        return before[: m.start()] + full + " "
    if vowel and (m := _FULL.search(before)):
        return before[: m.start()] + m.group(1)[:-1] + "'"
    return before


def _swap_qualifier(previous: str, follow_up: str) -> str | None:
    """Replace « saison 1 » by « saison 2 » (any word + number) when the follow-up names it,
    unless it asks a question of its own, with a slot or a focus (« Et pour la clôture
    de la saison 2, quel montant ? » is not the previous question again; « Et pour la
    saison 3, combien ? » is)."""
    if _OWN_QUESTION.search(follow_up) and (slots_of(follow_up) or focus_of(follow_up) is not None):
        return None
    fragment = _ELLIPTIC.sub("", follow_up)
    for m in re.finditer(r"([^\W\d_]{3,})\s+(\d+\w*)", fragment):
        head = re.escape(m.group(1))
        target = re.search(rf"\b{head}\s+\d+\w*", previous, flags=re.IGNORECASE)
        if target:
            return previous[: target.start()] + m.group(0) + previous[target.end() :]
    return None
