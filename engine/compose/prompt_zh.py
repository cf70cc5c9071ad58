"""More of the words Chinese-speaking musicians write in a prompt, beside `engine.compose.prompt`'s.

Each table maps a Chinese word onto something the reader already knows (an English mood, a
style word of `engine.song.styles`, a GM program, a section role), so the Chinese reads exactly
as its English counterpart does. The words were chosen by trying the reader on the styles,
moods, instruments, tempo words and section names a composer uses (tests/engine/compose/
test_prompt_zh.py lists them) and filling what it did not know.
"""

from __future__ import annotations

import re

EXTRA_MOODS: dict[str, dict[str, object]] = {
    "tense": {"mode": "minor", "tempo_bpm": 132.0},
    "scary": {"mode": "minor", "velocity": "soft", "tempo_bpm": 66.0},
    "lonely": {"mode": "minor", "tempo_bpm": 66.0, "density": 5},
    "nostalgic": {"tempo_bpm": 80.0, "velocity": "soft"},
    "relaxed": {"tempo_bpm": 84.0, "velocity": "soft", "density": 6},
    "sweet": {"mode": "major", "tempo_bpm": 96.0, "velocity": "soft"},
    "festive": {"mode": "major", "tempo_bpm": 132.0, "velocity": "loud"},
    "solemn": {"mode": "minor", "tempo_bpm": 60.0, "velocity": "loud"},
    "intense": {"tempo_bpm": 152.0, "velocity": "loud", "density": 14},
}
"""English moods the first tables lacked (what each suggests, weaker than a named field)."""

CHINESE_MOODS: dict[str, str] = {
    "伤心": "sad", "难过": "sad", "悲哀": "sad", "悲凉": "mournful", "凄凉": "mournful",
    "忧愁": "melancholy", "惆怅": "melancholy", "思念": "melancholy", "孤独": "lonely",
    "寂寞": "lonely", "怀旧": "nostalgic", "复古": "nostalgic", "轻松": "relaxed",
    "放松": "relaxed", "慵懒": "relaxed", "悠闲": "relaxed", "浪漫": "tender", "深情": "tender",
    "温馨": "tender", "感人": "tender", "甜蜜": "sweet", "可爱": "playful", "治愈": "peaceful",
    "舒缓": "calm", "空灵": "dreamy", "优美": "gentle", "悠扬": "gentle", "紧张": "tense",
    "悬疑": "tense", "恐怖": "scary", "阴森": "scary", "阴暗": "dark", "热血": "energetic",
    "激情": "energetic", "激动": "energetic", "燃": "energetic", "激烈": "intense",
    "喜庆": "festive", "热闹": "lively", "欢快": "cheerful", "阳光": "bright", "清新": "bright",
    "大气": "majestic", "豪迈": "triumphant", "庄严": "solemn", "庄重": "solemn",
}  # fmt: skip
"""Chinese mood words -> the English mood (of `prompt.MOODS` or `EXTRA_MOODS`) they carry."""

STYLE_ALIASES: dict[str, str] = {
    "朋克": "punk", "硬摇滚": "rock", "重金属": "heavy metal", "节奏布鲁斯": "r&b",
    "福音": "gospel", "民歌": "folk", "影视": "film", "影视配乐": "film", "交响乐": "orchestral",
    "交响": "orchestral", "管弦乐": "orchestral", "氛围": "cinematic", "民乐": "chinese",
    "迪斯科": "dance", "浩室": "house", "科技舞曲": "techno", "电子乐": "electronic",
    "蓝草": "bluegrass", "波萨诺瓦": "bossa nova", "桑巴": "samba", "萨尔萨": "salsa",
    "斯卡": "ska", "巴洛克": "baroque", "摇摆乐": "swing",
}  # fmt: skip
"""Chinese style words -> a style word of `engine.song.styles` with the same meaning."""

CHINESE_TEMPO_WORDS: dict[str, float] = {
    "广板": 50, "柔板": 66, "行板": 84, "小行板": 92, "小快板": 108, "中快板": 116,
    "慢节奏": 72, "快节奏": 144, "中等速度": 100, "缓慢地": 60,
}  # fmt: skip
"""Chinese names of the tempo markings (largo, adagio, andante...) and plain tempo words."""

CHINESE_INSTRUMENTS: dict[str, tuple[int, str | None]] = {
    "中提琴": (41, "string-quartet"), "单簧管": (71, "folk-tune"), "黑管": (71, "folk-tune"),
    "双簧管": (68, "folk-tune"), "大管": (70, "folk-tune"), "巴松": (70, "folk-tune"),
    "圆号": (60, None), "长号": (57, None), "竖琴": (46, "folk-tune"), "管风琴": (19, None),
    "风琴": (16, None), "马林巴": (12, None), "木琴": (13, None), "钟琴": (9, None),
    "钢片琴": (8, None), "八音盒": (10, None), "音乐盒": (10, None), "大键琴": (6, None),
    "羽管键琴": (6, None), "木吉他": (25, "folk-tune"), "民谣吉他": (25, "folk-tune"),
    "古典吉他": (24, "folk-tune"), "尤克里里": (24, None), "班卓琴": (105, "country"),
    "低音提琴": (43, "string-quartet"), "电贝斯": (33, None), "铺底": (89, "cinematic"),
    "竹笛": (73, "chinese"), "葫芦丝": (79, "chinese"), "马头琴": (110, "chinese"),
}  # fmt: skip
"""Instruments the first tables lacked: the GM program each names (as
`engine.song.gm.INSTRUMENT_WORDS`, with the sounds GM lacks taken to their nearest: 葫芦丝 a
gourd flute -> Ocarina, 马头琴 a bowed horse-head fiddle -> Fiddle) and the preset it suggests."""

CHINESE_ROLES: dict[str, str] = {
    "前奏": "intro", "引子": "intro", "主歌": "verse", "预副歌": "pre-chorus",
    "导歌": "pre-chorus", "副歌": "chorus", "桥段": "bridge", "间奏": "break", "独奏": "solo",
    "尾奏": "outro", "尾声": "outro",
}  # fmt: skip
"""Section names as Chinese songwriters write them -> `engine.song.sections` roles."""

_ROLE_WORD = "|".join(sorted(CHINESE_ROLES, key=len, reverse=True))
CHINESE_ROLE_RUN = re.compile(
    rf"(?:{_ROLE_WORD})(?:(?: ?(?:然后|再|接|、|-|和)? ?)(?:{_ROLE_WORD}))+"
)
"""Two or more section names in a row ('主歌 副歌 主歌 副歌 桥段', '主歌然后副歌'): a form."""
CHINESE_ROLE = re.compile(_ROLE_WORD)

CHINESE_BPM = re.compile(
    r"(?:每分钟|速度(?:为|是)?) ?(\d{2,3}) ?(?:拍|bpm)?|(\d{2,3}) ?(?:拍每分钟|拍/分钟|拍/分)"
)
"""'每分钟90拍', '速度90', '速度为 120', '90拍每分钟': a tempo in beats per minute."""
