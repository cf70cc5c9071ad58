"""Composers' years and the public-domain test the corpus applies to every work.

Why a table: whether a composition is free depends on when its composer died (EU/UK: 70 years
after death) and when it was first published (US: before 1931 as of 2026). File headers spell
names a dozen ways ("J.S. Bach", "Bach, Johann Sebastian", "JAS. HAND."), so each composer has
aliases, matched as whole words in a normalised text. Years are the commonly cited ones; an
approximate year ("c. 1450") is stored as the year itself, and `died=None` means not known.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

US_PUBLISHED_BEFORE = 1931
"""US: works published before this year are in the public domain (true from 1 January 2026)."""
EU_DIED_BEFORE = 1956
"""EU/UK: 70 years after the end of the year of death; deaths up to 1955 are free in 2026."""
PLAUSIBLE_SPAN_AFTER_PRINT = 75
"""A composer in print by year Y is taken to have died by Y + 75 (in print at 15, dead by 90)."""


@dataclass(frozen=True, slots=True)
class Composer:
    name: str
    born: int | None
    died: int | None
    aliases: tuple[str, ...]


COMPOSERS: tuple[Composer, ...] = (
    Composer("Johann Sebastian Bach", 1685, 1750, ("johann sebastian bach", "j s bach", "bach")),
    Composer("Carl Philipp Emanuel Bach", 1714, 1788, ("carl philipp emanuel bach", "c p e bach")),
    Composer("Ludwig van Beethoven", 1770, 1827, ("beethoven",)),
    Composer("Frédéric Chopin", 1810, 1849, ("chopin",)),
    Composer("Johannes Ciconia", 1370, 1412, ("ciconia",)),
    Composer("Arcangelo Corelli", 1653, 1713, ("corelli",)),
    Composer("George Frideric Handel", 1685, 1759, ("handel", "haendel")),
    Composer("Joseph Haydn", 1732, 1809, ("haydn",)),
    Composer("J. Rosamond Johnson", 1873, 1954, ("rosamond johnson",)),
    Composer("Scott Joplin", 1868, 1917, ("joplin",)),
    Composer("Josquin des Prez", 1450, 1521, ("josquin",)),
    Composer("Stephen Foster", 1826, 1864, ("stephen foster",)),
    Composer("Irving Berlin", 1888, 1989, ("irving berlin",)),
    Composer("Liliʻuokalani", 1838, 1917, ("liliuokalani",)),
    Composer("Vicente Lusitano", 1520, 1561, ("lusitano",)),
    Composer("Claudio Monteverdi", 1567, 1643, ("monteverdi",)),
    Composer("Wolfgang Amadeus Mozart", 1756, 1791, ("mozart", "w a mozart", "w amozart")),
    Composer("Giovanni Pierluigi da Palestrina", 1525, 1594, ("palestrina",)),
    Composer("Arnold Schoenberg", 1874, 1951, ("schoenberg", "schonberg")),
    Composer("Franz Schubert", 1797, 1828, ("schubert",)),
    Composer("Clara Schumann", 1819, 1896, ("clara schumann",)),
    Composer("Robert Schumann", 1810, 1856, ("robert schumann", "schumann")),
    Composer("Giuseppe Verdi", 1813, 1901, ("verdi",)),
    Composer("Carl Maria von Weber", 1786, 1826, ("weber",)),
    Composer("Anton Webern", 1883, 1945, ("webern",)),
    Composer("Amy Beach", 1867, 1944, ("amy beach", "h h a beach")),
    Composer("Philippe de Vitry", 1291, 1361, ("vitry",)),
    Composer("Francesco Landini", 1325, 1397, ("landini",)),
    Composer("Jacopo da Bologna", 1310, 1386, ("jacopo da bologna",)),
    Composer("Turlough O'Carolan", 1670, 1738, ("o carolan", "carolan")),
    Composer("Francis O'Neill", 1848, 1936, ("f o neill", "francis o neill")),
    Composer("James O'Neill", 1863, 1949, ("j o neill", "james o neill")),
    Composer("Niel Gow", 1727, 1807, ("niel gow", "neil gow")),
    Composer("Niel or Nathaniel Gow", 1727, 1831, ("n gow",)),
    Composer("James Oswald", 1710, 1769, ("j oswald", "james oswald")),
    Composer("Henry Carey", 1687, 1743, ("h carey", "henry carey")),
    Composer("Dan Emmett", 1815, 1904, ("dan emmett",)),
    Composer("Patrick S. Gilmore", 1829, 1892, ("p s gilmore",)),
    Composer("John Braham", 1774, 1856, ("j braham", "john braham")),
    Composer("Frederick Buckley", 1833, 1864, ("fred buckley", "frederick buckley")),
    Composer("James Buckley", 1803, 1872, ("james buckley",)),
    Composer("Charles Dibdin", 1745, 1814, ("dibdin",)),
    Composer("John Peacock", 1756, 1817, ("john peacock",)),
    Composer("James Sanderson", 1769, 1841, ("james sanderson",)),
)

COLLECTORS = frozenset({"Francis O'Neill", "James O'Neill"})
"""People who collected tunes: in a book whose C: lines name sources, they composed nothing."""

TRADITIONAL = Composer("Traditional", None, None, ())
"""Anonymous folk and dance tunes: no composer whose death could keep them in copyright."""

_TRADITIONAL_WORDS = re.compile(
    r"^(|trad|traditional|anon|anonymous|irish|scotch|scottish|welsh|welch|highland air|"
    r"a highland air|gaelic|french|french air|west india|virginian|an old reel|a welsh air|"
    r"a welch tune|negroe jig|play it after the march|unknown)$"
)


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, single spaces: 'J.S. Bach' -> 'j s bach'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain.lower()).split())


_ALIASES: tuple[tuple[str, Composer], ...] = tuple(
    sorted(
        ((alias, composer) for composer in COMPOSERS for alias in composer.aliases),
        key=lambda pair: -len(pair[0]),
    )
)


def find_composer(text: str) -> Composer | None:
    """The composer named in `text` (longest alias first, whole words), or None."""
    padded = f" {normalise(text)} "
    for alias, composer in _ALIASES:
        if f" {alias} " in padded:
            return composer
    return None


def is_traditional(text: str) -> bool:
    """True for an empty composer field or one naming only an origin ('Irish.', 'Trad')."""
    cleaned = normalise(text.split("%", maxsplit=1)[0])
    return bool(_TRADITIONAL_WORDS.match(cleaned)) or cleaned.startswith("collected ")


@dataclass(frozen=True, slots=True)
class PdJudgement:
    """Whether a composition is free in the US and the EU/UK, with the words for the manifest."""

    free: bool
    basis: str
    caution: str = ""


def judge_composition(
    composer: Composer, composer_text: str, published_by: int | None
) -> PdJudgement:
    """Apply both tests: published before 1931 (US) and composer died before 1956 (EU/UK).

    `published_by` is the year the work was in print by, or None when nobody recorded it.
    """
    if published_by is None:
        if composer is TRADITIONAL:
            return PdJudgement(
                True,
                "traditional/anonymous tune; no publication year recorded",
                caution="no publication year recorded for this traditional tune",
            )
        return PdJudgement(
            False, "no publication year is recorded for this work, so the US test cannot be applied"
        )
    if published_by >= US_PUBLISHED_BEFORE:
        return PdJudgement(False, f"first published {published_by}: still protected in the US")
    if composer is TRADITIONAL:
        return PdJudgement(True, f"traditional/anonymous tune, in print by {published_by}")
    return _judge_composer(composer, composer_text, published_by)


def _judge_composer(composer: Composer, composer_text: str, published_by: int) -> PdJudgement:
    """The EU/UK test for a named composer of a work in print by `published_by`."""
    if composer.died is not None:
        if composer.died >= EU_DIED_BEFORE:
            return PdJudgement(
                False,
                f"{composer.name} died {composer.died}: protected in the EU/UK until "
                f"{composer.died + 71}",
            )
        return PdJudgement(
            True,
            f"PD composition ({composer.name}, d. {composer.died}; published by {published_by})",
        )
    latest_death = published_by + PLAUSIBLE_SPAN_AFTER_PRINT
    name = composer_text.strip() or composer.name
    if latest_death < EU_DIED_BEFORE:
        return PdJudgement(
            True,
            f"PD composition ({name}, in print by {published_by}, so dead by "
            f"{latest_death} at the latest)",
        )
    return PdJudgement(
        True,
        f"PD composition presumed ({name}, in print by {published_by}; death year not known)",
        caution=f"composer {name!r}: death year unknown; in print by {published_by}, so "
        f"alive after 1955 only past age ~{EU_DIED_BEFORE - published_by + 15}: check for EU use",
    )
