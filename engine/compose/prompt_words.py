"""The prompt reader's word tables, in English and Chinese: tempo markings, moods, styles and
ensembles, instruments and band parts, meters, dynamics, density, numbers and lengths, keys
and modes, and the filler words that need no understanding.

Each table maps words a musician types to the value it sets and says in its docstring how
strongly (`NAMED_STYLE` > `DIRECT` > `SUGGESTED`); `engine.compose.prompt` reads a text with
them. Adding a word is adding a line here.
"""

from __future__ import annotations

from engine.compose import prompt_zh
from engine.song.gm import DRUM_KIT_WORDS
from engine.song.styles import STYLES as STYLE_TABLE

NAMED_STYLE, DIRECT, SUGGESTED = 3, 2, 1

TEMPO_WORDS: dict[str, float] = {
    "grave": 44, "largo": 50, "lento": 56, "adagio": 66, "slow": 72, "slowly": 72,
    "andante": 84, "walking": 84, "moderato": 100, "moderate": 100, "allegretto": 108,
    "allegro": 126, "quick": 132, "brisk": 132, "fast": 144, "vivace": 152, "presto": 176,
    "很慢": 56, "缓慢": 60, "慢板": 66, "慢": 72, "慢速": 72, "中速": 100, "中板": 100,
    "快板": 126, "轻快": 126, "快": 144, "快速": 144, "很快": 168, "急板": 176,
    **prompt_zh.CHINESE_TEMPO_WORDS,
}  # fmt: skip
"""Tempo markings and plain words, in quarter notes per minute (the middle of each marking)."""

MOODS: dict[str, dict[str, object]] = {
    "sad": {"mode": "minor", "tempo_bpm": 66.0, "density": 6},
    "melancholy": {"mode": "minor", "tempo_bpm": 66.0},
    "mournful": {"mode": "minor", "tempo_bpm": 56.0, "density": 5},
    "gloomy": {"mode": "minor", "tempo_bpm": 66.0},
    "dark": {"mode": "minor"},
    "tragic": {"mode": "minor", "tempo_bpm": 60.0},
    "mysterious": {"mode": "minor", "velocity": "soft"},
    "angry": {"mode": "minor", "velocity": "loud", "tempo_bpm": 144.0},
    "happy": {"mode": "major", "tempo_bpm": 120.0},
    "joyful": {"mode": "major", "tempo_bpm": 126.0},
    "cheerful": {"mode": "major", "tempo_bpm": 120.0},
    "bright": {"mode": "major"},
    "merry": {"mode": "major", "tempo_bpm": 126.0},
    "triumphant": {"mode": "major", "velocity": "loud"},
    "majestic": {"mode": "major", "velocity": "loud", "tempo_bpm": 88.0},
    "calm": {"tempo_bpm": 72.0, "velocity": "soft", "density": 6},
    "peaceful": {"tempo_bpm": 72.0, "velocity": "soft", "density": 6},
    "gentle": {"velocity": "soft", "density": 6},
    "tender": {"velocity": "soft", "tempo_bpm": 72.0},
    "dreamy": {"velocity": "soft", "tempo_bpm": 72.0},
    "lively": {"tempo_bpm": 138.0, "density": 12},
    "energetic": {"tempo_bpm": 144.0, "density": 12, "velocity": "loud"},
    "playful": {"mode": "major", "tempo_bpm": 126.0},
    **prompt_zh.EXTRA_MOODS,
}
"""What a mood suggests (weaker than a word that names the field)."""

CHINESE_MOODS: dict[str, str] = {
    "悲伤": "sad", "伤感": "sad", "忧伤": "melancholy", "忧郁": "melancholy", "哀伤": "mournful",
    "黑暗": "dark", "悲壮": "tragic", "神秘": "mysterious", "愤怒": "angry", "快乐": "happy",
    "开心": "happy", "欢快": "cheerful", "愉快": "cheerful", "明亮": "bright", "欢乐": "joyful",
    "雄壮": "majestic", "壮丽": "majestic", "平静": "calm", "安静": "calm", "宁静": "peaceful",
    "温柔": "gentle", "温暖": "tender", "梦幻": "dreamy", "活泼": "lively", "激昂": "energetic",
    "动感": "energetic", "俏皮": "playful", **prompt_zh.CHINESE_MOODS,
}  # fmt: skip
"""Chinese mood words -> the English mood whose suggestions they carry."""

