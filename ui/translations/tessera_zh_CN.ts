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
        <source>Minor keys</source>
        <translation>小调</translation>
    </message>
    <message>
        <source>No key</source>
        <translation>无调</translation>
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
        <translation>沿用预设，例如 D minor</translation>
    </message>
    <message>
        <source>the style&apos;s, e.g. AABA; - for no repeats</source>
        <translation>沿用风格，例如 AABA；填 - 表示不重复</translation>
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
