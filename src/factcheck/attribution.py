"""Who said it: the speaker of each sentence of an Arabic news article.

A sentence is attributed when its main clause is reported speech: a reporting
verb with its subject (``وقال المتحدث باسم ... إن``), a subject placed before
the verb (``مسؤول حكومي عراقي، قال لـ...``), or a source marker (``بحسب``,
``على لسان``, ``جاء ذلك خلال بيان لـ``). Everything else is the outlet's own
voice and gets ``None``. ``attribute`` also carries a speaker into following
sentences that continue the same speech (``وأضاف أن``, ``مبيناً``, a bare quote).

The parser is deliberately shallow: Arabic news prose has no reliable POS
tagging available here, so it leans on closed word lists (reporting verbs,
prepositions, ranks, time words), on definiteness agreement (a definite noun is
not followed by an indefinite adjective), and on the actor gazetteer to decide
where a speaker phrase ends and which group it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from typing import Any, NamedTuple

import yaml

from factcheck.normalize import normalize, tokenize

__all__ = ["Actor", "ActorGazetteer", "Attribution", "attribute", "find_attribution", "load_actors"]


@dataclass(frozen=True)
class Attribution:
    """The speaker of one sentence."""

    speaker: str  # as written, surrounding quotes stripped
    start: int  # span of the speaker in the sentence it was found in
    end: int
    cue: str  # reporting verb or marker as written in this sentence
    group: str | None  # actor group id from the gazetteer
    carried: bool = False  # inherited from an earlier sentence of the same speech
    actor: str | None = None  # the gazetteer actor the speaker is (its label: the entry's first name)


@dataclass(frozen=True)
class Actor:
    """One gazetteer entry: an actor, its group and every name it goes by."""

    id: str
    group: str
    names: tuple[str, ...]


# --------------------------------------------------------------------------- lexicons
# Written in ordinary spelling and normalised at import (see _words).


def _words(text: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in text.split())


# Reporting verbs: past masculine/feminine/plural and present forms. The proclitics
# و/ف and object pronouns (تعتبرها، اعتبرته) are stripped before lookup.
REPORTING_VERBS = _words(
    """
    قال قالت قالوا يقول تقول يقولون
    أضاف أضافت أضافوا يضيف تضيف
    أكد أكدت أكدوا يؤكد تؤكد يؤكدون
    أوضح أوضحت أوضحوا يوضح توضح
    أعلن أعلنت أعلنوا يعلن تعلن يعلنون
    صرح صرحت صرحوا يصرح تصرح
    ذكر ذكرت ذكروا يذكر تذكر
    أشار أشارت أشاروا يشير تشير
    لفت لفتت لفتوا يلفت تلفت
    شدد شددت شددوا يشدد
    بين بينت بينوا يبين
    تابع تابعت
    نفى نفت نفوا ينفي تنفي
    اعتبر اعتبرت اعتبروا يعتبر تعتبر يعتبرون
    رأى رأت رأوا يرى ترى
    كتب كتبت
    جدد جددت جددوا يجدد
    حذر حذرت حذروا يحذر تحذر
    هدد هددت هددوا يهدد تهدد يهددون
    لوح لوحت لوحوا يلوح تلوح
    شكك شككت شككوا يشكك تشكك
    روج روجت روجوا يروج تروج
    اتهم اتهمت اتهموا يتهم تتهم
    أفاد أفادت يفيد تفيد
    أبلغ أبلغت
    """
)
# Forms that are also common nouns or prepositions when unvocalised (بين "between",
# تابع "follow", كتب "books", رأي "opinion", ذكر "male"): they count as reporting verbs
# only when a complementizer, a colon or a quote follows shortly.
AMBIGUOUS_VERBS = _words("بين تابع تابعت كتب رأى ذكر")
# Circumstantial participles that continue the previous speaker ("مبيناً أن ...").
PARTICIPLES = _words(
    """
    مشيرا مشيرة موضحا موضحة مؤكدا مؤكدة مبينا مبينة مضيفا مضيفة لافتا لافتة
    معتبرا معتبرة مشددا مشددة محذرا محذرة قائلا قائلة منوها منوهة
    """
)
_OBJECT_SUFFIXES = ("هما", "هم", "ها", "ه")

COMPLEMENTIZERS = _words("إن أن إنه أنه إنها أنها إنهم أنهم إنهما أنهما بأن بأنه بأنها بأنهم")
PREPOSITIONS = _words(
    """
    في إلى الى على عن من مع خلال عبر حول بشأن ضد منذ بعد قبل لدى عند أمام إزاء حيال إثر عقب
    بين وفق حسب بحسب وفقا نقلا بموجب بسبب ضمن داخل خارج تجاه نحو حتى لـ ل ب
    """
)
TIME_WORDS = _words(
    """
    اليوم أمس غدا الليلة صباح مساء فجر ظهر يوم أسبوع الأسبوع الشهر العام السنة مطلع أواخر أوائل منتصف نهاية
    الإثنين الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد
    يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
    كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين
    """
)
# Adverbs, negation and auxiliaries that sit between a subject and its verb or end a subject.
PARTICLES = _words(
    """
    قد لقد رسميا مجددا أيضا كذلك سابقا مؤخرا فقط ما لا لم لن سوف زال زالت يزال تزال
    كان كانت كانوا يكون تكون هو هي هم الذي التي الذين اللذين اللتين ممن مما فيما بينما حيث إذ
    """
)
RELATIVES = _words("الذي التي الذين اللذين اللتين ما مما ممن")
# Person nouns that head a speaker phrase; names may follow them.
ROLES = _words(
    """
    المتحدث متحدث المتحدثة الناطق ناطق الناطقة المسؤول مسؤول مسؤولون مسؤولين المسؤولون عضو العضو
    مستشار المستشار قائد القائد رئيس الرئيس وزير الوزير نائب النائب الخبير خبير المحلل محلل
    الباحث باحث القيادي قيادي السفير سفير الأمين أمين زعيم الزعيم مدير المدير
    """
)
# Ranks and honorifics: a personal name follows directly.
TITLES = _words("اللواء الفريق العميد العقيد الرائد المقدم الجنرال الشيخ السيد الدكتور")
# Heads of non-person sources ("مصدر أمني", "وكالة الأنباء", "البيان").
SOURCE_HEADS = _words(
    "مصدر مصادر المصدر المصادر وكالة الوكالة صحيفة الصحيفة قناة القناة موقع بيان البيان وسائل أوساط تقارير"
)
# Definite nouns that refer back to a speaker already named in the article.
ANAPHORS = _words(
    """
    المسؤول المتحدث الناطق البيان القيادة القيادي الخبير المحلل الباحث المصدر الوزير المستشار
    السفير العضو النائب الجنرال اللواء الحكومة الوزارة السفارة الحركة المليشيا الميليشيا
    """
)
DETERMINERS = _words("هذه هذا ذلك تلك هؤلاء الكثير كثير بعض عدد معظم غالبية جميع كل")
# Participles that take a prepositional complement inside a noun phrase
# ("الأحزاب الموالية لإيران", "المقربة من إيران").
_TAKES_LI = "الموالية الموالي الموالين موالية موال المناصرة المناصر مناصرة التابعة التابع تابعة الداعمة المؤيدة"
_TAKES_MIN = "المقربة المقرب المقربين مقربة مقرب المدعومة المدعوم مدعومة القريبة قريبة"
_TAKES_BI = "المرتبطة المرتبط مرتبطة"
LINKING_PARTICIPLES = {
    normalize(w): prep
    for words, prep in ((_TAKES_LI, "ل"), (_TAKES_MIN, "من"), (_TAKES_BI, "ب"))
    for w in words.split()
}
ELATIVES = _words("العليا الأعلى الأسبق السابق الأكبر الجديد الجديدة الأول العام الخاص")
QUOTES = frozenset('"«»“”„')
_OPENING_QUOTES = frozenset("«“„")
_CLOSING_QUOTES = frozenset("»”")

# Discourse openers that may precede the main clause ("بدوره،", "الى ذلك"), longest first.
OPENERS: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(normalize(w) for w in phrase.split())
            for phrase in (
                "بدوره | بدورها | بدورهم | من جهته | من جهتها | من جانبه | من جانبها | من ناحيته | من ناحيتها"
                " | إلى ذلك | الى ذلك | كما | ثم | لكن | ولكن | في المقابل | بالمقابل | في غضون ذلك"
                " | في هذا السياق | في السياق ذاته | في السياق نفسه | في سياق متصل | سبق أن | وسبق أن"
            ).split(" | ")
        ),
        key=len,
        reverse=True,
    )
)
# Openings of a contrasted main clause ("..., إلا أن الفصائل المسلحة ... تعتبرها").
CLAUSE_RESTARTS = ((normalize("إلا"), normalize("أن")), (normalize("غير"), normalize("أن")))
# Markers whose complement names the source ("بحسب وكالة ...", "نقلاً عن مسؤول").
SOURCE_MARKERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(normalize(w) for w in s.split()) for s in ("على لسان", "نقلا عن", "نقل عن", "بحسب", "حسب", "وفقا", "وفق")
)
STATEMENT_NOUNS = _words("بيان تصريح تصريحات مؤتمر كلمة تغريدة مقابلة")
_KAN = _words("كان كانت كانوا")
_SABAQ = normalize("سبق")
_BISM = frozenset({normalize("باسم"), normalize("بإسم")})
_FI = normalize("في")
_AN = normalize("أن")
_QAD = normalize("قد")
_AN_FROM = normalize("عن")
_LISAN = normalize("لسان")
_ROLE_LINKS = frozenset({_FI, _AN_FROM})
_WIFQ = _words("وفقا وفق")
_JAA, _DHALIKA = normalize("جاء"), normalize("ذلك")  # جاء ذلك في بيان لـ...: "this came in a statement by"
_DURING = _words("في خلال عبر")
NAQAL = _words("نقل نقلت ينقل تنقل")  # "reported ... from" only with عن: ونقلت وكالة رويترز عن مسؤول
_MAX_SUBJECT = 12  # tokens in a post-verbal subject
_MAX_PREFIX = 14  # tokens in a pre-verbal subject
_NEAR_START = 10  # a reporting verb after a fronted adverbial must come this early, unless after a comma
_MAX_LATE = 45  # ... or, right after a comma, this early


# --------------------------------------------------------------------------- spelling
_VARIANTS = (("امريك", "اميرك"), ("ميليشي", "مليشي"), ("بنتاجون", "بنتاغون"), ("ماكينزي", "ماكنزي"))


def _fold(norm: str) -> str:
    """Merge spelling variants that normalize() leaves apart (أمريكية/أميركية)."""
    for old, new in _VARIANTS:
        if old in norm:
            norm = norm.replace(old, new)
    return norm


def _canon(word: str) -> str:
    """Gazetteer key of a word: folded, without the article when a stem of 3+ letters remains."""
    word = _fold(word)
    if word.startswith("ال") and len(word) >= 5:
        return word[2:]
    return word


@lru_cache(maxsize=32768)
def _forms(norm: str) -> frozenset[str]:
    """Keys a sentence word can match under: itself and its proclitic-stripped forms."""
    word = _fold(norm)
    stems = {word}
    if word[:1] in ("و", "ف") and len(word) >= 4:
        stems.add(word[1:])
    for w in list(stems):
        if w.startswith("لل") and len(w) >= 5:
            stems.add("ال" + w[2:])
        elif w[:1] in ("ب", "ل", "ك") and len(w) >= 4:
            stems.add(w[1:])
    return frozenset(_canon(w) for w in stems)


def _bare(norm: str) -> str:
    """The word without a conjunction و/ف, for closed-class lookups."""
    if norm[:1] in ("و", "ف") and len(norm) >= 3 and norm[1:] in _CLOSED_CLASS:
        return norm[1:]
    return norm


def _definite(norm: str) -> bool:
    return (norm.startswith("ال") and len(norm) >= 4) or (norm.startswith(("وال", "فال")) and len(norm) >= 5)


def _adjective_like(norm: str) -> bool:
    """Nisba (عراقي، أميركية), participle (المسلحة، المشتركة) or elative (العليا) shape."""
    core = norm[2:] if norm.startswith("ال") else norm
    if norm in ELATIVES:
        return True
    return len(core) >= 3 and (core.endswith(("ي", "يه", "يون", "يين", "يات")) or (core[0] == "م" and len(core) >= 4))


def _has_article(norm: str) -> bool:
    """Whether a word carries the article, behind any proclitics (والفصائل، للسفارة، بالحشد)."""
    w = norm[1:] if norm[:1] in ("و", "ف") else norm
    return norm.startswith("ال") or w.startswith(("ال", "لل")) or (w[:1] in ("ب", "ل", "ك") and w[1:3] == "ال")


def _prep_prefixed(norm: str) -> bool:
    """A word carrying a preposition proclitic: بالانسحاب، للوكالة، لقناة."""
    return norm.startswith(("بال", "لل", "وبال", "ولل")) or (norm[:1] in ("ب", "ل") and len(norm) >= 4)


class _Tok(NamedTuple):
    """A token with its word/number flags computed once (every unit of every article is read this way)."""

    text: str
    norm: str
    start: int
    end: int
    is_word: bool
    is_number: bool


def _tokens(text: str) -> list[_Tok]:
    # Same tests as Token.is_word / is_number (a word character / a digit first), without a regex per token.
    return [
        _Tok(t.text, t.norm, t.start, t.end, t.norm[0].isalnum() or t.norm[0] == "_", t.norm[0].isdigit())
        for t in tokenize(text)
    ]


# --------------------------------------------------------------------------- gazetteer
@dataclass(frozen=True)
class _Name:
    keys: tuple[str, ...]
    actor: Actor
    role: bool  # contains a person noun (المتحدث، مستشار): names and appositions may follow
    definite: bool  # its last word has the article (التحالف), so "تحالف الفتح" is not this name


class ActorGazetteer:
    """Actors by group, indexed for longest-match lookup on token sequences."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors: tuple[Actor, ...] = tuple(actors)
        index: dict[str, list[_Name]] = {}
        for actor in self.actors:
            for name in actor.names:
                toks = [t for t in _tokens(name) if t.is_word]
                if not toks:
                    continue
                keys = tuple(_canon(t.norm) for t in toks)
                role = any(t.norm in ROLES for t in toks)
                definite = _fold(toks[-1].norm) != keys[-1]
                index.setdefault(keys[0], []).append(_Name(keys, actor, role, definite))
        for entries in index.values():
            entries.sort(key=lambda n: -len(n.keys))
        self._index = index

    @property
    def groups(self) -> frozenset[str]:
        return frozenset(a.group for a in self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors)

    def _match_at(self, toks: Sequence[_Tok], i: int, limit: int | None = None) -> tuple[int, _Name] | None:
        """The longest name starting at ``toks[i]``: (end index, entry). Quote marks inside a name are skipped."""
        n = len(toks) if limit is None else min(limit, len(toks))
        if i >= n or not toks[i].is_word:
            return None
        best: tuple[int, _Name] | None = None
        for form in _forms(toks[i].norm):
            for entry in self._index.get(form, ()):
                if best is not None and len(entry.keys) <= len(best[1].keys):
                    break
                j = i + 1
                skipped = 0
                for key in entry.keys[1:]:
                    while j < n and toks[j].text in QUOTES:
                        j, skipped = j + 1, skipped + 1
                    if j >= n or key not in _forms(toks[j].norm):
                        break
                    j += 1
                else:
                    if skipped % 2 and j < n and toks[j].text in QUOTES:
                        j += 1  # the quote closing one opened inside the name: مليشيا "النجباء"
                    best = (j, entry)
        return best

    def _actor_in(self, toks: Sequence[_Tok], start: int, end: int) -> Actor | None:
        """The actor of the longest (then earliest) name inside ``toks[start:end]``."""
        best: tuple[int, int] | None = None
        actor = None
        for i in range(start, end):
            m = self._match_at(toks, i, end)
            if m is not None:
                rank = (len(m[1].keys), m[0] - i)
                if best is None or rank > best:
                    best, actor = rank, m[1].actor
        return actor

    def _group_in(self, toks: Sequence[_Tok], start: int, end: int) -> str | None:
        """Group of the longest (then earliest) name inside ``toks[start:end]``."""
        actor = self._actor_in(toks, start, end)
        return actor.group if actor else None

    def group_of(self, text: str) -> str | None:
        """Group of the longest name found in ``text``, if any."""
        toks = _tokens(text)
        return self._group_in(toks, 0, len(toks))


