"""The musical styles Tessera knows, in one table: the names the model's `Style_` tokens carry,
the words (English and Chinese) a prompt may use for each, and how each style's drums are found
in the Groove MIDI Dataset's genre labels.

The model learns a style from its training songs' labels, so every source of training data maps
its own labels onto these names here (`style_of_groove_genre`), and a song with no known style is
written with `Style_none`.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Style:
    name: str
    """The token name (`Style_<name>`) and the preset's name."""
    label: str
    label_zh: str
    words: tuple[str, ...]
    """Lower-case words or phrases a prompt may use for the style (English and Chinese)."""
    groove_genres: tuple[str, ...] = ()
    """Groove MIDI Dataset genres whose drumming fits the style (first is the closest)."""


STYLES: tuple[Style, ...] = (
    Style("folk", "Folk tune", "民谣", ("folk", "fiddle", "reel", "jig", "celtic", "irish")),
    Style(
        "classical",
        "Classical",
        "古典",
        ("classical", "chorale", "quartet", "baroque", "romantic", "hymn", "古典", "合唱"),
    ),
    Style("pop", "Pop", "流行", ("pop", "流行", "pop song"), ("pop", "soul", "rock")),
    Style("rock", "Rock", "摇滚", ("rock", "punk", "摇滚", "grunge"), ("rock", "punk")),
    Style("metal", "Metal", "金属", ("metal", "heavy metal", "金属"), ("rock", "punk")),
    Style("ballad", "Ballad", "抒情", ("ballad", "抒情", "情歌", "love song"), ("pop", "soul")),
    Style(
        "lofi",
        "Lo-fi hip hop",
        "低保真",
        ("lo-fi", "lofi", "lo fi", "chillhop", "低保真", "chill"),
        ("hiphop", "soul"),
    ),
    Style(
        "hiphop",
        "Hip hop",
        "嘻哈",
        ("hip hop", "hip-hop", "hiphop", "rap", "嘻哈", "说唱"),
        ("hiphop",),
    ),
    Style(
        "house",
        "House / EDM",
        "电子舞曲",
        ("house", "edm", "electronic", "dance", "techno", "club", "电子", "电音", "舞曲"),
        ("dance", "pop"),
    ),
    Style("funk", "Funk", "放克", ("funk", "funky", "放克"), ("funk", "afrobeat", "soul")),
    Style(
        "soul",
        "Soul / R&B",
        "灵魂乐",
        ("soul", "r&b", "rnb", "gospel", "灵魂"),
        ("soul", "gospel"),
    ),
    Style("reggae", "Reggae", "雷鬼", ("reggae", "ska", "雷鬼"), ("reggae",)),
    Style(
        "latin",
        "Bossa / Latin",
        "拉丁",
        ("latin", "bossa", "bossa nova", "samba", "salsa", "拉丁", "波萨"),
        ("latin", "afrocuban", "highlife"),
    ),
    Style(
        "jazz",
        "Swing / Jazz",
        "爵士",
        ("jazz", "swing", "bebop", "爵士", "摇摆"),
        ("jazz", "neworleans"),
    ),
    Style("blues", "Blues", "布鲁斯", ("blues", "布鲁斯", "蓝调"), ("blues", "rock", "soul")),
    Style("country", "Country", "乡村", ("country", "bluegrass", "乡村"), ("country", "rock")),
    Style(
        "cinematic",
        "Cinematic",
        "电影配乐",
        ("cinematic", "film", "movie", "epic", "orchestral", "trailer", "电影", "史诗", "配乐"),
        ("rock", "pop"),
    ),
    Style(
        "chinese",
        "Chinese pentatonic",
        "中国五声",
        ("chinese", "pentatonic", "中国", "中国风", "五声", "古风", "国风"),
        ("pop", "rock"),
    ),
)  # fmt: skip

STYLE_NAMES: tuple[str, ...] = tuple(style.name for style in STYLES)
NO_STYLE = "none"
"""What a request or the command line says for 'no style' (the `Style_none` token)."""
_BY_NAME = {style.name: style for style in STYLES}

GROOVE_GENRE_STYLES: dict[str, str] = {
    "rock": "rock",
    "punk": "rock",
    "funk": "funk",
    "afrobeat": "funk",
    "jazz": "jazz",
    "neworleans": "jazz",
    "latin": "latin",
    "afrocuban": "latin",
    "highlife": "latin",
    "hiphop": "hiphop",
    "soul": "soul",
    "gospel": "soul",
    "country": "country",
    "pop": "pop",
    "reggae": "reggae",
    "dance": "house",
    "blues": "blues",
}
"""Groove MIDI Dataset genre (the first word of its `style` column) -> Tessera style."""


class UnknownStyleError(TesseraError, ValueError):
    """A style name that is not in `STYLES`."""


def style_named(name: str) -> Style:
    """The style with this token name; the error lists the names there are."""
    try:
        return _BY_NAME[name]
    except KeyError as err:
        raise UnknownStyleError(
            QT_TRANSLATE_NOOP("Styles", "unknown style {name!r}: choose one of {choices}").format(
                name=name, choices=", ".join(STYLE_NAMES)
            )
        ) from err


def style_of_groove_genre(genre: str) -> str | None:
    """The Tessera style of a Groove MIDI genre label such as 'funk/groove1' (None if none)."""
    return GROOVE_GENRE_STYLES.get(genre.split("/", maxsplit=1)[0].strip().lower())
