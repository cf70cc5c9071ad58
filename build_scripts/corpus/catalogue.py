"""What the builder knows about each folder of music21's corpus, beyond the files' own text.

Why a table: a file rarely says when its music was first published or which instrument a folk
tune is for, and the public-domain test needs the first. Every entry here is a fact about the
*collection* (a printed tune book, a composer's folder); the licence decision itself still reads
each file (see `licence`). Folders not listed fall back to `UNKNOWN_COLLECTION`, whose works are
excluded until someone records where they come from.
"""

from __future__ import annotations

from dataclasses import dataclass

FIDDLE = 110
VIOLIN = 40
PIANO = 0
CHOIR = 52
PICCOLO = 72
"""General MIDI programs (0-based) used as collection defaults; see `instruments` for the rest."""


@dataclass(frozen=True, slots=True)
class Collection:
    """One folder of the corpus: a printed collection or one composer's works.

    `published_by` is the year every work in it was in print by (for the US test); None means
    "see `WORK_PUBLICATION`". `composer_field` says what an ABC `C:` line names in this book:
    the composer, or the musician the collector got the tune from ("source").
    """

    name: str
    published_by: int | None
    publication: str
    default_composer: str = ""
    default_program: int = PIANO
    composer_field: str = "composer"


COLLECTIONS: dict[str, Collection] = {
    "airdsAirs": Collection(
        "Aird's Airs",
        1803,
        "James Aird, A Selection of Scotch, English, Irish and Foreign Airs, Glasgow 1778-1803",
        "Traditional",
        FIDDLE,
    ),
    "bach": Collection(
        "Bach", 1900, "Bach-Gesellschaft edition, 1851-1900", "Johann Sebastian Bach", CHOIR
    ),
    "beach": Collection("Beach", 1915, "G. Schirmer, 1915", "Amy Beach", CHOIR),
    "beethoven": Collection("Beethoven quartets", None, "", "Ludwig van Beethoven", VIOLIN),
    "chopin": Collection("Chopin", 1833, "Leipzig 1832, Paris 1833", "Frédéric Chopin", PIANO),
    "ciconia": Collection("Ciconia", None, "", "Johannes Ciconia", CHOIR),
    "corelli": Collection("Corelli", 1689, "Rome 1689 (Op. 3)", "Arcangelo Corelli", VIOLIN),
    "cpebach": Collection(
        "C. P. E. Bach", 1779, "Leipzig 1779 (Wq 55)", "Carl Philipp Emanuel Bach", PIANO
    ),
    "demos": Collection("music21 demos", None, ""),
    "essenFolksong": Collection("Essen folksongs", None, "", "Traditional", VIOLIN),
    "handel": Collection("Handel", 1711, "London 1711 (Rinaldo)", "George Frideric Handel", CHOIR),
    "haydn": Collection(
        "Haydn quartets", 1796, "Op. 1 c. 1764, Op. 74 1796", "Joseph Haydn", VIOLIN
    ),
    "johnson_j_r": Collection(
        "J. R. Johnson", 1921, "1900; Edward B. Marks edition 1921", "J. Rosamond Johnson", CHOIR
    ),
    "joplin": Collection("Joplin", 1899, "John Stark & Son, 1899", "Scott Joplin", PIANO),
    "josquin": Collection(
        "Josquin",
        1550,
        "chansons in print by 1550 (Attaingnant, Susato)",
        "Josquin des Prez",
        CHOIR,
    ),
    "leadSheet": Collection("Lead sheets", None, ""),
    "liliuokalani": Collection("Liliʻuokalani", 1884, "copyright 1884", "Liliʻuokalani", CHOIR),
    "luca": Collection("Trecento (Luca)", None, "", "D. Luca", CHOIR),
    "lusitano": Collection(
        "Lusitano", 1562, "Scotto, Primo Libro delle Muse, 1562", "Vicente Lusitano", CHOIR
    ),
    "miscFolk": Collection("Misc. folk (Campin)", None, "", "Traditional", FIDDLE),
    "monteverdi": Collection(
        "Monteverdi madrigals", 1605, "Books III-V, Venice 1592-1605", "Claudio Monteverdi", CHOIR
    ),
    "mozart": Collection(
        "Mozart", 1883, "by the Alte Mozart-Ausgabe, 1877-1883", "Wolfgang Amadeus Mozart", VIOLIN
    ),
    "nottingham-dataset": Collection("Nottingham Music Database", None, "", "Traditional", FIDDLE),
    "oneills1850": Collection(
        "O'Neill's 1850",
        1903,
        "Francis O'Neill, The Music of Ireland, Chicago 1903",
        "Traditional",
        FIDDLE,
        "source",
    ),
    "palestrina": Collection(
        "Palestrina",
        1907,
        "Le Opere Complete / Haberl edition",
        "Giovanni Pierluigi da Palestrina",
        CHOIR,
    ),
    "ryansMammoth": Collection(
        "Ryan's Mammoth", 1883, "Ryan's Mammoth Collection, Boston 1883", "Traditional", FIDDLE
    ),
    "schoenberg": Collection(
        "Schoenberg", 1913, "Universal Edition 1913 (Op. 19)", "Arnold Schoenberg", PIANO
    ),
    "schubert": Collection(
        "Schubert", 1828, "Haslinger 1828 (Winterreise)", "Franz Schubert", CHOIR
    ),
    "schumann_clara": Collection(
        "Clara Schumann", 1847, "Op. 1 1831, Op. 17 1847", "Clara Schumann", PIANO
    ),
    "schumann_robert": Collection(
        "Robert Schumann", 1844, "Op. 41 1843, Op. 48 1844", "Robert Schumann", VIOLIN
    ),
    "theoryExercises": Collection("music21 theory exercises", None, ""),
    "trecento": Collection("Trecento", None, "", "", CHOIR),
    "verdi": Collection("Verdi", 1851, "Ricordi 1851 (Rigoletto)", "Giuseppe Verdi", PIANO),
    "weber": Collection(
        "Weber", 1820, "Op. 26 (1811), in print by 1820", "Carl Maria von Weber", PIANO
    ),
    "webern": Collection("Webern", 1928, "Universal Edition 1928 (Op. 16)", "Anton Webern", CHOIR),
}

