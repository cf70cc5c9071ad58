"""Chinese words a composer writes, one by one: each must set what its English counterpart sets,
leave nothing "not understood", and say which words set it (as data a UI can word in Chinese)."""

from __future__ import annotations

import dataclasses

import pytest

from engine.compose.prompt import read_prompt
from engine.compose.understood import FIELDS, NOTES, PARTS
from engine.song.theory import key_scale

STYLES: list[tuple[str, str]] = [
    ("流行", "pop"), ("摇滚", "rock"), ("硬摇滚", "rock"), ("朋克", "rock"), ("金属", "metal"),
    ("重金属", "metal"), ("抒情", "ballad"), ("情歌", "ballad"), ("低保真", "lofi"),
    ("嘻哈", "hiphop"), ("说唱", "hiphop"), ("电子", "house"), ("电音", "house"),
    ("舞曲", "house"), ("迪斯科", "house"), ("放克", "funk"), ("灵魂乐", "soul"),
    ("节奏布鲁斯", "soul"), ("雷鬼", "reggae"), ("拉丁", "latin"), ("波萨诺瓦", "latin"),
    ("爵士", "jazz"), ("摇摆乐", "jazz"), ("布鲁斯", "blues"), ("蓝调", "blues"),
    ("乡村", "country"), ("电影配乐", "cinematic"), ("影视", "cinematic"), ("史诗", "cinematic"),
    ("交响乐", "cinematic"), ("氛围", "cinematic"), ("古风", "chinese"), ("国风", "chinese"),
    ("中国风", "chinese"), ("民乐", "chinese"), ("五声", "chinese"), ("民谣", "folk-tune"),
    ("民歌", "folk-tune"), ("古典", "string-quartet"), ("弦乐", "string-quartet"),
    ("合唱", "chorale"),
]  # fmt: skip

MOODS: list[tuple[str, dict[str, object]]] = [
    ("悲伤", {"key": "D minor", "tempo_bpm": 66}), ("伤心", {"key": "D minor"}),
    ("难过", {"key": "D minor"}), ("忧伤", {"key": "D minor"}), ("孤独", {"key": "D minor"}),
    ("思念", {"key": "D minor"}), ("紧张", {"key": "D minor", "tempo_bpm": 132}),
    ("恐怖", {"key": "D minor"}), ("庄严", {"key": "D minor"}),
    ("欢快", {"key": "D major", "tempo_bpm": 120}), ("开心", {"key": "D major"}),
    ("快乐", {"key": "D major"}), ("甜蜜", {"key": "D major"}), ("喜庆", {"key": "D major"}),
    ("轻松", {"velocity_range": (35, 70)}), ("治愈", {"velocity_range": (35, 70)}),
    ("温柔", {"velocity_range": (35, 70)}), ("浪漫", {"velocity_range": (35, 70)}),
    ("怀旧", {"tempo_bpm": 80}), ("舒缓", {"tempo_bpm": 72}), ("平静", {"tempo_bpm": 72}),
    ("热血", {"velocity_range": (85, 120)}), ("激情", {"tempo_bpm": 144}),
    ("激烈", {"density": 14}), ("活泼", {"tempo_bpm": 138}),
]  # fmt: skip

INSTRUMENTS: list[tuple[str, str, object]] = [
    ("鼓", "drums", "pop"), ("架子鼓", "drums", "pop"), ("贝斯", "bass", "pop"),
    ("钢琴", "lead", 0), ("二胡", "instrument", 110), ("古筝", "instrument", 107),
    ("琵琶", "instrument", 106), ("笛子", "lead", 73), ("箫", "instrument", 77),
    ("唢呐", "instrument", 111), ("扬琴", "instrument", 15), ("吉他", "instrument", 24),
    ("木吉他", "instrument", 25), ("电吉他", "instrument", 27), ("小提琴", "instrument", 40),
    ("中提琴", "instrument", 41), ("大提琴", "instrument", 42), ("低音提琴", "instrument", 43),
    ("长笛", "instrument", 73), ("单簧管", "instrument", 71), ("双簧管", "instrument", 68),
    ("大管", "instrument", 70), ("小号", "instrument", 56), ("长号", "instrument", 57),
    ("圆号", "instrument", 60), ("萨克斯", "instrument", 65), ("竖琴", "instrument", 46),
    ("管风琴", "instrument", 19), ("手风琴", "instrument", 21), ("口琴", "instrument", 22),
    ("马林巴", "instrument", 12), ("木琴", "instrument", 13), ("八音盒", "instrument", 10),
    ("合成器", "lead", 81), ("葫芦丝", "instrument", 79),
]  # fmt: skip

TEMPI: list[tuple[str, float]] = [
    ("慢", 72), ("很慢", 56), ("中速", 100), ("快", 144), ("很快", 168), ("广板", 50),
    ("柔板", 66), ("慢板", 66), ("行板", 84), ("中板", 100), ("小快板", 108), ("快板", 126),
    ("急板", 176), ("每分钟90拍", 90), ("速度90", 90), ("速度为120", 120),
    ("100拍每分钟", 100), ("慢节奏", 72), ("快节奏", 144),
]  # fmt: skip

FORMS: list[tuple[str, str]] = [
    ("主歌 副歌 主歌 副歌 桥段 副歌", "verse chorus verse chorus bridge chorus"),
    ("前奏然后主歌再副歌", "intro verse chorus"),
    ("主歌、副歌、尾奏", "verse chorus outro"),
    ("AABA", "AABA"),
]

