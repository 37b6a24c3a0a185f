<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>AdjustmentTexts</name>
    <message>
        <source>as in the routine</source>
        <translation>ケアの設定どおり</translation>
    </message>
    <message>
        <source>hold %1 s</source>
        <translation>%1秒キープ</translation>
    </message>
    <message>
        <source>%1 sets</source>
        <translation>%1セット</translation>
    </message>
    <message>
        <source>%1 reps</source>
        <translation>%1回</translation>
    </message>
    <message>
        <source>rest %1 s</source>
        <translation>休憩%1秒</translation>
    </message>
    <message>
        <source>switch sides %1 s</source>
        <translation>左右の入れ替え%1秒</translation>
    </message>
    <message>
        <source>get ready %1 s</source>
        <translation>準備%1秒</translation>
    </message>
    <message>
        <source>order: %1</source>
        <translation>順番: %1</translation>
    </message>
    <message>
        <source>sides: %1</source>
        <translation>左右: %1</translation>
    </message>
    <message>
        <source>first side: %1</source>
        <translation>最初の脚: %1</translation>
    </message>
    <message>
        <source>pacing: %1</source>
        <translation>進め方: %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>AdjustmentsForm</name>
    <message>
        <source>Adjust for this person</source>
        <translation>この利用者に合わせて調整</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Reset all to the routine's values</source>
        <translation>すべてメニューの値に戻す</translation>
    </message>
    <message>
        <source>Both legs</source>
        <translation>両脚</translation>
    </message>
    <message>
        <source>Left leg only</source>
        <translation>左脚のみ</translation>
    </message>
    <message>
        <source>Right leg only</source>
        <translation>右脚のみ</translation>
    </message>
    <message>
        <source>Alternate: L, R, L, R</source>
        <translation>交互: 左、右、左、右</translation>
    </message>
    <message>
        <source>One side first: L, L, R, R</source>
        <translation>片側ずつ: 左、左、右、右</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>Guided by a tempo</source>
        <translation>テンポに合わせる</translation>
    </message>
    <message>
        <source>At my own pace (Enter per rep)</source>
        <translation>自分のペース（1回ごとに Enter）</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>キープ</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>セット数</translation>
    </message>
    <message>
        <source>Reps</source>
        <translation>回数</translation>
    </message>
    <message>
        <source>Legs</source>
        <translation>行う脚</translation>
    </message>
    <message>
        <source>Side order</source>
        <translation>左右の順序</translation>
    </message>
    <message>
        <source>Start with</source>
        <translation>最初の脚</translation>
    </message>
    <message>
        <source>Pacing</source>
        <translation>ペース</translation>
    </message>
    <message>
        <source>%1 (changed)</source>
        <translation>%1（変更あり）</translation>
    </message>
    <message>
        <source>Reset to %1</source>
        <translation>%1に戻す</translation>
    </message>
</context>
<context>
    <name>BilingualEdit</name>
    <message>
        <source>%1, Japanese</source>
        <translation>%1（日本語）</translation>
    </message>
    <message>
        <source>%1, English</source>
        <translation>%1（英語）</translation>
    </message>
</context>
<context>
    <name>CareDetail</name>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Use the usual order</source>
        <translation>いつもの順番にする</translation>
    </message>
    <message>
        <source>The article: %1</source>
        <translation>記事では: %1</translation>
    </message>
    <message>
        <source>This time the program starts with %1, as your check-in suggested.</source>
        <translation>セルフチェックの結果に合わせて、今回のプログラムは%1から始めます。</translation>
    </message>
    <message>
        <source>The article says rest is better when:</source>
        <translation>記事では、次の場合は休んだ方がいいとしています:</translation>
    </message>
    <message>
        <source>No care routines could be loaded.</source>
        <translation>ケアを読み込めませんでした。</translation>
    </message>
    <message>
        <source>Cause it addresses:</source>
        <translation>対応する原因:</translation>
    </message>
    <message>
        <source>Signs of this cause:</source>
        <translation>この原因の特徴:</translation>
    </message>
    <message>
        <source>How to do it</source>
        <translation>やり方</translation>
    </message>
    <message>
        <source>From the article:</source>
        <translation>記事より:</translation>
    </message>
    <message>
        <source>The app adds:</source>
        <translation>アプリからの注意:</translation>
    </message>
    <message>
        <source>To adjust a routine, select it in the list; the program uses the same adjustments.</source>
        <translation>ケアを調整するには一覧でそのケアを選んでください。プログラムにも同じ調整が使われます。</translation>
    </message>
