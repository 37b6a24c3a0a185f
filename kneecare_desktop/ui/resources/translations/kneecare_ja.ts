<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>AdjustmentsForm</name>
    <message>
        <source>Adjust for this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both legs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left leg only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right leg only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alternate: L, R, L, R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One side first: L, L, R, R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guided by a tempo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At my own pace (Enter per rep)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pacing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program · %1 care routines · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cause: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems in routine files: %1. Fix the files, then reload (F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notices about routine files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cause it addresses:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signs of this cause:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to do it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the article:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app adds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To adjust a routine, select it in the list; the program uses the same adjustments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No care routines could be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>KneeCare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rep done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+10 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat this set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It hurts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presenter mode (full screen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload routines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open my routines folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About KneeCare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ession</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A guided stretching session is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the session?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop this session now? What you have done so far is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Ctrl+Enter to start. Esc leaves full screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About KneeCare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;KneeCare Desktop %1&lt;/h3&gt;&lt;p&gt;Guided care routines for runners with pain behind the knee.&lt;/p&gt;&lt;p&gt;The routines, their causes and the advice on when to rest follow the article “膝の裏が走ると痛くなる原因は“3パターン”しかない” by M.A.K.鍼灸整骨院 (M.A.K. acupuncture and osteopathic clinic, Kawasaki).&lt;/p&gt;&lt;p&gt;This app does not diagnose. If the pain is strong or the back of the knee is swollen, see a clinician.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerView</name>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rep %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>press Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>get ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>switch sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused because nothing happened for %1 s (the computer may have slept or frozen). Press Space to resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused. Press Space to resume.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresenterWindow</name>
    <message>
        <source>KneeCare presenter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beeps for the countdown, holds and reps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spoken prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No voice for this language is installed on this computer, so the app uses beeps and the text on screen instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each routine&apos;s own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If the computer sleeps or freezes for longer than this, the session pauses instead of running on unseen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask how much it hurts before and after a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get-ready time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause after a gap of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pain rating</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <source>Care</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holds done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reps done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the care menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped because it hurt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time spent: %1 (paused %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2, set %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeated: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>Something went wrong. The details are in the log file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
