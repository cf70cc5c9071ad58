<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutModels</name>
    <message>
        <source>About the models</source>
        <translation>关于模型</translation>
    </message>
    <message>
        <source>All measured figures</source>
        <translation>全部测量数据</translation>
    </message>
    <message>
        <source>Band music, under permissive licences</source>
        <translation>乐队音乐，采用宽松许可</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>曲集</translation>
    </message>
    <message>
        <source>Composers</source>
        <translation>作曲者</translation>
    </message>
    <message>
        <source>Guessing the next note of {what} it never heard (lower is better): {model} for the model, against {baseline} for a simple counting model (4-gram).</source>
        <translation>猜测从未听过的{what}的下一个音（越低越好）：模型为 {model}，简单计数模型（4-gram）为 {baseline}。</translation>
    </message>
    <message>
        <source>How far its sound is from the real instrument (lower is better): {model}, against {sine} for a plain sine tone.</source>
        <translation>其声音与真实乐器的差距（越低越好）：{model}，纯正弦波为 {sine}。</translation>
    </message>
    <message>
        <source>How well it does</source>
        <translation>效果如何</translation>
    </message>
    <message>
        <source>Its card could not be read: {error}</source>
        <translation>无法读取它的说明卡：{error}</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可</translation>
    </message>
    <message>
        <source>Licence basis</source>
        <translation>许可依据</translation>
    </message>
    <message>
        <source>Listed item by item in {manifest}.</source>
        <translation>逐条列于 {manifest}。</translation>
    </message>
    <message>
        <source>Models Tessera runs but did not train</source>
        <translation>Tessera 使用但并非自己训练的模型</translation>
    </message>
    <message>
        <source>Notes in tune (within a quarter tone) on notes it never heard: {share} %.</source>
        <translation>在从未听过的音符上音准正确（误差在四分之一音以内）的比例：{share} %。</translation>
    </message>
    <message>
        <source>Only public-domain compositions whose encodings carry no restriction, listed work by work in models/corpus/manifest.csv (works left out, and why: models/corpus/excluded.csv).</source>
        <translation>仅使用公有领域、且编码不受任何限制的作品，逐首列于 models/corpus/manifest.csv（未收录的作品及原因见 models/corpus/excluded.csv）。</translation>
    </message>
    <message>
        <source>Shipped inside their own packages, checked before use.</source>
        <translation>随各自的软件包一起提供，使用前会先校验。</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>The composer ({name})</source>
        <translation>作曲模型（{name}）</translation>
    </message>
    <message>
        <source>The models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The sound of the instruments ({name})</source>
        <translation>乐器音色模型（{name}）</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>What it learned from</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>What the composer learned from</source>
        <translation>作曲模型的训练数据</translation>
    </message>
    <message>
        <source>Works</source>
        <translation>作品</translation>
    </message>
    <message>
        <source>Writing a missing bar (lower is better): off by {model}, against {copy} for copying the bar beside it.</source>
        <translation>补写缺失的小节（越低越好）：误差 {model}，直接复制相邻小节为 {copy}。</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>以及另外 {count} 项</translation>
    </message>
    <message>
        <source>band music</source>
        <translation>乐队音乐</translation>
    </message>
    <message>
        <source>drumming</source>
        <translation>鼓点</translation>
    </message>
    <message>
        <source>music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>{count} parameters ({kind})</source>
        <translation>{count} 个参数（{kind}）</translation>
    </message>
    <message>
        <source>{steps} steps in {minutes} minutes on {hardware}</source>
        <translation>在 {hardware} 上用 {minutes} 分钟训练 {steps} 步</translation>
    </message>
    <message>
        <source>{task}. From the {package} {version} package; licence {licence}: {notice}.</source>
        <translation>{task}。来自 {package} {version} 软件包；许可 {licence}：{notice}。</translation>
    </message>
</context>
<context>
    <name>AddTrack</name>
    <message>
        <source>Drum kit (GM drums, channel 10)</source>
        <translation>鼓组（GM 鼓，第 10 通道）</translation>
    </message>
    <message>
        <source>Instrument numbers run from 1 to 128, got {0}: pick one from the list</source>
        <translation>乐器编号应为 1 到 128，收到的是 {0}：请从列表中选择</translation>
    </message>
</context>
<context>
    <name>Advanced</name>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
</context>
<context>
    <name>ArrangementGrid</name>
    <message>
        <source>%n note(s)</source>
        <translation>%n 个音符</translation>
    </message>
    <message>
        <source>Mute: silence this track</source>
        <translation>静音：让这条音轨不发声</translation>
    </message>
    <message>
        <source>Solo: hear only the soloed tracks</source>
        <translation>独奏：只听独奏的音轨</translation>
    </message>
    <message>
        <source>Track {0}</source>
        <translation>音轨 {0}</translation>
    </message>
    <message>
        <source>changed by the last operation</source>
        <translation>上一次操作改动过</translation>
    </message>
    <message>
        <source>flag: {0}</source>
        <translation>标记：{0}</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>{0} dB</source>
        <translation>{0} dB</translation>
    </message>
    <message>
        <source>{0}, bar {1}</source>
        <translation>{0}，第 {1} 小节</translation>
    </message>
    <message>
        <source>L</source>
        <comment>pan to the left</comment>
        <translation>左</translation>
    </message>
    <message>
        <source>R</source>
        <comment>pan to the right</comment>
        <translation>右</translation>
    </message>
    <message>
        <source>M</source>
        <comment>mute button</comment>
        <translation>M</translation>
    </message>
    <message>
        <source>S</source>
        <comment>solo button</comment>
        <translation>S</translation>
    </message>
</context>
<context>
    <name>AudioActions</name>
    <message>
        <source>Add {name} from audio was {outcome}</source>
        <translation>从音频添加 {name}：{outcome}</translation>
    </message>
    <message>
        <source>Cannot export audio: {error}</source>
        <translation>无法导出音频：{error}</translation>
    </message>
    <message>
        <source>Export Audio</source>
        <translation>导出音频</translation>
    </message>
    <message>
        <source>Exporting audio…</source>
        <translation>正在导出音频…</translation>
    </message>
    <message>
        <source>FLAC audio, lossless and smaller (*.flac)</source>
        <translation>FLAC 音频，无损且体积更小 (*.flac)</translation>
    </message>
    <message>
        <source>MP3 audio, to share (*.mp3)</source>
        <translation>MP3 音频，便于分享 (*.mp3)</translation>
    </message>
    <message>
        <source>Mute {name}</source>
        <translation>静音 {name}</translation>
    </message>
    <message>
        <source>OGG Vorbis audio, to share (*.ogg)</source>
        <translation>OGG Vorbis 音频，便于分享 (*.ogg)</translation>
    </message>
    <message>
        <source>Solo {name}</source>
        <translation>独奏 {name}</translation>
    </message>
    <message>
        <source>Turning {name} into notes…</source>
        <translation>正在把 {name} 转成音符…</translation>
    </message>
    <message>
        <source>Unmute {name}</source>
        <translation>取消静音 {name}</translation>
    </message>
    <message>
        <source>Unsolo {name}</source>
        <translation>取消独奏 {name}</translation>
    </message>
    <message>
        <source>WAV audio, lossless (*.wav)</source>
        <translation>WAV 音频，无损 (*.wav)</translation>
    </message>
    <message>
        <source>exported {name}: {summary}</source>
        <translation>已导出 {name}：{summary}</translation>
    </message>
    <message>
        <source>heard {notes} notes, tempo {tempo} BPM (estimated): track {track} is locked; Add Track (Ctrl+T) writes a part around it</source>
        <translation>听出 {notes} 个音符，速度约 {tempo} BPM（估计）：音轨 {track} 已锁定；用“添加音轨”（Ctrl+T）可围绕它写一个声部</translation>
    </message>
    <message>
        <source>heard {notes} notes: track {track} is locked; Add Track (Ctrl+T) writes a part around it</source>
        <translation>听出 {notes} 个音符：音轨 {track} 已锁定；用“添加音轨”（Ctrl+T）可围绕它写一个声部</translation>
    </message>
    <message>
        <source>still busy with {job}: wait or cancel it first</source>
        <translation>仍在处理“{job}”：请等待或先取消</translation>
    </message>
</context>
<context>
    <name>AudioFiles</name>
    <message>
        <source>cannot write {name}: audio is written as {supported_suffixes_text}, not {value}; choose one of those suffixes</source>
        <translation>无法写入 {name}：音频只能保存为 {supported_suffixes_text}，而不是 {value}；请选择其中一种后缀</translation>
    </message>
    <message>
        <source>cannot write {target}: the folder {parent} does not exist</source>
        <translation>无法写入 {target}：文件夹 {parent} 不存在</translation>
    </message>
    <message>
        <source>could not write {target}: {err}</source>
        <translation>无法写入 {target}：{err}</translation>
    </message>
</context>
<context>
    <name>AudioToNotes</name>
    <message>
        <source>Add as Locked Track</source>
        <translation>添加为锁定音轨</translation>
    </message>
    <message>
        <source>Audio clip</source>
        <translation>音频片段</translation>
    </message>
    <message>
        <source>Audio clips (*.wav *.flac *.mp3 *.ogg *.aiff *.aif);;All files (*)</source>
        <translation>音频片段 (*.wav *.flac *.mp3 *.ogg *.aiff *.aif);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Audio to Notes</source>
        <translation>音频转音符</translation>
    </message>
    <message>
        <source>Choose File…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>Hum, sing or play into the microphone; press again to stop</source>
        <translation>对着麦克风哼唱、演唱或演奏；再按一次停止</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>乐器</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Melody</source>
        <translation>旋律</translation>
    </message>
    <message>
        <source>One note at a time (a hummed or sung melody)</source>
        <translation>一次只有一个音（哼唱或演唱的旋律）</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录音</translation>
    </message>
    <message>
        <source>Snap to</source>
        <translation>对齐到</translation>
    </message>
    <message>
        <source>Track name</source>
        <translation>音轨名称</translation>
    </message>
    <message>
        <source>file: {name}</source>
        <translation>文件：{name}</translation>
    </message>
    <message>
        <source>no clip yet: choose a file or record one</source>
        <translation>还没有片段：请选择文件或录一段</translation>
    </message>
    <message>
        <source>nothing was recorded</source>
        <translation>没有录到任何声音</translation>
    </message>
    <message>
        <source>opening the microphone…</source>
        <translation>正在打开麦克风…</translation>
    </message>
    <message>
        <source>recording: {seconds} s</source>
        <translation>正在录音：{seconds} 秒</translation>
    </message>
    <message>
        <source>recording… press Record again to stop</source>
        <translation>正在录音… 再按“录音”停止</translation>
    </message>
    <message>
        <source>stopping the microphone…</source>
        <translation>正在关闭麦克风…</translation>
    </message>
</context>
<context>
    <name>BoundedJson</name>
    <message>
        <source>cannot open {name}: {strerror}</source>
        <translation>无法打开 {name}：{strerror}</translation>
    </message>
    <message>
        <source>{name} is not a regular file (it is {file_kind}): open a {kind} saved on disk</source>
        <translation>{name} 不是普通文件（它是{file_kind}）：请打开保存在磁盘上的{kind}</translation>
    </message>
    <message>
        <source>{too_big} (it is {size})</source>
        <translation>{too_big}（实际 {size}）</translation>
    </message>
    <message>
        <source>cannot read {name}: {strerror}</source>
        <translation>无法读取 {name}：{strerror}</translation>
    </message>
    <message>
        <source>{too_big} (it grew while being read)</source>
        <translation>{too_big}（读取过程中文件还在变大）</translation>
    </message>
    <message>
        <source>{name} is not a readable Tessera project (not UTF-8 text: byte {start} is {data!r}); if it was autosaved, look for its recovery copy</source>
        <translation>{name} 不是可读取的 Tessera 项目（不是 UTF-8 文本：第 {start} 字节是 {data!r}）；如果它是自动保存的，请找找它的恢复副本</translation>
    </message>
    <message>
        <source>{name} nests {depth} levels deep; a Tessera project never goes past {max_depth}, so it is not one (or it is damaged)</source>
        <translation>{name} 嵌套了 {depth} 层；Tessera 项目从不超过 {max_depth} 层，所以它不是项目文件（或已损坏）</translation>
    </message>
    <message>
        <source>{name} holds {containers:,} lists and objects; a Tessera project holds at most {max_containers:,}, so it is not one (or it is damaged)</source>
        <translation>{name} 含有 {containers:,} 个列表和对象；Tessera 项目最多只有 {max_containers:,} 个，所以它不是项目文件（或已损坏）</translation>
    </message>
    <message>
        <source>{name}: {err}</source>
        <translation>{name}：{err}</translation>
    </message>
    <message>
        <source>{name} is not a readable Tessera project (not valid JSON: {err}); if it was autosaved, look for its recovery copy</source>
        <translation>{name} 不是可读取的 Tessera 项目（不是有效的 JSON：{err}）；如果它是自动保存的，请找找它的恢复副本</translation>
    </message>
    <message>
        <source>the key {key!r} appears twice in one object; a project names each field once (a reader would silently keep only the last): remove one of them</source>
        <translation>同一个对象里键 {key!r} 出现了两次；项目中每个字段只写一次（读取程序会悄悄只保留最后一个）：请删掉其中一个</translation>
    </message>
    <message>
        <source>an integer of {lstrip_count} digits is more than the {max_int_digits} any project value needs</source>
        <translation>一个 {lstrip_count} 位的整数，超过了任何项目数值所需的 {max_int_digits} 位</translation>
    </message>
    <message>
        <source>the number {literal} is too large for any project value</source>
        <translation>数字 {literal} 太大，项目中的任何数值都容不下</translation>
    </message>
    <message>
        <source>{literal} is not a number a project can hold (only finite numbers)</source>
        <translation>{literal} 不是项目能保存的数字（只能是有限的数）</translation>
    </message>
</context>
<context>
    <name>CellEdit</name>
    <message>
        <source>bar {bar} of track {track_index} is locked</source>
        <translation>音轨 {track_index} 的第 {bar} 小节已锁定</translation>
    </message>
</context>
<context>
    <name>Chips</name>
    <message>
        <source>+ Add a detail</source>
        <translation>+ 添加细节</translation>
    </message>
    <message>
        <source>Change {field}</source>
        <translation>修改{field}</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Click a chip to change or remove it</source>
        <translation>单击标签可修改或删除</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>曲式</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>调</translation>
    </message>
    <message>
        <source>Lead instrument</source>
        <translation>主奏乐器</translation>
    </message>
    <message>
        <source>Length (bars)</source>
        <translation>长度（小节）</translation>
    </message>
    <message>
        <source>Length (time)</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Loudness</source>
        <translation>力度</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>拍号</translation>
    </message>
    <message>
        <source>Not understood: {words}</source>
        <translation>未理解：{words}</translation>
    </message>
    <message>
        <source>Notes per bar</source>
        <translation>每小节音符数</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Set the tempo, key, length … yourself</source>
        <translation>自己设置速度、调、长度…</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <source>Tempo (BPM)</source>
        <translation>速度（BPM）</translation>
    </message>
    <message>
        <source>from {words}</source>
        <translation>来自{words}</translation>
    </message>
    <message>
        <source>loud</source>
        <translation>响亮</translation>
    </message>
    <message>
        <source>soft</source>
        <translation>轻柔</translation>
    </message>
    <message>
        <source>your choice</source>
        <translation>你的选择</translation>
    </message>
</context>
<context>
    <name>ComposeActions</name>
    <message>
        <source>%n cell(s) changed</source>
        <translation>改动了 %n 个格子</translation>
    </message>
    <message>
        <source>&amp;Flip Between Last Two Takes</source>
        <translation>在最近两个版本间切换(&amp;F)</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Flipped to take {0}</source>
        <translation>已切换到版本 {0}</translation>
    </message>
    <message>
        <source>Flipped to take {0}; locked cells kept as they are</source>
        <translation>已切换到版本 {0}；锁定的格子保持不变</translation>
    </message>
    <message>
        <source>Flipping needs two takes: press R or N to make another idea first</source>
        <translation>切换需要两个版本：请先按 R 或 N 生成另一个想法</translation>
    </message>
    <message>
        <source>Nothing to re-roll yet: run an operation first</source>
        <translation>还没有可以重掷的操作：请先执行一次操作</translation>
    </message>
    <message>
        <source>Select cells to lock or unlock first</source>
        <translation>请先选择要锁定或解锁的格子</translation>
    </message>
    <message>
        <source>Select the cells to nudge first</source>
        <translation>请先选择要微调的格子</translation>
    </message>
    <message>
        <source>{what} (seed {seed}): {note}</source>
        <translation>{what}（种子 {seed}）：{note}</translation>
    </message>
    <message>
        <source>{what}: done (seed {seed}), but the song changed meanwhile: {note}</source>
        <translation>{what}：完成（种子 {seed}），但歌曲在此期间已更改：{note}</translation>
    </message>
    <message>
        <source>{what}: done (seed {seed})</source>
        <translation>{what}：完成（种子 {seed}）</translation>
    </message>
    <message>
        <source>%n locked cell(s) left as they are</source>
        <translation>%n 个锁定的格子保持原样</translation>
    </message>
    <message>
        <source>Select the cells to regenerate first</source>
        <translation>请先选择要重新生成的格子</translation>
    </message>
    <message>
        <source>Still busy with {0}: wait or cancel it first</source>
        <translation>仍在处理“{0}”：请等待或先取消</translation>
    </message>
    <message>
        <source>{0} (re-roll)</source>
        <translation>{0}（重掷）</translation>
    </message>
</context>
<context>
    <name>ControlFields</name>
    <message>
        <source>pitch range</source>
        <translation>音域</translation>
    </message>
    <message>
        <source>velocity range</source>
        <translation>力度范围</translation>
    </message>
    <message>
        <source>top-p</source>
        <translation>top-p</translation>
    </message>
    <message>
        <source>voice order</source>
        <translation>声部顺序</translation>
    </message>
    <message>
        <source>key pull</source>
        <translation>调性牵引</translation>
    </message>
    <message>
        <source>keep beat</source>
        <translation>保持节拍</translation>
    </message>
    <message>
        <source>tempo</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>tempo range</source>
        <translation>速度范围</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>polyphony</source>
        <translation>复音数</translation>
    </message>
    <message>
        <source>rhythm</source>
        <translation>节奏</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>音阶</translation>
    </message>
    <message>
        <source>chords</source>
        <translation>和弦</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>bars</source>
        <translation>小节数</translation>
    </message>
    <message>
        <source>meter</source>
        <translation>拍号</translation>
    </message>
    <message>
        <source>key</source>
        <translation>调</translation>
    </message>
    <message>
        <source>form</source>
        <translation>曲式</translation>
    </message>
    <message>
        <source>style</source>
        <translation>风格</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>instrument</source>
        <translation>乐器</translation>
    </message>
    <message>
        <source>variation</source>
        <translation>变化程度</translation>
    </message>
</context>
<context>
    <name>ControlText</name>
    <message>
        <source>{label}: {reason}</source>
        <translation>{label}：{reason}</translation>
    </message>
    <message>
        <source>{voice_order!r} is not one of {choices}</source>
        <translation>{voice_order!r} 不是以下之一：{choices}</translation>
    </message>
    <message>
        <source>meter {text!r} is not understood: write it like 3/4 or 6/8</source>
        <translation>无法理解拍号 {text!r}：请写成 3/4 或 6/8 这样的形式</translation>
    </message>
    <message>
        <source>meter {text!r} is too large: write it like 3/4 or 6/8</source>
        <translation>拍号 {text!r} 太大：请写成 3/4 或 6/8 这样的形式</translation>
    </message>
    <message>
        <source>length {text!r} must be from {min_seconds:g} s to {max_seconds:g} s</source>
        <translation>长度 {text!r} 必须在 {min_seconds:g} 秒到 {max_seconds:g} 秒之间</translation>
    </message>
    <message>
        <source>tempo range {text!r} is not understood: write slowest-fastest in BPM, like 90-130, within {min_tempo_bpm:g}-{max_tempo_bpm:g}</source>
        <translation>无法理解速度范围 {text!r}：请按“最慢-最快”写 BPM，例如 90-130，范围在 {min_tempo_bpm:g}-{max_tempo_bpm:g} 之内</translation>
    </message>
    <message>
        <source>bars {bars} must be from 1 to {max_new_song_bars} for a new song</source>
        <translation>新歌的小节数 {bars} 必须在 1 到 {max_new_song_bars} 之间</translation>
    </message>
    <message>
        <source>tempo {tempo:g} must be from {min_tempo_bpm:g} to {max_tempo_bpm:g} BPM</source>
        <translation>速度 {tempo:g} 必须在 {min_tempo_bpm:g} 到 {max_tempo_bpm:g} BPM 之间</translation>
    </message>
    <message>
        <source>variation {variation:g} must be from 0 to 1</source>
        <translation>变化程度 {variation:g} 必须在 0 到 1 之间</translation>
    </message>
    <message>
        <source>{text_count} characters is too long: write at most {max_chars}</source>
        <translation>{text_count} 个字符太长了：最多写 {max_chars} 个</translation>
    </message>
    <message>
        <source>character {place} is not text (a byte that is not UTF-8?): type it again in UTF-8</source>
        <translation>第 {place} 个字符不是文本（可能是非 UTF-8 字节？）：请用 UTF-8 重新输入</translation>
    </message>
    <message>
        <source>character {place} is the control character {char!r}: write one line</source>
        <translation>第 {place} 个字符是控制字符 {char!r}：请只写一行</translation>
    </message>
    <message>
        <source>velocity range {text!r} is not understood: write it like 60-100</source>
        <translation>无法理解力度范围 {text!r}：请写成 60-100 这样的形式</translation>
    </message>
</context>
<context>
    <name>Controls</name>
    <message>
        <source>{name} {span} must be low &lt;= high within 0-{top}</source>
        <translation>{name} {span} 必须是“低 &lt;= 高”，且在 0-{top} 之内</translation>
    </message>
    <message>
        <source>the scale has no pitch classes: name a scale such as &apos;D minor&apos;</source>
        <translation>音阶里没有任何音级：请写一个音阶，例如“D minor”</translation>
    </message>
    <message>
        <source>temperature {temperature} must be from 0 to 3 (1 is usual)</source>
        <translation>温度 {temperature} 必须在 0 到 3 之间（通常为 1）</translation>
    </message>
    <message>
        <source>top-p {top_p} must be above 0 and at most 1</source>
        <translation>top-p {top_p} 必须大于 0 且不超过 1</translation>
    </message>
    <message>
        <source>{name} {value} must be from {low} to {high}</source>
        <translation>{name} {value} 必须在 {low} 到 {high} 之间</translation>
    </message>
</context>
<context>
    <name>Decode</name>
    <message>
        <source>the context is full after {number} of {ordered_count} cells: regenerate fewer cells at once</source>
        <translation>写到第 {number} 个格子（共 {ordered_count} 个）时上下文已满：请一次重新生成少一些格子</translation>
    </message>
    <message>
        <source>the cells need {total} tokens of context but the model sees {block_size}: regenerate fewer tracks or bars at once</source>
        <translation>这些格子需要 {total} 个词元的上下文，但模型只能看到 {block_size} 个：请一次重新生成少一些音轨或小节</translation>
    </message>
    <message>
        <source>{problems}; leave bar {inside} out of the cells</source>
        <translation>{problems}；请把第 {inside} 小节排除在格子之外</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>kept {cells} as they are (locked)</source>
        <translation>{cells} 保持原样（已锁定）</translation>
    </message>
    <message>
        <source>the song was edited while the new one was being written</source>
        <translation>在生成新歌的过程中，歌曲被编辑过了</translation>
    </message>
    <message>
        <source>kept {kept} as they are ({again} again to rewrite them)</source>
        <translation>{kept} 保持原样（再次执行{again}可重写它们）</translation>
    </message>
    <message>
        <source>not applied: {why}; your song is as you left it</source>
        <translation>未应用：{why}；你的歌曲保持原样</translation>
    </message>
    <message>
        <source>not applied: {why}. Your song is as you left it; the result is take {number} (Listen to compare, Restore to use it)</source>
        <translation>未应用：{why}。你的歌曲保持原样；结果已存为版本 {number}（可试听比较，或恢复使用）</translation>
    </message>
    <message>
        <source>your edits to {cells}</source>
        <translation>你对 {cells} 的修改</translation>
    </message>
    <message>
        <source>{cells} (locked meanwhile)</source>
        <translation>{cells}（期间被锁定）</translation>
    </message>
    <message>
        <source>tracks, bars or the meter changed while it ran</source>
        <translation>运行期间音轨、小节或拍号发生了变化</translation>
    </message>
    <message>
        <source>its song no longer fits the current one&apos;s tracks and bars</source>
        <translation>它生成的歌曲与当前歌曲的音轨和小节已对不上</translation>
    </message>
    <message>
        <source>you and the operation both changed track {number}&apos;s {setting}</source>
        <translation>你和这次操作都改动了音轨 {number} 的{setting}</translation>
    </message>
    <message>
        <source>every cell it wrote was changed meanwhile ({kept})</source>
        <translation>它写入的每个格子在期间都被改动了（{kept}）</translation>
    </message>
    <message>
        <source>you and the operation both changed the song&apos;s {setting}</source>
        <translation>你和这次操作都改动了歌曲的{setting}</translation>
    </message>
    <message>
        <source>track {track} bar {bar}</source>
        <translation>音轨 {track} 第 {bar} 小节</translation>
    </message>
    <message>
        <source>track {track} bars {first}-{last}</source>
        <translation>音轨 {track} 第 {first}-{last} 小节</translation>
    </message>
    <message>
        <source>{list}, {item}</source>
        <translation>{list}、{item}</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first}和{last}</translation>
    </message>
