<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ArrangementGrid</name>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComposeActions</name>
    <message numerus="yes">
        <source>%n cell(s) changed</source>
        <translation>
            <numerusform>%n cell changed</numerusform>
            <numerusform>%n cells changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n locked cell(s) left as they are</source>
        <translation>
            <numerusform>%n locked cell left as they are</numerusform>
            <numerusform>%n locked cells left as they are</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormEdits</name>
    <message numerus="yes">
        <source>there is no section {0}: the song has %n section(s)</source>
        <translation>
            <numerusform>there is no section {0}: the song has %n section</numerusform>
            <numerusform>there is no section {0}: the song has %n sections</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Clear %n cell(s)</source>
        <translation>
            <numerusform>Clear %n cell</numerusform>
            <numerusform>Clear %n cells</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>kept %n note(s) ringing into a locked bar (unlock it to clear them)</source>
        <translation>
            <numerusform>kept %n note ringing into a locked bar (unlock it to clear them)</numerusform>
            <numerusform>kept %n notes ringing into a locked bar (unlock it to clear them)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Originality</name>
    <message numerus="yes">
        <source>%n passages close: {notes} or more notes in a row as in one work.</source>
        <translation>
            <numerusform>%n passage close: {notes} or more notes in a row as in one work.</numerusform>
            <numerusform>%n passages close: {notes} or more notes in a row as in one work.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passages flagged: {notes} or more notes in a row as in one work.</source>
        <translation>
            <numerusform>%n passage flagged: {notes} or more notes in a row as in one work.</numerusform>
            <numerusform>%n passages flagged: {notes} or more notes in a row as in one work.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stretches nearly the same as a work (80 % of the notes or more).</source>
        <translation>
            <numerusform>%n stretch nearly the same as a work (80 % of the notes or more).</numerusform>
            <numerusform>%n stretches nearly the same as a work (80 % of the notes or more).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checked {scope}: %n notes.</source>
        <translation>
            <numerusform>Checked {scope}: %n note.</numerusform>
            <numerusform>Checked {scope}: %n notes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PianoRoll</name>
    <message numerus="yes">
        <source>%n tick(s)</source>
        <translation>
            <numerusform>%n tick</numerusform>
            <numerusform>%n ticks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n whole note(s)</source>
        <translation>
            <numerusform>%n whole note</numerusform>
            <numerusform>%n whole notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SectionActions</name>
    <message numerus="yes">
        <source>Apply to All Repeats (%n more)</source>
        <translation>
            <numerusform>Apply to All Repeats (%n more)</numerusform>
            <numerusform>Apply to All Repeats (%n more)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copy '{0}' (%n bar(s)) to start at bar</source>
        <translation>
            <numerusform>Copy '{0}' (%n bar) to start at bar</numerusform>
            <numerusform>Copy '{0}' (%n bars) to start at bar</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SectionDialogs</name>
    <message numerus="yes">
        <source>Apply to all repeats (%n more)</source>
        <translation>
            <numerusform>Apply to all repeats (%n more)</numerusform>
            <numerusform>Apply to all repeats (%n more)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Takes</name>
    <message numerus="yes">
        <source>%n more bars</source>
        <translation>
            <numerusform>%n more bar</numerusform>
            <numerusform>%n more bars</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Understood</name>
    <message numerus="yes">
        <source>%n bar(s)</source>
        <translation>
            <numerusform>%n bar</numerusform>
            <numerusform>%n bars</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message numerus="yes">
        <source>%n bars</source>
        <translation>
            <numerusform>%n bar</numerusform>
            <numerusform>%n bars</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tracks</source>
        <translation>
            <numerusform>%n track</numerusform>
            <numerusform>%n tracks</numerusform>
        </translation>
    </message>
</context>
</TS>
