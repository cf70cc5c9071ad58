<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>Startup</name>
    <message>
        <source>Tessera cannot start</source>
        <translation>Tessera 无法启动</translation>
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
</TS>