</context>
<context>
    <name>DrumNames</name>
    <message>
        <source>Clap</source>
        <translation>拍手</translation>
    </message>
    <message>
        <source>Closed Hat</source>
        <translation>闭镲</translation>
    </message>
    <message>
        <source>Crash</source>
        <translation>碎音镲</translation>
    </message>
    <message>
        <source>Crash 2</source>
        <translation>碎音镲 2</translation>
    </message>
    <message>
        <source>Drum key {key}</source>
        <translation>鼓键 {key}</translation>
    </message>
    <message>
        <source>Kick</source>
        <translation>底鼓</translation>
    </message>
    <message>
        <source>Low Kick</source>
        <translation>低底鼓</translation>
    </message>
    <message>
        <source>Open Hat</source>
        <translation>开镲</translation>
    </message>
    <message>
        <source>Pedal Hat</source>
        <translation>踩镲</translation>
    </message>
    <message>
        <source>Ride</source>
        <translation>叮叮镲</translation>
    </message>
    <message>
        <source>Ride 2</source>
        <translation>叮叮镲 2</translation>
    </message>
    <message>
        <source>Snare</source>
        <translation>军鼓</translation>
    </message>
    <message>
        <source>Acoustic Bass Drum</source>
        <translation>原声底鼓</translation>
    </message>
    <message>
        <source>Bass Drum 1</source>
        <translation>底鼓 1</translation>
    </message>
    <message>
        <source>Side Stick</source>
        <translation>鼓边敲击</translation>
    </message>
    <message>
        <source>Acoustic Snare</source>
        <translation>原声军鼓</translation>
    </message>
    <message>
        <source>Hand Clap</source>
        <translation>拍手</translation>
    </message>
    <message>
        <source>Electric Snare</source>
        <translation>电子军鼓</translation>
    </message>
    <message>
        <source>Low Floor Tom</source>
        <translation>低音落地嗵鼓</translation>
    </message>
    <message>
        <source>Closed Hi-Hat</source>
        <translation>闭合踩镲</translation>
    </message>
    <message>
        <source>High Floor Tom</source>
        <translation>高音落地嗵鼓</translation>
    </message>
    <message>
        <source>Pedal Hi-Hat</source>
        <translation>脚踏踩镲</translation>
    </message>
    <message>
        <source>Low Tom</source>
        <translation>低音嗵鼓</translation>
    </message>
    <message>
        <source>Open Hi-Hat</source>
        <translation>开放踩镲</translation>
    </message>
    <message>
        <source>Low-Mid Tom</source>
        <translation>中低音嗵鼓</translation>
    </message>
    <message>
        <source>Hi-Mid Tom</source>
        <translation>中高音嗵鼓</translation>
    </message>
    <message>
        <source>Crash Cymbal 1</source>
        <translation>碎音镲 1</translation>
    </message>
    <message>
        <source>High Tom</source>
        <translation>高音嗵鼓</translation>
    </message>
    <message>
        <source>Ride Cymbal 1</source>
        <translation>叮叮镲 1</translation>
    </message>
    <message>
        <source>Chinese Cymbal</source>
        <translation>中国镲</translation>
    </message>
    <message>
        <source>Ride Bell</source>
        <translation>叮叮镲镲帽</translation>
    </message>
    <message>
        <source>Tambourine</source>
        <translation>铃鼓</translation>
    </message>
    <message>
        <source>Splash Cymbal</source>
        <translation>水镲</translation>
    </message>
    <message>
        <source>Cowbell</source>
        <translation>牛铃</translation>
    </message>
    <message>
        <source>Crash Cymbal 2</source>
        <translation>碎音镲 2</translation>
    </message>
    <message>
        <source>Vibraslap</source>
        <translation>颤击器</translation>
    </message>
    <message>
        <source>Ride Cymbal 2</source>
        <translation>叮叮镲 2</translation>
    </message>
    <message>
        <source>Hi Bongo</source>
        <translation>高音邦戈鼓</translation>
    </message>
    <message>
        <source>Low Bongo</source>
        <translation>低音邦戈鼓</translation>
    </message>
    <message>
        <source>Mute Hi Conga</source>
        <translation>闷音高康加鼓</translation>
    </message>
    <message>
        <source>Open Hi Conga</source>
        <translation>开放高康加鼓</translation>
    </message>
    <message>
        <source>Low Conga</source>
        <translation>低音康加鼓</translation>
    </message>
    <message>
        <source>High Timbale</source>
        <translation>高音天巴鼓</translation>
    </message>
    <message>
        <source>Low Timbale</source>
        <translation>低音天巴鼓</translation>
    </message>
    <message>
        <source>High Agogo</source>
        <translation>高音阿哥哥铃</translation>
    </message>
    <message>
        <source>Low Agogo</source>
        <translation>低音阿哥哥铃</translation>
    </message>
    <message>
        <source>Cabasa</source>
        <translation>卡巴萨</translation>
    </message>
    <message>
        <source>Maracas</source>
        <translation>沙槌</translation>
    </message>
    <message>
        <source>Short Whistle</source>
        <translation>短哨</translation>
    </message>
    <message>
        <source>Long Whistle</source>
        <translation>长哨</translation>
    </message>
    <message>
        <source>Short Guiro</source>
        <translation>短刮葫</translation>
    </message>
    <message>
        <source>Long Guiro</source>
        <translation>长刮葫</translation>
    </message>
    <message>
        <source>Claves</source>
        <translation>响棒</translation>
    </message>
    <message>
        <source>Hi Wood Block</source>
        <translation>高音木鱼</translation>
    </message>
    <message>
        <source>Low Wood Block</source>
        <translation>低音木鱼</translation>
    </message>
    <message>
        <source>Mute Cuica</source>
        <translation>闷音奎卡鼓</translation>
    </message>
    <message>
        <source>Open Cuica</source>
        <translation>开放奎卡鼓</translation>
    </message>
    <message>
        <source>Mute Triangle</source>
        <translation>闷音三角铁</translation>
    </message>
    <message>
        <source>Open Triangle</source>
        <translation>开放三角铁</translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message>
        <source>length {text!r} is not a length of time: write seconds (120), minutes and seconds (2:00) or words such as &apos;90 s&apos; or &apos;2 minutes&apos;</source>
        <translation>长度 {text!r} 不是一段时间：请写秒数（120）、分:秒（2:00），或“90 s”“2 minutes”这样的说法</translation>
    </message>
</context>
<context>
    <name>EnergyEditing</name>
    <message>
        <source>Still busy with {job}: draw the energy again after it</source>
        <translation>仍在处理“{job}”：请等它完成后再绘制能量曲线</translation>
    </message>
    <message>
        <source>The video&apos;s cuts and energy were not saved: {error}</source>
        <translation>视频的剪辑点和能量曲线未能保存：{error}</translation>
    </message>
    <message>
        <source>Still busy with {job}: the video was not read</source>
        <translation>仍在处理“{job}”：视频未读取</translation>
    </message>
</context>
<context>
    <name>EnergyLane</name>
    <message>
        <source>Energy of the music: drag to draw it, double-click for the picture&apos;s own</source>
        <translation>音乐的能量：拖动即可绘制，双击恢复为画面自身的能量曲线</translation>
    </message>
</context>
<context>
    <name>FileLock</name>
    <message>
        <source>{name} was changed by another program since it was opened here ({change}); saving now would overwrite that change. Reopen it to build on that change, or save this version under another name</source>
        <translation>{name} 在这里打开之后被另一个程序改动过（{change}）；现在保存会覆盖那次改动。请重新打开它以便在那次改动的基础上继续，或把这个版本另存为别的名字</translation>
    </message>
    <message>
        <source>{name} is still being written by another program after {wait_s:g} s (its lock is {lock}); try again when it is done</source>
        <translation>{wait_s:g} 秒后 {name} 仍在被另一个程序写入（它的锁文件是 {lock}）；请等它完成后再试</translation>
    </message>
</context>
<context>
    <name>Fit</name>
    <message>
        <source>variation {variation:g} must be from 0 (repeats exact) to 1 (all new)</source>
        <translation>变化程度 {variation:g} 必须在 0（完全重复）到 1（全部新写）之间</translation>
    </message>
    <message>
        <source>a tempo range chooses the tempo for a length: give seconds too</source>
        <translation>速度范围是用来为指定长度选择速度的：请同时给出秒数</translation>
    </message>
    <message>
        <source>the form {form_text} has {form_bars} bars, not the {bars} asked: leave out the bars, or give the form other lengths</source>
        <translation>曲式 {form_text} 有 {form_bars} 小节，而不是要求的 {bars} 小节：请去掉小节数，或给曲式换一组长度</translation>
    </message>
    <message>
        <source>a length in seconds chooses the bars: leave out bars {bars}, or the length</source>
        <translation>以秒计的长度会自行决定小节数：请去掉小节数 {bars}，或去掉长度</translation>
    </message>
    <message>
        <source>a song without planned repeats (&apos;-&apos;) cannot be fitted: give a form</source>
        <translation>没有规划重复（&apos;-&apos;）的歌曲无法按长度调整：请给出曲式</translation>
    </message>
    <message>
        <source>a song of {seconds:g} s cannot be written: ask for {min_seconds:g} s to {max_seconds:g} minutes</source>
        <translation>无法写出 {seconds:g} 秒的歌曲：请要求 {min_seconds:g} 秒到 {max_seconds:g} 分钟之间的长度</translation>
    </message>
    <message>
        <source>tempo range {low:g}-{high:g} should be slowest-fastest, e.g. 90-130</source>
        <translation>速度范围 {low:g}-{high:g} 应按“最慢-最快”书写，例如 90-130</translation>
    </message>
</context>
<context>
    <name>FitCuts</name>
    <message>
        <source>a video of {duration_s:.2f} s is shorter than one bar at {high:g} BPM, the top of the tempo range {low:g}-{high:g}: score a video of at least {shortest:.1f} s</source>
        <translation>{duration_s:.2f} 秒的视频比速度范围 {low:g}-{high:g} 的上限 {high:g} BPM 下的一个小节还短：请为至少 {shortest:.1f} 秒的视频配乐</translation>
    </message>
    <message>
        <source>no bar layout fits {duration_s:.2f} s near the tempo range {low:g}-{high:g} BPM: choose another style or trim the video</source>
        <translation>在速度范围 {low:g}-{high:g} BPM 附近，没有哪种小节安排能对上 {duration_s:.2f} 秒：请换一种风格或剪短视频</translation>
    </message>
    <message>
        <source>the video needs more than {max_form_bars} bars: score a shorter video or a part</source>
        <translation>这个视频需要超过 {max_form_bars} 个小节：请为更短的视频或其中一部分配乐</translation>
    </message>
</context>
<context>
    <name>FormEdits</name>
    <message>
        <source>there is no section {0}: the song has %n section(s)</source>
        <translation>没有第 {0} 个段落：这首歌只有 %n 个段落</translation>
    </message>
    <message>
        <source>Add section &apos;{0}&apos; (bars {1}-{2})</source>
        <translation>添加段落“{0}”（第 {1}-{2} 小节）</translation>
    </message>
    <message>
        <source>Rename section &apos;{0}&apos; to &apos;{1}&apos;</source>
        <translation>将段落“{0}”重命名为“{1}”</translation>
    </message>
    <message>
        <source>Set section &apos;{0}&apos; to {1}</source>
        <translation>将段落“{0}”设为{1}</translation>
    </message>
    <message>
        <source>Reset energy of &apos;{0}&apos; to the {1} default</source>
        <translation>将段落“{0}”的能量恢复为{1}的默认值</translation>
    </message>
    <message>
        <source>Set energy of &apos;{0}&apos; to {1}%</source>
        <translation>将段落“{0}”的能量设为 {1}%</translation>
    </message>
    <message>
        <source>Move section &apos;{0}&apos; to bars {1}-{2}</source>
        <translation>将段落“{0}”移到第 {1}-{2} 小节</translation>
    </message>
    <message>
        <source>Resize section &apos;{0}&apos; to bars {1}-{2}</source>
        <translation>将段落“{0}”调整为第 {1}-{2} 小节</translation>
    </message>
    <message>
        <source>Delete section &apos;{0}&apos;</source>
        <translation>删除段落“{0}”</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <source>form {text!r} should be 1 to {max_parts} sections such as &apos;intro verse chorus verse chorus outro&apos; or &apos;verse:8 chorus:8&apos;</source>
        <translation>曲式 {text!r} 应由 1 到 {max_parts} 个段落组成，例如“intro verse chorus verse chorus outro”或“verse:8 chorus:8”</translation>
    </message>
    <message>
        <source>form {text!r} has {form_bars} bars, more than a new song&apos;s {max_form_bars}: use fewer or shorter sections</source>
        <translation>曲式 {text!r} 有 {form_bars} 小节，超过了新歌最多的 {max_form_bars} 小节：请减少段落或缩短段落</translation>
    </message>
    <message>
        <source>form word {word!r} should be a role with an optional length: &apos;verse:8&apos;</source>
        <translation>曲式中的词 {word!r} 应是段落类型，可带长度，例如“verse:8”</translation>
    </message>
    <message>
        <source>form word {word!r} is not a section: use a role ({roles}) or a strain letter A-H, or write one letter per phrase such as AABA</source>
        <translation>曲式中的词 {word!r} 不是段落：请用段落类型（{roles}）或 A-H 的乐段字母，或每个乐句写一个字母，例如 AABA</translation>
    </message>
    <message>
        <source>form word {word!r}: a section lasts 1 to {max_part_bars} bars</source>
        <translation>曲式中的词 {word!r}：一个段落长 1 到 {max_part_bars} 小节</translation>
    </message>
    <message>
        <source>{given} section energies were given for a form of {sections} sections: give one energy per section</source>
        <translation>给出了 {given} 个段落能量，但曲式有 {sections} 个段落：请为每个段落给出一个能量</translation>
    </message>
    <message>
        <source>section energy: {error}</source>
        <translation>段落能量：{error}</translation>
    </message>
    <message>
        <source>{name} has no forms for the style {missing!r}: add a [{missing}] table</source>
        <translation>{name} 中没有风格 {missing!r} 的曲式：请添加一个 [{missing}] 表</translation>
    </message>
</context>
<context>
    <name>GMInstruments</name>
    <message>
        <source>Acoustic Grand Piano</source>
        <translation>原声大钢琴</translation>
    </message>
    <message>
        <source>Bright Acoustic Piano</source>
        <translation>明亮原声钢琴</translation>
    </message>
    <message>
        <source>Electric Grand Piano</source>
        <translation>电子大钢琴</translation>
    </message>
    <message>
        <source>Honky-tonk Piano</source>
        <translation>酒吧钢琴</translation>
    </message>
    <message>
        <source>Electric Piano 1</source>
        <translation>电钢琴 1</translation>
    </message>
    <message>
        <source>Electric Piano 2</source>
        <translation>电钢琴 2</translation>
    </message>
    <message>
        <source>Harpsichord</source>
        <translation>大键琴</translation>
    </message>
    <message>
        <source>Clavinet</source>
        <translation>击弦古钢琴</translation>
    </message>
    <message>
        <source>Celesta</source>
        <translation>钢片琴</translation>
    </message>
    <message>
        <source>Glockenspiel</source>
        <translation>钟琴</translation>
    </message>
    <message>
        <source>Music Box</source>
        <translation>八音盒</translation>
    </message>
    <message>
        <source>Vibraphone</source>
        <translation>颤音琴</translation>
    </message>
    <message>
        <source>Marimba</source>
        <translation>马林巴</translation>
    </message>
    <message>
        <source>Xylophone</source>
        <translation>木琴</translation>
    </message>
    <message>
        <source>Tubular Bells</source>
        <translation>管钟</translation>
    </message>
    <message>
        <source>Dulcimer</source>
        <translation>扬琴</translation>
    </message>
    <message>
        <source>Drawbar Organ</source>
        <translation>拉杆风琴</translation>
    </message>
    <message>
        <source>Percussive Organ</source>
        <translation>打击式风琴</translation>
    </message>
    <message>
        <source>Rock Organ</source>
        <translation>摇滚风琴</translation>
    </message>
    <message>
        <source>Church Organ</source>
        <translation>教堂管风琴</translation>
    </message>
    <message>
        <source>Reed Organ</source>
        <translation>簧风琴</translation>
    </message>
    <message>
        <source>Accordion</source>
        <translation>手风琴</translation>
    </message>
    <message>
        <source>Harmonica</source>
        <translation>口琴</translation>
    </message>
    <message>
        <source>Tango Accordion</source>
        <translation>探戈手风琴</translation>
    </message>
    <message>
        <source>Acoustic Guitar (nylon)</source>
        <translation>尼龙弦吉他</translation>
    </message>
    <message>
        <source>Acoustic Guitar (steel)</source>
        <translation>钢弦吉他</translation>
    </message>
    <message>
        <source>Electric Guitar (jazz)</source>
        <translation>爵士电吉他</translation>
    </message>
    <message>
        <source>Electric Guitar (clean)</source>
        <translation>清音电吉他</translation>
    </message>
    <message>
        <source>Electric Guitar (muted)</source>
        <translation>闷音电吉他</translation>
    </message>
    <message>
        <source>Overdriven Guitar</source>
        <translation>过载吉他</translation>
    </message>
    <message>
        <source>Distortion Guitar</source>
        <translation>失真吉他</translation>
    </message>
    <message>
        <source>Guitar Harmonics</source>
        <translation>吉他泛音</translation>
    </message>
    <message>
        <source>Acoustic Bass</source>
        <translation>原声贝斯</translation>
    </message>
    <message>
        <source>Electric Bass (finger)</source>
        <translation>指弹电贝斯</translation>
    </message>
    <message>
        <source>Electric Bass (pick)</source>
        <translation>拨片电贝斯</translation>
    </message>
    <message>
        <source>Fretless Bass</source>
        <translation>无品贝斯</translation>
    </message>
    <message>
        <source>Slap Bass 1</source>
        <translation>击弦贝斯 1</translation>
    </message>
    <message>
        <source>Slap Bass 2</source>
        <translation>击弦贝斯 2</translation>
    </message>
    <message>
        <source>Synth Bass 1</source>
        <translation>合成贝斯 1</translation>
    </message>
    <message>
        <source>Synth Bass 2</source>
        <translation>合成贝斯 2</translation>
    </message>
    <message>
        <source>Violin</source>
        <translation>小提琴</translation>
    </message>
    <message>
        <source>Viola</source>
        <translation>中提琴</translation>
    </message>
    <message>
        <source>Cello</source>
        <translation>大提琴</translation>
    </message>
    <message>
        <source>Contrabass</source>
        <translation>低音提琴</translation>
    </message>
    <message>
        <source>Tremolo Strings</source>
        <translation>弦乐震音</translation>
    </message>
    <message>
        <source>Pizzicato Strings</source>
        <translation>弦乐拨奏</translation>
    </message>
    <message>
        <source>Orchestral Harp</source>
        <translation>竖琴</translation>
    </message>
    <message>
        <source>Timpani</source>
        <translation>定音鼓</translation>
    </message>
    <message>
        <source>String Ensemble 1</source>
        <translation>弦乐合奏 1</translation>
    </message>
    <message>
        <source>String Ensemble 2</source>
        <translation>弦乐合奏 2</translation>
    </message>
    <message>
        <source>Synth Strings 1</source>
        <translation>合成弦乐 1</translation>
    </message>
    <message>
        <source>Synth Strings 2</source>
        <translation>合成弦乐 2</translation>
    </message>
    <message>
        <source>Choir Aahs</source>
        <translation>合唱“啊”音</translation>
    </message>
    <message>
        <source>Voice Oohs</source>
        <translation>人声“哦”音</translation>
    </message>
    <message>
        <source>Synth Voice</source>
        <translation>合成人声</translation>
    </message>
    <message>
        <source>Orchestra Hit</source>
        <translation>管弦乐齐奏</translation>
    </message>
    <message>
        <source>Trumpet</source>
        <translation>小号</translation>
    </message>
    <message>
        <source>Trombone</source>
        <translation>长号</translation>
    </message>
    <message>
        <source>Tuba</source>
        <translation>大号</translation>
    </message>
    <message>
        <source>Muted Trumpet</source>
        <translation>弱音小号</translation>
    </message>
    <message>
        <source>French Horn</source>
        <translation>圆号</translation>
    </message>
    <message>
        <source>Brass Section</source>
        <translation>铜管组</translation>
    </message>
    <message>
        <source>Synth Brass 1</source>
        <translation>合成铜管 1</translation>
    </message>
    <message>
        <source>Synth Brass 2</source>
        <translation>合成铜管 2</translation>
    </message>
    <message>
        <source>Soprano Sax</source>
        <translation>高音萨克斯</translation>
    </message>
    <message>
        <source>Alto Sax</source>
        <translation>中音萨克斯</translation>
    </message>
    <message>
        <source>Tenor Sax</source>
        <translation>次中音萨克斯</translation>
    </message>
    <message>
        <source>Baritone Sax</source>
        <translation>上低音萨克斯</translation>
    </message>
    <message>
        <source>Oboe</source>
        <translation>双簧管</translation>
    </message>
    <message>
        <source>English Horn</source>
        <translation>英国管</translation>
    </message>
    <message>
        <source>Bassoon</source>
        <translation>大管</translation>
    </message>
    <message>
        <source>Clarinet</source>
        <translation>单簧管</translation>
    </message>
    <message>
        <source>Piccolo</source>
        <translation>短笛</translation>
    </message>
    <message>
        <source>Flute</source>
        <translation>长笛</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>竖笛</translation>
    </message>
    <message>
        <source>Pan Flute</source>
        <translation>排箫</translation>
    </message>
    <message>
        <source>Blown Bottle</source>
        <translation>吹瓶</translation>
    </message>
    <message>
        <source>Shakuhachi</source>
        <translation>尺八</translation>
    </message>
    <message>
        <source>Whistle</source>
        <translation>口哨</translation>
    </message>
    <message>
        <source>Ocarina</source>
        <translation>陶笛</translation>
    </message>
    <message>
        <source>Lead 1 (square)</source>
        <translation>主音 1（方波）</translation>
    </message>
    <message>
        <source>Lead 2 (sawtooth)</source>
        <translation>主音 2（锯齿波）</translation>
    </message>
    <message>
        <source>Lead 3 (calliope)</source>
        <translation>主音 3（汽笛风琴）</translation>
    </message>
    <message>
        <source>Lead 4 (chiff)</source>
        <translation>主音 4（吹管）</translation>
    </message>
    <message>
        <source>Lead 5 (charang)</source>
        <translation>主音 5（吉他）</translation>
    </message>
    <message>
        <source>Lead 6 (voice)</source>
        <translation>主音 6（人声）</translation>
    </message>
    <message>
        <source>Lead 7 (fifths)</source>
        <translation>主音 7（五度）</translation>
    </message>
    <message>
        <source>Lead 8 (bass + lead)</source>
        <translation>主音 8（贝斯加主音）</translation>
    </message>
    <message>
        <source>Pad 1 (new age)</source>
        <translation>铺底 1（新世纪）</translation>
    </message>
    <message>
        <source>Pad 2 (warm)</source>
        <translation>铺底 2（温暖）</translation>
    </message>
    <message>
        <source>Pad 3 (polysynth)</source>
        <translation>铺底 3（复音合成）</translation>
    </message>
    <message>
        <source>Pad 4 (choir)</source>
        <translation>铺底 4（合唱）</translation>
    </message>
    <message>
        <source>Pad 5 (bowed)</source>
        <translation>铺底 5（弓弦）</translation>
    </message>
    <message>
        <source>Pad 6 (metallic)</source>
        <translation>铺底 6（金属）</translation>
    </message>
    <message>
        <source>Pad 7 (halo)</source>
        <translation>铺底 7（光环）</translation>
    </message>
    <message>
        <source>Pad 8 (sweep)</source>
        <translation>铺底 8（扫频）</translation>
    </message>
    <message>
        <source>FX 1 (rain)</source>
        <translation>效果 1（雨声）</translation>
    </message>
    <message>
        <source>FX 2 (soundtrack)</source>
        <translation>效果 2（电影音效）</translation>
    </message>
    <message>
        <source>FX 3 (crystal)</source>
        <translation>效果 3（水晶）</translation>
    </message>
    <message>
        <source>FX 4 (atmosphere)</source>
        <translation>效果 4（氛围）</translation>
    </message>
    <message>
        <source>FX 5 (brightness)</source>
        <translation>效果 5（明亮）</translation>
    </message>
    <message>
        <source>FX 6 (goblins)</source>
        <translation>效果 6（魅影）</translation>
    </message>
    <message>
        <source>FX 7 (echoes)</source>
        <translation>效果 7（回声）</translation>
    </message>
    <message>
        <source>FX 8 (sci-fi)</source>
        <translation>效果 8（科幻）</translation>
    </message>
    <message>
        <source>Sitar</source>
        <translation>西塔琴</translation>
    </message>
    <message>
        <source>Banjo</source>
        <translation>班卓琴</translation>
    </message>
    <message>
        <source>Shamisen</source>
        <translation>三味线</translation>
    </message>
    <message>
        <source>Koto</source>
        <translation>日本筝</translation>
    </message>
    <message>
        <source>Kalimba</source>
        <translation>卡林巴</translation>
    </message>
    <message>
        <source>Bagpipe</source>
        <translation>风笛</translation>
    </message>
    <message>
        <source>Fiddle</source>
        <translation>民间小提琴</translation>
    </message>
    <message>
        <source>Shanai</source>
        <translation>沙奈管</translation>
    </message>
    <message>
        <source>Tinkle Bell</source>
        <translation>叮当铃</translation>
    </message>
    <message>
        <source>Agogo</source>
        <translation>阿哥哥铃</translation>
    </message>
    <message>
        <source>Steel Drums</source>
        <translation>钢鼓</translation>
    </message>
    <message>
        <source>Woodblock</source>
        <translation>木鱼</translation>
    </message>
    <message>
        <source>Taiko Drum</source>
        <translation>太鼓</translation>
    </message>
    <message>
        <source>Melodic Tom</source>
        <translation>旋律嗵鼓</translation>
    </message>
    <message>
        <source>Synth Drum</source>
        <translation>合成鼓</translation>
    </message>
    <message>
        <source>Reverse Cymbal</source>
        <translation>反向镲</translation>
    </message>
    <message>
        <source>Guitar Fret Noise</source>
        <translation>吉他擦弦声</translation>
    </message>
    <message>
        <source>Breath Noise</source>
        <translation>呼吸声</translation>
    </message>
    <message>
        <source>Seashore</source>
        <translation>海浪声</translation>
    </message>
    <message>
        <source>Bird Tweet</source>
        <translation>鸟鸣</translation>
    </message>
    <message>
        <source>Telephone Ring</source>
        <translation>电话铃</translation>
    </message>
    <message>
        <source>Helicopter</source>
        <translation>直升机</translation>
    </message>
    <message>
        <source>Applause</source>
        <translation>掌声</translation>
    </message>
    <message>
        <source>Gunshot</source>
        <translation>枪声</translation>
    </message>
    <message>
        <source>{number} {name}</source>
        <translation>{number} {name}</translation>
    </message>