SECTIONS: list[tuple[str, str]] = [
    ("副歌", "chorus"), ("主歌", "verse"), ("前奏", "intro"), ("间奏", "break"),
    ("桥段", "bridge"), ("尾奏", "outro"), ("独奏", "solo"),
]  # fmt: skip


def _understood(text: str) -> dict[str, tuple[object, tuple[str, ...], str]]:
    reading = read_prompt(text)
    assert not reading.ignored, f"{text!r}: not understood {reading.ignored}"
    return {item.field: (item.value, item.words, item.note) for item in reading.understood()}


@pytest.mark.parametrize(("word", "preset"), STYLES)
def test_a_chinese_style_word_picks_its_preset(word: str, preset: str) -> None:
    reading = read_prompt(f"一首{word}的歌")
    assert reading.preset == preset, reading.explain()
    assert _understood(f"一首{word}的歌")["preset"] == (preset, (word,), "")


@pytest.mark.parametrize(("word", "expected"), MOODS)
def test_a_chinese_mood_suggests_what_its_english_mood_does(
    word: str, expected: dict[str, object]
) -> None:
    reading = read_prompt(word)
    understood = _understood(word)
    for name, value in expected.items():
        assert getattr(reading, name) == value, f"{name} of {word!r}: {reading.explain()}"
        assert understood[name][1] == (word,)
    # a word naming the field directly still beats the mood
    assert read_prompt(f"{word} 每分钟100拍").tempo_bpm == 100


@pytest.mark.parametrize(("word", "field", "value"), INSTRUMENTS)
def test_a_chinese_instrument_is_understood(word: str, field: str, value: object) -> None:
    understood = _understood(f"{word}独奏" if field == "instrument" else word)
    assert understood[field][0] == value, understood
    assert understood[field][1] == (word,)


@pytest.mark.parametrize(("word", "bpm"), TEMPI)
def test_a_chinese_tempo_word_sets_the_tempo(word: str, bpm: float) -> None:
    assert read_prompt(word).tempo_bpm == bpm
    assert _understood(word)["tempo_bpm"] == (bpm, (word,), "")


@pytest.mark.parametrize(("text", "form"), FORMS)
def test_chinese_section_names_in_order_set_the_form(text: str, form: str) -> None:
    reading = read_prompt(f"流行 {text}")
    assert reading.form == form
    assert reading.request().form == form


@pytest.mark.parametrize(("word", "role"), SECTIONS)
def test_a_section_named_alone_is_understood_and_says_the_style_decides(
    word: str, role: str
) -> None:
    understood = _understood(f"有{word}的流行歌")
    assert understood["section"] == (role, (word,), "style's form")
    assert read_prompt(f"有{word}的流行歌").form is None


PENTATONIC: list[tuple[str, str, str, int]] = [
    ("中国风 D羽调式", "D minor", "D yu", -1), ("古风 徵调", "D mixolydian", "D zhi", 1),
    ("中国风 g商调", "G dorian", "G shang", -1), ("国风 角调式", "D phrygian", "D jue", -2),
    ("民乐 A宫调", "A major", "A gong", 3),
]  # fmt: skip


@pytest.mark.parametrize(("text", "key", "scale", "sharps"), PENTATONIC)
def test_a_chinese_pentatonic_mode_sets_its_final_and_its_five_tones(
    text: str, key: str, scale: str, sharps: int
) -> None:
    """宫商角徵羽: the mode's five tones as the scale, its final as the key's tonic, on the church
    mode that shares its final and its signature (D zhi, D E G A B: G major's one sharp)."""
    reading = read_prompt(text)
    assert (reading.key, reading.scale) == (key, scale)
    assert reading.ignored == ()
    request = reading.request()
    assert request.key is not None
    assert request.key.sharps_flats == sharps
    assert request.controls.scale is not None
    assert len(request.controls.scale) == 5
    assert request.controls.scale <= key_scale(request.key)


def test_what_was_understood_is_data_in_the_prompt_words() -> None:
    reading = read_prompt("悲伤的钢琴曲 慢 3/4拍 带鼓 二十四小节")
    items = reading.understood()
    assert {item.field for item in items} <= set(FIELDS) | set(PARTS)
    assert all(item.note in NOTES and item.words for item in items)
    by_field = {item.field: item for item in items}
    assert by_field["tempo_bpm"].value == 72
    assert by_field["tempo_bpm"].words == ("慢",)
    assert by_field["meter"].value == (3, 4)
    assert by_field["bars"].value == 24
    assert by_field["key"].note == "tonic from preset"
    assert by_field["drums"].note == "preset lacks it"  # the piano preset has no drums
    # a changed field is reported with its new value
    changed = dataclasses.replace(reading, tempo_bpm=90.0).understood()
    assert next(i for i in changed if i.field == "tempo_bpm").value == 90.0


def test_the_english_reading_is_unchanged_by_the_chinese_tables() -> None:
    reading = read_prompt("slow sad waltz for flute in E minor")
    assert reading.explain() == [  # as it read before the Chinese tables came
        "preset folk-tune from 'flute'",
        "tempo 72 from 'slow'",
        "meter 3/4 from 'waltz'",
        "density 6 from 'sad'",
        "instrument Flute from 'flute'",
        "key E minor from 'in e minor'",
    ]