UNKNOWN_COLLECTION = Collection("Unknown", None, "")

WORK_PUBLICATION: dict[str, tuple[int, str]] = {
    "beethoven/opus18": (1801, "Mollo, Vienna 1801"),
    "beethoven/opus59": (1808, "Bureau des Arts et d'Industrie, Vienna 1808"),
    "beethoven/opus74": (1810, "Breitkopf & Härtel 1810"),
    "beethoven/opus132": (1827, "Schlesinger 1827"),
    "beethoven/opus133": (1827, "Artaria 1827"),
    "leadSheet/fosterBrownHair": (1854, "Firth, Pond & Co., 1854"),
    "leadSheet/berlinAlexandersRagtime": (1911, "Ted Snyder Co., 1911"),
    "miscFolk/americanfifeopus": (1865, "colonial and Civil War fife tune books, before 1865"),
    "miscFolk/northumbrianminstrelsyopus": (1882, "Bruce & Stokoe, Northumbrian Minstrelsy, 1882"),
}
"""Per-work publication where a folder mixes works of different dates (matched by prefix)."""


def collection_for(rel_path: str) -> tuple[str, Collection]:
    """The folder key and its Collection for a path inside the corpus, e.g. 'bach/bwv1.6.mxl'."""
    key = rel_path.split("/", 1)[0]
    return key, COLLECTIONS.get(key, UNKNOWN_COLLECTION)


def publication_for(rel_path: str) -> tuple[int | None, str]:
    """(year the work was in print by, the edition) for a corpus path, or (None, '')."""
    for prefix, found in WORK_PUBLICATION.items():
        if rel_path.startswith(prefix):
            return found
    _, collection = collection_for(rel_path)
    return collection.published_by, collection.publication