</context>
<context>
    <name>Gm</name>
    <message>
        <source>program {program} is outside General MIDI&apos;s 0-127</source>
        <translation>音色号 {program} 超出了 General MIDI 的 0-127</translation>
    </message>
    <message>
        <source>no General MIDI instrument is called {text!r}: use a number from 0 to 127 or part of a name such as &apos;violin&apos;, &apos;piano&apos;, &apos;choir&apos; or &apos;flute&apos; (or &apos;drums&apos; for a drum kit)</source>
        <translation>没有叫 {text!r} 的 General MIDI 乐器：请用 0 到 127 的数字，或名称的一部分，例如“violin”“piano”“choir”“flute”（鼓组用“drums”）</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Auto, e.g. {example}</source>
        <translation>自动，例如 {example}</translation>
    </message>
    <message>
        <source>Choice of notes (top-p)</source>
        <translation>音符选择范围（top-p）</translation>
    </message>
    <message>
        <source>Chords</source>
        <translation>和弦</translation>
    </message>
    <message>
        <source>Do the last change again with a fresh idea, as a new take (Undo goes back)</source>
        <translation>用新的想法把上一次改动再做一遍，作为新版本（撤销可回到原样）</translation>
    </message>
    <message>
        <source>How adventurous</source>
        <translation>大胆程度</translation>
    </message>
    <message>
        <source>How far Nudge moves the bars: a touch, or a big change</source>
        <translation>微调改动小节的幅度：轻轻一动，或大改</translation>
    </message>
    <message>
        <source>How hard the notes are played, from 1 (softest) to 127 (loudest)</source>
        <translation>音符弹奏的力度，从 1（最轻）到 127（最响）</translation>
    </message>
    <message>
        <source>How many notes each new bar has: more makes a busier part</source>
        <translation>每个新小节的音符数：越多声部越密集</translation>
    </message>
    <message>
        <source>How many of the likely next notes are considered: lower keeps only the obvious choices, 1.0 allows rare ones too</source>
        <translation>考虑多少个可能的下一个音：越低只保留最常见的选择，1.0 也允许少见的音</translation>
    </message>
    <message>
        <source>How many separate moments per bar notes start on: low is long, held notes; high is a quick, choppy rhythm</source>
        <translation>每小节有多少个起音点：低则多为长音，高则节奏快而碎</translation>
    </message>
    <message>
        <source>How much</source>
        <translation>幅度</translation>
    </message>
    <message>
        <source>Keep every new note in this key or scale</source>
        <translation>让所有新音符都保持在这个调或音阶内</translation>
    </message>
    <message>
        <source>Key or scale</source>
        <translation>调或音阶</translation>
    </message>
    <message>
        <source>Loudness</source>
        <translation>力度</translation>
    </message>
    <message>
        <source>Low plays it safe and predictable; high takes more surprising turns (1.0 is the usual)</source>
        <translation>低则稳妥、可预料；高则更多出人意料的变化（通常为 1.0）</translation>
    </message>
    <message>
        <source>Notes at once</source>
        <translation>同时发声的音数</translation>
    </message>
    <message>
        <source>Notes per bar</source>
        <translation>每小节音符数</translation>
    </message>
    <message>
        <source>Nudge</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Pitch range</source>
        <translation>音域</translation>
    </message>
    <message>
        <source>Rhythm</source>
        <translation>节奏</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Settings to make a result again exactly, or to fine-tune how notes are chosen</source>
        <translation>用于精确重现结果，或细调音符选择方式的设置</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <source>The chords to play over, one per bar, repeated if short</source>
        <translation>伴奏和弦，每小节一个，不够时循环使用</translation>
    </message>
    <message>
        <source>The lowest and highest notes the part may use</source>
        <translation>这个声部可以使用的最低音和最高音</translation>
    </message>
    <message>
        <source>The most notes sounding together: 1 keeps a single line, more allows chords</source>
        <translation>最多同时发声的音数：1 为单旋律，更多则允许和弦</translation>
    </message>
    <message>
        <source>The number behind the next idea: the same number on the same song gives the same notes again</source>
        <translation>下一个想法背后的编号：同一首歌用同一个编号会得到相同的音符</translation>
    </message>
    <message>
        <source>The song&apos;s style: everything written from now on follows it (you can undo this)</source>
        <translation>歌曲风格：此后写出的所有内容都遵循它（可以撤销）</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
    <message>
        <source>Which way Nudge moves the selected bars</source>
        <translation>微调改动所选小节的方向</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent} %</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>{label} (no percentage yet)</source>
        <translation>{label}（暂无进度百分比）</translation>
    </message>
    <message>
        <source>{label} {percent}%</source>
        <translation>{label} {percent}%</translation>
    </message>
</context>
<context>
    <name>JsonFields</name>
    <message>
        <source>{value} must be a JSON object, got {kind}</source>
        <translation>{value} 必须是 JSON 对象，实际是 {kind}</translation>
    </message>
    <message>
        <source>{where} is missing</source>
        <translation>缺少 {where}</translation>
    </message>
    <message>
        <source>{where} must be {names}, got {item!r}</source>
        <translation>{where} 必须是 {names}，实际是 {item!r}</translation>
    </message>
    <message>
        <source>{where} must be {names}, got {kind}</source>
        <translation>{where} 必须是 {names}，实际是 {kind}</translation>
    </message>
    <message>
        <source>{at} is not a field this version knows</source>
        <translation>{at} 不是这个版本认识的字段</translation>
    </message>
    <message>
        <source>{path} must be {shape}</source>
        <translation>{path} 必须是 {shape}</translation>
    </message>
    <message>
        <source>{path}: {err}</source>
        <translation>{path}：{err}</translation>
    </message>
</context>
<context>
    <name>KeyBox</name>
    <message>
        <source>Key: {key}</source>
        <translation>调：{key}</translation>
    </message>
    <message>
        <source>Major keys</source>
        <translation>大调</translation>
    </message>
    <message>
        <source>{tonic} dorian</source>
        <translation>{tonic} 多利亚调式</translation>
    </message>
    <message>
        <source>{tonic} phrygian</source>
        <translation>{tonic} 弗里几亚调式</translation>
    </message>
    <message>
        <source>{tonic} lydian</source>
        <translation>{tonic} 利底亚调式</translation>
    </message>
    <message>
        <source>{tonic} mixolydian</source>
        <translation>{tonic} 混合利底亚调式</translation>
    </message>
    <message>
        <source>Minor keys</source>
        <translation>小调</translation>
    </message>
    <message>
        <source>No key</source>
        <translation>无调</translation>
    </message>
    <message>
        <source>Modes</source>
        <translation>调式</translation>
    </message>
    <message>
        <source>Dorian</source>
        <translation>多利亚调式</translation>
    </message>
    <message>
        <source>Phrygian</source>
        <translation>弗里几亚调式</translation>
    </message>
    <message>
        <source>Lydian</source>
        <translation>利底亚调式</translation>
    </message>
    <message>
        <source>Mixolydian</source>
        <translation>混合利底亚调式</translation>
    </message>
    <message>
        <source>Set key to {key}</source>
        <translation>将调设为 {key}</translation>
    </message>
    <message>
        <source>The song&apos;s key: what the model composes in next and what a MIDI file tells other programs. The notes already written stay as they are.</source>
        <translation>歌曲的调：模型接下来按这个调作曲，MIDI 文件也会把它告诉其他软件。已写好的音符保持不变。</translation>
    </message>
    <message>
        <source>{tonic} major</source>
        <translation>{tonic} 大调</translation>
    </message>
    <message>
        <source>{tonic} minor</source>
        <translation>{tonic} 小调</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Takes effect when Tessera restarts</source>
        <translation>重新启动 Tessera 后生效</translation>
    </message>
</context>
<context>
    <name>LiveMusic</name>
    <message>
        <source>live mode {mode!r} is unknown: use {choices}</source>
        <translation>未知的实时模式 {mode!r}：请用 {choices}</translation>
    </message>
    <message>
        <source>live sound {sound!r} is unknown: use {choices}</source>
        <translation>未知的实时音色 {sound!r}：请用 {choices}</translation>
    </message>
    <message>
        <source>live tempo {tempo_bpm} BPM must be from 20 to 300</source>
        <translation>实时速度 {tempo_bpm} BPM 必须在 20 到 300 之间</translation>
    </message>
    <message>
        <source>an answer needs at least 1 bar, got {answer_bars}</source>
        <translation>回应至少需要 1 小节，实际是 {answer_bars}</translation>
    </message>
    <message>
        <source>pause and look-ahead must be more than 0 beats</source>
        <translation>停顿和预读必须大于 0 拍</translation>
    </message>
</context>
<context>
    <name>LivePanel</name>
    <message>
        <source>Answer bars</source>
        <translation>应答小节数</translation>
    </message>
    <message>
        <source>Detect from playing</source>
        <translation>根据演奏识别</translation>
    </message>
    <message>
        <source>Follow MIDI clock</source>
        <translation>跟随 MIDI 时钟</translation>
    </message>
    <message>
        <source>General MIDI (SoundFont)</source>
        <translation>通用 MIDI（SoundFont）</translation>
    </message>
    <message>
        <source>Hear my keys through the synth</source>
        <translation>通过合成器听我弹的音</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>调</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Play the keys you press through the Tessera synth too</source>
        <translation>你按下的键也通过 Tessera 合成器发声</translation>
    </message>
    <message>
        <source>Record into the song</source>
        <translation>录入歌曲</translation>
    </message>
    <message>
        <source>Refresh ports</source>
        <translation>刷新端口</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>音色</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Take the tempo and Start from the keyboard port&apos;s MIDI clock</source>
        <translation>从键盘端口的 MIDI 时钟获取速度和开始信号</translation>
    </message>
    <message>
        <source>Tempo (BPM)</source>
        <translation>速度（BPM）</translation>
    </message>
    <message>
        <source>Tessera synth</source>
        <translation>Tessera 合成器</translation>
    </message>
    <message>
        <source>Tessera timbre</source>
        <translation>Tessera 音色</translation>
    </message>
    <message>
        <source>The song&apos;s key</source>
        <translation>歌曲的调</translation>
    </message>
    <message>
        <source>What the Tessera synth plays your keys and the answers with. Tessera timbre: the timbre model&apos;s sound. General MIDI (SoundFont): the standard General MIDI sound set. A MIDI output plays its own sounds.</source>
        <translation>Tessera 合成器用什么声音演奏你弹的音和应答。Tessera 音色：音色模型的声音。通用 MIDI（SoundFont）：标准的通用 MIDI 音色库。MIDI 输出则使用其自身的声音。</translation>
    </message>
    <message>
        <source>accompany</source>
        <translation>伴奏</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>应答</translation>
    </message>
    <message>
        <source>continue</source>
        <translation>续写</translation>
    </message>
    <message>
        <source>last note to answer: {latency}; notes late: {late}/{sent}</source>
        <translation>从最后一个音到应答：{latency}；迟到的音符：{late}/{sent}</translation>
    </message>
    <message>
        <source>model %v ms</source>
        <translation>模型 %v 毫秒</translation>
    </message>
    <message>
        <source>no MIDI keyboard or output found: connect one and refresh</source>
        <translation>没有找到 MIDI 键盘或输出：请连接后刷新</translation>
    </message>
    <message>
        <source>not playing</source>
        <translation>未在演奏</translation>
    </message>
    <message>
        <source>{ms} ms</source>
        <translation>{ms} 毫秒</translation>
    </message>
</context>
<context>
    <name>LivePorts</name>
    <message>
        <source>the MIDI {port} did not answer within {timeout_s:g} s while {what}, so it was let go: check that the device is connected and its MIDI system (ALSA or JACK) is running, then try again</source>
        <translation>MIDI {port} 在{what}时 {timeout_s:g} 秒内没有响应，已将其释放：请检查设备已连接、MIDI 系统（ALSA 或 JACK）正在运行，然后重试</translation>
    </message>
    <message>
        <source>there is no MIDI {kind} named {name!r}; the {kind}s are: {shown}</source>
        <translation>没有名为 {name!r} 的 MIDI {kind}；现有的{kind}有：{shown}</translation>
    </message>
    <message>
        <source>live MIDI needs python-rtmidi, which is not installed: pip install python-rtmidi</source>
        <translation>实时 MIDI 需要 python-rtmidi，但它没有安装：pip install python-rtmidi</translation>
    </message>
    <message>
        <source>no MIDI system is available ({err}): on Linux load the ALSA sequencer (modprobe snd-seq) or start JACK (jackd -d dummy); on Windows and macOS check that the keyboard&apos;s driver is installed</source>
        <translation>没有可用的 MIDI 系统（{err}）：在 Linux 上请加载 ALSA 音序器（modprobe snd-seq）或启动 JACK（jackd -d dummy）；在 Windows 和 macOS 上请确认键盘的驱动已安装</translation>
    </message>
</context>
<context>
    <name>LiveRecording</name>
    <message>
        <source>Live player</source>
        <translation>现场演奏</translation>
    </message>
    <message>
        <source>Live {voice}</source>
        <translation>现场{voice}</translation>
    </message>
    <message>
        <source>Live answer</source>
        <translation>现场应答</translation>
    </message>
</context>
<context>
    <name>LiveRig</name>
    <message>
        <source>no MIDI clock arrived on {input_name!r} within {seconds:g} s: start the clock in the DAW or drum machine, or give a tempo with --bpm</source>
        <translation>{seconds:g} 秒内 {input_name!r} 上没有收到 MIDI 时钟：请在 DAW 或鼓机里启动时钟，或用 --bpm 指定速度</translation>
    </message>
</context>
<context>
    <name>LiveSynth</name>
    <message>
        <source>the audio device refused to start ({err})</source>
        <translation>音频设备拒绝启动（{err}）</translation>
    </message>
</context>
<context>
    <name>LiveVoices</name>
    <message>
        <source>the synth needs at least one voice, got {voices}</source>
        <translation>合成器至少需要一个发声数，实际是 {voices}</translation>
    </message>