ENSEMBLES: dict[str, str] = {
    "quartet": "string-quartet", "strings": "string-quartet", "string": "string-quartet",
    "chamber": "string-quartet", "piano": "piano", "keyboard": "piano", "chorale": "chorale",
    "hymn": "chorale", "choir": "chorale", "choral": "chorale", "voices": "chorale",
    "satb": "chorale", "reel": "reel", "hornpipe": "reel",
    "四重奏": "string-quartet", "弦乐": "string-quartet", "钢琴": "piano", "合唱": "chorale",
    "赞美诗": "chorale", "圣咏": "chorale",
}  # fmt: skip
"""Ensembles and forms that name a preset."""

STYLES: dict[str, str] = {
    "folk": "folk-tune", "tune": "folk-tune", "fiddle": "folk-tune", "irish": "folk-tune",
    "scottish": "folk-tune", "celtic": "folk-tune", "jig": "folk-tune", "air": "folk-tune",
}  # fmt: skip
"""Words that suggest the folk-tune preset (weaker than an ensemble: 'a tune for piano')."""

ORCHESTRAL_STYLE_PRESETS: dict[str, str] = {"folk": "folk-tune", "classical": "string-quartet"}
"""The preset a word of the folk or classical style suggests (these styles have several
presets, which their ensemble words such as 'chorale' or 'reel' pick directly)."""


def _style_words() -> dict[str, tuple[str, int]]:
    """Every `engine.song.styles` word and Chinese label -> (preset, strength); the first style
    listing a word keeps it."""
    words: dict[str, tuple[str, int]] = {}
    for style in STYLE_TABLE:
        orchestral = ORCHESTRAL_STYLE_PRESETS.get(style.name)
        choice = (orchestral, SUGGESTED) if orchestral else (style.name, NAMED_STYLE)
        for word in (*style.words, style.label_zh):
            words.setdefault(word.lower(), choice)
    for chinese, english in prompt_zh.STYLE_ALIASES.items():
        words.setdefault(chinese, words[english])
    return words


STYLE_WORDS: dict[str, tuple[str, int]] = _style_words()
"""Style words ('lo-fi', '摇滚', 'trailer') -> (preset, strength)."""

METER_WORDS: dict[str, tuple[int, int]] = {
    "waltz": (3, 4), "minuet": (3, 4), "mazurka": (3, 4), "triple": (3, 4), "march": (4, 4),
    "jig": (6, 8), "compound": (6, 8), "reel": (4, 4), "hornpipe": (4, 4), "polka": (2, 4),
    "华尔兹": (3, 4), "圆舞曲": (3, 4), "进行曲": (4, 4),
}  # fmt: skip

DYNAMICS: dict[str, str] = {
    "soft": "soft", "quiet": "soft", "quietly": "soft", "softly": "soft", "piano-dynamic": "soft",
    "loud": "loud", "bold": "loud", "forte": "loud", "powerful": "loud",
    "轻柔": "soft", "柔和": "soft", "轻声": "soft", "响亮": "loud", "有力": "loud", "强劲": "loud",
}  # fmt: skip
VELOCITY_RANGES: dict[str, tuple[int, int]] = {"soft": (35, 70), "loud": (85, 120)}

DENSITY_WORDS: dict[str, int] = {
    "sparse": 4, "simple": 6, "plain": 6, "spare": 4, "busy": 12, "dense": 14,
    "flowing": 10, "ornate": 14, "florid": 14, "简单": 6, "稀疏": 4, "密集": 14, "华丽": 14,
}  # fmt: skip
"""Notes per bar asked of the model (soft)."""

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "eight": 8, "twelve": 12,
    "sixteen": 16, "twenty-four": 24, "thirty-two": 32, "sixty-four": 64,
}  # fmt: skip
CHINESE_NUMBERS: dict[str, int] = {
    "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "六": 6, "八": 8, "十二": 12, "十六": 16,
    "二十四": 24, "三十二": 32, "六十四": 64,
}  # fmt: skip
LENGTH_WORDS: dict[str, int] = {"short": 8, "brief": 8, "long": 32, "简短": 8, "短小": 8}
MODE_KEYS = {
    "major": "major",
    "minor": "minor",
    "ionian": "major",
    "aeolian": "minor",
    "dorian": "dorian",
    "phrygian": "phrygian",
    "lydian": "lydian",
    "mixolydian": "mixolydian",
    # A Chinese pentatonic mode (read from 宫调式 ... 羽调式 by `CHINESE_PENTATONIC_MODES`) keeps
    # to its five tones as a scale, on the church mode with the same final and signature: D yu
    # (D F G A C) in D minor, G zhi (G A C D E) in G mixolydian, C major's one signature.
    "gong": "major",
    "shang": "dorian",
    "jue": "phrygian",
    "zhi": "mixolydian",
    "yu": "minor",
}
CHINESE_MODES = {"大调": "major", "小调": "minor"}
CHINESE_PENTATONIC_MODES = {"宫": "gong", "商": "shang", "角": "jue", "徵": "zhi", "羽": "yu"}
INSTRUMENTS = (
    "flute",
    "violin",
    "viola",
    "cello",
    "oboe",
    "clarinet",
    "trumpet",
    "horn",
    "harp",
    "guitar",
    "accordion",
    "recorder",
    "harpsichord",
    "organ",
    "bassoon",
)
"""Orchestral and folk instruments: each names the first voice and suggests a folk tune."""