</context>
<context>
    <name>CheckinController</name>
    <message>
        <source>Your check-in on %1 said running was fine. %2</source>
        <translation>%1のセルフチェックでは「走ってOK」でした。%2</translation>
    </message>
    <message>
        <source>Yes, it got worse</source>
        <translation>はい、悪化しました</translation>
    </message>
    <message>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Ask later</source>
        <translation>あとで</translation>
    </message>
    <message>
        <source>Thank you. No worse the next day: the article's signs that running is fine all hold.</source>
        <translation>ありがとうございます。次の日に悪化していないので、記事の「走ってOK」の条件がすべてそろいました。</translation>
    </message>
    <message>
        <source>Thank you. It got worse the next day, so: %1. %2</source>
        <translation>ありがとうございます。次の日に悪化したため: %1。%2</translation>
    </message>
    <message>
        <source>A new check-in tells you more.</source>
        <translation>もう一度セルフチェックをすると詳しくわかります。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>CheckinDialog</name>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>See the result</source>
        <translation>結果を見る</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>未回答</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Pain behind the knee: how it shows</source>
        <translation>膝裏痛の特徴</translation>
    </message>
    <message>
        <source>Signs of: %1</source>
        <translation>%1の特徴</translation>
    </message>
    <message>
        <source>Your knee today</source>
        <translation>いまの膝</translation>
    </message>
    <message>
        <source>Your last run</source>
        <translation>前回のラン</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Start the program with %1</source>
        <translation>プログラムを%1から始める</translation>
    </message>
    <message>
        <source>Done: the program starts with it.</source>
        <translation>設定しました。プログラムはこのケアから始まります。</translation>
    </message>
    <message>
        <source>The article says rest is better when:</source>
        <translation>記事では、次の場合は休んだ方がいいとしています:</translation>
    </message>
    <message>
        <source>Not yet true:</source>
        <translation>まだ当てはまらないこと:</translation>
    </message>
    <message>
        <source>The article's criteria need an answer (yes or no) to each of these before they can say anything:</source>
        <translation>記事の判断基準で判断するには、次の質問に「はい」か「いいえ」で答えてください:</translation>
    </message>
    <message>
        <source>Which cause fits best</source>
        <translation>当てはまりやすい原因</translation>
    </message>
    <message>
        <source>Because you ticked:</source>
        <translation>チェックした特徴:</translation>
    </message>
    <message>
        <source>The care routine for it: %1</source>
        <translation>この原因に対応するケア: %1</translation>
    </message>
    <message>
        <source>No verdict yet</source>
        <translation>まだ判断できません</translation>
    </message>
    <message>
        <source>Today a session was stopped because it hurt.</source>
        <translation>今日、痛みが出たためセッションを終了しています。</translation>
    </message>
    <message>
        <source>Today the pain went from %1 to %2 during a session.</source>
        <translation>今日のセッションで痛みの強さが%1から%2に上がりました。</translation>
    </message>
    <message>
        <source>(The app's note) The article's signs that running is fine hold, but today's session was stopped for pain: let today's pain settle first.</source>
        <translation>（アプリからの注意）記事の「走ってOK」の条件はそろっていますが、今日は痛みでセッションを終了しています。まず今日の痛みが落ち着くのを待ってください。</translation>
    </message>
</context>
<context>
    <name>CountdownRing</name>
    <message>
        <source>Countdown</source>
        <translation>カウントダウン</translation>
    </message>
</context>
<context>
    <name>DoneList</name>
    <message>
        <source>What was done</source>
        <translation>実施した内容</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>partly done</source>
        <translation>一部実施</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>未実施</translation>
    </message>
</context>
<context>
    <name>FileController</name>
    <message>
        <source>Me</source>
        <translation>自分</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>ファイルを書き込めませんでした: %1</translation>
    </message>
    <message>
        <source>Export this person's program</source>
        <translation>この利用者のプログラムを書き出す</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <source>Import a program</source>
        <translation>プログラムを取り込む</translation>
    </message>
    <message>
        <source>added</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>already the same</source>
        <translation>同じ内容（変更なし）</translation>
    </message>
    <message>
        <source>used instead of the shipped one</source>
        <translation>同梱のものの代わりに使う</translation>
    </message>
    <message>
        <source>REPLACES your own file</source>
        <translation>あなたのファイルを置き換えます</translation>
    </message>
    <message>
        <source>From %1's program. The adjustments become %2's.</source>
        <translation>%1さんのプログラムです。調整は%2の設定になります。</translation>
    </message>
    <message>
        <source>Import and replace</source>
        <translation>置き換えて取り込む</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取り込む</translation>
    </message>
    <message>
        <source>This file cannot be imported. Nothing was changed.</source>
        <translation>このファイルは取り込めません。何も変更していません。</translation>
    </message>
    <message>
        <source>Home-care handout</source>
        <translation>ホームケア用紙</translation>
    </message>
    <message>
        <source>Report for the clinic</source>
        <translation>治療院向けレポート</translation>
    </message>
    <message>
        <source>The history could not be read, so no report was written.</source>
        <translation>記録を読み込めなかったため、レポートは作成されませんでした。</translation>
    </message>
    <message>
        <source>Export unsaved records</source>
        <translation>保存できなかった記録を書き出す</translation>
    </message>
    <message>
        <source>Saving the last records before closing…</source>
        <translation>閉じる前に最後の記録を保存しています…</translation>
    </message>
    <message>
        <source>Records not saved</source>
        <translation>保存されていない記録</translation>
    </message>
    <message>
        <source>%1 records could not be saved to the history. Export them to a file before quitting?</source>
        <translation>%1件の記録を保存できませんでした。終了する前にファイルに書き出しますか？</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>書き出す…</translation>
    </message>
    <message>
        <source>Quit without saving</source>
        <translation>保存せずに終了</translation>
    </message>
</context>
<context>
    <name>HistoryNotices</name>
    <message>
        <source>The history file was damaged and could not be read. It was kept, renamed to %1, and a new history was started.</source>
        <translation>記録のファイルが壊れていて読み込めませんでした。ファイルは%1という名前で残し、新しい記録を始めました。</translation>
    </message>
    <message>
        <source>Recovered from it: %1 sessions, %2 holds and sets, %3 check-ins, %4 people.</source>
        <translation>壊れたファイルから復元しました: セッション%1件、キープとセット%2件、セルフチェック%3件、利用者%4人。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Export them…</source>
        <translation>書き出す…</translation>
    </message>
    <message>
        <source>The data folder cannot be written (%1). Sessions run and the history can be read, but nothing new will be saved. %2 records are kept in memory; you can export them before quitting.</source>
        <translation>データフォルダーに書き込めません（%1）。セッションの実行と記録の閲覧はできますが、新しい記録は保存されません。%2件の記録をメモリーに保持しています。終了する前に書き出せます。</translation>
    </message>
    <message>
        <source>The history file %1 is damaged (%2), so nothing more can be saved to it. %3 records are kept in memory: export them before quitting. Restarting the app moves the file aside and recovers what can still be read.</source>
        <translation>記録ファイル%1が壊れているため（%2）、これ以上保存できません。%3件の記録をメモリーに保持しています。終了する前に書き出してください。アプリを再起動すると、ファイルを別名で保管し、読める分を復元します。</translation>
    </message>
    <message>
        <source>Your records cannot be saved to %1 (%2). The session goes on; %3 records are kept in memory and saving is retried every 30 s. You can export them before quitting.</source>
        <translation>記録を%1に保存できません（%2）。セッションはそのまま続けられます。%3件の記録はメモリに保持し、30秒ごとに保存をやり直します。終了する前に書き出すこともできます。</translation>
    </message>
    <message>
        <source>1 change waits here.</source>
        <translation>1件の変更がこのPCで待機中です。</translation>
    </message>
    <message>
        <source>%1 changes wait here.</source>
        <translation>%1件の変更がこのPCで待機中です。</translation>
    </message>
    <message>
        <source>Offline: the clinic server cannot be reached (tried every 30 s). This computer keeps recording and sends it once the server is back.%1</source>
        <translation>オフライン: クリニックのサーバーに接続できません（30秒ごとに再試行）。このPCで記録を続け、サーバーに接続できたら送信します。%1</translation>
    </message>
    <message>
        <source>Offline: the clinic server cannot be used (%1). This computer keeps recording and sends it once the server can be used.%2</source>
        <translation>オフライン: クリニックのサーバーを使えません（%1）。このPCで記録を続け、使えるようになったら送信します。%2</translation>
    </message>
    <message>
        <source>The clinic server refused a change from this computer (%1). %2 changes, that one first, wait here in order; nothing is lost. Tell the clinic's administrator.</source>
        <translation>クリニックのサーバーが、このPCからの変更を受け付けませんでした（%1）。その変更を先頭に%2件の変更が、このPCで順番に待機しています。記録は失われていません。クリニックの管理者に伝えてください。</translation>
    </message>
    <message>
        <source>Try now</source>
        <translation>今すぐ再試行</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Your session of %1 on %2 was interrupted. Everything up to the last finished hold is saved (%3 done).</source>
        <translation>%2の%1のセッションが中断されました。最後に終えたところまでは保存されています（%3件完了）。</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>History</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Show sessions from</source>
        <translation>表示する期間の始まり</translation>
    </message>
    <message>
        <source>Show sessions up to</source>
        <translation>表示する期間の終わり</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV で書き出す…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>JSON で書き出す…</translation>
    </message>
    <message>
        <source>Report for the clinic…</source>
        <translation>治療院向けレポート…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Back to the care menu</source>
        <translation>ケアメニューに戻る</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Against the plan</source>
        <translation>予定に対する実施</translation>
    </message>
    <message>
        <source>Pain before and after (0–10)</source>
        <translation>前後の痛みの強さ（0〜10）</translation>
    </message>
    <message>
        <source>sessions</source>
        <translation>回数</translation>
    </message>
    <message>
        <source>before</source>
        <translation>前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>後</translation>
    </message>
    <message>
        <source>No sessions in this range yet</source>
        <translation>この期間の記録はまだありません</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>走ってよいか</translation>
    </message>
    <message>
        <source>Cause that fits best</source>
        <translation>当てはまりやすい原因</translation>
    </message>
    <message>
        <source>Delete session</source>
        <translation>セッションを削除</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>削除を元に戻す</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>表示:</translation>
    </message>
    <message>
        <source>from</source>
        <translation>から</translation>
    </message>
    <message>
        <source>to</source>
        <translation>まで</translation>
    </message>
    <message>
        <source>Sessions and check-ins</source>
        <translation>セッションとセルフチェック</translation>
    </message>
    <message>
        <source>This week: %1 sessions, %2 active time</source>
        <translation>今週: %1回、実施時間%2</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>セッション</translation>
    </message>
    <message>
        <source>Check-ins</source>
        <translation>セルフチェック</translation>
    </message>
    <message>
        <source>Ticked or answered yes</source>
        <translation>チェックした項目・「はい」と答えた質問</translation>
    </message>
    <message>
        <source>No verdict (questions not answered)</source>
        <translation>判断なし（未回答の質問あり）</translation>
    </message>
    <message>
        <source>%1 (next-day follow-up: %2)</source>
        <translation>%1（翌日の確認: %2）</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>悪化</translation>
    </message>
    <message>
        <source>no worse</source>
        <translation>悪化なし</translation>
    </message>
    <message>
        <source>%1 (earlier form)</source>
        <translation>%1（以前の形式）</translation>
    </message>
    <message>
        <source>Check-ins (%1)</source>
        <translation>セルフチェック（%1）</translation>
    </message>
    <message>
        <source>All care</source>
        <translation>すべてのケア</translation>
    </message>
    <message>
        <source>Active time per month (minutes)</source>
        <translation>月ごとの実施時間（分）</translation>
    </message>
    <message>
        <source>Active time per week (minutes)</source>
        <translation>週ごとの実施時間（分）</translation>
    </message>
    <message>
        <source>Days with care in the last year · streak: %1 days</source>
        <translation>この1年間にケアをした日 · 連続%1日</translation>
    </message>
    <message>
        <source>week of %1: %2 of %3</source>
        <translation>%1の週: %3回中%2回</translation>
    </message>
    <message>
        <source>(pain before %1)</source>
        <translation>（セッション前の痛み %1）</translation>
    </message>
    <message>
        <source>Against the plan (reminders) · streak: %1 planned days in a row</source>
        <translation>予定に対する実施（リマインダー）・予定どおりの連続: %1日</translation>
    </message>
    <message>
        <source>M/d</source>
        <comment>short date on a chart axis</comment>
        <translation>M/d</translation>
    </message>
    <message>
        <source>MMM yy</source>
        <comment>month on a chart axis</comment>
        <translation>yy年M月</translation>
    </message>
    <message>
        <source>Delete session?</source>
        <translation>セッションを削除しますか？</translation>
    </message>
    <message>
        <source>Delete the session of %1? You can undo this until you close the app.</source>
        <translation>%1のセッションを削除しますか？アプリを閉じるまでは元に戻せます。</translation>
    </message>
    <message>
        <source>Session deleted.</source>
        <translation>セッションを削除しました。</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>記録を書き出す</translation>
    </message>
    <message>
        <source>The export could not be written.</source>
        <translation>書き出せませんでした。</translation>
    </message>
    <message>
        <source>Exported: %1</source>
        <translation>書き出しました: %1</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Care menu</source>
        <translation>ケアメニュー</translation>
    </message>
    <message>
        <source>How much does the back of your knee hurt right now? (optional: press a number, or click one)</source>
        <translation>いま膝裏の痛みの強さはどのくらいですか？（任意: 数字キーを押すか、クリック）</translation>
    </message>
    <message>
        <source>Don't ask</source>
        <translation>聞かない</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Program · %1 care routines · %2</source>
        <translation>プログラム · %1つのケア · %2</translation>
    </message>
    <message>
        <source>Cause: %1</source>
        <translation>原因: %1</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>約%1</translation>
    </message>
    <message>
        <source>Problems in routine files: %1. Fix the files, then reload (F5).</source>
        <translation>ケアのファイルに問題が%1件あります。ファイルを直してから再読み込み（F5）してください。</translation>
    </message>
    <message>
        <source>Notices about routine files:</source>
        <translation>ケアのファイルについてのお知らせ:</translation>
    </message>
    <message>
        <source>Total time: %1</source>
        <translation>合計時間: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open my routines folder</source>
        <translation>自分のケアのフォルダを開く</translation>
    </message>
    <message>
        <source>These people's names differ only in capitals or spaces: %1. They are kept as different people, with their own histories; rename one in People → Manage people to tell them apart.</source>
        <translation>次の利用者の名前は、大文字と小文字や空白だけが違います: %1。それぞれ別の利用者として記録を残しています。区別しやすくするには、利用者 → 利用者の管理 で名前を変えてください。</translation>
    </message>
    <message>
        <source>The adjustments to %1 were changed on another computer while you changed them. Saved there: %2. Yours, not saved: %3.</source>
        <translation>%1の調整は、変更している間に別のPCで変更されました。別のPCで保存された内容: %2。あなたの変更（未保存）: %3。</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>別のPCの内容を残す</translation>
    </message>
    <message>
        <source>Save mine</source>
        <translation>自分の変更を保存</translation>
    </message>
    <message>
        <source>Your change to %1 could not be saved: the clinic server cannot be reached. This computer uses it until KneeCare closes; make it again once the server is back.</source>
        <translation>%1の変更を保存できませんでした。クリニックのサーバーに接続できません。KneeCare を閉じるまではこのPCで使われます。サーバーに接続できたら、もう一度変更してください。</translation>
    </message>
    <message>
        <source>Your change to %1 could not be saved: the history cannot be written now. This computer uses it until KneeCare closes; make it again later.</source>
        <translation>%1の変更を保存できませんでした。いまは記録に書き込めません。KneeCare を閉じるまではこのPCで使われます。あとでもう一度変更してください。</translation>
    </message>
    <message>
        <source>Demonstration mode (records nothing)</source>
        <translation>デモモード（記録しません）</translation>
    </message>
    <message>
        <source>Demonstration mode: nothing is recorded — no sessions, pain ratings or check-ins.</source>
        <translation>デモモード: セッション・痛みの強さ・セルフチェックは記録しません。</translation>
    </message>
    <message>
        <source>Leave demonstration mode</source>
        <translation>デモモードを終える</translation>
    </message>
    <message>
        <source>Some settings in %1 cannot be used, so their defaults apply until you change them in Settings: %2</source>
        <translation>%1の一部の値は使えないため、「設定」で変更するまで既定値を使います：%2</translation>
    </message>
    <message>
        <source>&lt;h3&gt;KneeCare Desktop %1&lt;/h3&gt;&lt;p&gt;Guided care routines for runners with pain behind the knee.&lt;/p&gt;&lt;p&gt;The routines, their causes and the advice on when to rest follow the article “膝の裏が走ると痛くなる原因は“3パターン”しかない” by M.A.K.鍼灸整骨院 (M.A.K. acupuncture and osteopathic clinic, Kawasaki).&lt;/p&gt;&lt;p&gt;This app does not diagnose. If the pain is strong or the back of the knee is swollen, see a clinician.&lt;/p&gt;&lt;p&gt;&lt;small&gt;Recorded prompts: Japanese by Open JTalk with the HTS voice “Mei” (© Nagoya Institute of Technology, MMDAgent Project Team, CC BY 3.0); English by CMU Flite (voice slt, © Carnegie Mellon University).&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;KneeCare Desktop %1&lt;/h3&gt;&lt;p&gt;走ると膝の裏が痛くなるランナーのためのセルフケア・ガイドです。&lt;/p&gt;&lt;p&gt;ケアの内容、原因、休むべきかの判断基準は、M.A.K.鍼灸整骨院（川崎市）の記事「膝の裏が走ると痛くなる原因は“3パターン”しかない」に基づいています。&lt;/p&gt;&lt;p&gt;このアプリは診断を行いません。痛みが強い場合や膝裏が腫れている場合は、医療機関・専門家に相談してください。&lt;/p&gt;&lt;p&gt;&lt;small&gt;録音音声：日本語は Open JTalk と HTS 音声「Mei」（© 名古屋工業大学、MMDAgent Project Team、CC BY 3.0）、英語は CMU Flite（音声 slt、© Carnegie Mellon University）で作成しました。&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 cannot be created: the data folder is read-only.</source>
        <translation>%1を作成できません。データフォルダーが読み取り専用です。</translation>
    </message>
    <message>
        <source>Your settings cannot be saved to %1 (the folder is read-only or full). They apply until you quit.</source>
        <translation>設定を%1に保存できません（フォルダーが読み取り専用か、空き容量がありません）。設定はアプリを終了するまで有効です。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Press Ctrl+Enter to start. Esc leaves full screen.</source>
        <translation>Ctrl+Enter で開始します。Esc で大画面を終了します。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボード操作</translation>
    </message>
    <message>
        <source>About KneeCare</source>
        <translation>KneeCare について</translation>
    </message>
</context>
<context>
    <name>PainScale</name>
    <message>
        <source>Pain from 0 (none) to 10 (worst imaginable)</source>
        <translation>痛みの強さ（0＝痛みなし〜10＝想像できる最大の痛み）</translation>
    </message>
    <message>
        <source>0 = no pain</source>
        <translation>0 = 痛みなし</translation>
    </message>
    <message>
        <source>10 = worst pain imaginable</source>
        <translation>10 = 想像できる最大の痛み</translation>
    </message>
    <message>
        <source>Not chosen</source>
        <translation>未選択</translation>
    </message>
    <message>
        <source>%1 chosen</source>
        <translation>%1を選択</translation>
    </message>
</context>
<context>
    <name>PeopleDialog</name>
    <message>
        <source>People</source>
        <translation>利用者</translation>
    </message>
    <message>
        <source>Show archived people</source>
        <translation>アーカイブした利用者も表示</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>追加…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>名前を変更…</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>アーカイブ</translation>
    </message>
    <message>
        <source>Each person has their own history and adjustments.</source>
        <translation>利用者ごとに記録と調整が分かれます。</translation>
    </message>
    <message>
        <source>Offline: the clinic server cannot be reached. These are the people as this computer last read them from it, on %1; they cannot be changed until it is back.</source>
        <translation>オフライン: クリニックのサーバーに接続できません。このPCが最後にサーバーから読み込んだ利用者（%1時点）を表示しています。サーバーに接続できるまで変更できません。</translation>
    </message>
    <message>
        <source>Me (the default person)</source>
        <translation>自分（最初の利用者）</translation>
    </message>
    <message>
        <source>(archived)</source>
        <translation>（アーカイブ済み）</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>アーカイブを解除</translation>
    </message>
    <message>
        <source>The history cannot be changed now.</source>
        <translation>いまは記録を変更できません。</translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation>利用者を追加</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前を変更</translation>
    </message>
</context>
<context>
    <name>PersonBar</name>
    <message>
        <source>Person</source>
        <translation>利用者</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>利用者:</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>自分</translation>
    </message>
    <message>
        <source>Offline copy from %1</source>
        <translation>オフライン用の控え（%1時点）</translation>
    </message>
    <message>
        <source>The clinic server cannot be reached. These are the people as this computer last read them from it, on %1. A session is recorded for the person chosen here and sent to the server once it is back; people and adjustments cannot be changed until then.</source>
        <translation>クリニックのサーバーに接続できません。このPCが最後にサーバーから読み込んだ利用者（%1時点）です。ここで選んだ利用者のセッションとして記録し、サーバーに接続できたら送信します。それまで利用者と調整は変更できません。</translation>
    </message>
</context>
<context>
    <name>PlayerView</name>
    <message>
        <source>%1 left</source>
        <translation>残り時間 %1</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>次は %1</translation>
    </message>
    <message>
        <source>Set %1 of %2</source>
        <translation>%1セット目 / 全%2セット</translation>
    </message>
    <message>
        <source>Rep %1 of %2</source>
        <translation>%1回目 / %2回</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>/ %1回</translation>
    </message>
    <message>
        <source>press Enter</source>
        <translation>Enter で1回</translation>
    </message>
    <message>
        <source>get ready</source>
        <translation>準備</translation>
    </message>
    <message>
        <source>hold</source>
        <translation>キープ</translation>
    </message>
    <message>
        <source>switch sides</source>
        <translation>入れ替え</translation>
    </message>
    <message>
        <source>rest</source>
        <translation>休憩</translation>
    </message>
    <message>
        <source>change position</source>
        <translation>姿勢を変える</translation>
    </message>
    <message>
        <source>Paused because nothing happened for %1 s (the computer may have slept or frozen). Press Space to resume.</source>
        <translation>%1秒間反応がなかったため一時停止しました（パソコンがスリープしたか、止まっていた可能性があります）。スペースキーで再開します。</translation>
    </message>
    <message>
        <source>Paused. Press Space to resume.</source>
        <translation>一時停止中です。スペースキーで再開します。</translation>
    </message>
</context>
<context>
    <name>PresenterWindow</name>
    <message>
        <source>Presenter</source>
        <translation>表示モード</translation>
    </message>
</context>
<context>
    <name>ProgramEditor</name>
    <message>
        <source>Program editor</source>
        <translation>プログラムの編集</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下へ</translation>
    </message>
    <message>
        <source>Id (file name)</source>
        <translation>ID（ファイル名）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Time to change position</source>
        <translation>姿勢を変える時間</translation>
    </message>
    <message>
        <source>Routines, in order (tick the ones to include)</source>
        <translation>ケア（順番どおり。含めるものにチェック）</translation>
    </message>
</context>
<context>
    <name>ReminderController</name>
    <message>
        <source>&amp;Reminders…</source>
        <translation>リマインダー(&amp;R)…</translation>
    </message>
    <message>
        <source>Reminder from %1 (KneeCare could not show it then): time for %2.</source>
        <translation>%1のリマインダー（その時刻には表示できませんでした）: %2の時間です。</translation>
    </message>
    <message>
        <source>It is %1: time for %2.</source>
        <translation>%1です。%2の時間です。</translation>
    </message>
    <message>
        <source>%1 (for %2)</source>
        <translation>%1（%2さん）</translation>
    </message>
    <message>
        <source>Time for your knee care</source>
        <translation>膝裏ケアの時間です</translation>
    </message>
    <message>
        <source>Start now</source>
        <translation>今すぐ開始</translation>
    </message>
    <message>
        <source>Skip today</source>
        <translation>今日はスキップ</translation>
    </message>
    <message>
        <source>Open KneeCare</source>
        <translation>KneeCare を開く</translation>
    </message>
    <message>
        <source>Snooze 10 min</source>
        <translation>10分後に再通知</translation>
    </message>
    <message>
        <source>Snooze 30 min</source>
        <translation>30分後に再通知</translation>
    </message>
    <message>
        <source>Snooze 1 hour</source>
        <translation>1時間後に再通知</translation>
    </message>
    <message>
        <source>KneeCare keeps running for your reminders. Quit is in its menu.</source>
        <translation>リマインダーのため、KneeCare は起動したままです。終了はメニューから選べます。</translation>
    </message>
    <message>
        <source>Regular care helps most. KneeCare can remind you on the days and at the times you choose.</source>
        <translation>ケアは続けることがいちばん大切です。KneeCare は、選んだ曜日と時刻にお知らせできます。</translation>
    </message>
    <message>
        <source>Set a reminder…</source>
        <translation>リマインダーを設定…</translation>
    </message>
    <message>
        <source>No, thanks</source>
        <translation>今はいりません</translation>
    </message>
</context>
<context>
    <name>ReminderDialog</name>
    <message>
        <source>Reminders</source>
        <translation>リマインダー</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>自分</translation>
    </message>
    <message>
        <source>Reminders for %1</source>
        <translation>%1のリマインダー</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>リマインダー</translation>
    </message>
    <message>
        <source>New reminder</source>
        <translation>新しいリマインダー</translation>
    </message>
    <message>
        <source>Routine or program</source>
        <translation>ケアまたはプログラム</translation>
    </message>
    <message>
        <source>Add a time</source>
        <translation>時刻を追加</translation>
    </message>
    <message>
        <source>Remove the last time</source>
        <translation>最後の時刻を削除</translation>
    </message>
    <message>
        <source>Reminders come while KneeCare is running. In Settings, KneeCare can keep running when its window is closed, and start when you log in.</source>
        <translation>リマインダーは KneeCare の起動中にお知らせします。設定で、ウィンドウを閉じても起動したままにすることや、ログイン時に起動することができます。</translation>
    </message>
    <message>
        <source>Remind me to do</source>
        <translation>お知らせするケア</translation>
    </message>
    <message>
        <source>On</source>
        <translation>曜日</translation>
    </message>
    <message>
        <source>At</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Turn this reminder off</source>
        <translation>このリマインダーを止める</translation>
    </message>
    <message>
        <source>Time %1</source>
        <translation>時刻 %1</translation>
    </message>
    <message>
        <source>The reminder could not be saved to the history.</source>
        <translation>リマインダーを記録に保存できませんでした。</translation>
    </message>
</context>
<context>
    <name>ReminderTray</name>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>KneeCare: next reminder at %1</source>
        <translation>KneeCare: 次のリマインダーは %1</translation>
    </message>
    <message>
        <source>Start %1</source>
        <translation>%1を開始</translation>
    </message>
</context>
<context>
    <name>RoutineEditor</name>
    <message>
        <source>Routine editor</source>
        <translation>ケアの編集</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Guided by a tempo</source>
        <translation>テンポに合わせる</translation>
    </message>
    <message>
        <source>At my own pace (Enter per rep)</source>
        <translation>自分のペース（1回ごとに Enter）</translation>
    </message>
    <message>
        <source>Both legs</source>
        <translation>両脚</translation>
    </message>
    <message>
        <source>Left leg only</source>
        <translation>左脚のみ</translation>
    </message>
    <message>
        <source>Right leg only</source>
        <translation>右脚のみ</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>Alternate: L, R, L, R</source>
        <translation>交互: 左、右、左、右</translation>
    </message>
    <message>
        <source>One side first: L, L, R, R</source>
        <translation>片側ずつ: 左、左、右、右</translation>
    </message>
    <message>
        <source>Id (file name)</source>
        <translation>ID（ファイル名）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Short title</source>
        <translation>短い名前</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>Setup, one step per line</source>
        <translation>やり方（1行に1手順）</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>指示</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>キープ</translation>
    </message>
    <message>
        <source>Reps</source>
        <translation>回数</translation>
    </message>
    <message>
        <source>Fewest reps</source>
        <translation>最小の回数</translation>
    </message>
    <message>
        <source>Most reps</source>
        <translation>最大の回数</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>前傾（下げる）</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>戻す</translation>
    </message>
    <message>
        <source>Pacing</source>
        <translation>ペース</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>セット数</translation>
    </message>
    <message>
        <source>Legs</source>
        <translation>行う脚</translation>
    </message>
    <message>
        <source>Start with</source>
        <translation>最初の脚</translation>
    </message>
    <message>
        <source>Side order</source>
        <translation>左右の順序</translation>
    </message>
    <message>
        <source>Switch sides</source>
        <translation>左右の入れ替え</translation>
    </message>
    <message>
        <source>Get ready</source>
        <translation>準備</translation>
    </message>
    <message>
        <source>Rest between sets</source>
        <translation>セット間の休憩</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>ケア</translation>
    </message>
    <message>
        <source>A copy of: %1</source>
        <translation>元にしたケア: %1</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>No sound: this computer has no sound output working. Check that its sound is on and a speaker or headphones are connected. Follow the screen.</source>
        <translation>音が出ません：このパソコンの音声出力が使えません。音量がオンになっていて、スピーカーかヘッドホンがつながっているか確かめてください。画面の表示に沿って進めてください。</translation>
    </message>
    <message>
        <source>Some prompts cannot be spoken in this language on this computer: they are shown on screen, with beeps. To hear them, install speech-dispatcher with a voice for this language.</source>
        <translation>このパソコンでは、この言語で読み上げられない案内があります。画面の表示とビープ音でお知らせします。読み上げるには、この言語の音声と speech-dispatcher を入れてください。</translation>
    </message>
    <message>
        <source>Some steps are too short for their spoken prompt with these adjustments: those prompts are shown on screen only.</source>
        <translation>調整した時間では短すぎて読み上げが間に合わない案内があります。その案内は画面にだけ表示します。</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>開始できません</translation>
    </message>
    <message>
        <source>Cannot resume</source>
        <translation>再開できません</translation>
    </message>
    <message>
        <source>Better to rest?</source>
        <translation>休んだ方がいいかもしれません</translation>
    </message>
    <message>
        <source>Your last check-in said: %1. The article says to rest. (The app's reading) The routines can be done again once the signs that rest is better have gone. %2</source>
        <translation>前回のセルフチェックの結果は「%1」でした。記事では休むことをすすめています。（アプリの解釈）休んだ方がいいサインがなくなってから、ケアを再開してください。%2</translation>
    </message>
    <message>
        <source>Start anyway</source>
        <translation>それでも開始する</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>今はやめておく</translation>
    </message>
    <message>
        <source>A guided stretching session is running</source>
        <translation>ストレッチのガイドを実行中です</translation>
    </message>
    <message>
        <source>Stop the session?</source>
        <translation>終了しますか？</translation>
    </message>
    <message>
        <source>Stop this session now? What you have done so far is kept.</source>
        <translation>このセッションを終了しますか？ここまでの記録は保存されます。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation>続ける</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <source>completed</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>stopped: it hurt</source>
        <translation>痛みで終了</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Active time</source>
        <translation>実施時間</translation>
    </message>
    <message>
        <source>Pain before → after</source>
        <translation>痛みの強さ 前 → 後</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>設定のページ</translation>
    </message>
    <message>
        <source>General</source>
        <translation>全般</translation>
    </message>
    <message>
        <source>Sound and voice</source>
        <translation>音と音声</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>システムと同じ</translation>
    </message>
    <message>
        <source>Beeps for the countdown, holds and reps</source>
        <translation>カウントダウン・キープ・回数の合図音</translation>
    </message>
    <message>
        <source>Spoken prompts</source>
        <translation>音声の案内</translation>
    </message>
    <message>
        <source>Each routine's own</source>
        <translation>ケアごとの設定</translation>
    </message>
    <message>
        <source>Clinic server</source>
        <translation>クリニックのサーバー</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>If the computer sleeps or freezes for longer than this, the session pauses instead of running on unseen.</source>
        <translation>パソコンがこの時間より長くスリープしたり止まったりした場合、見えないまま進まないよう一時停止します。</translation>
    </message>
    <message>
        <source>Ask how much it hurts before and after a session</source>
        <translation>セッションの前後に痛みの強さを聞く</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Keep reminders running when the window is closed (Quit still quits)</source>
        <translation>ウィンドウを閉じてもリマインダーを続ける（「終了」を選ぶと終了します）</translation>
    </message>
    <message>
        <source>Start KneeCare when I log in</source>
        <translation>ログイン時に KneeCare を起動する</translation>
    </message>
    <message>
        <source>Reminders on this computer</source>
        <translation>このコンピューターのリマインダー</translation>
    </message>
    <message>
        <source>Play a test sound</source>
        <translation>テスト音を鳴らす</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>このパソコンの状態</translation>
    </message>
    <message>
        <source>Sound output</source>
        <translation>音声出力</translation>
    </message>
    <message>
        <source>Speech engine</source>
        <translation>音声合成エンジン</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>音</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>empty: the history stays on this computer</source>
        <translation>空欄: 記録はこのPCに保存します</translation>
    </message>
    <message>
        <source>Verify the certificate and the host name (verify-full)</source>
        <translation>証明書とホスト名を確認（verify-full）</translation>
    </message>
    <message>
        <source>Verify the certificate (verify-ca)</source>
        <translation>証明書を確認（verify-ca）</translation>
    </message>
    <message>
        <source>Encrypt, without verifying (require)</source>
        <translation>暗号化する・証明書は確認しない（require）</translation>
    </message>
    <message>
        <source>Encrypt if the server can (prefer)</source>
        <translation>サーバーが対応していれば暗号化（prefer）</translation>
    </message>
    <message>
        <source>Encrypt only if the server asks (allow)</source>
        <translation>サーバーが求めたときだけ暗号化（allow）</translation>
    </message>
    <message>
        <source>Never encrypt (disable)</source>
        <translation>暗号化しない（disable）</translation>
    </message>
    <message>
        <source>the clinic's CA certificate (.pem)</source>
        <translation>クリニックのCA証明書（.pem）</translation>
    </message>
    <message>
        <source>Every computer of the clinic that uses the same server sees the same people and history. The password is never kept in the settings: put it in the password file (~/.pgpass on Linux and macOS, %APPDATA%\postgresql\pgpass.conf on Windows). If the server cannot be reached, this computer keeps recording and sends its records later. A change takes effect when KneeCare starts again; 'kneecare database check' tests the connection.</source>
        <translation>同じサーバーを使うクリニックのすべてのPCで、同じ利用者と記録を見られます。パスワードは設定に保存しません。パスワードファイル（Linux と macOS は ~/.pgpass、Windows は %APPDATA%\postgresql\pgpass.conf）に書いてください。サーバーに接続できないときも、このPCで記録を続け、あとで送信します。変更は KneeCare の次回起動時に反映されます。接続は kneecare database check で確かめられます。</translation>
    </message>
    <message>
        <source>In use now, from the command line or KNEECARE_DATABASE_URL: %1</source>
        <translation>現在はコマンドラインまたは KNEECARE_DATABASE_URL の指定を使用中: %1</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>データベース</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS（暗号化）</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA証明書</translation>
    </message>
    <message>
        <source>Working: %1</source>
        <translation>使用できます：%1</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <source>None found: no beeps and no voice will be heard. Check that the computer's sound is on and a speaker or headphones are connected.</source>
        <translation>見つかりません：ビープ音も音声も聞こえません。パソコンの音量がオンになっていて、スピーカーかヘッドホンがつながっているか確かめてください。</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <source>%1: recorded prompts for the shipped routines; your own routines are read by the system's voice.</source>
        <translation>%1：付属のケアは録音した音声で、自分で作ったケアはシステムの音声で案内します。</translation>
    </message>
    <message>
        <source>%1: recorded prompts for the shipped routines. The system has no voice that speaks it, so your own routines' prompts are shown on screen only.</source>
        <translation>%1：付属のケアは録音した音声で案内します。この言語を話せるシステムの音声がないため、自分で作ったケアの案内は画面にだけ表示します。</translation>
    </message>
    <message>
        <source>%1: the system's voice.</source>
        <translation>%1：システムの音声で案内します。</translation>
    </message>
    <message>
        <source>%1: no voice on this computer; the prompts are shown on screen, with beeps.</source>
        <translation>%1：このパソコンには音声がありません。案内は画面の表示とビープ音で伝えます。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>起動中…</translation>
    </message>
    <message>
        <source>%1, ready</source>
        <translation>%1（使用できます）</translation>
    </message>
    <message>
        <source>%1 did not start: %2</source>
        <translation>起動できませんでした（%1）：%2</translation>
    </message>
    <message>
        <source>None installed. On Linux, install speech-dispatcher (and a voice for your language) to hear your own routines' prompts.</source>
        <translation>入っていません。Linux では、自分で作ったケアの案内を聞くには speech-dispatcher（とその言語の音声）を入れてください。</translation>
    </message>
    <message>
        <source>Start when I log in</source>
        <translation>ログイン時に起動</translation>
    </message>
    <message>
        <source>The login entry could not be changed: %1</source>
        <translation>ログイン時の起動設定を変更できませんでした: %1</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>音声</translation>
    </message>
    <message>
        <source>Get-ready time</source>
        <translation>準備の時間</translation>
    </message>
    <message>
        <source>Pause after a gap of</source>
        <translation>一時停止するまでの間隔</translation>
    </message>
    <message>
        <source>Pain rating</source>
        <translation>痛みの強さ</translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <source>How much does it hurt now?</source>
        <translation>いまの痛みの強さは？</translation>
    </message>
    <message>
        <source>A note for your history (optional)</source>
        <translation>記録に残すメモ（任意）</translation>
    </message>
    <message>
        <source>Save the note</source>
        <translation>メモを保存</translation>
    </message>
    <message>
        <source>Saved to your history.</source>
        <translation>記録に保存しました。</translation>
    </message>
    <message>
        <source>Back to the care menu</source>
        <translation>ケアメニューに戻る</translation>
    </message>
    <message>
        <source>Stopped because it hurt</source>
        <translation>痛みが出たため終了しました</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>終了しました</translation>
    </message>
    <message>
        <source>Active time: %1</source>
        <translation>実施時間: %1</translation>
    </message>
    <message>
        <source>(paused %1)</source>
        <translation>（一時停止 %1）</translation>
    </message>
    <message>
        <source>reps</source>
        <translation>回数</translation>
    </message>
    <message>
        <source>%1 %2, set %3</source>
        <translation>%1 %2 %3セット目</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>飛ばしたもの: %1</translation>
    </message>
    <message>
        <source>Nothing was skipped.</source>
        <translation>飛ばしたものはありません。</translation>
    </message>
    <message>
        <source>Repeated: %1.</source>
        <translation>やり直し: %1回。</translation>
    </message>
    <message>
        <source>The article advises rest if any of these is true:</source>
        <translation>記事では、次のどれかに当てはまる場合は休むことをすすめています:</translation>
    </message>
</context>
<context>
    <name>ValidatingDialog</name>
    <message>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Ready to save as %1</source>
        <translation>%1として保存できます</translation>
    </message>
    <message>
        <source>Fix the problems below to save.</source>
        <translation>保存するには下の問題を直してください。</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <source>%1: write the %2 text (it is empty)</source>
        <translation>%1：%2の文が空です。入力してください</translation>
    </message>
    <message>
        <source>Replace?</source>
        <translation>置き換えますか？</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1はすでにあります。置き換えますか？</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1を書き込めません: %2</translation>
    </message>
</context>
<context>
    <name>VolumeControl</name>
    <message>
        <source>Mute</source>
        <translation>消音</translation>
    </message>
    <message>
        <source>Mute sound and voice</source>
        <translation>音と音声を消す</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>Rep done</source>
        <translation>1回完了</translation>
    </message>
    <message>
        <source>+10 s</source>
        <translation>+10秒</translation>
    </message>
    <message>
        <source>Repeat this set</source>
        <translation>このセットをもう一度</translation>
    </message>
    <message>
        <source>It hurts</source>
        <translation>痛みが出た</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>消音</translation>
    </message>
    <message>
        <source>Presenter mode (full screen)</source>
        <translation>表示モード（大画面）</translation>
    </message>
    <message>
        <source>&amp;Reload routines</source>
        <translation>ケアを再読み込み(&amp;R)</translation>
    </message>
    <message>
        <source>Open my routines folder</source>
        <translation>自分のケアのフォルダを開く</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Check-in…</source>
        <translation>セルフチェック(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>記録(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Care menu</source>
        <translation>ケアメニュー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Manage people…</source>
        <translation>利用者の管理(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Demonstration mode (records nothing)</source>
        <translation>デモモード（記録しません）(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export this person's program…</source>
        <translation>この利用者のプログラムを書き出す(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import a program from the clinic…</source>
        <translation>治療院からのプログラムを取り込む(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;New routine from the selected one…</source>
        <translation>選んだケアから新しいケアを作る(&amp;N)…</translation>
    </message>
    <message>
        <source>New pro&amp;gram…</source>
        <translation>新しいプログラム(&amp;G)…</translation>
    </message>
    <message>
        <source>Print a &amp;home-care handout (PDF)…</source>
        <translation>ホームケア用紙を作る（PDF）(&amp;H)…</translation>
    </message>
    <message>
        <source>Report for the c&amp;linic…</source>
        <translation>治療院向けレポート(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボード操作(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About KneeCare</source>
        <translation>KneeCare について(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>S&amp;ession</source>
        <translation>セッション(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation>利用者(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>Something went wrong. The details are in the log file.</source>
        <translation>問題が発生しました。詳しくはログファイルを確認してください。</translation>
    </message>
</context>
</TS>