def _actors_from(data: Mapping[str, Any], origin: str) -> list[Actor]:
    actors = []
    for group, entries in data.items():
        if not isinstance(group, str) or not group:
            raise ValueError(f"{origin}: group ids must be non-empty strings, got {group!r}")
        if isinstance(entries, str):
            entries = [entries]
        if not isinstance(entries, Sequence):
            raise ValueError(f"{origin}: group {group!r} must list names")
        for entry in entries:
            names = (entry,) if isinstance(entry, str) else tuple(entry) if isinstance(entry, Sequence) else ()
            if not names or not all(isinstance(n, str) and n.strip() for n in names):
                raise ValueError(f"{origin}: group {group!r} has an invalid entry {entry!r}")
            names = tuple(n.strip() for n in names)
            actors.append(Actor(f"{group}:{names[0]}", group, names))
    return actors


@lru_cache(maxsize=1)
def _builtin_actors() -> tuple[Actor, ...]:
    text = (files("factcheck") / "data" / "actors.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # a safe loader
    if not isinstance(data, Mapping):
        raise ValueError("actors.yaml: expected a mapping of group -> names")
    return tuple(_actors_from(data, "actors.yaml"))


def load_actors(extra: Mapping[str, Sequence[str]] | None = None) -> ActorGazetteer:
    """The built-in gazetteer (data/actors.yaml) plus user entries ``{group: [names...]}``."""
    if not extra:
        return _default_gazetteer()
    return ActorGazetteer([*_builtin_actors(), *_actors_from(extra, "actors")])


@lru_cache(maxsize=1)
def _default_gazetteer() -> ActorGazetteer:
    return ActorGazetteer(_builtin_actors())


# --------------------------------------------------------------------------- parsing helpers
# Words that end a noun phrase (after any conjunction و/ف).
_STOPS = frozenset().union(COMPLEMENTIZERS, PREPOSITIONS, TIME_WORDS, PARTICLES, PARTICIPLES, REPORTING_VERBS)
# Words looked up without their conjunction (وقال، وفي، وكان).
_CLOSED_CLASS = frozenset().union(_STOPS, ROLES, TITLES, DETERMINERS, NAQAL, _words("إلا غير جاء ذلك سبق"))


def _verb(tok: _Tok) -> str | None:
    """The reporting verb a token is (proclitic and object pronoun removed), or None."""
    return _verb_form(tok.norm) if tok.is_word else None


@lru_cache(maxsize=32768)
def _verb_form(norm: str) -> str | None:
    for w in (norm, norm[1:] if norm[:1] in ("و", "ف") and len(norm) >= 4 else ""):
        if not w:
            continue
        if w in REPORTING_VERBS:
            return w
        for suffix in _OBJECT_SUFFIXES:
            stem = w[: -len(suffix)]
            if w.endswith(suffix) and stem in REPORTING_VERBS and stem not in AMBIGUOUS_VERBS and len(stem) >= 3:
                return stem
    return None


def _is_participle(tok: _Tok) -> bool:
    return tok.is_word and _bare(tok.norm) in PARTICIPLES


def _stop_word(norm: str) -> bool:
    return _bare(norm) in _STOPS


def _quote_mask(toks: Sequence[_Tok]) -> list[bool]:
    """True for tokens inside a quotation (the quote marks included)."""
    mask = [False] * len(toks)
    inside = False
    for i, t in enumerate(toks):
        ch = t.text
        if ch == '"':
            mask[i] = True
            inside = not inside
            continue
        if ch in _OPENING_QUOTES:
            inside = True
        mask[i] = inside or ch in _CLOSING_QUOTES
        if ch in _CLOSING_QUOTES:
            inside = False
    return mask


def _match_seq(toks: Sequence[_Tok], i: int, seq: tuple[str, ...], *, conj: bool = True) -> int:
    """End index if ``seq`` occurs at ``toks[i]`` (the first word may carry و/ف), else -1."""
    j = i
    for k, word in enumerate(seq):
        if j >= len(toks) or not toks[j].is_word:
            return -1
        norm = toks[j].norm
        if norm != word and not (k == 0 and conj and norm[:1] in ("و", "ف") and norm[1:] == word):
            return -1
        j += 1
    return j


def _seq_index(seqs: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for seq in seqs:
        index.setdefault(seq[0], []).append(seq)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _seqs_at(
    toks: Sequence[_Tok], i: int, index: Mapping[str, tuple[tuple[str, ...], ...]]
) -> Iterator[tuple[tuple[str, ...], int]]:
    """The word sequences of ``index`` occurring at ``toks[i]``, longest first, with their end index."""
    t = toks[i]
    if not t.is_word:
        return
    candidates = index.get(t.norm, ())
    if t.norm[:1] in ("و", "ف"):
        candidates += index.get(t.norm[1:], ())
    for seq in candidates:
        j = _match_seq(toks, i, seq)
        if j > 0:
            yield seq, j


def _closing_quote(toks: Sequence[_Tok], i: int, n: int, max_words: int = 3) -> int | None:
    """Index of the quote closing the one at ``i`` when at most ``max_words`` words are between."""
    for k in range(i + 1, min(n, i + max_words + 2)):
        if toks[k].text in QUOTES:
            return k if k > i + 1 else None
        if not toks[k].is_word:
            return None
    return None


_MARKER_INDEX = _seq_index(SOURCE_MARKERS)
_RESTART_INDEX = _seq_index(CLAUSE_RESTARTS)
_OPENER_INDEX = _seq_index(OPENERS)


# --------------------------------------------------------------------------- noun phrases
@dataclass
class _NP:
    end: int
    role: bool


def _last_word(toks: Sequence[_Tok], i: int, end: int) -> _Tok:
    k = end - 1
    while k > i and not toks[k].is_word:
        k -= 1
    return toks[k]


def _name_run(toks: Sequence[_Tok], j: int, n: int) -> int:
    """End of up to three name-like words starting at ``j`` (no function words, ranks or roles)."""
    k = j
    while k < n and k - j < 3:
        t = toks[k]
        if not t.is_word or t.is_number or _stop_word(t.norm) or t.norm in ROLES or t.norm in TITLES:
            break
        if k > j and (t.norm.startswith(("بال", "لل", "وبال", "ولل")) or t.norm[:1] == "ل"):
            break
        k += 1
    return k


def _ba_name(toks: Sequence[_Tok], j: int, n: int) -> int:
    """End of a personal name that starts with ب (باقر الزبيدي إن), else 0.

    A ب-initial word is usually a preposition (بانسحاب، بشكل واضح); it is taken
    as a name only in a 2-3 word run ending in a surname with the article and
    followed by the complement clause.
    """
    if not toks[j].norm.startswith("ب") or toks[j].norm.startswith("بال"):
        return 0
    k = _name_run(toks, j, n)
    return k if 2 <= k - j <= 3 and _definite(toks[k - 1].norm) and _ends_phrase(toks, k, n) else 0


def _last_name_end(gaz: ActorGazetteer, toks: Sequence[_Tok], j: int, k: int) -> int:
    """End of the last gazetteer name inside ``toks[j:k]`` (0 when there is none): جو بايدن."""
    best = 0
    for x in range(j, k):
        m = gaz._match_at(toks, x, k)
        if m is not None:
            best = max(best, m[0])
    return best


def _ends_phrase(toks: Sequence[_Tok], k: int, n: int) -> bool:
    """Whether a speaker phrase can end before ``toks[k]``: a complementizer, a colon or قد follows.

    A personal name after a title-less role ("المتحدث باسم البنتاغون جون كيربي إن") is told
    from a verb's object ("أعلن الرئيس الأميركي انتهاء المهمة، ...") by what follows it: the
    subject of a reporting verb is followed by its complement clause.
    """
    if k < n and toks[k].norm == ",":
        k += 1
    if k >= n:
        return False
    t = toks[k]
    return t.norm == ":" or _bare(t.norm) in COMPLEMENTIZERS or t.norm == _QAD


def _parse_np(gaz: ActorGazetteer, toks: Sequence[_Tok], i: int, n: int) -> _NP:
    """The noun phrase starting at ``toks[i]``; ``end == i`` when none starts there.

    Continues through idafa and agreeing adjectives, gazetteer names (one group
    at a time: "تلك الفصائل الكاظمي" stops before the object), ``باسم`` and
    participle complements, ranks and the personal names after them.
    """
    n = min(n, len(toks), i + _MAX_SUBJECT)
    if i >= n or not toks[i].is_word or toks[i].is_number:
        return _NP(i, False)
    head = toks[i].norm
    head_match = gaz._match_at(toks, i, n)
    if head_match is None and (_stop_word(head) or _prep_prefixed(head)):
        return _NP(_ba_name(toks, i, n) or i, False)
    j = i
    group: str | None = None
    definite = False  # the last noun was definite: an indefinite word cannot modify it
    role = False
    title = False  # after a rank: a personal name follows
    link: str | None = None  # a preposition is expected to be followed by its noun
    last_role = False
    while j < n:
        t = toks[j]
        norm = t.norm
        first = j == i
        if not t.is_word:
            k = _closing_quote(toks, j, n) if t.text in QUOTES and not first else None
            if k is None:
                break
            j, definite, link = k + 1, True, None  # a short quoted name: مليشيا "النجباء"
            continue
        if t.is_number:
            break
        m = gaz._match_at(toks, j, n)
        if m is not None and m[1].definite and not _has_article(_last_word(toks, j, m[0]).norm):
            m = None  # "تحالف الفتح": an indefinite construct noun is not "التحالف"
        if not first and link is None:
            if last_role and norm in ELATIVES:  # الأمين العام: العام is an adjective here, not "the year"
                j += 1
                continue
            if norm in _BISM:
                j, link, definite = j + 1, "باسم", False
                continue
            if norm in _ROLE_LINKS and last_role:  # القيادي في مليشيا, النائب عن تحالف الفتح
                nxt = j + 1
                if (
                    nxt < n
                    and toks[nxt].is_word
                    and not _stop_word(toks[nxt].norm)
                    and (norm == _AN_FROM or gaz._match_at(toks, nxt, n) or _definite(toks[nxt].norm))
                ):
                    j, link = nxt, norm
                    continue
                break
            prev = toks[j - 1].norm if j > i else ""
            wants = LINKING_PARTICIPLES.get(prev)
            if wants is not None and (norm == wants or (wants != "من" and norm.startswith(wants))):
                if norm == wants:
                    j, link = j + 1, wants
                    continue
                j, definite = (m[0] if m else j + 1), True  # لإيران, للحشد: the noun carries the preposition
                continue
            if m is None and (_stop_word(norm) or _prep_prefixed(norm)):
                k = _ba_name(toks, j, n) if role or title else 0
                if not k:
                    break
                j, definite, title = k, True, False
                continue
        if m is not None:
            end, entry = m
            g = entry.actor.group
            coord = norm[:1] == "و" and definite
            if first or link is not None or group is None or g == group or coord:
                group = group or g
                role = role or entry.role
                last_role = entry.role and end - j == 1
                j, definite, link, title = end, True, None, False
                continue
            break
        bare = _bare(norm)
        if bare in TITLES:
            j, title, definite, link, last_role = j + 1, True, True, None, False
            continue
        if norm in ROLES:
            j, role, last_role, link, title = j + 1, True, True, None, False
            definite = _definite(norm)
            continue
        last_role = False
        if first or link is not None:
            j, link = j + 1, None
            definite = _definite(norm) and norm not in DETERMINERS  # تلك/الكثير want a noun after them
            continue
        if title:
            k = _name_run(toks, j, n)
            if k == j:
                break
            j, title, definite = k, False, True
            continue
        if _definite(norm):
            if not definite or _adjective_like(norm) or norm.startswith(("وال", "فال")):
                j, definite = j + 1, True
                continue
            break
        if not definite and (_adjective_like(norm) or toks[j - 1].norm in ROLES or toks[j - 1].norm in SOURCE_HEADS):
            j += 1
            continue
        if role:
            k = _name_run(toks, j, n)
            named = _last_name_end(gaz, toks, j, k)
            plain = 1 < k - j <= 3 and _ends_phrase(toks, k, n)
            if named or plain:
                j, definite = named or k, True
                continue
        break
    return _NP(j, role)


def _apposition(toks: Sequence[_Tok], np: _NP, n: int) -> int:
    """Extend ``الرئيس الأميركي، جو بايدن`` over the comma to the name in apposition."""
    e = np.end
    if not np.role or e >= n - 1 or toks[e].norm != ",":
        return e
    k = _name_run(toks, e + 1, n)
    if k == e + 1 or _definite(toks[e + 1].norm) or toks[e + 1].norm in DETERMINERS:
        return e
    return k if _ends_phrase(toks, k, n) else e


# --------------------------------------------------------------------------- clause analysis
@dataclass(frozen=True)
class _Found:
    """What a sentence says about its speaker."""

    explicit: Attribution | None  # a speaker named in the sentence
    continues: str | None = None  # cue of a subjectless reporting verb / participle / bare quote
    anaphoric: bool = False  # the speaker phrase refers back (المسؤول العراقي, البيان)
    odd_quotes: bool = False  # an odd number of quote marks: a quotation opens or closes across sentences


_NOTHING = _Found(None)


class _Sentence:
    """One sentence being analysed: text, tokens and the quotation mask."""

    def __init__(self, text: str, gaz: ActorGazetteer) -> None:
        self.text = text
        self.gaz = gaz
        self.toks = _tokens(text)
        self.quoted = _quote_mask(self.toks)

    def make(self, a: int, b: int, cue: str, *, drop_proclitic: bool = False) -> Attribution:
        """Attribution for the speaker phrase ``toks[a:b]`` (trailing punctuation trimmed)."""
        toks = self.toks
        while b > a and not toks[b - 1].is_word and toks[b - 1].text not in QUOTES:
            b -= 1
        while a < b and not toks[a].is_word and toks[a].text not in QUOTES:
            a += 1
        start, end = toks[a].start, toks[b - 1].end
        speaker = self.text[start:end]
        if drop_proclitic:
            first = toks[a].norm
            if first.startswith("لل"):  # للسفارة → السفارة: the article's alef is elided after ل
                start += 1
                speaker = "ا" + self.text[start:end]
            elif first[:1] in ("ل", "ب"):
                start += 1
                speaker = self.text[start:end]
        # Strip quotes at the ends unless they pair with one inside (مليشيا "النجباء" keeps its pair).
        quotes = sum(1 for ch in speaker if ch in QUOTES)
        if quotes == 2 and speaker[0] in QUOTES and speaker[-1] in QUOTES:
            speaker, start, end = speaker[1:-1], start + 1, end - 1
        elif quotes % 2 and speaker[0] in QUOTES:
            speaker, start = speaker[1:], start + 1
        elif quotes % 2 and speaker[-1] in QUOTES:
            speaker, end = speaker[:-1], end - 1
        stripped = speaker.strip()
        start += len(speaker) - len(speaker.lstrip())
        end -= len(speaker) - len(speaker.rstrip())
        actor = self.gaz._actor_in(toks, a, b)
        return Attribution(
            stripped, start, end, cue, actor.group if actor else None, actor=actor.names[0] if actor else None
        )

    # -- markers -----------------------------------------------------------------
    def statement_source(self) -> Attribution | None:
        """``جاء ذلك خلال بيان للسفارة الأميركية`` → the embassy."""
        toks, n = self.toks, len(self.toks)
        for i in range(n - 3):
            if self.quoted[i] or _bare(toks[i].norm) != _JAA or toks[i + 1].norm != _DHALIKA:
                continue
            j = i + 2
            if j < n and _bare(toks[j].norm) in _DURING:
                j += 1
            return self._source_after_noun(j, cue_from=i + 2)
        return None

    def _source_after_noun(self, j: int, cue_from: int) -> Attribution | None:
        """At ``بيان (صحافي) لـX``: the X phrase."""
        toks, n = self.toks, len(self.toks)
        if j >= n or toks[j].norm not in STATEMENT_NOUNS:
            return None
        k = j + 1
        while k < n and toks[k].is_word and _adjective_like(toks[k].norm) and not _prep_prefixed(toks[k].norm):
            k += 1
        if k < n and toks[k].norm == "ل":  # لـ"العربي الجديد"
            k += 1
            np = _parse_np(self.gaz, toks, k, n)
            drop = False
        elif k < n and toks[k].is_word and toks[k].norm[:1] == "ل":
            np = _parse_np_after_proclitic(self.gaz, toks, k, n)
            drop = True
        else:
            return None
        if np.end == k:
            return None
        cue = self.text[toks[cue_from].start : toks[j].end]
        return self.make(k, np.end, cue, drop_proclitic=drop)

    def marker_source(self, lo: int, hi: int) -> Attribution | None:
        """``بحسب X`` / ``على لسان X`` / ``نقلاً عن X`` outside quotations, when X names a source."""
        toks = self.toks
        for i in range(lo, hi):
            if self.quoted[i] or not toks[i].is_word:
                continue
            for _seq, j in _seqs_at(toks, i, _MARKER_INDEX):
                if j < len(toks) and toks[j].norm == "ل":  # وفقاً لـ"..."
                    j += 1
                if j >= len(toks) or not toks[j].is_word:
                    continue
                # وفقاً لمسؤول / بحسب للوكالة: the preposition is glued to the source's first word.
                drop = toks[j].norm.startswith("لل") or (_seq[0] in _WIFQ and toks[j].norm[:1] == "ل")
                np = (_parse_np_after_proclitic if drop else _parse_np)(self.gaz, toks, j, len(toks))
                if np.end == j:
                    continue
                head = toks[j].norm[1:] if drop else _bare(toks[j].norm)
                named = self.gaz._group_in(toks, j, np.end) is not None
                if named or np.role or head in SOURCE_HEADS or head in ROLES:
                    cue = self.text[toks[i].start : toks[j - 1].end]
                    return self.make(j, np.end, cue, drop_proclitic=drop)
        return None

    # -- main clause ---------------------------------------------------------------
    def analyse(self) -> _Found:
        found = self._analyse()
        if sum(1 for t in self.toks if t.text in QUOTES) % 2:
            return replace(found, odd_quotes=True)
        return found

    def _analyse(self) -> _Found:
        toks = self.toks
        if not toks:
            return _NOTHING
        jaa = self.statement_source()
        starts = [0] + [
            j for i in range(len(toks)) if not self.quoted[i] for _seq, j in _seqs_at(toks, i, _RESTART_INDEX)
        ]
        for k, s in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(toks)
            found = self._clause(s, end, first_clause=k == 0)
            if found.explicit is not None or found.continues is not None:
                if jaa is not None:
                    return _Found(jaa)
                return found
        if jaa is not None:
            return _Found(jaa)
        marker = self.marker_source(0, len(toks))
        if marker is not None:
            return _Found(marker)
        return self._headline() or _NOTHING

    def _headline(self) -> _Found | None:
        """``الرئيس الإيراني: التفاوض ...`` — a short named phrase, a colon, then the words."""
        toks = self.toks
        for c in range(1, min(len(toks), 7)):
            if toks[c].norm == ":":
                words_after = sum(1 for t in toks[c + 1 :] if t.is_word)
                np = _parse_np(self.gaz, toks, 0, c)
                if words_after >= 3 and np.end == c and (np.role or self.gaz._group_in(toks, 0, c)):
                    return _Found(self.make(0, c, ":"))
                return None
            if not toks[c].is_word:
                return None
        return None

    def _skip_openers(self, s: int, end: int) -> int:
        toks = self.toks
        moved = True
        while moved and s < end:
            moved = False
            for _seq, j in _seqs_at(toks, s, _OPENER_INDEX):
                if j <= end:
                    s, moved = j, True
                    break
            while s < end and toks[s].norm == ",":
                s, moved = s + 1, True
        return s

    def _clause(self, s: int, end: int, *, first_clause: bool) -> _Found:
        toks = self.toks
        s = self._skip_openers(s, end)
        if s >= end:
            return _NOTHING
        if first_clause:
            if toks[s].text in QUOTES and self.quoted[s]:
                return self._quotation_first(s, end)
            if _is_participle(toks[s]):
                return _Found(None, continues=toks[s].text)
        if _bare(toks[s].norm) in NAQAL:
            return self._naqal(s, end)
        kan = _bare(toks[s].norm) in _KAN
        sabaq = _bare(toks[s].norm) == _SABAQ and s + 1 < end and toks[s + 1].norm[:1] == "ل"
        p = s + 1 if (kan or sabaq) else s
        v = self._find_verb(p, end)
        if v is None:
            return _NOTHING
        verb_tok = toks[v]
        cue = verb_tok.text
        if v == p:
            return self._verb_first(v, end, cue, late=False)
        prefix = self._subject_prefix(p, v, sabaq=sabaq)
        if prefix is not None:
            a, b = prefix
            if not self._confirmed(v, end):
                return _NOTHING
            lisan = self._lisan(v + 1, min(end, v + 8))
            if lisan is not None:
                return _Found(replace(lisan, group=lisan.group or self.gaz._group_in(toks, a, b)))
            return _Found(self.make(a, b, cue, drop_proclitic=sabaq))
        if kan or sabaq or not self._adverbial_start(p):
            return _NOTHING
        late = v - p > _NEAR_START
        return self._verb_first(v, end, cue, late=late)

    def _lisan(self, lo: int, hi: int) -> Attribution | None:
        """``أكدت ... على لسان عضو مجلسها السياسي`` names the actual speaker."""
        found = self.marker_source(lo, hi)
        return found if found is not None and normalize(found.cue).endswith(_LISAN) else None

    def _quotation_first(self, s: int, end: int) -> _Found:
        """A sentence opening with a quotation: ``«...»، قال الخزعلي`` or a bare quote continuing the speech."""
        toks = self.toks
        q = s + 1
        while q < end and self.quoted[q] and not (toks[q].text in QUOTES and toks[q].text not in _OPENING_QUOTES):
            q += 1
        v = q + 1
        if v < end and toks[v].norm == ",":
            v += 1
        if v < end and _verb(toks[v]) is not None:
            found = self._verb_first(v, end, toks[v].text, late=False)
            if found.explicit is not None:
                return found
        return _Found(None, continues=toks[s].text)

    def _naqal(self, s: int, end: int) -> _Found:
        """``ونقلت وكالة رويترز عن مسؤول أميركي`` → the official (نقل alone also means "moved")."""
        toks = self.toks
        j = _parse_np(self.gaz, toks, s + 1, end).end
        if j == s + 1 or j >= end or toks[j].norm != _AN_FROM:
            return _NOTHING
        source = _parse_np(self.gaz, toks, j + 1, end).end
        if source == j + 1:
            return _NOTHING
        cue = self.text[toks[s].start : toks[j].end]
        return _Found(self.make(j + 1, source, cue))

    def _find_verb(self, p: int, end: int) -> int | None:
        """First reporting verb of the clause that is not inside a quotation or a relative clause."""
        toks = self.toks
        for i in range(p, min(end, p + _MAX_LATE)):
            if self.quoted[i] or _verb(toks[i]) is None:
                continue
            if i > p and (toks[i - 1].norm in RELATIVES or _verb(toks[i]) in AMBIGUOUS_VERBS):
                continue  # "ما اعتبرته" is a relative clause; بين/كتب mid-clause are a preposition/noun
            if i - p > _NEAR_START and toks[i - 1].norm != ",":
                continue
            return i
        return None

    def _confirmed(self, v: int, end: int) -> bool:
        """Ambiguous verb forms need a complementizer, colon, quote or قائلاً shortly after."""
        toks = self.toks
        if _verb(toks[v]) not in AMBIGUOUS_VERBS:
            return True
        for t in toks[v + 1 : min(end, v + 12)]:
            if t.text in QUOTES or t.norm == ":" or _bare(t.norm) in COMPLEMENTIZERS or _bare(t.norm) in PARTICIPLES:
                return True
        return False

    def _verb_first(self, v: int, end: int, cue: str, *, late: bool) -> _Found:
        toks = self.toks
        if not self._confirmed(v, end):
            return _NOTHING
        np = _parse_np(self.gaz, toks, v + 1, end)
        if np.end == v + 1:
            return _NOTHING if late else _Found(None, continues=cue)
        e = _apposition(toks, np, end)
        lisan = self._lisan(e, min(end, e + 6))
        if lisan is not None:
            return _Found(replace(lisan, group=lisan.group or self.gaz._group_in(toks, v + 1, e)))
        att = self.make(v + 1, e, cue)
        return _Found(att, anaphoric=self._anaphoric(v + 1, e))

    def _subject_prefix(self, p: int, v: int, *, sabaq: bool) -> tuple[int, int] | None:
        """``toks[p:v]`` as a pre-verbal subject, trimmed of auxiliaries; None when it is not one."""
        toks = self.toks
        b = v
        while b > p and (
            not toks[b - 1].is_word or _bare(toks[b - 1].norm) in PARTICLES or (sabaq and toks[b - 1].norm == _AN)
        ):
            b -= 1
        if b <= p or b - p > _MAX_PREFIX:
            return None
        first = toks[p].norm
        head = first[1:] if sabaq else _bare(first)
        named = self.gaz._match_at(toks, p, b) is not None
        if not (named or _definite(head) or head in ROLES or head in SOURCE_HEADS or head in DETERMINERS):
            return None
        if head in PREPOSITIONS or head in TIME_WORDS or (not named and _prep_prefixed(first) and not sabaq):
            return None
        for i in range(p, b):
            if not self.quoted[i] and (_bare(toks[i].norm) in COMPLEMENTIZERS or _verb(toks[i]) is not None):
                return None
        has_actor = self.gaz._group_in(toks, p, b) is not None
        if not (has_actor or any(t.norm in ROLES or _bare(t.norm) in SOURCE_HEADS for t in toks[p:b])):
            return None
        return p, b

    def _adverbial_start(self, p: int) -> bool:
        """A fronted adverbial: a preposition, a time word or a number opens the clause."""
        t = self.toks[p]
        if t.is_number:
            return True
        b = _bare(t.norm)
        return b in PREPOSITIONS or b in TIME_WORDS or _prep_prefixed(b)

    def _anaphoric(self, a: int, b: int) -> bool:
        """A definite generic phrase (المسؤول العراقي، البيان، القيادي في مليشيا) naming nobody new."""
        toks = self.toks
        if toks[a].norm not in ANAPHORS:
            return False
        for i in range(a + 1, b):
            t = toks[i]
            if not t.is_word or _definite(t.norm) or t.norm == _FI or self.gaz._match_at(toks, i, b):
                continue
            return False
        return True


def _parse_np_after_proclitic(gaz: ActorGazetteer, toks: Sequence[_Tok], k: int, n: int) -> _NP:
    """Parse a phrase whose first word carries ل (للسفارة الأميركية, لمليشيا): its end, as if bare."""
    np = _parse_np(gaz, toks, k, n)
    if np.end > k:
        return np
    # The head is rejected as preposition-prefixed: accept it when a name or adjective continues it.
    m = gaz._match_at(toks, k, n)
    end = m[0] if m else k + 1
    rest = _parse_np(gaz, toks, end, n) if end < n and toks[end].is_word and _adjective_like(toks[end].norm) else None
    return _NP(rest.end if rest and rest.end > end else end, False)


def _same_speaker(new: Attribution, old: Attribution) -> bool:
    """The new phrase repeats words of the old one (الخفاجي after ... اللواء تحسين الخفاجي)."""
    new_keys = [_forms(t.norm) for t in _tokens(new.speaker) if t.is_word]
    old_keys = set().union(*(_forms(t.norm) for t in _tokens(old.speaker) if t.is_word))
    return bool(new_keys) and all(k & old_keys for k in new_keys)


# --------------------------------------------------------------------------- public API
def _analyse(sentence: str, gaz: ActorGazetteer) -> _Found:
    return _Sentence(sentence, gaz).analyse()


def find_attribution(sentence: str, *, actors: ActorGazetteer | None = None) -> Attribution | None:
    """The speaker named in ``sentence`` itself, or None (narrative, or a continuation with no subject)."""
    return _analyse(sentence, actors or _default_gazetteer()).explicit


def attribute(sentences: Sequence[str], *, actors: ActorGazetteer | None = None) -> list[Attribution | None]:
    """One attribution per sentence of one article, in order, carrying a speaker through its speech.

    A subjectless reporting verb (وأضاف أن، ولفت إلى), a leading participle
    (مبيناً), a bare quotation, or a sentence inside a quotation opened in an
    earlier sentence inherits the current speaker with ``carried=True`` (the
    ``cue`` is then the word that continues the speech). A newly named speaker
    replaces the current one; an unattributed sentence ends it. A phrase that
    only refers back (المسؤول العراقي، البيان، or الخفاجي after اللواء تحسين
    الخفاجي) is returned as written, takes the current speaker's group when it
    has none, and leaves the current speaker in place for later continuations.
    """
    gaz = actors or _default_gazetteer()
    out: list[Attribution | None] = []
    current: Attribution | None = None
    in_quote = False  # a quotation opened in an earlier sentence is still running
    for sentence in sentences:
        found = _analyse(sentence, gaz)
        continues = found.continues is not None or in_quote
        in_quote ^= found.odd_quotes
        att = found.explicit
        if att is not None:
            if current is not None and (
                _same_speaker(att, current)
                or (found.anaphoric and (att.group is None or current.group in (None, att.group)))
            ):
                att = replace(att, group=att.group or current.group)
            else:
                current = att
            out.append(att)
        elif continues and current is not None:
            out.append(replace(current, cue=found.continues or current.cue, carried=True))
        else:
            current, in_quote = None, False
            out.append(None)
    return out