BAND_INSTRUMENTS: dict[str, str | None] = {
    "piano": "piano", "钢琴": "piano", "rhodes": "lofi", "electric piano": "lofi",
    "电钢琴": "lofi", "电钢": "lofi", "electric guitar": "rock", "电吉他": "rock",
    "overdriven guitar": "rock", "distorted guitar": "metal", "distortion guitar": "metal",
    "失真吉他": "metal", "jazz guitar": "jazz", "sax": "jazz", "saxophone": "jazz",
    "萨克斯": "jazz", "synth": "house", "synth lead": "house", "合成器": "house",
    "pad": "cinematic", "synth pad": "cinematic", "吉他": "folk-tune", "小提琴": "folk-tune",
    "长笛": "folk-tune", "大提琴": "string-quartet", "小号": None, "口琴": None, "手风琴": None,
    "erhu": "chinese", "二胡": "chinese", "guzheng": "chinese", "古筝": "chinese",
    "pipa": "chinese", "琵琶": "chinese", "dizi": "chinese", "笛子": "chinese",
    "竹笛": "chinese", "xiao": "chinese", "箫": "chinese", "suona": "chinese",
    "唢呐": "chinese", "yangqin": "chinese", "扬琴": "chinese",
}  # fmt: skip
"""More instruments (GM programs from `engine.song.gm.program_from_name`, which maps the Chinese
ones to their nearest GM sound: erhu -> Fiddle, guzheng -> Koto, pipa -> Shamisen, dizi ->
Flute) and the preset each suggests (None: none)."""

BAND_PARTS: dict[str, str] = {
    **{word: "drums" for word in DRUM_KIT_WORDS if word != "kit"},
    "beat": "drums", "beats": "drums", "groove": "drums", "鼓点": "drums", "节拍": "drums",
    "bass": "bass", "bassline": "bass", "bass line": "bass", "贝斯": "bass", "贝司": "bass",
    "低音": "bass",
}  # fmt: skip
"""Words for a band's drums or bass: every band preset has both, so they suggest a band (pop)
when no style is named, and the reading says whether the chosen preset has the part."""

STOPWORDS = frozenset(
    ("a", "an", "and", "the", "for", "in", "of", "with", "on", "at", "to", "by", "some", "very",
     "bit", "little", "like", "piece", "song", "music", "please", "write", "make", "me",
     "track", "style", "instrumental", "melody", "lead")
)  # fmt: skip
CHINESE_STOPWORDS = (
    "一首", "一段", "一个", "一点", "一些", "歌曲", "曲子", "音乐", "风格", "乐曲", "有点", "旋律",
    "非常", "比较", "带有", "加上", "帮我", "给我", "请", "的", "首", "个", "和", "与", "跟",
    "加", "用", "带", "有", "点", "歌", "曲", "我", "要", "想", "写", "来", "做", "在", "是",
    "很", "版", "些", "乐", "配", "上", "里", "拍",
)  # fmt: skip
"""Particles and filler that need no understanding; longest first, found as substrings."""
LABELS = {
    "tempo_bpm": "tempo",
    "velocity_range": "velocity",
    "bars": "length in bars",
    "seconds": "length",
}
FORM_ROLES = ("intro", "verse", "pre-chorus", "chorus", "bridge", "solo", "break", "outro")