</context>
<context>
    <name>MainToolbar</name>
    <message>
        <source>Add Track</source>
        <translation>添加音轨</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>续写</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>没有可重做的操作</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Redo {operation} (Ctrl+Shift+Z)</source>
        <translation>重做“{operation}”（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo {operation} (Ctrl+Z)</source>
        <translation>撤销“{operation}”（Ctrl+Z）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Add Track…</source>
        <translation>添加音轨(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Compose</source>
        <translation>作曲(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Continue…</source>
        <translation>续写(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Delete Notes in Cells</source>
        <translation>删除格子中的音符(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Export MIDI…</source>
        <translation>导出 MIDI(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;New Song…</source>
        <translation>新建歌曲(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Nudge</source>
        <translation>微调(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Score a &amp;Video…</source>
        <translation>为视频配乐(&amp;V)…</translation>
    </message>
    <message>
        <source>Export Scored Vi&amp;deo…</source>
        <translation>导出配乐视频(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Redo {operation}</source>
        <translation>重做“{operation}”(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation>重新生成(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Start Screen</source>
        <translation>开始页面(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Transport</source>
        <translation>播放控制(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo {operation}</source>
        <translation>撤销“{operation}”(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>About the &amp;Models</source>
        <translation>关于模型(&amp;M)</translation>
    </message>
    <message>
        <source>Add track</source>
        <translation>添加音轨</translation>
    </message>
    <message>
        <source>Audio to &amp;Notes…</source>
        <translation>音频转音符(&amp;N)…</translation>
    </message>
    <message>
        <source>Bars to add</source>
        <translation>要添加的小节数</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cannot restore take {number}: {error}</source>
        <translation>无法恢复版本 {number}：{error}</translation>
    </message>
    <message>
        <source>Check &amp;Originality</source>
        <translation>检查原创性(&amp;O)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>续写</translation>
    </message>
    <message>
        <source>Edit notes</source>
        <translation>编辑音符</translation>
    </message>
    <message>
        <source>Export &amp;Audio…</source>
        <translation>导出音频(&amp;A)…</translation>
    </message>
    <message>
        <source>Guided &amp;Tour</source>
        <translation>新手导览(&amp;T)</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>乐器</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时演奏</translation>
    </message>
    <message>
        <source>New Song from &amp;Description…</source>
        <translation>根据描述新建歌曲(&amp;D)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Originality</source>
        <translation>原创性</translation>
    </message>
    <message>
        <source>Piano</source>
        <translation>钢琴</translation>
    </message>
    <message>
        <source>Re-ro&amp;ll</source>
        <translation>重掷(&amp;L)</translation>
    </message>
    <message>
        <source>Record live</source>
        <translation>实时录制</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Takes</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Timbre</source>
        <translation>音色</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>音轨</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>kept %n note(s) ringing into a locked bar (unlock it to clear them)</source>
        <translation>保留了 %n 个延续到锁定小节的音符（解锁该小节即可清除）</translation>
    </message>
    <message>
        <source>restored take {number}</source>
        <translation>已恢复版本 {number}</translation>
    </message>
    <message>
        <source>still busy with {job}: wait or cancel it first</source>
        <translation>仍在处理“{job}”：请等待或先取消</translation>
    </message>
    <message>
        <source>unsaved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>{title} ({file}) — Tessera</source>
        <translation>{title}（{file}）— Tessera</translation>
    </message>
    <message>
        <source>Clear %n cell(s)</source>
        <translation>清空 %n 个格子</translation>
    </message>
</context>
<context>
    <name>MidiDragButton</name>
    <message>
        <source>Drag MIDI</source>
        <translation>拖出 MIDI</translation>
    </message>
    <message>
        <source>Drag the selected cells (or the whole song) into a DAW as a .mid file</source>
        <translation>把所选格子（或整首歌）作为 .mid 文件拖进 DAW</translation>
    </message>
</context>
<context>
    <name>MidiEvents</name>
    <message>
        <source>{count} {kind} (first: track {track}, tick {tick})</source>
        <translation>{kind}：{count} 处（首次出现：音轨 {track}，tick {tick}）</translation>
    </message>
    <message>
        <source>{name} is truncated: it holds {data_count} bytes, fewer than a MIDI header&apos;s 14; re-export it</source>
        <translation>{name} 被截断了：它只有 {data_count} 字节，不到 MIDI 文件头所需的 14 字节；请重新导出</translation>
    </message>
    <message>
        <source>{name} is corrupted: its header chunk says it is {length} bytes long, where a MIDI header is 6 (and the file holds {data_count} bytes); re-export it</source>
        <translation>{name} 已损坏：它的文件头块声明长度为 {length} 字节，而 MIDI 文件头应为 6 字节（文件共 {data_count} 字节）；请重新导出</translation>
    </message>
    <message>
        <source>{name} declares MIDI format {file_type}; MIDI files are format 0, 1 or 2: it is corrupted or not a standard MIDI file</source>
        <translation>{name} 声明的 MIDI 格式是 {file_type}；MIDI 文件只有格式 0、1、2：它已损坏或不是标准 MIDI 文件</translation>
    </message>
    <message>
        <source>{name} declares SMPTE timing of {code} frames per second and {ticks_per_frame} ticks per frame; only 24, 25, 29.97 and 30 frames with at least one tick each exist: the header is corrupted</source>
        <translation>{name} 声明的 SMPTE 计时为每秒 {code} 帧、每帧 {ticks_per_frame} 个 tick；只存在 24、25、29.97 和 30 帧且每帧至少一个 tick：文件头已损坏</translation>
    </message>
    <message>
        <source>{name} declares 0 ticks per quarter note; it is corrupted</source>
        <translation>{name} 声明每个四分音符 0 个 tick；它已损坏</translation>
    </message>
    <message>
        <source>unknown &apos;{chunk}&apos; chunks skipped</source>
        <translation>已跳过未知的“{chunk}”块</translation>
    </message>
    <message>
        <source>{name} is corrupted: {where}, at byte {position}, comes neither a track nor any other chunk (a chunk length is probably wrong); re-export it</source>
        <translation>{name} 已损坏：{where}之后、第 {position} 字节处既不是音轨也不是其他块（很可能某个块长度有误）；请重新导出</translation>
    </message>
    <message>
        <source>{name} is corrupted: track {index}, tick {tick}: data byte 0x{status:02X} comes before any status byte; re-export it</source>
        <translation>{name} 已损坏：音轨 {index}，tick {tick}：数据字节 0x{status:02X} 出现在任何状态字节之前；请重新导出</translation>
    </message>
    <message>
        <source>data bytes above 127 clamped to 127</source>
        <translation>大于 127 的数据字节已限制为 127</translation>
    </message>
    <message>
        <source>SysEx messages dropped (device settings Tessera cannot hold)</source>
        <translation>已丢弃 SysEx 消息（Tessera 无法保存的设备设置）</translation>
    </message>
    <message>
        <source>system messages (not allowed in a file) skipped</source>
        <translation>已跳过系统消息（文件中不允许出现）</translation>
    </message>
</context>
<context>
    <name>MidiModel</name>
    <message>
        <source>{path}: architecture asks for a key/value cache of {cache_bytes:.1f} GiB and logits of {logits_bytes:.1f} GiB (n_layer x n_embd x block_size, block_size x vocab_size); the most this Tessera allocates is {max_array_bytes:g} GiB: {fix}</source>
        <translation>{path}：模型结构需要 {cache_bytes:.1f} GiB 的键值缓存和 {logits_bytes:.1f} GiB 的 logits（n_layer x n_embd x block_size，block_size x vocab_size）；这个 Tessera 最多分配 {max_array_bytes:g} GiB：{fix}</translation>
    </message>
    <message>
        <source>cannot keep {length} of {length_2} cached positions</source>
        <translation>无法保留 {length_2} 个缓存位置中的 {length} 个</translation>
    </message>
    <message>
        <source>the model in {folder} was trained with tokenizer {tokenizer_version!r}, but this Tessera uses {tokenizer_version_2!r}: install the model that ships with this version</source>
        <translation>{folder} 中的模型是用分词器 {tokenizer_version!r} 训练的，但这个 Tessera 使用 {tokenizer_version_2!r}：请安装与此版本一同发布的模型</translation>
    </message>
    <message>
        <source>{onnx_path} takes inputs {found}, but this Tessera drives a graph with {expected}: the model was exported for another version; re-export it with python -m models.midi.export</source>
        <translation>{onnx_path} 的输入是 {found}，但这个 Tessera 驱动的计算图需要 {expected}：模型是为另一个版本导出的；请用 python -m models.midi.export 重新导出</translation>
    </message>
    <message>
        <source>{onnx_path} takes {name} of shape {shape}, but its card says {cache_shape} (n_head, block_size, n_embd / n_head): {rebuild}</source>
        <translation>{onnx_path} 接收形状为 {shape} 的 {name}，但它的说明卡写的是 {cache_shape}（n_head, block_size, n_embd / n_head）：{rebuild}</translation>
    </message>
    <message>
        <source>context of {length} tokens exceeds the model&apos;s {block_size}; the caller must shorten the prompt</source>
        <translation>{length} 个词元的上下文超过了模型的 {block_size}；调用方必须缩短提示</translation>
    </message>
</context>
<context>
    <name>MidiNotes</name>
    <message>
        <source>polyphonic aftertouch events dropped</source>
        <translation>已丢弃复音触后事件</translation>
    </message>
    <message>
        <source>duplicate note-ons merged into one note</source>
        <translation>重复的音符开始已合并为一个音符</translation>
    </message>
    <message>
        <source>re-struck notes split (a note-on on a sounding note ends it)</source>
        <translation>重复敲击的音符已拆分（在正在发声的音上再次按下会结束它）</translation>
    </message>
    <message>
        <source>note-offs with no note sounding ignored</source>
        <translation>已忽略没有对应发声音符的音符结束</translation>
    </message>
    <message>
        <source>notes without a note-off ended where their track ends</source>
        <translation>没有音符结束的音符已在其音轨结尾处结束</translation>
    </message>
</context>
<context>
    <name>MidiReader</name>
    <message>
        <source>{name} holds only a MIDI header and no tracks (the header declares {declared_tracks}{skipped}): the file is truncated or was never finished; re-export it</source>
        <translation>{name} 只有 MIDI 文件头而没有音轨（文件头声明了 {declared_tracks}{skipped}）：文件被截断或从未写完；请重新导出</translation>
    </message>
    <message>
        <source>{count} {kind}</source>
        <translation>{kind}：{count} 处</translation>
    </message>
    <message>
        <source>names and texts read as {encoding} (they are not UTF-8)</source>
        <translation>名称和文本按 {encoding} 读取（它们不是 UTF-8）</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes): it is not a MIDI file</source>
        <translation>{name} 是空的（0 字节）：它不是 MIDI 文件</translation>
    </message>
    <message>
        <source>{name} is not a MIDI file (it does not start with the &apos;MThd&apos; header); choose a .mid file exported from a DAW or notation program</source>
        <translation>{name} 不是 MIDI 文件（它不是以“MThd”文件头开头）；请选择从 DAW 或打谱软件导出的 .mid 文件</translation>
    </message>
    <message>
        <source>the header declares {declared} tracks and the file holds {held}: all {held} read</source>
        <translation>文件头声明了 {declared} 条音轨，文件中有 {held} 条：已全部读取 {held} 条</translation>
    </message>
    <message>
        <source>SMPTE timing ({frames:g} frames of {ticks} ticks per second) converted to 120 BPM</source>
        <translation>SMPTE 计时（每秒 {frames:g} 帧，每帧 {ticks} 个 tick）已转换为 120 BPM</translation>
    </message>
    <message>
        <source>type-2 file: its {patterns} patterns are laid end to end</source>
        <translation>格式 2 文件：它的 {patterns} 个模式已首尾相接排列</translation>
    </message>
    <message>
        <source>{name} has an event at tick {music_end:,} (at {ppq} per quarter), past the {max_tick:,} a song can hold: a delta time in it is corrupted; re-export it</source>
        <translation>{name} 在 tick {music_end:,}（每四分音符 {ppq}）处有事件，超过了歌曲能容纳的 {max_tick:,}：其中某个时间增量已损坏；请重新导出</translation>
    </message>
    <message>
        <source>{name} would need {bars:,} bars to reach its last event (tick {music_end:,}), more than the {max_bar_count:,} a song can hold: an event lies far past the music (a corrupted delta time or meter); re-export it</source>
        <translation>{name} 需要 {bars:,} 小节才能到达最后一个事件（tick {music_end:,}），超过了歌曲能容纳的 {max_bar_count:,} 小节：有事件远在音乐之后（时间增量或拍号已损坏）；请重新导出</translation>
    </message>
    <message>
        <source>{name} holds no notes that could be read ({repairs}): it is damaged; re-export it</source>
        <translation>{name} 中没有能读出的音符（{repairs}）：它已损坏；请重新导出</translation>
    </message>
    <message>
        <source>{name} is a valid MIDI file but holds no notes: nothing to import</source>
        <translation>{name} 是有效的 MIDI 文件，但没有任何音符：没有可导入的内容</translation>
    </message>
    <message>
        <source>{name} holds {notes:,} notes, more than the {max_notes:,} Tessera opens; split it into smaller files</source>
        <translation>{name} 有 {notes:,} 个音符，超过了 Tessera 能打开的 {max_notes:,} 个；请拆成几个小文件</translation>
    </message>
    <message>
        <source>{name} holds {parts_count:,} tracks (one per channel of each file track), more than the {max_tracks:,} Tessera opens; merge or split it in a DAW first</source>
        <translation>{name} 有 {parts_count:,} 条音轨（每个文件音轨的每个通道一条），超过了 Tessera 能打开的 {max_tracks:,} 条；请先在 DAW 中合并或拆分</translation>
    </message>
    <message>
        <source>controller events on channels without notes dropped</source>
        <translation>已丢弃没有音符的通道上的控制器事件</translation>
    </message>
    <message>
        <source>texts after the last bar dropped</source>
        <translation>已丢弃最后一小节之后的文本</translation>
    </message>
    <message>
        <source>{name} holds something Tessera cannot represent: {err}</source>
        <translation>{name} 含有 Tessera 无法表示的内容：{err}</translation>
    </message>
</context>
<context>
    <name>MidiWriter</name>
    <message>
        <source>the song has no tracks: add a track before exporting MIDI</source>
        <translation>歌曲没有音轨：导出 MIDI 前请先添加一条音轨</translation>
    </message>
    <message>
        <source>cannot write {name}: {strerror}</source>
        <translation>无法写入 {name}：{strerror}</translation>
    </message>
    <message>
        <source>{tracks} melodic tracks but MIDI has {channels} melodic channels: tracks of one instrument share a channel, and some DAWs will merge them</source>
        <translation>有 {tracks} 条旋律音轨，但 MIDI 只有 {channels} 个旋律通道：同一乐器的音轨会共用一个通道，有些 DAW 会把它们合并</translation>
    </message>
    <message>
        <source>{warning}; {instruments} instruments do not fit, so {wrong} tracks share a channel with another instrument and play with its sound</source>
        <translation>{warning}；有 {instruments} 种乐器放不下，所以有 {wrong} 条音轨要与其他乐器共用通道，并用那个乐器的音色发声</translation>
    </message>
    <message>
        <source>the song is {end_tick:,} ticks long, more than the {max_tick:,} a MIDI file can be read back with: export a selection of its bars, or remove empty bars</source>
        <translation>歌曲长 {end_tick:,} 个 tick，超过了 MIDI 文件能被读回的 {max_tick:,}：请导出其中一部分小节，或删除空小节</translation>
    </message>
    <message>
        <source>the song is silent for {tick:,} ticks from tick {now:,}, longer than the {max_delta_ticks:,} MIDI can hold between two events: remove empty bars</source>
        <translation>歌曲从 tick {now:,} 起有 {tick:,} 个 tick 是静音，超过了 MIDI 两个事件之间能容纳的 {max_delta_ticks:,}：请删除空小节</translation>
    </message>
</context>
<context>
    <name>ModelCards</name>
    <message>
        <source>{path} is not a regular file: {fix}</source>
        <translation>{path} 不是普通文件：{fix}</translation>
    </message>
    <message>
        <source>{path} is {st_size:,} bytes, more than the {limit:,} a model&apos;s {name} may be: {fix}</source>
        <translation>{path} 有 {st_size:,} 字节，超过了模型的{name}最多 {limit:,} 字节：{fix}</translation>
    </message>
    <message>
        <source>no {what} at {path}: {fix}</source>
        <translation>{path} 处没有{what}：{fix}</translation>
    </message>
    <message>
        <source>cannot read {path} ({strerror}): {fix}</source>
        <translation>无法读取 {path}（{strerror}）：{fix}</translation>
    </message>
    <message>
        <source>{path}: {where} is missing: {fix}</source>
        <translation>{path}：缺少 {where}：{fix}</translation>
    </message>
    <message>
        <source>{path}: {field} must be {wanted}, got {shown}: {fix}</source>
        <translation>{path}：{field} 必须是 {wanted}，实际是 {shown}：{fix}</translation>
    </message>
    <message>
        <source>{hash_path} is damaged (it must hold one line: the card&apos;s sha256 and {card_file}): {fix}</source>
        <translation>{hash_path} 已损坏（它必须只有一行：说明卡的 sha256 和 {card_file}）：{fix}</translation>
    </message>
    <message>
        <source>{card_path} does not match {name} (the card was edited or damaged after export): {fix}</source>
        <translation>{card_path} 与 {name} 不符（说明卡在导出后被编辑或损坏）：{fix}</translation>
    </message>
    <message>
        <source>{card_path} is not valid JSON ({err}): {fix}</source>
        <translation>{card_path} 不是有效的 JSON（{err}）：{fix}</translation>
    </message>
    <message>
        <source>{card_path} must hold a JSON object: {fix}</source>
        <translation>{card_path} 必须是一个 JSON 对象：{fix}</translation>
    </message>
    <message>
        <source>reinstall Tessera</source>
        <translation>重新安装 Tessera</translation>
    </message>
</context>
<context>
    <name>ModelLoader</name>
    <message>
        <source>{path} is not a regular file: {fix}</source>
        <translation>{path} 不是普通文件：{fix}</translation>
    </message>
    <message>
        <source>{path} is {st_size:.1f} GiB, larger than any model Tessera runs ({max_model_bytes:g} GiB): {fix}</source>
        <translation>{path} 有 {st_size:.1f} GiB，比 Tessera 运行的任何模型都大（{max_model_bytes:g} GiB）：{fix}</translation>
    </message>
    <message>
        <source>{path} is missing: {fix}</source>
        <translation>缺少 {path}：{fix}</translation>
    </message>
    <message>
        <source>cannot read {path} ({strerror}): {fix}</source>
        <translation>无法读取 {path}（{strerror}）：{fix}</translation>
    </message>
    <message>
        <source>{path} does not match its card (the file is damaged or was replaced): {fix}</source>
        <translation>{path} 与它的说明卡不符（文件已损坏或被替换）：{fix}</translation>
    </message>
    <message>
        <source>onnxruntime cannot open {path}: {err}: {fix}</source>
        <translation>onnxruntime 无法打开 {path}：{err}：{fix}</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <source>{what} could not be loaded ({name}: {err}): reinstall Tessera, or free some memory and try again</source>
        <translation>无法加载{what}（{name}：{err}）：请重新安装 Tessera，或释放一些内存后重试</translation>
    </message>
</context>
<context>
    <name>NewSong</name>
    <message>
        <source>Bars</source>
        <translation>小节数</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>曲式</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>调</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>拍号</translation>
    </message>
    <message>
        <source>New song</source>
        <translation>新建歌曲</translation>
    </message>
    <message>
        <source>the preset&apos;s, e.g. D minor or A dorian</source>
        <translation>沿用预设，例如 D minor 或 A dorian</translation>
    </message>
    <message>
        <source>One letter per phrase: a letter heard before comes back with a new last bar</source>
        <translation>每个字母代表一个乐句：重复出现的字母会再现该乐句，但最后一小节换新</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <source>Tempo</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>empty song (no model)</source>
        <translation>空白歌曲（不用模型）</translation>
    </message>
    <message>
        <source>the preset&apos;s</source>
        <translation>沿用预设</translation>
    </message>
    <message>
        <source>the preset&apos;s, e.g. 3/4</source>
        <translation>沿用预设，例如 3/4</translation>
    </message>
    <message>
        <source>the preset&apos;s, e.g. D minor</source>
        <translation type="vanished">沿用预设，例如 D minor</translation>
    </message>
    <message>
        <source>the style&apos;s, e.g. AABA; - for no repeats</source>
        <translation>沿用风格，例如 AABA；填 - 表示不重复</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>this operation works on a song: open or generate one first</source>
        <translation>这个操作需要一首歌：请先打开或生成一首</translation>
    </message>
    <message>
        <source>this operation needs the symbolic model, which is not loaded</source>
        <translation>这个操作需要符号模型，但它还没有加载</translation>
    </message>
    <message>
        <source>track {track} does not exist: the song has {tracks_count} tracks</source>
        <translation>音轨 {track} 不存在：这首歌有 {tracks_count} 条音轨</translation>
    </message>
    <message>
        <source>bar {bar} does not exist: the song has {bar_count} bars</source>
        <translation>第 {bar} 小节不存在：这首歌有 {bar_count} 小节</translation>
    </message>
    <message>
        <source>every selected cell is locked ({where}{more}): unlock some or select others</source>
        <translation>选中的格子全都已锁定（{where}{more}）：请解锁一些，或选择别的格子</translation>
    </message>
    <message>
        <source>continue needs at least 1 bar, got {bars}</source>
        <translation>续写至少需要 1 小节，实际是 {bars}</translation>
    </message>
    <message>
        <source>there is no style preset {preset!r}: choose one of {choices}</source>
        <translation>没有风格预设 {preset!r}：请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>section energies need a form of roles (&apos;verse:8 chorus:8&apos;)</source>
        <translation>段落能量需要一个由段落角色组成的曲式（如 &apos;verse:8 chorus:8&apos;）</translation>
    </message>
    <message>
        <source>variation {variation:g} must be from 0 (exact) to 1 (all new)</source>
        <translation>变化程度 {variation:g} 必须在 0（完全相同）到 1（全部新写）之间</translation>
    </message>
    <message>
        <source>nudge direction {direction!r} is unknown: use {choices}</source>
        <translation>未知的微调方向 {direction!r}：请用 {choices}</translation>
    </message>
    <message>
        <source>nudge strength {strength} must be from 0 to 1</source>
        <translation>微调力度 {strength} 必须在 0 到 1 之间</translation>
    </message>
    <message>
        <source>&apos;{direction}&apos; has no meaning for drum tracks ({drums}): leave them out</source>
        <translation>“{direction}”对鼓音轨（{drums}）没有意义：请不要选中它们</translation>
    </message>
</context>
<context>
    <name>Originality</name>
    <message>
        <source>%n passages close: {notes} or more notes in a row as in one work.</source>
        <translation>%n 处相近：连续 {notes} 个或更多音符与某一作品相同。</translation>
    </message>
    <message>
        <source>%n passages flagged: {notes} or more notes in a row as in one work.</source>
        <translation>%n 处被标记：连续 {notes} 个或更多音符与某一作品相同。</translation>
    </message>
    <message>
        <source>1 passage close: {notes} or more notes in a row as in one work.</source>
        <translation>1 处相近：连续 {notes} 个或更多音符与某一作品相同。</translation>
    </message>
    <message>
        <source>1 passage flagged: {notes} or more notes in a row as in one work.</source>
        <translation>1 处被标记：连续 {notes} 个或更多音符与某一作品相同。</translation>
    </message>
    <message>
        <source>1 stretch nearly the same as a work (80 % of the notes or more).</source>
        <translation>1 段与某一作品几乎相同（80 % 或更多的音符一致）。</translation>
    </message>
    <message>
        <source>Check originality</source>
        <translation>检查原创性</translation>
    </message>
    <message>
        <source>Check will cover {scope}.</source>
        <translation>将检查{scope}。</translation>
    </message>
    <message>
        <source>Check will cover {scope}: select nothing to check the whole song.</source>
        <translation>将检查{scope}：不选择任何内容即可检查整首歌。</translation>
    </message>
    <message>
        <source>Checked {scope}: %n notes.</source>
        <translation>已检查{scope}：%n 个音符。</translation>
    </message>
    <message>
        <source>Checked {scope}: 1 note.</source>
        <translation>已检查{scope}：1 个音符。</translation>
    </message>
    <message>
        <source>Click a passage to select its bars</source>
        <translation>单击某一段即可选中其小节</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>相近</translation>
    </message>
    <message>
        <source>Compare the song (or the selected cells) with the music the model learned from</source>
        <translation>将歌曲（或所选格子）与模型学习过的音乐进行比较</translation>
    </message>
    <message>
        <source>Compared with the music the model learned from: {works} works ({collections}, …); licences: {licences}.</source>
        <translation>已与模型学习过的音乐比较：{works} 首作品（{collections}…）；许可：{licences}。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>照搬</translation>
    </message>
    <message>
        <source>Not checked yet: press Check originality to see whether any passage of the song copies music the model learned from.</source>
        <translation>尚未检查：按“检查原创性”看看歌曲中是否有段落抄袭了模型学习过的音乐。</translation>
    </message>
    <message>
        <source>Nothing found: no run of {notes} notes matches a work the model learned from.</source>
        <translation>未发现问题：没有连续 {notes} 个音符与模型学习过的作品相同。</translation>
    </message>
    <message>
        <source>Similar — {where}: up to {percent} % of the notes as in “{title}” ({composer}; {licence})</source>
        <translation>相似 — {where}：最多 {percent} % 的音符与《{title}》（{composer}；{licence}）相同</translation>
    </message>
    <message>
        <source>The selected cells hold no notes, so Check will cover {scope}.</source>
        <translation>所选格子中没有音符，因此将检查{scope}。</translation>
    </message>
    <message>
        <source>The song has changed since the last check ({scope}): press Check originality to check it again.</source>
        <translation>自上次检查（{scope}）以来歌曲已改动：请按“检查原创性”重新检查。</translation>
    </message>
    <message>
        <source>the selected {count} cells of {total}</source>
        <translation>所选的 {count} 个格子（共 {total} 个）</translation>
    </message>
    <message>
        <source>the song</source>
        <translation>这首歌</translation>
    </message>
    <message>
        <source>the whole song</source>
        <translation>整首歌</translation>
    </message>
    <message>
        <source>{level} — {where}: {notes} notes as in “{title}” ({composer}; {licence})</source>
        <translation>{level} — {where}：{notes} 个音符与《{title}》（{composer}；{licence}）相同</translation>
    </message>
    <message>
        <source>{track}, {bars}</source>
        <translation>{track}，{bars}</translation>
    </message>
    <message>
        <source>%n stretches nearly the same as a work (80 % of the notes or more).</source>
        <translation>%n 段与某一作品几乎相同（80 % 或更多的音符一致）。</translation>
    </message>
</context>
<context>
    <name>OriginalityCheck</name>
    <message>
        <source>, transposed {shift:+d}</source>
        <translation>，移调 {shift:+d}</translation>
    </message>
    <message>
        <source>{level}: track {track}, bars {first}-{last}: {notes} notes as in {title!r} ({composer}; {collection}; {licence}; {work_id}), its part {part}, bars {work_first}-{work_last}{shift}</source>
        <translation>{level}：音轨 {track}，第 {first}-{last} 小节：{notes} 个音符与 {title!r}（{composer}；{collection}；{licence}；{work_id}）相同，出自它的第 {part} 声部，第 {work_first}-{work_last} 小节{shift}</translation>
    </message>
</context>
<context>
    <name>OriginalityIndex</name>
    <message>
        <source>the originality index {path} is missing: rebuild it with `python -m build_scripts.corpus index`</source>
        <translation>缺少原创性索引 {path}：请用 `python -m build_scripts.corpus index` 重新建立</translation>
    </message>
    <message>
        <source>cannot read the originality index {path} ({err}): the file is damaged; rebuild it with `python -m build_scripts.corpus index`</source>
        <translation>无法读取原创性索引 {path}（{err}）：文件已损坏；请用 `python -m build_scripts.corpus index` 重新建立</translation>
    </message>
    <message>
        <source>the originality index {path} has format {get!r}, this Tessera reads format {index_format}: rebuild it with `python -m build_scripts.corpus index`</source>
        <translation>原创性索引 {path} 的格式是 {get!r}，这个 Tessera 读取的格式是 {index_format}：请用 `python -m build_scripts.corpus index` 重新建立</translation>
    </message>
</context>
<context>
    <name>OriginalitySimilar</name>
    <message>
        <source>similar: track {track}, bars {first}-{last} ({notes} notes): up to {score:.0%} of each {window}-note window&apos;s notes as in {title!r} ({composer}; {collection}; {licence}; {work_id}), its part {part}</source>
        <translation>相似：音轨 {track}，第 {first}-{last} 小节（{notes} 个音符）：每个 {window} 音窗口中最多有 {score:.0%} 的音符与 {title!r}（{composer}；{collection}；{licence}；{work_id}）相同，出自它的第 {part} 声部</translation>
    </message>
</context>
<context>
    <name>Outcomes</name>
    <message>
        <source>restored take {number} ({take})</source>
        <translation>已恢复版本 {number}（{take}）</translation>
    </message>
    <message>
        <source>{text}; {note}</source>
        <translation>{text}；{note}</translation>
    </message>
    <message>
        <source>{label} (seed {seed}) was {note}</source>
        <translation>{label}（种子 {seed}）{note}</translation>
    </message>
    <message>
        <source>{label}: done (seed {seed}), but the song changed meanwhile: {note}</source>
        <translation>{label}：完成（种子 {seed}），但期间歌曲有改动：{note}</translation>
    </message>
    <message>
        <source>{label}: done (seed {seed})</source>
        <translation>{label}：完成（种子 {seed}）</translation>
    </message>
    <message>
        <source>{done}; {count} locked cell(s) left as they are</source>
        <translation>{done}；{count} 个锁定的格子保持原样</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>无声</translation>
    </message>
    <message>
        <source>{peak:.1f} dBFS</source>
        <translation>{peak:.1f} dBFS</translation>
    </message>
    <message>
        <source>{seconds:.1f} s, peak {peak}, {notes} distinct notes rendered</source>
        <translation>{seconds:.1f} 秒，峰值 {peak}，渲染了 {notes} 个不同的音符</translation>
    </message>
    <message>
        <source>heard {notes} notes, {lowest} to {highest}, in {seconds:.1f} s of audio</source>
        <translation>听到 {notes} 个音符，从 {lowest} 到 {highest}，音频长 {seconds:.1f} 秒</translation>
    </message>
</context>
<context>
    <name>PianoRoll</name>
    <message>
        <source> (model step)</source>
        <translation>（模型步长）</translation>
    </message>
    <message>
        <source> Snap </source>
        <translation> 吸附 </translation>
    </message>
    <message>
        <source> triplet</source>
        <translation> 三连音</translation>
    </message>
    <message>
        <source>%n tick(s)</source>
        <translation>%n tick</translation>
    </message>
    <message>
        <source>%n whole note(s)</source>
        <translation>%n 个全音符</translation>
    </message>
    <message>
        <source>All drums</source>
        <translation>全部鼓件</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>Draw tool (D): click to add a note, drag to make it longer</source>
        <translation>绘制工具（D）：单击添加音符，拖动可拉长</translation>
    </message>
    <message>
        <source>Other tracks</source>
        <translation>其他音轨</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Select tool (V): click or drag to pick notes and move them</source>
        <translation>选择工具（V）：单击或拖动以选中并移动音符</translation>
    </message>
    <message>
        <source>Show a lane for every General MIDI drum, not only the common kit and the drums this part plays</source>
        <translation>为每一种通用 MIDI 鼓件显示一行，而不只是常用鼓组和本声部用到的鼓</translation>
    </message>
    <message>
        <source>Show the other tracks&apos; notes faintly behind this track&apos;s</source>
        <translation>在本音轨音符后面淡淡显示其他音轨的音符</translation>
    </message>
    <message>
        <source>The grid new notes and drags land on (a note value)</source>
        <translation>新音符和拖动所吸附的网格（音符时值）</translation>
    </message>
    <message>
        <source>Track {number}</source>
        <translation>音轨 {number}</translation>
    </message>
    <message>
        <source>Velocity</source>
        <translation>力度</translation>
    </message>
    <message>
        <source>Velocity, how hard each note is played: drag a stem up or down (selected notes move together)</source>
        <translation>力度，即每个音符弹奏的轻重：上下拖动竖线调整（选中的音符一起变化）</translation>
    </message>
    <message>
        <source>bar {first}</source>
        <translation>第 {first} 小节</translation>
    </message>
    <message>
        <source>bars {first}-{last}</source>
        <translation>第 {first}-{last} 小节</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>{name} (MIDI note {number})</source>
        <translation>{name}（MIDI 音符 {number}）</translation>
    </message>
    <message>
        <source>{name} ({general}), drum key {number}</source>
        <translation>{name}（{general}），鼓键 {number}</translation>
    </message>
    <message>
        <source>{name}, drum key {number}</source>
        <translation>{name}，鼓键 {number}</translation>
    </message>
    <message>
        <source>{name}, velocity {velocity}, length {length}</source>
        <translation>{name}，力度 {velocity}，时值 {length}</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <source>{name} has no plan for the style {missing!r}: add a [{missing}] table</source>
        <translation>{name} 中没有风格 {missing!r} 的规划：请添加一个 [{missing}] 表</translation>
    </message>
    <message>
        <source>form {form!r} is not a row of section letters: write one letter per phrase, such as AABA or ABAB (at most 32), or &apos;-&apos; for no repeats</source>
        <translation>曲式 {form!r} 不是一串段落字母：请每个乐句写一个字母，例如 AABA 或 ABAB（最多 32 个），或写“-”表示不重复</translation>
    </message>
</context>
<context>
    <name>Playback</name>
    <message>
        <source>bars {first_bar}-{end_bar} are not inside the song&apos;s {bar_count} bars</source>
        <translation>第 {first_bar}-{end_bar} 小节不在歌曲的 {bar_count} 小节之内</translation>
    </message>
    <message>
        <source>the audio device refused to start ({err})</source>
        <translation>音频设备拒绝启动（{err}）</translation>
    </message>
    <message>
        <source>a loop must end after it starts, got {loop}-{loop_2} s</source>
        <translation>循环的结束必须在开始之后，实际是 {loop}-{loop_2} 秒</translation>
    </message>
    <message>
        <source>cannot play from before the start ({seconds} s)</source>
        <translation>不能从开头之前播放（{seconds} 秒）</translation>
    </message>
</context>
<context>
    <name>PresetFiles</name>
    <message>
        <source>cannot read {path}: {value}</source>
        <translation>无法读取 {path}：{value}</translation>
    </message>
    <message>
        <source>{name} is not valid TOML: {err}</source>
        <translation>{name} 不是有效的 TOML：{err}</translation>
    </message>
    <message>
        <source>{name}: {name_2!r} should be a table ([{name_2}] with its fields under it)</source>
        <translation>{name}：{name_2!r} 应该是一个表（[{name_2}]，字段写在它下面）</translation>
    </message>
    <message>
        <source>{where}: {message}</source>
        <translation>{where}：{message}</translation>
    </message>
</context>
<context>
    <name>PresetVoices</name>
    <message>
        <source>Alto</source>
        <translation>女低音</translation>
    </message>
    <message>
        <source>Alto sax</source>
        <translation>中音萨克斯</translation>
    </message>
    <message>
        <source>Bass</source>
        <translation>贝斯</translation>
    </message>
    <message>
        <source>Cello</source>
        <translation>大提琴</translation>
    </message>
    <message>
        <source>Choir</source>
        <translation>合唱</translation>
    </message>
    <message>
        <source>Clavinet</source>
        <translation>克拉维内特</translation>
    </message>
    <message>
        <source>Dizi</source>
        <translation>笛子</translation>
    </message>
    <message>
        <source>Drums</source>
        <translation>鼓</translation>
    </message>
    <message>
        <source>Fiddle</source>
        <translation>小提琴</translation>
    </message>
    <message>
        <source>Flute</source>
        <translation>长笛</translation>
    </message>
    <message>
        <source>French horn</source>
        <translation>圆号</translation>
    </message>
    <message>
        <source>Guzheng</source>
        <translation>古筝</translation>
    </message>
    <message>
        <source>Horns</source>
        <translation>铜管</translation>
    </message>
    <message>
        <source>Jazz guitar</source>
        <translation>爵士吉他</translation>
    </message>
    <message>
        <source>Lead guitar</source>
        <translation>主音吉他</translation>
    </message>
    <message>
        <source>Lead synth</source>
        <translation>主音合成器</translation>
    </message>
    <message>
        <source>Left hand</source>
        <translation>左手</translation>
    </message>
    <message>
        <source>Nylon guitar</source>
        <translation>尼龙弦吉他</translation>
    </message>
    <message>
        <source>Organ</source>
        <translation>管风琴</translation>
    </message>
    <message>
        <source>Piano</source>
        <translation>钢琴</translation>
    </message>
    <message>
        <source>Poly synth</source>
        <translation>复音合成器</translation>
    </message>
    <message>
        <source>Rhodes</source>
        <translation>罗兹电钢琴</translation>
    </message>
    <message>
        <source>Rhythm guitar</source>
        <translation>节奏吉他</translation>
    </message>
    <message>
        <source>Right hand</source>
        <translation>右手</translation>
    </message>
    <message>
        <source>Skank guitar</source>
        <translation>斯卡吉他</translation>
    </message>
    <message>
        <source>Slap bass</source>
        <translation>击勾贝斯</translation>
    </message>
    <message>
        <source>Soprano</source>
        <translation>女高音</translation>
    </message>
    <message>
        <source>Steel guitar</source>
        <translation>钢弦吉他</translation>
    </message>
    <message>
        <source>Strings</source>
        <translation>弦乐</translation>
    </message>
    <message>
        <source>Synth bass</source>
        <translation>合成贝斯</translation>
    </message>
    <message>
        <source>Synth strings</source>
        <translation>合成弦乐</translation>
    </message>
    <message>
        <source>Tenor</source>
        <translation>男高音</translation>
    </message>
    <message>
        <source>Tenor sax</source>
        <translation>次中音萨克斯</translation>
    </message>
    <message>
        <source>Trumpet</source>
        <translation>小号</translation>
    </message>
    <message>
        <source>Viola</source>
        <translation>中提琴</translation>
    </message>
    <message>
        <source>Violin I</source>
        <translation>第一小提琴</translation>
    </message>
    <message>
        <source>Violin II</source>
        <translation>第二小提琴</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>Folk tune</source>
        <translation>民谣曲调</translation>
    </message>
    <message>
        <source>Reel</source>
        <translation>里尔舞曲</translation>
    </message>
    <message>
        <source>Chorale</source>
        <translation>众赞歌</translation>
    </message>
    <message>
        <source>String quartet</source>
        <translation>弦乐四重奏</translation>
    </message>
    <message>
        <source>Piano</source>
        <translation>钢琴</translation>
    </message>
    <message>
        <source>Pop</source>
        <translation>流行</translation>
    </message>
    <message>
        <source>Rock</source>
        <translation>摇滚</translation>
    </message>
    <message>
        <source>Metal</source>
        <translation>金属</translation>
    </message>
    <message>
        <source>Ballad</source>
        <translation>抒情</translation>
    </message>
    <message>
        <source>Lo-fi hip hop</source>
        <translation>低保真嘻哈</translation>
    </message>
    <message>
        <source>Hip hop</source>
        <translation>嘻哈</translation>
    </message>
    <message>
        <source>House / EDM</source>
        <translation>浩室 / 电子舞曲</translation>
    </message>
    <message>
        <source>Funk</source>
        <translation>放克</translation>
    </message>
    <message>
        <source>Soul / R&amp;B</source>
        <translation>灵魂乐 / R&amp;B</translation>
    </message>
    <message>
        <source>Reggae</source>
        <translation>雷鬼</translation>
    </message>
    <message>
        <source>Bossa / Latin</source>
        <translation>波萨诺瓦 / 拉丁</translation>
    </message>
    <message>
        <source>Swing / Jazz</source>
        <translation>摇摆 / 爵士</translation>
    </message>
    <message>
        <source>Blues</source>
        <translation>布鲁斯</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>乡村</translation>
    </message>
    <message>
        <source>Cinematic</source>
        <translation>电影配乐</translation>
    </message>
    <message>
        <source>Chinese pentatonic</source>
        <translation>中国五声</translation>
    </message>
    <message>
        <source>{name} holds no preset: add a [name] table with its voices</source>
        <translation>{name} 中没有预设：请添加一个 [name] 表，写上它的声部</translation>
    </message>
</context>
<context>
    <name>ProjectFile</name>
    <message>
        <source>{path} must be [start_tick, pitch, duration_ticks, velocity]</source>
        <translation>{path} 必须是 [start_tick, pitch, duration_ticks, velocity]</translation>
    </message>
    <message>
        <source>{path}.{err}</source>
        <translation>{path}.{err}</translation>
    </message>
    <message>
        <source>this is not a Tessera project (its &apos;format&apos; is {shown}, expected {format_name!r})</source>
        <translation>这不是 Tessera 项目（它的“format”是 {shown}，应为 {format_name!r}）</translation>
    </message>
    <message>
        <source>schema_version {version} was written by a newer Tessera; this version reads up to {newest_schema_version}: update Tessera to open it</source>
        <translation>schema_version {version} 是由更新版本的 Tessera 写入的；这个版本最多读取到 {newest_schema_version}：请更新 Tessera 后再打开</translation>
    </message>
    <message>
        <source>schema_version must be 1 or more, got {version}</source>
        <translation>schema_version 必须大于等于 1，实际是 {version}</translation>
    </message>
    <message>
        <source>ppq must be {ppq}, got {ppq_2}</source>
        <translation>ppq 必须是 {ppq}，实际是 {ppq_2}</translation>
    </message>
    <message>
        <source>takes holds {takes_count} takes; a project keeps at most {max_takes}</source>
        <translation>takes 中有 {takes_count} 个版本；一个项目最多保存 {max_takes} 个</translation>
    </message>
    <message>
        <source>{path}tracks holds {tracks_count} tracks; a song has at most {max_tracks}</source>
        <translation>{path}tracks 中有 {tracks_count} 条音轨；一首歌最多 {max_tracks} 条</translation>
    </message>
    <message>
        <source>{path}tracks hold {note_count} notes; a song has at most {max_notes:,}</source>
        <translation>{path}tracks 中有 {note_count} 个音符；一首歌最多 {max_notes:,} 个</translation>
    </message>
    <message>
        <source>cannot save the project to {path}: {err}</source>
        <translation>无法把项目保存到 {path}：{err}</translation>
    </message>
    <message>
        <source>cannot save the project to {path}: it would take {encoded_count:.1f} MiB, more than the {max_project_bytes} MiB a project may be: export the song as MIDI, or keep fewer takes</source>
        <translation>无法把项目保存到 {path}：它会有 {encoded_count:.1f} MiB，超过了项目最大的 {max_project_bytes} MiB：请把歌曲导出为 MIDI，或少保留一些版本</translation>
    </message>
    <message>
        <source>cannot save the project to {path}: {strerror}</source>
        <translation>无法把项目保存到 {path}：{strerror}</translation>
    </message>
    <message>
        <source>{name}: {err}</source>
        <translation>{name}：{err}</translation>
    </message>
</context>
<context>
    <name>ProjectFiles</name>
    <message>
        <source>&apos;{title}&apos; (an unsaved song), autosaved {when}</source>
        <translation>“{title}”（未保存的歌曲），自动保存于 {when}</translation>
    </message>
    <message>
        <source>&apos;{title}&apos; ({file}), autosaved {when}</source>
        <translation>“{title}”（{file}），自动保存于 {when}</translation>
    </message>
    <message>
        <source>Cannot export: {error}</source>
        <translation>无法导出：{error}</translation>
    </message>
    <message>
        <source>Cannot open {name}: {error}</source>
        <translation>无法打开 {name}：{error}</translation>
    </message>
    <message>
        <source>Cannot restore: {error}</source>
        <translation>无法恢复：{error}</translation>
    </message>
    <message>
        <source>Cannot save: {error}</source>
        <translation>无法保存：{error}</translation>
    </message>
    <message>
        <source>Clear Recent</source>
        <translation>清除最近记录</translation>
    </message>
    <message>
        <source>Export MIDI</source>
        <translation>导出 MIDI</translation>
    </message>
    <message>
        <source>MIDI file (*.mid)</source>
        <translation>MIDI 文件 (*.mid)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>Project changed on disk</source>
        <translation>磁盘上的项目已被改动</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>恢复未保存的内容？</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Save the changes to this song first?</source>
        <translation>先保存对这首歌的修改吗？</translation>
    </message>
    <message>
        <source>Songs (*.json *.mid *.midi);;Tessera projects (*.json);;MIDI files (*.mid *.midi)</source>
        <translation>歌曲 (*.json *.mid *.midi);;Tessera 项目 (*.json);;MIDI 文件 (*.mid *.midi)</translation>
    </message>
    <message>
        <source>Tessera did not close cleanly. Restore {copy}?

No deletes this copy.</source>
        <translation>Tessera 上次没有正常关闭。要恢复{copy}吗？

选“否”将删除这份副本。</translation>
    </message>
    <message>
        <source>Tessera project (*.json)</source>
        <translation>Tessera 项目 (*.json)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>autosave failed: {error}</source>
        <translation>自动保存失败：{error}</translation>
    </message>
    <message>
        <source>discarded {copy}</source>
        <translation>已丢弃{copy}</translation>
    </message>
    <message>
        <source>exported {name}</source>
        <translation>已导出 {name}</translation>
    </message>
    <message>
        <source>left {copy}: another Tessera window has it open</source>
        <translation>保留了{copy}：另一个 Tessera 窗口正在使用它</translation>
    </message>
    <message>
        <source>not saved: {name} was changed by another program</source>
        <translation>未保存：{name} 已被其他程序改动</translation>
    </message>
    <message>
        <source>opened {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <source>restored {copy}</source>
        <translation>已恢复{copy}</translation>
    </message>
    <message>
        <source>saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <source>{name} (missing)</source>
        <translation>{name}（文件不存在）</translation>
    </message>
    <message>
        <source>{name} is no longer at {folder}: removed it from Open Recent</source>
        <translation>{name} 已不在 {folder}：已从“最近打开”中移除</translation>
    </message>
</context>
<context>
    <name>PromptDialog</name>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>(from the bars)</source>
        <translation>（由小节数决定）</translation>
    </message>
    <message>
        <source>(model&apos;s)</source>
        <translation>（由模型决定）</translation>
    </message>
    <message>
        <source>(preset&apos;s)</source>
        <translation>（沿用预设）</translation>
    </message>
    <message>
        <source>Describe the music:</source>
        <translation>描述你想要的音乐：</translation>
    </message>
    <message>
        <source>How long the song lasts: its form and tempo are chosen so it ends then</source>
        <translation>歌曲的时长：会据此选择曲式和速度，让歌曲恰好在这时结束</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>调</translation>
    </message>
    <message>
        <source>Length (bars)</source>
        <translation>长度（小节）</translation>
    </message>
    <message>
        <source>Length (time)</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>拍号</translation>
    </message>
    <message>
        <source>New Song from a Description</source>
        <translation>根据描述新建歌曲</translation>
    </message>
    <message>
        <source>Notes per bar</source>
        <translation>每小节音符数</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Tempo (BPM)</source>
        <translation>速度（BPM）</translation>
    </message>
    <message>
        <source>Understood: {what}</source>
        <translation>理解为：{what}</translation>
    </message>
    <message>
        <source>e.g. slow and sad folk tune for strings in 3/4</source>
        <translation>例如：一首慢而悲伤的弦乐民谣，3/4 拍</translation>
    </message>
</context>
<context>
    <name>Recording</name>
    <message>
        <source>the microphone did not answer within {device_timeout_s:g} s while {what}: check the input device (and that no other program holds it) and record again, or import an audio file instead</source>
        <translation>麦克风在{what}时 {device_timeout_s:g} 秒内没有响应：请检查输入设备（以及没有别的程序占用它）后重新录音，或改为导入音频文件</translation>
    </message>
</context>
<context>
    <name>Render</name>
    <message>
        <source>bars {first_bar}-{end_bar} are not a range inside the song&apos;s {bar_count} bars: choose a first bar before the last</source>
        <translation>第 {first_bar}-{end_bar} 小节不是歌曲 {bar_count} 小节之内的范围：请让起始小节在结束小节之前</translation>
    </message>
    <message>
        <source>track {unknown} does not exist: the song has {tracks_count} tracks</source>
        <translation>音轨 {unknown} 不存在：这首歌有 {tracks_count} 条音轨</translation>
    </message>
    <message>
        <source>the music chosen lasts {samples:.1f} minutes, longer than the {limit_seconds:g} minutes Tessera renders {where}: {advice}</source>
        <translation>所选的音乐长 {samples:.1f} 分钟，超过了 Tessera {where}渲染的上限 {limit_seconds:g} 分钟：{advice}</translation>
    </message>
</context>
<context>
    <name>Sampling</name>
    <message>
        <source>no pitch from {pitch_low} to {pitch_high} is in the chosen scale: widen the pitch range or change the scale</source>
        <translation>从 {pitch_low} 到 {pitch_high} 之间没有任何音在所选音阶内：请放宽音域或换一个音阶</translation>
    </message>
    <message>
        <source>no loudness level lies from {velocity_low} to {velocity_high}: use a range at least {velocity_levels} wide</source>
        <translation>从 {velocity_low} 到 {velocity_high} 之间没有任何力度等级：请把范围放宽到至少 {velocity_levels}</translation>
    </message>
    <message>
        <source>a bar of {bar_steps} steps is longer than the grid holds</source>
        <translation>{bar_steps} 步的小节比网格能容纳的更长</translation>
    </message>
    <message>
        <source>{shown!r} is not allowed after {tokens}</source>
        <translation>{shown!r} 不能出现在 {tokens} 之后</translation>
    </message>
    <message>
        <source>no token is allowed here: the constraints contradict each other</source>
        <translation>这里不允许任何词元：各项限制互相矛盾</translation>
    </message>
</context>
<context>
    <name>SectionActions</name>
    <message>
        <source>Apply to All Repeats</source>
        <translation>应用到所有重复段</translation>
    </message>
    <message>
        <source>Regenerate and Vary change every repeat of the section</source>
        <translation>重新生成和变奏会改动该段落的每一次重复</translation>
    </message>
    <message>
        <source>Copy {0}</source>
        <translation>复制 {0}</translation>
    </message>
    <message>
        <source>Copy &apos;{0}&apos; (%n bar(s)) to start at bar</source>
        <translation>将“{0}”（%n 小节）复制到从第几小节开始</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>段落类型</translation>
    </message>
    <message>
        <source>Energy…</source>
        <translation>能量…</translation>
    </message>
    <message>
        <source>Reset Energy to the {0} Default ({1}%)</source>
        <translation>能量恢复为{0}默认值（{1}%）</translation>
    </message>
    <message>
        <source>Select the Section&apos;s Bars</source>
        <translation>选中该段落的小节</translation>
    </message>
    <message>
        <source>Regenerate Section</source>
        <translation>重新生成段落</translation>
    </message>
    <message>
        <source>Vary Section…</source>
        <translation>变奏段落…</translation>
    </message>
    <message>
        <source>Copy To…</source>
        <translation>复制到…</translation>
    </message>
    <message>
        <source>Make This a</source>
        <translation>改写为</translation>
    </message>
    <message>
        <source>Apply to All Repeats (%n more)</source>
        <translation>应用到所有重复段（另有 %n 处）</translation>
    </message>
    <message>
        <source>Apply to All Repeats (none)</source>
        <translation>应用到所有重复段（无重复）</translation>
    </message>
    <message>
        <source>Delete Section</source>
        <translation>删除段落</translation>
    </message>
    <message>
        <source>bars {0}-{1}</source>
        <translation>第 {0}-{1} 小节</translation>
    </message>
    <message>
        <source>bar {0}</source>
        <translation>第 {0} 小节</translation>
    </message>
    <message>
        <source>Add Section</source>
        <translation>添加段落</translation>
    </message>
    <message>
        <source>Add Section from Selection</source>
        <translation>用所选小节添加段落</translation>
    </message>
</context>
<context>
    <name>SectionBand</name>
    <message>
        <source>Song form</source>
        <translation>歌曲结构</translation>
    </message>
    <message>
        <source>Right-click to add a section here</source>
        <translation>右键单击可在此添加段落</translation>
    </message>
    <message>
        <source>set by hand</source>
        <translation>手动设置</translation>
    </message>
    <message>
        <source>{0} default</source>
        <translation>{0}默认值</translation>
    </message>
    <message>
        <source>{0} ({1}) · bars {2}-{3} · energy {4}% ({5})</source>
        <translation>{0}（{1}）· 第 {2}-{3} 小节 · 能量 {4}%（{5}）</translation>
    </message>
    <message>
        <source>Drag to move, drag an edge to resize, Ctrl+drag up or down for energy, double-click to rename, right-click for more</source>
        <translation>拖动可移动，拖动边缘可调整长度，按住 Ctrl 上下拖动可调能量，双击可重命名，右键单击查看更多</translation>
    </message>
    <message>
        <source>Right-click here, or on selected bars, to add a section: intro, verse, chorus…</source>
        <translation>在此处或所选小节上右键单击，即可添加段落：前奏、主歌、副歌…</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>结构</translation>
    </message>
</context>
<context>
    <name>SectionDialogs</name>
    <message>
        <source>Section energy</source>
        <translation>段落能量</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>能量</translation>
    </message>
    <message>
        <source>How hard &apos;{0}&apos; pushes: density, loudness, register, how many tracks play</source>
        <translation>“{0}”的推进力度：音符密度、响度、音区，以及有多少音轨在演奏</translation>
    </message>
    <message>
        <source>The {0} default is {1}%</source>
        <translation>{0}的默认值为 {1}%</translation>
    </message>
    <message>
        <source>Vary {0}</source>
        <translation>变奏 {0}</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>变化幅度</translation>
    </message>
    <message>
        <source>Apply to all repeats (%n more)</source>
        <translation>应用到所有重复段（另有 %n 处）</translation>
    </message>
    <message>
        <source>Apply to all repeats (none)</source>
        <translation>应用到所有重复段（无重复）</translation>
    </message>
    <message>
        <source>keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>new</source>
        <translation>全新</translation>
    </message>
</context>
<context>
    <name>SectionEdits</name>
    <message>
        <source>the song has no sections: add one first</source>
        <translation>这首歌没有段落：请先添加一个</translation>
    </message>
    <message>
        <source>a section number must be an integer, got {index!r}</source>
        <translation>段落编号必须是整数，实际是 {index!r}</translation>
    </message>
    <message>
        <source>bars {first_bar}-{first_bar_2} meet the section {name!r} (bars {first_bar_3}-{last_bar}): shorten or delete it first</source>
        <translation>第 {first_bar}-{first_bar_2} 小节与段落 {name!r}（第 {first_bar_3}-{last_bar} 小节）相接：请先缩短或删除它</translation>
    </message>
    <message>
        <source>section {name!r} at bars {first_bar}-{last_bar} would overlap {name_2!r} (bars {first_bar_2}-{last_bar_2}): shorten or move that one first</source>
        <translation>位于第 {first_bar}-{last_bar} 小节的段落 {name!r} 会与 {name_2!r}（第 {first_bar_2}-{last_bar_2} 小节）重叠：请先缩短或移动那个段落</translation>
    </message>
</context>
<context>
    <name>SectionOps</name>
    <message>
        <source>{operation} needs the symbolic model, which is not loaded</source>
        <translation>{operation}需要符号模型，但它还没有加载</translation>
    </message>
    <message>
        <source>cannot copy section {number} to bar {to_bar}: the song has bars 1-{bar_count}; give a bar inside it (add bars first to copy past the end)</source>
        <translation>无法把段落 {number} 复制到第 {to_bar} 小节：这首歌只有第 1-{bar_count} 小节；请给出其中的一个小节（要复制到结尾之后，请先添加小节）</translation>
    </message>
    <message>
        <source>section {number} {name!r} ({bars} bars) copied to bar {to_bar} would run to bar {last}, but the song has {bar_count}: add {last_2} bar(s) first, or copy it to bar {bar_count_2} or earlier</source>
        <translation>段落 {number} {name!r}（{bars} 小节）复制到第 {to_bar} 小节后会延伸到第 {last} 小节，但这首歌只有 {bar_count} 小节：请先添加 {last_2} 个小节，或复制到第 {bar_count_2} 小节或更早</translation>
    </message>
    <message>
        <source>section {number} {name!r} already starts at bar {to_bar}: give another bar to copy it to</source>
        <translation>段落 {number} {name!r} 已经从第 {to_bar} 小节开始：请给出另一个小节来复制</translation>
    </message>
    <message>
        <source>there is no section role {role!r}: use one of {choices}</source>
        <translation>没有段落类型 {role!r}：请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>the song has no sections: mark its verses, choruses and so on first (or write it with a form), then work on a section</source>
        <translation>这首歌没有段落：请先标出主歌、副歌等段落（或按曲式来写），再对段落进行操作</translation>
    </message>
    <message>
        <source>a section number must be a whole number, got {index!r}</source>
        <translation>段落编号必须是整数，实际是 {index!r}</translation>
    </message>
    <message>
        <source>there is no section {index}: the song has {sections_count} section(s), numbered 1-{sections_count}</source>
        <translation>没有段落 {index}：这首歌有 {sections_count} 个段落，编号为 1-{sections_count}</translation>
    </message>
    <message>
        <source>no tracks were chosen: choose at least one, or all (the default)</source>
        <translation>没有选择音轨：请至少选择一条，或全部（默认）</translation>
    </message>
    <message>
        <source>track {track} does not exist: the song has {tracks_count} track(s)</source>
        <translation>音轨 {track} 不存在：这首歌有 {tracks_count} 条音轨</translation>
    </message>
    <message>
        <source>every cell of section {index} {name!r} (bars {first_bar}-{last_bar}) on the chosen tracks is locked: unlock some, or choose other tracks</source>
        <translation>段落 {index} {name!r}（第 {first_bar}-{last_bar} 小节）在所选音轨上的格子全都已锁定：请解锁一些，或选择别的音轨</translation>
    </message>
    <message>
        <source>scope {scope!r} is unknown: use {choices}</source>
        <translation>未知的范围 {scope!r}：请用 {choices}</translation>
    </message>
    <message>
        <source>{what} strength must be from 0 to 1, got {strength}</source>
        <translation>{what}力度必须在 0 到 1 之间，实际是 {strength}</translation>
    </message>
</context>
<context>
    <name>SectionRoles</name>
    <message>
        <source>Intro</source>
        <translation>前奏</translation>
    </message>
    <message>
        <source>Verse</source>
        <translation>主歌</translation>
    </message>
    <message>
        <source>Pre-chorus</source>
        <translation>预副歌</translation>
    </message>
    <message>
        <source>Chorus</source>
        <translation>副歌</translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation>桥段</translation>
    </message>
    <message>
        <source>Solo</source>
        <translation>独奏</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>间奏</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>铺垫</translation>
    </message>
    <message>
        <source>Drop</source>
        <translation>高潮段</translation>
    </message>
    <message>
        <source>Outro</source>
        <translation>尾奏</translation>
    </message>
    <message>
        <source>Strain (A, B…)</source>
        <translation>乐段（A、B…）</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>intro</source>
        <translation>前奏</translation>
    </message>
    <message>
        <source>verse</source>
        <translation>主歌</translation>
    </message>
    <message>
        <source>pre-chorus</source>
        <translation>预副歌</translation>
    </message>
    <message>
        <source>chorus</source>
        <translation>副歌</translation>
    </message>
    <message>
        <source>bridge</source>
        <translation>桥段</translation>
    </message>
    <message>
        <source>solo</source>
        <translation>独奏</translation>
    </message>
    <message>
        <source>break</source>
        <translation>间奏</translation>
    </message>
    <message>
        <source>build</source>
        <translation>铺垫</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>高潮段</translation>
    </message>
    <message>
        <source>outro</source>
        <translation>尾奏</translation>
    </message>
    <message>
        <source>strain</source>
        <translation>乐段</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>段落</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>a section name must be 1 to {max_section_name} characters, got {shown}: type a short name such as &apos;Chorus&apos;</source>
        <translation>段落名称必须是 1 到 {max_section_name} 个字符，实际是 {shown}：请输入一个简短的名称，例如“副歌”</translation>
    </message>
    <message>
        <source>section role must be one of {choices}, got {shown}</source>
        <translation>段落类型必须是 {choices} 之一，实际是 {shown}</translation>
    </message>
    <message>
        <source>sections must all be Section values, got {shown}</source>
        <translation>段落必须都是 Section 值，实际是 {shown}</translation>
    </message>
    <message>
        <source>section {shown} runs to bar {last_bar}, but the song has only {bar_count} bars: add bars or shorten the section</source>
        <translation>段落 {shown} 延伸到第 {last_bar} 小节，但这首歌只有 {bar_count} 小节：请添加小节或缩短段落</translation>
    </message>
    <message>
        <source>section {shown} (from bar {first_bar}) overlaps {shown_2} (bars {first_bar_2}-{last_bar}): sections must follow one another in bar order</source>
        <translation>段落 {shown}（从第 {first_bar} 小节开始）与 {shown_2}（第 {first_bar_2}-{last_bar} 小节）重叠：段落必须按小节顺序一个接一个</translation>
    </message>
    <message>
        <source>no section {text!r} in the song (sections: {there}): give a number or a name</source>
        <translation>歌曲中没有段落 {text!r}（现有段落：{there}）：请给出编号或名称</translation>
    </message>
</context>
<context>
    <name>Selection</name>
    <message>
        <source>{what} {spec!r} is not understood: use numbers from 1, like &apos;2&apos; or &apos;5-8&apos;</source>
        <translation>无法理解{what} {spec!r}：请用从 1 开始的数字，例如“2”或“5-8”</translation>
    </message>
    <message>
        <source>{what} {spec!r} is outside 1-{count}: the song has {count} {what}</source>
        <translation>{what} {spec!r} 超出了 1-{count}：这首歌有 {count} 个{what}</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Follow System</source>
        <translation>跟随系统(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Show the &amp;Start Screen at Launch</source>
        <translation>启动时显示开始页面(&amp;S)</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Single keys (L, R, N …) act on the cells selected in the grid. In the grid, the arrow keys move the selection and Shift+arrows extend it.</source>
        <translation>单个按键（L、R、N…）作用于网格中选中的格子。在网格中，方向键移动选区，Shift+方向键扩展选区。</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>Song</name>
    <message>
        <source>{name} must be in order of tick with at most one change per tick</source>
        <translation>{name} 必须按 tick 顺序排列，且每个 tick 最多一次变化</translation>
    </message>
    <message>
        <source>tempo_bpm must be a number, got {shown}</source>
        <translation>tempo_bpm 必须是数字，实际是 {shown}</translation>
    </message>
    <message>
        <source>tempo_bpm must be from {min_tempo_bpm:g} to {max_tempo_bpm:g}, got {shown}</source>
        <translation>tempo_bpm 必须在 {min_tempo_bpm:g} 到 {max_tempo_bpm:g} 之间，实际是 {shown}</translation>
    </message>
    <message>
        <source>denominator must be one of {allowed_denominators}, got {shown}</source>
        <translation>分母必须是 {allowed_denominators} 之一，实际是 {shown}</translation>
    </message>
    <message>
        <source>mode must be &apos;major&apos; or &apos;minor&apos;, got {shown}</source>
        <translation type="vanished">调式必须是“major”或“minor”，实际是 {shown}</translation>
    </message>
    <message>
        <source>control kind must be one of {control_kinds}, got {shown}</source>
        <translation>控制类型必须是 {control_kinds} 之一，实际是 {shown}</translation>
    </message>
    <message>
        <source>controller {number} is kind {kind!r}, not &apos;cc&apos;</source>
        <translation>控制器 {number} 的类型是 {kind!r}，不是“cc”</translation>
    </message>
    <message>
        <source>only a &apos;cc&apos; control has a number, got {shown}</source>
        <translation>只有“cc”控制才有编号，实际是 {shown}</translation>
    </message>
    <message>
        <source>text kind must be one of {text_kinds}, got {shown}</source>
        <translation>文本类型必须是 {text_kinds} 之一，实际是 {shown}</translation>
    </message>
    <message>
        <source>mode must be one of {modes}, got {shown}</source>
        <translation>调式必须是 {modes} 之一，实际是 {shown}</translation>
    </message>
    <message>
        <source>{name} must all be {name_2} values</source>
        <translation>{name} 必须都是 {name_2} 值</translation>
    </message>
    <message>
        <source>is_drum must be true or false, got {shown}</source>
        <translation>is_drum 必须是 true 或 false，实际是 {shown}</translation>
    </message>
    <message>
        <source>a track&apos;s notes must all be Note values</source>
        <translation>音轨的音符必须都是 Note 值</translation>
    </message>
    <message>
        <source>locked bars must be bar numbers, got {shown}</source>
        <translation>锁定的小节必须是小节编号，实际是 {shown}</translation>
    </message>
    <message>
        <source>{name} must be true or false, got {shown}</source>
        <translation>{name} 必须是 true 或 false，实际是 {shown}</translation>
    </message>
    <message>
        <source>style must be one of {choices} or none, got {shown}</source>
        <translation>风格必须是 {choices} 之一或 none，实际是 {shown}</translation>
    </message>
    <message>
        <source>a {kind} lies at tick {tick}, after the song&apos;s end (tick {end})</source>
        <translation>有一个{kind}位于 tick {tick}，在歌曲结尾（tick {end}）之后</translation>
    </message>
    <message>
        <source>track {index} ({shown}) has a note ending at tick {end_tick}, after the song&apos;s last bar ends at tick {end}: add bars first</source>
        <translation>音轨 {index}（{shown}）有一个音符在 tick {end_tick} 结束，晚于歌曲最后一小节的结尾 tick {end}：请先添加小节</translation>
    </message>
    <message>
        <source>track {index} ({shown}) has a control or program change at tick {last_event_tick}, after the song&apos;s end (tick {end})</source>
        <translation>音轨 {index}（{shown}）在 tick {last_event_tick} 有控制或音色变化，在歌曲结尾（tick {end}）之后</translation>
    </message>
    <message>
        <source>track {index} ({shown}) locks bar {locked_bars}, but the song has only {bar_count} bars</source>
        <translation>音轨 {index}（{shown}）锁定了第 {locked_bars} 小节，但这首歌只有 {bar_count} 小节</translation>
    </message>
    <message>
        <source>tempos must start with a tempo at tick 0</source>
        <translation>速度列表必须从 tick 0 的速度开始</translation>
    </message>
    <message>
        <source>time_signatures must start with a time signature at tick 0</source>
        <translation>拍号列表必须从 tick 0 的拍号开始</translation>
    </message>
    <message>
        <source>{name} has a change at tick {ticks}, at or after the song&apos;s end (tick {end_tick})</source>
        <translation>{name} 在 tick {ticks} 有变化，位于或晚于歌曲结尾（tick {end_tick}）</translation>
    </message>
</context>
<context>
    <name>SongEdits</name>
    <message>
        <source>the song has no tracks</source>
        <translation>这首歌没有音轨</translation>
    </message>
    <message>
        <source>bar {bar} of track {track_index} ({name!r}) is locked: unlock it to edit its notes</source>
        <translation>音轨 {track_index}（{name!r}）的第 {bar} 小节已锁定：请解锁后再编辑它的音符</translation>
    </message>
    <message>
        <source>a note from tick {start_tick} to {end_tick} would ring into bar {reached} of track {track_index} ({name!r}), which is locked: end it by tick {line} or unlock the bar</source>
        <translation>从 tick {start_tick} 到 {end_tick} 的音符会延续到音轨 {track_index}（{name!r}）已锁定的第 {reached} 小节：请让它在 tick {line} 前结束，或解锁该小节</translation>
    </message>
    <message>
        <source>the note from tick {start_tick} to {end_tick} rings into bar {reached} of track {track_index} ({name!r}), which is locked: unlock bar {reached} to change or delete it</source>
        <translation>从 tick {start_tick} 到 {end_tick} 的音符延续到了音轨 {track_index}（{name!r}）已锁定的第 {reached} 小节：请解锁第 {reached} 小节后再修改或删除它</translation>
    </message>
    <message>
        <source>track {track_index} has locked bars: unlock them before removing the track</source>
        <translation>音轨 {track_index} 有锁定的小节：删除音轨前请先解锁</translation>
    </message>
    <message>
        <source>use the note and lock edits to change {forbidden}</source>
        <translation>请用音符编辑和锁定编辑来修改 {forbidden}</translation>
    </message>
    <message>
        <source>track {track_index} has no note {missing}</source>
        <translation>音轨 {track_index} 没有音符 {missing}</translation>
    </message>
    <message>
        <source>bar {bar} of track {track_index} is locked: unlock it to clear it</source>
        <translation>音轨 {track_index} 的第 {bar} 小节已锁定：请解锁后再清空</translation>
    </message>
</context>
<context>
    <name>SongFiles</name>
    <message>
        <source>{name}: unknown file type {value!r}; use a MIDI file ({choices}) or a Tessera project (.json)</source>
        <translation>{name}：未知的文件类型 {value!r}；请使用 MIDI 文件（{choices}）或 Tessera 项目（.json）</translation>
    </message>
</context>
<context>
    <name>SongValues</name>
    <message>
        <source>{name} must be an integer from {low} to {high}, got {shown}</source>
        <translation>{name} 必须是 {low} 到 {high} 之间的整数，实际是 {shown}</translation>
    </message>
    <message>
        <source>{name} must be text, got {shown}</source>
        <translation>{name} 必须是文本，实际是 {shown}</translation>
    </message>
    <message>
        <source>{name} holds a lone surrogate {value!r} at character {start}, which no file can store: retype the text</source>
        <translation>{name} 在第 {start} 个字符处有一个孤立的代理字符 {value!r}，任何文件都无法保存它：请重新输入这段文字</translation>
    </message>
    <message>
        <source>{name} must be a number from {low:g} to {high:g}, got {shown}</source>
        <translation>{name} 必须是 {low:g} 到 {high:g} 之间的数字，实际是 {shown}</translation>
    </message>
</context>
<context>
    <name>SoundDevice</name>
    <message>
        <source>the audio device did not answer within {timeout_s:g} s while {what}: check the output device (and that no other program holds it) and try again</source>
        <translation>音频设备在{what}时 {timeout_s:g} 秒内没有响应：请检查输出设备（以及没有别的程序占用它）后重试</translation>
    </message>
    <message>
        <source>playback needs the PortAudio library, which is not installed (Debian: libportaudio2, installed by build_scripts/bootstrap.sh); rendering to a file still works</source>
        <translation>播放需要 PortAudio 库，但它没有安装（Debian：libportaudio2，由 build_scripts/bootstrap.sh 安装）；渲染到文件仍然可用</translation>
    </message>
    <message>
        <source>{missing} ({err}): connect or enable one, or {instead}</source>
        <translation>{missing}（{err}）：请连接或启用一个，或{instead}</translation>
    </message>
</context>
<context>
    <name>SoundSynth</name>
    <message>
        <source>control frames must have shape (frames &gt;= 2, {channel_count}), got {shape}</source>
        <translation>控制帧的形状必须是 (帧数 &gt;= 2, {channel_count})，实际是 {shape}</translation>
    </message>
    <message>
        <source>sample rate must be at least {analysis_rate_hz} Hz and a multiple of {frame_rate_hz}, got {sample_rate_hz}</source>
        <translation>采样率必须至少为 {analysis_rate_hz} Hz，且是 {frame_rate_hz} 的倍数，实际是 {sample_rate_hz}</translation>
    </message>
    <message>
        <source>pitch must be a MIDI note number from 0 to 127, got {pitch}</source>
        <translation>音高必须是 0 到 127 的 MIDI 音符编号，实际是 {pitch}</translation>
    </message>
</context>
<context>
    <name>Soundfont</name>
    <message>
        <source>no General MIDI SoundFont found (looked at {looked}): {install_fix}</source>
        <translation>没有找到 General MIDI 音色库（查找了 {looked}）：{install_fix}</translation>
    </message>
    <message>
        <source>FluidSynth could not be loaded ({err}): {install_fix}</source>
        <translation>无法加载 FluidSynth（{err}）：{install_fix}</translation>
    </message>
    <message>
        <source>no SoundFont at {path}: {install_fix}</source>
        <translation>{path} 处没有音色库：{install_fix}</translation>
    </message>
    <message>
        <source>{path} is not a SoundFont FluidSynth can read: {install_fix}</source>
        <translation>{path} 不是 FluidSynth 能读取的音色库：{install_fix}</translation>
    </message>
    <message>
        <source>a standard note needs program 0-127, pitch 0-127 and velocity 1-127, got {program}, {pitch}, {velocity}</source>
        <translation>标准音符需要音色 0-127、音高 0-127、力度 1-127，实际是 {program}、{pitch}、{velocity}</translation>
    </message>
    <message>
        <source>{path} has no instrument for bank {bank}, program {program}: {install_fix}</source>
        <translation>{path} 中没有音色库 {bank}、音色 {program} 的乐器：{install_fix}</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>&lt;h1&gt;Start a song&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;开始写一首歌&lt;/h1&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Describe your song in a sentence&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;用一句话描述你的歌&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Or begin from something you have&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;或者从已有的素材开始&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Or start from a style&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;或者从一种风格开始&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Compose</source>
        <translation>作曲</translation>
    </message>
    <message>
        <source>Compose the song described, then open it in the grid</source>
        <translation>按描述作曲，然后在网格中打开</translation>
    </message>
    <message>
        <source>Go to the empty grid</source>
        <translation>进入空白网格</translation>
    </message>
    <message>
        <source>Hum or play a melody…</source>
        <translation>哼唱或弹奏一段旋律…</translation>
    </message>
    <message>
        <source>Open a MIDI file or project…</source>
        <translation>打开 MIDI 文件或项目…</translation>
    </message>
    <message>
        <source>Record or choose an audio clip; its notes become a track to build a song on</source>
        <translation>录制或选择一段音频；它的音符会成为一条音轨，在此基础上写歌</translation>
    </message>
    <message>
        <source>Don&apos;t show this at launch</source>
        <translation>启动时不再显示此页面</translation>
    </message>
    <message>
        <source>Open Tessera on the grid next time; this page stays in Help → Start Screen</source>
        <translation>下次打开 Tessera 时直接进入网格；本页面仍可从“帮助 → 开始页面”打开</translation>
    </message>
    <message>
        <source>Reopen a recent project:</source>
        <translation>重新打开最近的项目：</translation>
    </message>
    <message>
        <source>Type a sentence first, or pick a style below</source>
        <translation>请先输入一句话，或在下方选择一种风格</translation>
    </message>
    <message>
        <source>e.g. a happy pop song with piano and drums, 2 minutes</source>
        <translation>例如：一首欢快的流行歌，有钢琴和鼓，两分钟</translation>
    </message>
    <message>
        <source>{style} song</source>
        <translation>{style}歌曲</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Tessera cannot start</source>
        <translation>Tessera 无法启动</translation>
    </message>
</context>
<context>
    <name>StudioSession</name>
    <message>
        <source>this song has no project file yet: choose where to save it</source>
        <translation>这首歌还没有项目文件：请选择保存位置</translation>
    </message>
    <message>
        <source>{name} is not a project file: save projects as .json (use Export MIDI for a .mid)</source>
        <translation>{name} 不是项目文件：项目请保存为 .json（.mid 请用“导出 MIDI”）</translation>
    </message>
    <message>
        <source>cannot lock the recovery copy {name}: another program holds it</source>
        <translation>无法锁定恢复副本 {name}：另一个程序正占用它</translation>
    </message>
    <message>
        <source>{describe} is open in another Tessera window</source>
        <translation>{describe} 已在另一个 Tessera 窗口中打开</translation>
    </message>
</context>
<context>
    <name>StyleBox</name>
    <message>
        <source>No style</source>
        <translation>无风格</translation>
    </message>
    <message>
        <source>The kind of music the app writes: its band and groove</source>
        <translation>应用所写音乐的类型：乐队编制和律动</translation>
    </message>
</context>
<context>
    <name>StyleCards</name>
    <message>
        <source>A beat to rap over</source>
        <translation>适合说唱的节拍</translation>
    </message>
    <message>
        <source>A catchy song</source>
        <translation>朗朗上口的歌</translation>
    </message>
    <message>
        <source>A classical piece for solo piano</source>
        <translation>一首古典钢琴独奏曲</translation>
    </message>
    <message>
        <source>A fiddle melody that dances, like an Irish jig</source>
        <translation>跳跃的小提琴旋律，像爱尔兰吉格舞曲</translation>
    </message>
    <message>
        <source>A quick fiddle tune in four</source>
        <translation>四拍子的轻快小提琴曲</translation>
    </message>
    <message>
        <source>A slow, tender love song</source>
        <translation>缓慢而温柔的情歌</translation>
    </message>
    <message>
        <source>A tight, syncopated groove</source>
        <translation>紧凑的切分律动</translation>
    </message>
    <message>
        <source>Acoustic guitar and a two-step beat</source>
        <translation>木吉他和两步舞节拍</translation>
    </message>
    <message>
        <source>Ballad</source>
        <translation>抒情</translation>
    </message>
    <message>
        <source>Blues</source>
        <translation>布鲁斯</translation>
    </message>
    <message>
        <source>Bossa / Latin</source>
        <translation>波萨诺瓦 / 拉丁</translation>
    </message>
    <message>
        <source>Bossa nova and samba rhythms</source>
        <translation>波萨诺瓦和桑巴节奏</translation>
    </message>
    <message>
        <source>Chinese pentatonic</source>
        <translation>中国五声</translation>
    </message>
    <message>
        <source>Chorale</source>
        <translation>众赞歌</translation>
    </message>
    <message>
        <source>Cinematic</source>
        <translation>电影配乐</translation>
    </message>
    <message>
        <source>Compose a new song in this style and open it in the grid</source>
        <translation>用这种风格写一首新歌，并在网格中打开</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>乡村</translation>
    </message>
    <message>
        <source>Electronic dance music</source>
        <translation>电子舞曲</translation>
    </message>
    <message>
        <source>Film music: horns, strings and drums</source>
        <translation>电影音乐：圆号、弦乐和鼓</translation>
    </message>
    <message>
        <source>Folk tune</source>
        <translation>民谣曲调</translation>
    </message>
    <message>
        <source>Four voices singing a hymn, like Bach</source>
        <translation>四个声部唱赞美诗，像巴赫那样</translation>
    </message>
    <message>
        <source>Funk</source>
        <translation>放克</translation>
    </message>
    <message>
        <source>Guitars, bass and a driving beat</source>
        <translation>吉他、贝斯和强劲的节拍</translation>
    </message>
    <message>
        <source>Hear a few bars in this style (made the first time you ask)</source>
        <translation>试听这种风格的几个小节（第一次试听时生成）</translation>
    </message>
    <message>
        <source>Heavy distorted guitars, fast drums</source>
        <translation>厚重的失真吉他，快速的鼓</translation>
    </message>
    <message>
        <source>Hip hop</source>
        <translation>嘻哈</translation>
    </message>
    <message>
        <source>House / EDM</source>
        <translation>浩室 / 电子舞曲</translation>
    </message>
    <message>
        <source>Lo-fi hip hop</source>
        <translation>低保真嘻哈</translation>
    </message>
    <message>
        <source>Metal</source>
        <translation>金属</translation>
    </message>
    <message>
        <source>Off-beat chords, laid-back bass</source>
        <translation>反拍和弦，慵懒的贝斯</translation>
    </message>
    <message>
        <source>Piano piece</source>
        <translation>钢琴曲</translation>
    </message>
    <message>
        <source>Pop</source>
        <translation>流行</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <source>Reel</source>
        <translation>里尔舞曲</translation>
    </message>
    <message>
        <source>Reggae</source>
        <translation>雷鬼</translation>
    </message>
    <message>
        <source>Relaxed beats to study to</source>
        <translation>适合学习时听的放松节拍</translation>
    </message>
    <message>
        <source>Rock</source>
        <translation>摇滚</translation>
    </message>
    <message>
        <source>Soul / R&amp;B</source>
        <translation>灵魂乐 / R&amp;B</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>String quartet</source>
        <translation>弦乐四重奏</translation>
    </message>
    <message>
        <source>Swing / Jazz</source>
        <translation>摇摆 / 爵士</translation>
    </message>
    <message>
        <source>Swinging rhythm and jazz chords</source>
        <translation>摇摆节奏和爵士和弦</translation>
    </message>
    <message>
        <source>Traditional Chinese colours (古风)</source>
        <translation>中国传统韵味（古风）</translation>
    </message>
    <message>
        <source>Twelve bars of the blues</source>
        <translation>十二小节布鲁斯</translation>
    </message>
    <message>
        <source>Two violins, viola and cello</source>
        <translation>两把小提琴、中提琴和大提琴</translation>
    </message>
    <message>
        <source>Warm keys and a smooth groove</source>
        <translation>温暖的键盘和顺滑的律动</translation>
    </message>
    <message>
        <source>{voices} · {meter} · {tempo} BPM · {bars} bars</source>
        <translation>{voices} · {meter} · {tempo} BPM · {bars} 小节</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ 停止</translation>
    </message>
    <message>
        <source>▶ Listen</source>
        <translation>▶ 试听</translation>
    </message>
</context>
<context>
    <name>Styles</name>
    <message>
        <source>unknown style {name!r}: choose one of {choices}</source>
        <translation>未知的风格 {name!r}：请从以下选择：{choices}</translation>
    </message>
</context>
<context>
    <name>TakeFlip</name>
    <message>
        <source>flipping needs two takes and this song has {takes_count}: regenerate or nudge once more to make another</source>
        <translation>切换需要两个版本，而这首歌只有 {takes_count} 个：请再重新生成或微调一次来生成另一个</translation>
    </message>
</context>
<context>
    <name>TakeRestore</name>
    <message>
        <source>this take&apos;s meter differs from the song&apos;s, so its bars do not line up with the {cells_count} locked cell(s); unlock them first to go back to it</source>
        <translation>这个版本的拍号与歌曲不同，所以它的小节与 {cells_count} 个锁定的格子对不上；请先解锁它们再回到这个版本</translation>
    </message>
</context>
<context>
    <name>Takes</name>
    <message>
        <source>  ◀ listening</source>
        <translation>  ◀ 正在试听</translation>
    </message>
    <message>
        <source>%n more bars</source>
        <translation>另外 %n 个小节</translation>
    </message>
    <message>
        <source>1 more bar</source>
        <translation>另外 1 个小节</translation>
    </message>
    <message>
        <source>Back to the Song</source>
        <translation>回到歌曲</translation>
    </message>
    <message>
        <source>Drum kit</source>
        <translation>鼓组</translation>
    </message>
    <message>
        <source>Every version the app wrote, newest last: double-click one to go back</source>
        <translation>应用写过的每一个版本，最新的在最后：双击某个版本即可回到它</translation>
    </message>
    <message>
        <source>Hear the song you are editing again</source>
        <translation>重新听正在编辑的歌曲</translation>
    </message>
    <message>
        <source>Hearing the song</source>
        <translation>正在听歌曲</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>试听</translation>
    </message>
    <message>
        <source>Listening to take {number}</source>
        <translation>正在试听版本 {number}</translation>
    </message>
    <message>
        <source>Made with seed {seed}: the same seed on the same song gives these notes again</source>
        <translation>用种子 {seed} 生成：同一首歌用同一个种子会再次得到这些音符</translation>
    </message>
    <message>
        <source>Make this take the song again (you can undo this)</source>
        <translation>把这个版本恢复为歌曲（可以撤销）</translation>
    </message>
    <message>
        <source>Nudge: {direction}</source>
        <translation>微调：{direction}</translation>
    </message>
    <message>
        <source>Play this take without restoring it</source>
        <translation>播放这个版本，但不恢复它</translation>
    </message>
    <message>
        <source>Restore take</source>
        <translation>恢复版本</translation>
    </message>
    <message>
        <source>section {number}</source>
        <translation>段落 {number}</translation>
    </message>
    <message>
        <source>{number}. {what}</source>
        <translation>{number}. {what}</translation>
    </message>
    <message>
        <source>{section}, {bars}</source>
        <translation>{section}，{bars}</translation>
    </message>
    <message>
        <source>take request must be a JSON object, got {shown}</source>
        <translation>版本的请求必须是 JSON 对象，实际是 {shown}</translation>
    </message>
    <message>
        <source>request.cells must be a list, got {shown}</source>
        <translation>request.cells 必须是列表，实际是 {shown}</translation>
    </message>
    <message>
        <source>a take&apos;s song must be a Song, got {shown}</source>
        <translation>版本的歌曲必须是 Song，实际是 {shown}</translation>
    </message>
    <message>
        <source>{path} nests deeper than {max_request_depth} levels</source>
        <translation>{path} 嵌套超过了 {max_request_depth} 层</translation>
    </message>
    <message>
        <source>{path} has a key that is not text: {shown}</source>
        <translation>{path} 有一个不是文本的键：{shown}</translation>
    </message>
    <message>
        <source>{path} must be a finite number, got {item!r}</source>
        <translation>{path} 必须是有限的数字，实际是 {item!r}</translation>
    </message>
    <message>
        <source>{path} must be a JSON value, got {shown}</source>
        <translation>{path} 必须是 JSON 值，实际是 {shown}</translation>
    </message>
</context>
<context>
    <name>Theory</name>
    <message>
        <source>{what} {text!r} does not start with a note name: try {example}</source>
        <translation>{what} {text!r} 不是以音名开头：试试 {example}</translation>
    </message>
    <message>
        <source>pitch {text!r} needs an octave number: try &apos;C4&apos; (= 60) or &apos;F#3&apos;</source>
        <translation>音高 {text!r} 需要八度数字：试试“C4”（= 60）或“F#3”</translation>
    </message>
    <message>
        <source>pitch {text!r} is outside MIDI&apos;s 0-127 (C-1 to G9)</source>
        <translation>音高 {text!r} 超出了 MIDI 的 0-127（C-1 到 G9）</translation>
    </message>
    <message>
        <source>pitch range {text!r} is not understood: try &apos;C3-C5&apos; or &apos;48-72&apos;</source>
        <translation>无法理解音域 {text!r}：试试“C3-C5”或“48-72”</translation>
    </message>
    <message>
        <source>pitch range {text!r} runs downwards: put the lower pitch first</source>
        <translation>音域 {text!r} 是从高到低的：请把较低的音写在前面</translation>
    </message>
    <message>
        <source>key {text!r}: a key&apos;s mode is one of {modes}, not {mode!r}</source>
        <translation>调 {text!r}：调式只能是 {modes} 之一，不是 {mode!r}</translation>
    </message>
    <message>
        <source>key {text!r}: a key signature is major or minor, not {mode!r}</source>
        <translation type="vanished">调 {text!r}：调号只有大调（major）或小调（minor），不是 {mode!r}</translation>
    </message>
</context>
<context>
    <name>Timbre</name>
    <message>
        <source>(shown once the sound model has loaded)</source>
        <translation>（音色模型加载后显示）</translation>
    </message>
    <message>
        <source>0 % keeps this track&apos;s sound, 100 % takes on the other track&apos;s sound</source>
        <translation>0 % 保持本音轨的音色，100 % 则完全变成另一条音轨的音色</translation>
    </message>
    <message>
        <source>A generated sound (no. {seed})</source>
        <translation>生成的音色（编号 {seed}）</translation>
    </message>
    <message>
        <source>A, before the last change</source>
        <translation>A：上次改动之前</translation>
    </message>
    <message>
        <source>A/B compares Tessera timbres: untick the comparison to hear them</source>
        <translation>A/B 比较的是 Tessera 音色：取消勾选对比项即可听到</translation>
    </message>
    <message>
        <source>A/B: before</source>
        <translation>A/B：之前</translation>
    </message>
    <message>
        <source>A/B: now</source>
        <translation>A/B：现在</translation>
    </message>
    <message>
        <source>Another direction</source>
        <translation>换个方向</translation>
    </message>
    <message>
        <source>Audition</source>
        <translation>试听</translation>
    </message>
    <message>
        <source>B, the timbre now</source>
        <translation>B：现在的音色</translation>
    </message>
    <message>
        <source>Back to usual</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Blend</source>
        <translation>混合</translation>
    </message>
    <message>
        <source>Blend with</source>
        <translation>混合对象</translation>
    </message>
    <message>
        <source>Brighten timbre of {track} ({strength})</source>
        <translation>让 {track} 的音色更明亮（{strength}）</translation>
    </message>
    <message>
        <source>Brighter</source>
        <translation>更明亮</translation>
    </message>
    <message>
        <source>Change the sound a little in the direction shown</source>
        <translation>朝所示方向稍微改变音色</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>已改变</translation>
    </message>
    <message>
        <source>Character</source>
        <translation>特性</translation>
    </message>
    <message>
        <source>Compare with the Tessera timbre</source>
        <translation>与 Tessera 音色对比</translation>
    </message>
    <message>
        <source>Compare with the standard sound</source>
        <translation>与标准音色对比</translation>
    </message>
    <message>
        <source>Darken timbre of {track} ({strength})</source>
        <translation>让 {track} 的音色更暗（{strength}）</translation>
    </message>
    <message>
        <source>Darker</source>
        <translation>更暗</translation>
    </message>
    <message>
        <source>Direction no.</source>
        <translation>方向编号</translation>
    </message>
    <message>
        <source>Direction {number}</source>
        <translation>方向 {number}</translation>
    </message>
    <message>
        <source>General MIDI: {instrument}</source>
        <translation>通用 MIDI：{instrument}</translation>
    </message>
    <message>
        <source>Generate timbre of {track} (seed {seed})</source>
        <translation>为 {track} 生成音色（种子 {seed}）</translation>
    </message>
    <message>
        <source>Give the track a new sound for its instrument (you can undo it)</source>
        <translation>为音轨的乐器换一个新音色（可以撤销）</translation>
    </message>
    <message>
        <source>Give the track the generated sound with this number</source>
        <translation>为音轨使用这个编号的生成音色</translation>
    </message>
    <message>
        <source>Harden attack of {track} ({strength})</source>
        <translation>让 {track} 的起音更硬（{strength}）</translation>
    </message>
    <message>
        <source>Harder attack</source>
        <translation>起音更硬</translation>
    </message>
    <message>
        <source>Hear the General MIDI SoundFont&apos;s {instrument} instead of this sound (the track&apos;s sound does not change)</source>
        <translation>改听通用 MIDI SoundFont 的{instrument}（音轨的音色不会改变）</translation>
    </message>
    <message>
        <source>Hear the Tessera timbre this track keeps instead of the standard {instrument} (the track&apos;s sound does not change)</source>
        <translation>改听这条音轨保存的 Tessera 音色，而不是标准的{instrument}（音轨的音色不会改变）</translation>
    </message>
    <message>
        <source>How big a change Nudge and the Character buttons make</source>
        <translation>微调和特性按钮改变的幅度</translation>
    </message>
    <message>
        <source>How far</source>
        <translation>幅度</translation>
    </message>
    <message>
        <source>How far this sound has moved from the instrument&apos;s usual sound, and in which ways (brighter, darker, softer or harder attack)</source>
        <translation>这个音色偏离乐器默认音色的程度，以及偏离的方向（更明亮、更暗、起音更柔或更硬）</translation>
    </message>
    <message>
        <source>How much</source>
        <translation>多少</translation>
    </message>
    <message>
        <source>Interpolate timbre of {track} toward {other} ({fraction})</source>
        <translation>让 {track} 的音色向 {other} 靠拢（{fraction}）</translation>
    </message>
    <message>
        <source>Keeps a Tessera timbre ({timbre}): the edits here shape it; choose &apos;{choice}&apos; in the Track panel to hear it in the song</source>
        <translation>保存了一个 Tessera 音色（{timbre}）：这里的编辑会塑造它；在音轨面板中选择“{choice}”即可在歌曲中听到</translation>
    </message>
    <message>
        <source>Less sparkle in the high frequencies: a warmer, mellower sound that sits back in the mix</source>
        <translation>减少高频的闪亮感：声音更温暖柔和，在混音中更靠后</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>试听</translation>
    </message>
    <message>
        <source>Loading the timbre model…</source>
        <translation>正在加载音色模型…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Lock keeps this exact sound on the track: it is saved with the song and stays the same, and is stored with its seed and vector so it can be made again. An unlocked track uses the usual sound for its instrument.</source>
        <translation>锁定会把这个音色原样保留在音轨上：它随歌曲一起保存且保持不变，同时保存其种子和向量，以便再次生成。未锁定的音轨使用乐器的默认音色。</translation>
    </message>
    <message>
        <source>Lock timbre of {track}</source>
        <translation>锁定 {track} 的音色</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Make this sound</source>
        <translation>生成这个音色</translation>
    </message>
    <message>
        <source>More sparkle in the high frequencies: a more brilliant, cutting sound that stands out in the mix</source>
        <translation>增加高频的闪亮感：声音更明亮锐利，在混音中更突出</translation>
    </message>
    <message>
        <source>Move this track&apos;s sound toward the other track&apos;s sound</source>
        <translation>让本音轨的音色向另一条音轨的音色靠拢</translation>
    </message>
    <message>
        <source>Not locked (follows the usual sound for the instrument)</source>
        <translation>未锁定（使用乐器的默认音色）</translation>
    </message>
    <message>
        <source>Notes start more gently, swelling in like a bowed string or a breathy flute</source>
        <translation>音符起音更柔和，像拉弦乐器或带气声的长笛那样渐入</translation>
    </message>
    <message>
        <source>Notes start with a sharper edge, like a plucked string or a struck key</source>
        <translation>音符起音更锐利，像拨弦或敲击琴键</translation>
    </message>
    <message>
        <source>Nudge</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Nudge changes the sound in one of endless directions; each Nudge takes the next one</source>
        <translation>微调会沿无数方向之一改变音色；每次微调都换下一个方向</translation>
    </message>
    <message>
        <source>Nudge timbre of {track} ({strength}, direction {direction})</source>
        <translation>微调 {track} 的音色（{strength}，方向 {direction}）</translation>
    </message>
    <message>
        <source>Pick a different way for the next Nudge to change the sound</source>
        <translation>为下一次微调换一个改变音色的方向</translation>
    </message>
    <message>
        <source>Play a short phrase with this track&apos;s sound</source>
        <translation>用本音轨的音色播放一小段乐句</translation>
    </message>
    <message>
        <source>Play the phrase over and over until you stop it</source>
        <translation>反复播放这段乐句，直到你停止</translation>
    </message>
    <message>
        <source>Preparing the audition…</source>
        <translation>正在准备试听…</translation>
    </message>
    <message>
        <source>Reset timbre of {track} to GM</source>
        <translation>将 {track} 的音色恢复为 GM</translation>
    </message>
    <message>
        <source>Soften attack of {track} ({strength})</source>
        <translation>让 {track} 的起音更柔（{strength}）</translation>
    </message>
    <message>
        <source>Softer attack</source>
        <translation>起音更柔</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>音色</translation>
    </message>
    <message>
        <source>Sound no.</source>
        <translation>音色编号</translation>
    </message>
    <message>
        <source>Sound of {track}</source>
        <translation>{track} 的音色</translation>
    </message>
    <message>
        <source>Sound: no track selected</source>
        <translation>音色：未选择音轨</translation>
    </message>
    <message>
        <source>Standard sound: the General MIDI SoundFont&apos;s {instrument}</source>
        <translation>标准音色：通用 MIDI SoundFont 的{instrument}</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Switch between A, the sound before your last change here, and B, the sound now</source>
        <translation>在 A（你在这里最后一次改动之前的音色）和 B（现在的音色）之间切换</translation>
    </message>
    <message>
        <source>The number of a generated sound: the same number, the same sound</source>
        <translation>生成音色的编号：编号相同，音色就相同</translation>
    </message>
    <message>
        <source>The number of the direction the next Nudge takes</source>
        <translation>下一次微调所用方向的编号</translation>
    </message>
    <message>
        <source>The numbers behind a sound, to make one again exactly</source>
        <translation>音色背后的编号，用于精确地再次生成</translation>
    </message>
    <message>
        <source>The sound this track plays with</source>
        <translation>这条音轨演奏所用的音色</translation>
    </message>
    <message>
        <source>The track whose sound to blend toward</source>
        <translation>要向其音色混合靠拢的音轨</translation>
    </message>
    <message>
        <source>Try another sound</source>
        <translation>换一个音色</translation>
    </message>
    <message>
        <source>Unlock: back to the usual sound for the instrument</source>
        <translation>解锁：恢复乐器的默认音色</translation>
    </message>
    <message>
        <source>add another track to blend toward</source>
        <translation>请再添加一条音轨作为混合对象</translation>
    </message>
    <message>
        <source>auditioning {track}: {hearing}</source>
        <translation>正在试听 {track}：{hearing}</translation>
    </message>
    <message>
        <source>generated, seed {seed}</source>
        <translation>已生成，种子 {seed}</translation>
    </message>
    <message>
        <source>loading the timbre model…</source>
        <translation>正在加载音色模型…</translation>
    </message>
    <message>
        <source>now hearing {hearing}</source>
        <translation>正在听：{hearing}</translation>
    </message>
    <message>
        <source>the GM default</source>
        <translation>GM 默认音色</translation>
    </message>
    <message>
        <source>the General MIDI default itself</source>
        <translation>通用 MIDI 默认音色本身</translation>
    </message>
    <message>
        <source>the panel is still busy: try again in a moment</source>
        <translation>面板仍在忙：请稍后再试</translation>
    </message>
    <message>
        <source>the standard sound (General MIDI SoundFont)</source>
        <translation>标准音色（通用 MIDI SoundFont）</translation>
    </message>
    <message>
        <source>the timbre model could not load: {reason}</source>
        <translation>音色模型无法加载：{reason}</translation>
    </message>
    <message>
        <source>the timbre model is ready</source>
        <translation>音色模型已就绪</translation>
    </message>
    <message>
        <source>track {number}</source>
        <translation>音轨 {number}</translation>
    </message>
    <message>
        <source>{label} (the Tessera timbre it keeps; it still plays the standard sound)</source>
        <translation>{label}（它保存的 Tessera 音色；仍在用标准音色播放）</translation>
    </message>
    <message>
        <source>{label}: no change</source>
        <translation>{label}：无变化</translation>
    </message>
    <message>
        <source>{number}: {name}</source>
        <translation>{number}：{name}</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <source>its vectors are not all finite and of dimension {size}</source>
        <translation>它的向量不全是有限值，或维度不是 {size}</translation>
    </message>
    <message>
        <source>strength must be from 0 to 1, got {strength}</source>
        <translation>强度必须在 0 到 1 之间，实际是 {strength}</translation>
    </message>
    <message>
        <source>program must be 0-127 or {drum_kit} (drums), got {program}</source>
        <translation>音色号必须是 0-127 或 {drum_kit}（鼓），实际是 {program}</translation>
    </message>
    <message>
        <source>cannot mix timbres of {vector_count} and {vector_count_2} dimensions</source>
        <translation>无法混合 {vector_count} 维和 {vector_count_2} 维的音色</translation>
    </message>
    <message>
        <source>unknown descriptor {name!r}: choose from {descriptors}</source>
        <translation>未知的描述词 {name!r}：请从以下选择：{descriptors}</translation>
    </message>
    <message>
        <source>resolve a GM timbre with from_gm before changing it</source>
        <translation>改变 GM 音色前，请先用 from_gm 解析它</translation>
    </message>
    <message>
        <source>the timbre model: {err}</source>
        <translation>音色模型：{err}</translation>
    </message>
    <message>
        <source>the timbre model in {folder} was trained for controls {wrong}, but this Tessera synthesizes {expected}: install the model that ships with this version</source>
        <translation>{folder} 中的音色模型是为控制量 {wrong} 训练的，但这个 Tessera 合成的是 {expected}：请安装与此版本一同发布的模型</translation>
    </message>
    <message>
        <source>{path} does not match its card: {rebuild}</source>
        <translation>{path} 与它的说明卡不符：{rebuild}</translation>
    </message>
    <message>
        <source>{st_size:,} bytes is not a timbre space</source>
        <translation>{st_size:,} 字节不是一个音色空间</translation>
    </message>
    <message>
        <source>{path} is damaged ({err}): {rebuild}</source>
        <translation>{path} 已损坏（{err}）：{rebuild}</translation>
    </message>
    <message>
        <source>{folder} takes {name} of shape {shape}, but its card and space say (batch, {dims}): {rebuild}</source>
        <translation>{folder} 接收形状为 {shape} 的 {name}，但它的说明卡和空间写的是 (batch, {dims})：{rebuild}</translation>
    </message>
    <message>
        <source>a standard-sound (SoundFont) note is rendered by FluidSynth, not the timbre model: render it through engine.sound.note_cache.NoteRenderer</source>
        <translation>标准音色（音色库）的音符由 FluidSynth 渲染，而不是音色模型：请通过 engine.sound.note_cache.NoteRenderer 渲染</translation>
    </message>
    <message>
        <source>a batch holds at most {most} notes, got {count}</source>
        <translation>一批最多 {most} 个音符，实际为 {count} 个</translation>
    </message>
    <message>
        <source>a note needs pitch 0-127, velocity 1-127 and a duration above 0 and at most {max_note_seconds:g} s, got {pitch}, {velocity}, {duration_seconds}</source>
        <translation>音符需要音高 0-127、力度 1-127，时长大于 0 且最多 {max_note_seconds:g} 秒，实际是 {pitch}、{velocity}、{duration_seconds}</translation>
    </message>
    <message>
        <source>the sampler needs at least one step, got {steps}</source>
        <translation>采样器至少需要一步，实际是 {steps}</translation>
    </message>
    <message>
        <source>the drum table {path} cannot be read ({err}): reinstall Tessera, or rebuild it with python -m build_scripts.timbre.drum_table</source>
        <translation>无法读取鼓表 {path}（{err}）：请重新安装 Tessera，或用 python -m build_scripts.timbre.drum_table 重新生成</translation>
    </message>
    <message>
        <source>the drum table {path} does not match its keys and velocities: reinstall Tessera, or rebuild it with python -m build_scripts.timbre.drum_table</source>
        <translation>鼓表 {path} 与其中的鼓键和力度不符：请重新安装 Tessera，或用 python -m build_scripts.timbre.drum_table 重新生成</translation>
    </message>
</context>
<context>
    <name>TimbreRef</name>
    <message>
        <source>timbre kind must be &apos;gm&apos;, &apos;generated&apos; or &apos;soundfont&apos;, got {shown}</source>
        <translation>音色类型必须是“gm”“generated”或“soundfont”，实际是 {shown}</translation>
    </message>
    <message>
        <source>a generated timbre needs both a seed and a vector</source>
        <translation>生成的音色需要同时有种子和向量</translation>
    </message>
    <message>
        <source>a standard-sound timbre keeps both a seed and a vector, or neither</source>
        <translation>标准音色要么同时保留种子和向量，要么都不保留</translation>
    </message>
    <message>
        <source>only a standard-sound timbre names a program, not {kind!r}</source>
        <translation>只有标准音色才指定音色号，{kind!r} 不行</translation>
    </message>
    <message>
        <source>only a timbre with a vector names the model that made it</source>
        <translation>只有带向量的音色才会注明生成它的模型</translation>
    </message>
    <message>
        <source>timbre vector must hold {timbre_dimension} numbers (or none), got {vector_count}</source>
        <translation>音色向量必须有 {timbre_dimension} 个数（或没有），实际有 {vector_count} 个</translation>
    </message>
</context>
<context>
    <name>TimbreVersion</name>
    <message>
        <source>track {number} ({name}): its generated timbre was made with {made}, and this Tessera has timbre model v{installed}, so it sounds different now: generate or nudge a new one in the Timbre panel, or choose General MIDI (SoundFont) for it</source>
        <translation>第 {number} 轨（{name}）：它的生成音色来自{made}，而此版 Tessera 使用音色模型 v{installed}，所以现在听起来会不一样：请在音色面板中重新生成或微调一个音色，或为它选择通用 MIDI（SoundFont）</translation>
    </message>
    <message>
        <source>an earlier timbre model</source>
        <translation>较早的音色模型</translation>
    </message>
    <message>
        <source>timbre model v{version}</source>
        <translation>音色模型 v{version}</translation>
    </message>
</context>
<context>
    <name>ToSong</name>
    <message>
        <source>unknown quantise grid {quantise!r}: use one of {choices}</source>
        <translation>未知的量化网格 {quantise!r}：请用 {choices} 之一</translation>
    </message>
    <message>
        <source>{onsets_count} note onset(s) are too few to estimate a tempo: give the tempo</source>
        <translation>{onsets_count} 个音符起音太少，无法估计速度：请给出速度</translation>
    </message>
    <message>
        <source>tempo must be {min_tempo_bpm:g} to {max_tempo_bpm:g} BPM, got {tempo_bpm:g}</source>
        <translation>速度必须在 {min_tempo_bpm:g} 到 {max_tempo_bpm:g} BPM 之间，实际是 {tempo_bpm:g}</translation>
    </message>
    <message>
        <source>the clip holds no notes to add (after the offset)</source>
        <translation>片段中（偏移之后）没有可添加的音符</translation>
    </message>
    <message>
        <source>no notes were heard in the clip: record closer to the microphone, hum louder, or lower the onset threshold</source>
        <translation>片段中没有听到任何音符：请离麦克风近一点录、哼得大声一点，或调低起音阈值</translation>
    </message>
    <message>
        <source>the clip is read at the song&apos;s own tempo map: leave the tempo out when adding a clip to a song that has music</source>
        <translation>片段会按歌曲自己的速度读取：向已有音乐的歌曲添加片段时，请不要指定速度</translation>
    </message>
</context>
<context>
    <name>Tokens</name>
    <message>
        <source>a song needs at least one track to be tokenized</source>
        <translation>歌曲至少需要一条音轨才能分词</translation>
    </message>
    <message>
        <source>cell track {track_index} is not in the song</source>
        <translation>格子所在的音轨 {track_index} 不在歌曲中</translation>
    </message>
    <message>
        <source>expected a {rstrip} token, got {token!r}</source>
        <translation>应为 {rstrip} 词元，实际是 {token!r}</translation>
    </message>
    <message>
        <source>the token sequence ends too early</source>
        <translation>词元序列过早结束</translation>
    </message>
    <message>
        <source>token {index} is {token!r}, expected {rstrip}</source>
        <translation>第 {index} 个词元是 {token!r}，应为 {rstrip}</translation>
    </message>
    <message>
        <source>token {index}: a note comes before any position</source>
        <translation>第 {index} 个词元：音符出现在任何位置之前</translation>
    </message>
    <message>
        <source>track {tracks_count} has more bars than the first track</source>
        <translation>音轨 {tracks_count} 的小节比第一条音轨多</translation>
    </message>
    <message>
        <source>the sequence holds no track</source>
        <translation>序列中没有任何音轨</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <source>A new idea</source>
        <translation>一个新想法</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Change single notes</source>
        <translation>修改单个音符</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Each row is an instrument and each column a bar. Click a cell to select it, or drag across several.</source>
        <translation>每一行是一种乐器，每一列是一个小节。单击格子选中它，或拖动选中多个。</translation>
    </message>
    <message>
        <source>Each time the AI writes, the result is kept here as a take. Listen to one, or go back to it.</source>
        <translation>AI 每写一次，结果都会作为一个版本保存在这里。你可以试听，也可以回到某个版本。</translation>
    </message>
    <message>
        <source>Every version is kept</source>
        <translation>每个版本都会保留</translation>
    </message>
    <message>
        <source>File → Export MIDI saves the notes for another music program; Export Audio makes a sound file for a video. Save keeps the project to work on later.</source>
        <translation>文件 → 导出 MIDI 会把音符保存给其他音乐软件使用；导出音频会生成可用于视频的声音文件。保存则会保留项目，以便以后继续编辑。</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Guided Tour</source>
        <translation>新手导览</translation>
    </message>
    <message>
        <source>Keep what you like</source>
        <translation>留住你喜欢的</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>试听</translation>
    </message>
    <message>
        <source>Lock (L) keeps the selected cells as they are: the AI writes around them and never changes them.</source>
        <translation>锁定（L）会让选中的格子保持原样：AI 会围绕它们来写，绝不改动它们。</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Play or stop with the Space bar.</source>
        <translation>按空格键播放或停止。</translation>
    </message>
    <message>
        <source>Regenerate (R) writes new music in the selected cells. Ctrl+Z takes it back.</source>
        <translation>重新生成（R）会在选中的格子里写出新的音乐。按 Ctrl+Z 可撤回。</translation>
    </message>
    <message>
        <source>Step {number} of {count}</source>
        <translation>第 {number} 步，共 {count} 步</translation>
    </message>
    <message>
        <source>Take it with you</source>
        <translation>带走你的作品</translation>
    </message>
    <message>
        <source>The piano roll shows the notes of the selected cells. Drag a note to move it, drag its end to lengthen it, double-click to add one, Delete to remove it.</source>
        <translation>钢琴卷帘显示选中格子里的音符。拖动音符可移动它，拖动末端可拉长，双击可添加音符，按 Delete 可删除。</translation>
    </message>
    <message>
        <source>Your song</source>
        <translation>你的歌</translation>
    </message>
</context>
<context>
    <name>TrackPanel</name>
    <message>
        <source>Back to the usual level, centred, not muted or soloed, with the instrument&apos;s usual width and reverb</source>
        <translation>恢复默认音量、居中、取消静音和独奏，并使用乐器的默认宽度和混响</translation>
    </message>
    <message>
        <source>Back to the usual reverb for this kind of instrument: strings, choirs and pads roomy, basses dry</source>
        <translation>恢复这类乐器的默认混响：弦乐、合唱和铺底音色空间感强，低音则较干</translation>
    </message>
    <message>
        <source>Back to the usual width for this kind of instrument: strings, choirs and pads wide, basses centred</source>
        <translation>恢复这类乐器的默认宽度：弦乐、合唱和铺底音色较宽，低音则居中</translation>
    </message>
    <message>
        <source>Change instrument of {track}</source>
        <translation>更换 {track} 的乐器</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Default reverb of {track}</source>
        <translation>{track} 的默认混响</translation>
    </message>
    <message>
        <source>Default width of {track}</source>
        <translation>{track} 的默认宽度</translation>
    </message>
    <message>
        <source>Drum kit</source>
        <translation>鼓组</translation>
    </message>
    <message>
        <source>General MIDI (SoundFont)</source>
        <translation>通用 MIDI（SoundFont）</translation>
    </message>
    <message>
        <source>Hear only this track (and other soloed ones)</source>
        <translation>只听这条音轨（以及其他独奏的音轨）</translation>
    </message>
    <message>
        <source>How loud this track is in the mix</source>
        <translation>这条音轨在混音中的音量</translation>
    </message>
    <message>
        <source>How much of the track goes to the shared room (the reverb every track plays into): Off keeps it dry, -15 dB is a touch of room, -9 dB a hall&apos;s wash around a section or a pad.</source>
        <translation>这条音轨送往共享空间（所有音轨共用的混响）的量：关闭则保持干声，-15 dB 带一点空间感，-9 dB 则像音乐厅般包裹一个声部或铺底。</translation>
    </message>
    <message>
        <source>How wide the track sits between the speakers: 0 % is a single point, placed by Pan; 100 % spreads it like a string section or a pad. Bass notes stay in the middle however wide the track is.</source>
        <translation>音轨在两个音箱之间展开的宽度：0 % 是一个点，位置由声像决定；100 % 则像弦乐组或铺底那样铺开。无论多宽，低音都保持在中间。</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>乐器</translation>
    </message>
    <message>
        <source>L{amount}</source>
        <translation>左{amount}</translation>
    </message>
    <message>
        <source>Mix</source>
        <translation>混音</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Mute {track}</source>
        <translation>静音 {track}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>声像</translation>
    </message>
    <message>
        <source>Pan {track}</source>
        <translation>{track} 的声像</translation>
    </message>
    <message>
        <source>Play a drum kit instead of a pitched instrument: each note is a different drum</source>
        <translation>演奏鼓组而不是有音高的乐器：每个音符对应一种鼓</translation>
    </message>
    <message>
        <source>Rename {track}</source>
        <translation>重命名 {track}</translation>
    </message>
    <message>
        <source>Reset mix</source>
        <translation>重置混音</translation>
    </message>
    <message>
        <source>Reset mix of {track}</source>
        <translation>重置 {track} 的混音</translation>
    </message>
    <message>
        <source>Reverb</source>
        <translation>混响</translation>
    </message>
    <message>
        <source>R{amount}</source>
        <translation>右{amount}</translation>
    </message>
    <message>
        <source>Set gain of {track}</source>
        <translation>设置 {track} 的增益</translation>
    </message>
    <message>
        <source>Set reverb of {track}</source>
        <translation>设置 {track} 的混响</translation>
    </message>
    <message>
        <source>Set width of {track}</source>
        <translation>设置 {track} 的宽度</translation>
    </message>
    <message>
        <source>Silence this track</source>
        <translation>让这条音轨不发声</translation>
    </message>
    <message>
        <source>Solo</source>
        <translation>独奏</translation>
    </message>
    <message>
        <source>Solo {track}</source>
        <translation>独奏 {track}</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>音色</translation>
    </message>
    <message>
        <source>Sound of {track}: {sound}</source>
        <translation>{track} 的音色：{sound}</translation>
    </message>
    <message>
        <source>Tessera timbre</source>
        <translation>Tessera 音色</translation>
    </message>
    <message>
        <source>Tessera timbre: the app&apos;s own sound for the instrument, which the Timbre panel can change, lock and nudge. General MIDI (SoundFont): the standard sound set every MIDI player knows</source>
        <translation>Tessera 音色：应用自己为该乐器生成的声音，可以在音色面板中修改、锁定和微调。通用 MIDI（SoundFont）：所有 MIDI 播放器都认识的标准音色库</translation>
    </message>
    <message>
        <source>The instrument this track plays (General MIDI 1-128)</source>
        <translation>这条音轨演奏的乐器（通用 MIDI 1-128）</translation>
    </message>
    <message>
        <source>The track&apos;s name, as the grid shows it</source>
        <translation>音轨名称，即网格中显示的名称</translation>
    </message>
    <message>
        <source>Unmute {track}</source>
        <translation>取消静音 {track}</translation>
    </message>
    <message>
        <source>Unsolo {track}</source>
        <translation>取消独奏 {track}</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Where the track sits between the left and right speakers</source>
        <translation>音轨在左右音箱之间的位置</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>track {number}</source>
        <translation>音轨 {number}</translation>
    </message>
    <message>
        <source>{db} dB</source>
        <translation>{db} dB</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <source>{value} (default)</source>
        <translation>{value}（默认）</translation>
    </message>
    <message>
        <source>C</source>
        <comment>pan: centre</comment>
        <translation>中</translation>
    </message>
</context>
<context>
    <name>TranscribedNotes</name>
    <message>
        <source>{name} must be between 0 and 1, got {value!r}</source>
        <translation>{name} 必须在 0 到 1 之间，实际是 {value!r}</translation>
    </message>
    <message>
        <source>min_note_seconds must be from 0 to 10, got {min_note_seconds!r}</source>
        <translation>min_note_seconds 必须在 0 到 10 之间，实际是 {min_note_seconds!r}</translation>
    </message>
</context>
<context>
    <name>Transcriber</name>
    <message>
        <source>the note model is not installed: {install_hint}</source>
        <translation>音符模型没有安装：{install_hint}</translation>
    </message>
    <message>
        <source>the clip is {frames:.1f} minutes long; the limit is {max_clip_seconds:g} minutes: cut out the part to transcribe</source>
        <translation>片段长 {frames:.1f} 分钟；上限是 {max_clip_seconds:g} 分钟：请截取要转写的部分</translation>
    </message>
    <message>
        <source>no audio file at {path}</source>
        <translation>{path} 处没有音频文件</translation>
    </message>
    <message>
        <source>{name}: cannot read it as audio ({error_string}); Tessera reads {readable} files: convert the clip to one of those</source>
        <translation>{name}：无法作为音频读取（{error_string}）；Tessera 能读取 {readable} 文件：请把片段转换成其中一种</translation>
    </message>
    <message>
        <source>cannot read {path}: {strerror}</source>
        <translation>无法读取 {path}：{strerror}</translation>
    </message>
    <message>
        <source>{name} is not an audio file (it is a folder, a device or a pipe): choose a {readable} file</source>
        <translation>{name} 不是音频文件（它是文件夹、设备或管道）：请选择一个 {readable} 文件</translation>
    </message>
    <message>
        <source>{name} is {st_size:.1f} GiB, more than the {max_clip_bytes:g} GiB a clip may be: cut out the part to transcribe</source>
        <translation>{name} 有 {st_size:.1f} GiB，超过了片段最大的 {max_clip_bytes:g} GiB：请截取要转写的部分</translation>
    </message>
    <message>
        <source>{name} says it holds {channels} channels at {sample_rate} Hz; Tessera reads 1 to {max_channels} channels at {min_rate_hz:,} to {max_rate_hz:,} Hz: convert the clip</source>
        <translation>{name} 声称有 {channels} 个声道、{sample_rate} Hz；Tessera 能读取 1 到 {max_channels} 个声道、{min_rate_hz:,} 到 {max_rate_hz:,} Hz：请转换这个片段</translation>
    </message>
    <message>
        <source>{name} holds no audio (zero samples)</source>
        <translation>{name} 中没有音频（零个采样）</translation>
    </message>
    <message>
        <source>{name} holds invalid samples (NaN or infinity)</source>
        <translation>{name} 含有无效的采样（NaN 或无穷大）</translation>
    </message>
    <message>
        <source>{name} is silent (its loudest sample is {value:.0f} dBFS): record the clip again with more input level</source>
        <translation>{name} 是无声的（最响的采样为 {value:.0f} dBFS）：请调高输入电平后重新录制</translation>
    </message>
    <message>
        <source>{err}; it must be the note model of the basic-pitch version this Tessera was built for: {install_hint}</source>
        <translation>{err}；它必须是这个 Tessera 所依据的 basic-pitch 版本的音符模型：{install_hint}</translation>
    </message>
    <message>
        <source>{path} has outputs of widths {widths}, not the expected {value}: {install_hint}</source>
        <translation>{path} 的输出宽度为 {widths}，而不是预期的 {value}：{install_hint}</translation>
    </message>
    <message>
        <source>transcribe takes mono audio (1-D), got shape {shape}</source>
        <translation>转写需要单声道音频（一维），实际形状是 {shape}</translation>
    </message>
    <message>
        <source>sample_rate must be 1,000 to 384,000 Hz, got {sample_rate!r}</source>
        <translation>sample_rate 必须在 1,000 到 384,000 Hz 之间，实际是 {sample_rate!r}</translation>
    </message>
</context>
<context>
    <name>Transport</name>
    <message>
        <source> BPM</source>
        <translation> BPM</translation>
    </message>
    <message>
        <source>Back to bar 1 (W)</source>
        <translation>回到第 1 小节（W）</translation>
    </message>
    <message>
        <source>Loading the timbre model…</source>
        <translation>正在加载音色模型…</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Loop the selected bars (the whole song without a selection)</source>
        <translation>循环播放选中的小节（未选择时循环整首歌）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play or stop (Space)</source>
        <translation>播放或停止（空格）</translation>
    </message>
    <message>
        <source>Return to Start</source>
        <translation>回到开头</translation>
    </message>
    <message>
        <source>Set tempo to {bpm} BPM</source>
        <translation>将速度设为 {bpm} BPM</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>The song&apos;s opening tempo</source>
        <translation>歌曲开头的速度</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>播放控制</translation>
    </message>
    <message>
        <source>loading the timbre model…</source>
        <translation>正在加载音色模型…</translation>
    </message>
    <message>
        <source>playing</source>
        <translation>正在播放</translation>
    </message>
    <message>
        <source>playing (looping)</source>
        <translation>正在播放（循环）</translation>
    </message>
    <message>
        <source>playing take {number}</source>
        <translation>正在播放版本 {number}</translation>
    </message>
    <message>
        <source>playing take {number} (looping)</source>
        <translation>正在播放版本 {number}（循环）</translation>
    </message>
    <message>
        <source>the timbre model could not load: {error}</source>
        <translation>音色模型无法加载：{error}</translation>
    </message>
    <message>
        <source>the timbre model has not loaded yet: wait for it, then play</source>
        <translation>音色模型尚未加载完：请等它加载好再播放</translation>
    </message>
</context>
<context>
    <name>Understood</name>
    <message>
        <source>style</source>
        <translation>风格</translation>
    </message>
    <message>
        <source>tempo</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>meter</source>
        <translation>拍号</translation>
    </message>
    <message>
        <source>key</source>
        <translation>调</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>音阶</translation>
    </message>
    <message>
        <source>length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>notes per bar</source>
        <translation>每小节音符数</translation>
    </message>
    <message>
        <source>dynamics</source>
        <translation>力度</translation>
    </message>
    <message>
        <source>instrument</source>
        <translation>乐器</translation>
    </message>
    <message>
        <source>form</source>
        <translation>曲式</translation>
    </message>
    <message>
        <source>major</source>
        <translation>大调</translation>
    </message>
    <message>
        <source>minor</source>
        <translation>小调</translation>
    </message>
    <message>
        <source>Dorian</source>
        <translation>多利亚调式</translation>
    </message>
    <message>
        <source>Phrygian</source>
        <translation>弗里几亚调式</translation>
    </message>
    <message>
        <source>Lydian</source>
        <translation>利底亚调式</translation>
    </message>
    <message>
        <source>Mixolydian</source>
        <translation>混合利底亚调式</translation>
    </message>
    <message>
        <source>Aeolian</source>
        <translation>爱奥利亚调式</translation>
    </message>
    <message>
        <source>Ionian</source>
        <translation>伊奥尼亚调式</translation>
    </message>
    <message>
        <source>gong mode (pentatonic)</source>
        <translation>宫调式</translation>
    </message>
    <message>
        <source>shang mode (pentatonic)</source>
        <translation>商调式</translation>
    </message>
    <message>
        <source>jue mode (pentatonic)</source>
        <translation>角调式</translation>
    </message>
    <message>
        <source>zhi mode (pentatonic)</source>
        <translation>徵调式</translation>
    </message>
    <message>
        <source>yu mode (pentatonic)</source>
        <translation>羽调式</translation>
    </message>
    <message>
        <source>{0} (GM {1})</source>
        <translation>{0}（GM {1}）</translation>
    </message>
    <message>
        <source>{0} {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>%n bar(s)</source>
        <translation>%n 小节</translation>
    </message>
    <message>
        <source>{0} s ({1})</source>
        <translation>{0} 秒（{1}）</translation>
    </message>
    <message>
        <source>soft ({0}-{1})</source>
        <translation>轻柔（{0}-{1}）</translation>
    </message>
    <message>
        <source>loud ({0}-{1})</source>
        <translation>响亮（{0}-{1}）</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;</source>
        <translation>“{0}”</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source> and </source>
        <translation>和</translation>
    </message>
    <message>
        <source>lead {0} from {1} (the {2} preset&apos;s own)</source>
        <translation>主奏 {0}，来自{1}（即“{2}”预设自带的主奏）</translation>
    </message>
    <message>
        <source>section {0} from {1}: the {2} style&apos;s form decides the sections; name two or more in order (verse chorus verse chorus) to set the form</source>
        <translation>段落 {0}，来自{1}：段落安排由“{2}”风格的曲式决定；按顺序写出两个以上段落（如 主歌 副歌 主歌 副歌）即可指定曲式</translation>
    </message>
    <message>
        <source>{0} {1} from {2} (tonic from the {3} preset)</source>
        <translation>{0} {1}，来自{2}（主音取自“{3}”预设）</translation>
    </message>
    <message>
        <source>{0} {1} from {2}</source>
        <translation>{0} {1}，来自{2}</translation>
    </message>
    <message>
        <source>drum kit from {0} (the {1} preset has one)</source>
        <translation>鼓组，来自{0}（“{1}”预设自带鼓组）</translation>
    </message>
    <message>
        <source>drum kit from {0}: the {1} preset has none; add one afterwards with Add Track</source>
        <translation>鼓组，来自{0}：“{1}”预设没有鼓组，之后可用“添加音轨”加上</translation>
    </message>
    <message>
        <source>bass from {0} (the {1} preset has one)</source>
        <translation>贝斯，来自{0}（“{1}”预设自带贝斯）</translation>
    </message>
    <message>
        <source>bass from {0}: the {1} preset has none; add one afterwards with Add Track</source>
        <translation>贝斯，来自{0}：“{1}”预设没有贝斯，之后可用“添加音轨”加上</translation>
    </message>
    <message>
        <source>nothing recognised: using the {0} preset as it is</source>
        <translation>没有识别出任何词：按原样使用“{0}”预设</translation>
    </message>
    <message>
        <source>not understood: {0}</source>
        <translation>未理解：{0}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Understood: {0}</source>
        <translation>理解为：{0}</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>there is nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <source>there is nothing to redo</source>
        <translation>没有可重做的操作</translation>
    </message>
</context>
<context>
    <name>UseCases</name>
    <message>
        <source>Regenerate {count}</source>
        <translation>重新生成 {count} 个格子</translation>
    </message>
    <message>
        <source>Nudge {direction} {strength:.2f}</source>
        <translation>微调 {direction} {strength:.2f}</translation>
    </message>
    <message>
        <source>Add drum kit</source>
        <translation>添加鼓组</translation>
    </message>
    <message>
        <source>Add track</source>
        <translation>添加音轨</translation>
    </message>
    <message>
        <source>Continue {bars} bars</source>
        <translation>续写 {bars} 小节</translation>
    </message>
    <message>
        <source>New {preset}</source>
        <translation>新建 {preset}</translation>
    </message>
    <message>
        <source>Lock {count} cell(s)</source>
        <translation>锁定 {count} 个格子</translation>
    </message>
    <message>
        <source>Unlock {count} cell(s)</source>
        <translation>解锁 {count} 个格子</translation>
    </message>
    <message>
        <source>{label} (seed {seed})</source>
        <translation>{label}（种子 {seed}）</translation>
    </message>
    <message>
        <source>Regenerate section {number} and its repeats</source>
        <translation>重新生成段落 {number} 及其重复</translation>
    </message>
    <message>
        <source>Regenerate section {number}</source>
        <translation>重新生成段落 {number}</translation>
    </message>
    <message>
        <source>Vary section {number} {strength:.2f} and its repeats</source>
        <translation>变奏段落 {number} {strength:.2f} 及其重复</translation>
    </message>
    <message>
        <source>Vary section {number} {strength:.2f}</source>
        <translation>变奏段落 {number} {strength:.2f}</translation>
    </message>
    <message>
        <source>Copy section {number} to bar {bar}</source>
        <translation>复制段落 {number} 到第 {bar} 小节</translation>
    </message>
    <message>
        <source>Make section {number} a {role}</source>
        <translation>把段落 {number} 设为{role}</translation>
    </message>
    <message>
        <source>{name} is a MIDI file, which cannot hold locks: write a project instead, such as song.json</source>
        <translation>{name} 是 MIDI 文件，无法保存锁定：请改为保存项目，例如 song.json</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Set style to {style}</source>
        <translation>把风格设为 {style}</translation>
    </message>
    <message>
        <source>{label}…</source>
        <translation>{label}…</translation>
    </message>
    <message>
        <source>Rendering {name}…</source>
        <translation>正在渲染 {name}…</translation>
    </message>
    <message>
        <source>choose an audio file or record a clip first</source>
        <translation>请先选择一个音频文件或录一段</translation>
    </message>
    <message>
        <source>Add {name} from audio</source>
        <translation>从音频添加 {name}</translation>
    </message>
    <message>
        <source>Listening to {name}…</source>
        <translation>正在聆听 {name}…</translation>
    </message>
    <message>
        <source>hearing your keys needs the Tessera synth as the output</source>
        <translation>要听到你弹的键，输出必须是 Tessera 合成器</translation>
    </message>
    <message>
        <source>{folder} is not a folder: give a folder of .mid or .json songs</source>
        <translation>{folder} 不是文件夹：请给出一个包含 .mid 或 .json 歌曲的文件夹</translation>
    </message>
    <message>
        <source>{folder} holds no .mid or .json songs to check against</source>
        <translation>{folder} 中没有可用于比对的 .mid 或 .json 歌曲</translation>
    </message>
</context>
<context>
    <name>VideoBackend</name>
    <message>
        <source>unknown video backend {name}: choose auto, qt or pyav</source>
        <translation>未知的视频后端 {name}：请选择 auto、qt 或 pyav</translation>
    </message>
</context>
<context>
    <name>VideoCuts</name>
    <message>
        <source>cut times must be in order</source>
        <translation>剪辑点时间必须按顺序排列</translation>
    </message>
    <message>
        <source>a cut at {time:g} s is outside the video (0-{duration_s:.3f} s): give a time inside it</source>
        <translation>{time:g} 秒处的剪辑点在视频之外（0-{duration_s:.3f} 秒）：请给出视频内的时间</translation>
    </message>
    <message>
        <source>there is no cut within {within:g} s of {time:g} s: the cuts are at {text}</source>
        <translation>{time:g} 秒前后 {within:g} 秒内没有剪辑点：剪辑点位于 {text}</translation>
    </message>
</context>
<context>
    <name>VideoEnergy</name>
    <message>
        <source>an energy curve needs at least one point such as 0=0.5</source>
        <translation>能量曲线至少需要一个点，例如 0=0.5</translation>
    </message>
    <message>
        <source>energy point {time:g}={value:g}: the time must be 0 or more seconds and the energy 0-1</source>
        <translation>能量点 {time:g}={value:g}：时间必须大于等于 0 秒，能量在 0-1 之间</translation>
    </message>
    <message>
        <source>an energy curve gives each time once</source>
        <translation>能量曲线中每个时间只能出现一次</translation>
    </message>
</context>
<context>
    <name>VideoMux</name>
    <message>
        <source>will not overwrite the original video {name}: choose another output name, such as {stem}-scored{suffix}</source>
        <translation type="vanished">不会覆盖原视频 {name}：请换一个输出文件名，例如 {stem}-scored{suffix}</translation>
    </message>
    <message>
        <source>could not write {name}: {err}; check the folder can be written and has space, or choose an mp4 or mkv name</source>
        <translation>无法写入 {name}：{err}；请检查文件夹可写且有空间，或选择 mp4 或 mkv 文件名</translation>
    </message>
    <message>
        <source>no frame of {name} could be re-encoded</source>
        <translation>{name} 没有任何一帧能够重新编码</translation>
    </message>
    <message>
        <source>the soundtrack is {sound:.3f} s, not the video&apos;s {video:.3f} s</source>
        <translation>配乐长 {sound:.3f} 秒，而不是视频的 {video:.3f} 秒</translation>
    </message>
    <message>
        <source>will not overwrite the original video {name}: choose another output name, such as {suggested}</source>
        <translation>不会覆盖原视频 {name}：请换一个输出文件名，例如 {suggested}</translation>
    </message>
    <message>
        <source>could not write {name}: {err}; check the folder can be written and has space</source>
        <translation>无法写入 {name}：{err}；请检查该文件夹可写且有足够空间</translation>
    </message>
</context>
<context>
    <name>VideoProbe</name>
    <message>
        <source>cannot read the video {name}: {why}; choose an mp4, mov, mkv or webm file that plays in a video player</source>
        <translation>无法读取视频 {name}：{why}；请选择能在视频播放器中播放的 mp4、mov、mkv 或 webm 文件</translation>
    </message>
    <message>
        <source>cannot read the video {name}: there is no such file ({where})</source>
        <translation>无法读取视频 {name}：文件不存在（{where}）</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation>它不是普通文件</translation>
    </message>
    <message>
        <source>cannot read the video {name}: Qt Multimedia found no media backend (its FFmpeg plugin is missing); reinstall Tessera, or install PySide6-Addons</source>
        <translation>无法读取视频 {name}：Qt Multimedia 找不到媒体后端（缺少它的 FFmpeg 插件）；请重新安装 Tessera，或安装 PySide6-Addons</translation>
    </message>
    <message>
        <source>it holds no picture (no video stream)</source>
        <translation>其中没有画面（没有视频流）</translation>
    </message>
    <message>
        <source>its length is unknown or zero (is it cut short?)</source>
        <translation>其长度未知或为零（文件是否被截断？）</translation>
    </message>
    <message>
        <source>a frame of the video could not be converted to a picture</source>
        <translation>视频中有一帧无法转换为图像</translation>
    </message>
    <message>
        <source>the application did not answer for {seconds:.0f} s while reading or writing a video; try again once it is idle</source>
        <translation>读写视频时程序 {seconds:.0f} 秒没有响应；请等它空闲后再试</translation>
    </message>
</context>
<context>
    <name>VideoScore</name>
    <message>
        <source>{name} is over {most} bytes: not a video score</source>
        <translation>{name} 超过 {most} 字节：不是视频配乐文件</translation>
    </message>
    <message>
        <source>{name} is not a readable video score ({error}): delete it to open the project without its video</source>
        <translation>{name} 不是可读取的视频配乐文件（{error}）：删除它即可不带视频打开该项目</translation>
    </message>
</context>
<context>
    <name>VideoScoring</name>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Score a Video</source>
        <translation>为视频配乐</translation>
    </message>
    <message>
        <source>Videos ({patterns})</source>
        <translation>视频 ({patterns})</translation>
    </message>
    <message>
        <source>Style of the music:</source>
        <translation>音乐风格：</translation>
    </message>
    <message>
        <source>Fit to the video</source>
        <translation>贴合视频</translation>
    </message>
    <message>
        <source>Scored {name}: {bars} bars, {form}</source>
        <translation>已为 {name} 配乐：{bars} 小节，{form}</translation>
    </message>
    <message>
        <source>Score a video first (File → Score a Video…)</source>
        <translation>请先为视频配乐（文件 → 为视频配乐…）</translation>
    </message>
    <message>
        <source>Export Scored Video</source>
        <translation>导出配乐视频</translation>
    </message>
    <message>
        <source>Wrote {video}, {audio} and {origin}</source>
        <translation>已写入 {video}、{audio} 和 {origin}</translation>
    </message>
    <message>
        <source>Still busy with {job}: wait or cancel it first</source>
        <translation>仍在进行 {job}：请等待或先取消</translation>
    </message>
    <message>
        <source>unknown style {typed!r}: choose one of {choices}</source>
        <translation>未知的风格 {typed!r}：请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>the written song has {sections_count} sections in {bar_count} bars, not the {sections_count_2} in {bars} fitted: score the video again</source>
        <translation>写出的歌曲在 {bar_count} 小节中有 {sections_count} 个段落，而不是调整时的 {bars} 小节 {sections_count_2} 个段落：请重新为视频配乐</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>画面</translation>
    </message>
</context>
<context>
    <name>Vocab</name>
    <message>
        <source>{token!r} is not a token of {version}</source>
        <translation>{token!r} 不是 {version} 的词元</translation>
    </message>
    <message>
        <source>{args!r} is not a token of {version}</source>
        <translation>{args!r} 不是 {version} 的词元</translation>
    </message>
    <message>
        <source>cannot read the vocabulary file {path}: {err}</source>
        <translation>无法读取词表文件 {path}：{err}</translation>
    </message>
    <message>
        <source>the model was trained with tokenizer {version!r} ({tokens_count} tokens) but this Tessera uses {version_2!r} ({current_count} tokens): install the model that ships with this version, or retrain it</source>
        <translation>模型是用分词器 {version!r}（{tokens_count} 个词元）训练的，但这个 Tessera 使用 {version_2!r}（{current_count} 个词元）：请安装与此版本一同发布的模型，或重新训练</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>1 bar</source>
        <translation>1 个小节</translation>
    </message>
    <message>
        <source>Add track</source>
        <translation>添加音轨</translation>
    </message>
    <message>
        <source>Busier rhythm</source>
        <translation>节奏更密</translation>
    </message>
    <message>
        <source>Calmer rhythm</source>
        <translation>节奏更舒缓</translation>
    </message>
    <message>
        <source>Change section&apos;s role</source>
        <translation>更改段落类型</translation>
    </message>
    <message>
        <source>Closer to the chords</source>
        <translation>更贴近和弦</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>续写</translation>
    </message>
    <message>
        <source>Copy section</source>
        <translation>复制段落</translation>
    </message>
    <message>
        <source>Fewer notes</source>
        <translation>更少音符</translation>
    </message>
    <message>
        <source>Higher</source>
        <translation>更高</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>更响</translation>
    </message>
    <message>
        <source>Lower</source>
        <translation>更低</translation>
    </message>
    <message>
        <source>More notes</source>
        <translation>更多音符</translation>
    </message>
    <message>
        <source>New song</source>
        <translation>新建歌曲</translation>
    </message>
    <message>
        <source>Nudge</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Regenerate section</source>
        <translation>重新生成段落</translation>
    </message>
    <message>
        <source>Softer</source>
        <translation>更轻</translation>
    </message>
    <message>
        <source>Track {number}</source>
        <translation>音轨 {number}</translation>
    </message>
    <message>
        <source>Vary section</source>
        <translation>变奏段落</translation>
    </message>
    <message>
        <source>bar {bar}</source>
        <translation>第 {bar} 小节</translation>
    </message>
    <message>
        <source>bars {first}–{last}</source>
        <translation>第 {first}–{last} 小节</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>{number}: {name}</source>
        <translation>{number}：{name}</translation>
    </message>
    <message>
        <source>{where}, {bars}</source>
        <translation>{where}，{bars}</translation>
    </message>
    <message>
        <source>%n bars</source>
        <translation>%n 个小节</translation>
    </message>
    <message>
        <source>%n h ago</source>
        <translation>%n 小时前</translation>
    </message>
    <message>
        <source>%n min ago</source>
        <translation>%n 分钟前</translation>
    </message>
    <message>
        <source>%n tracks</source>
        <translation>%n 条音轨</translation>
    </message>
</context>
</TS>
