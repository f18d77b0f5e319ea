<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
<context>
    <name>ActionItemsPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="72" />
        <source>Action &amp;items of the conclusions</source>
        <translation>Action &amp;items of the conclusions</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="73" />
        <source>Action items of the meeting's conclusions</source>
        <translation>Action items of the meeting's conclusions</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="74" />
        <source>New status</source>
        <translation>New status</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="75" />
        <source>Note for this change</source>
        <translation>Note for this change</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="76" />
        <source>Note (optional)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="77" />
        <source>Change status</source>
        <translation>Change status</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="87" />
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="88" />
        <source>under way</source>
        <translation>under way</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="89" />
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="90" />
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="142" />
        <source>OVERDUE — %1</source>
        <translation>OVERDUE — %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="143" />
        <source>due %1</source>
        <translation>due %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="184" />
        <source>Queued: the next sync sends it.</source>
        <translation>Queued: the next sync sends it.</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="250" />
        <source>Month calendar: choose a day</source>
        <translation>Month calendar: choose a day</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="253" />
        <source>Days of the month</source>
        <translation>Days of the month</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="254" />
        <source>Previous month</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="255" />
        <source>Next month</source>
        <translation>Next month</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="256" />
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="257" />
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="258" />
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="263" />
        <source>Calendar span</source>
        <translation>Calendar span</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="264" />
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="271" />
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="265" />
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="268" />
        <source>Previous day or week</source>
        <translation>Previous day or week</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="269" />
        <source>Next day or week</source>
        <translation>Next day or week</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="268" />
        <source>Previous</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="269" />
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="270" />
        <source>Meetings in this period</source>
        <translation>Meetings in this period</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="271" />
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="271" />
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="324" />
        <source>No meetings</source>
        <translation>No meetings</translation>
    </message>
</context>
<context>
    <name>ChairConsole</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="928" />
        <source>&amp;Approve</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="929" />
        <source>Re&amp;ject</source>
        <translation>Re&amp;ject</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="930" />
        <source>&amp;Call</source>
        <translation>&amp;Call</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="931" />
        <source>Move &amp;up</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="932" />
        <source>Move do&amp;wn</source>
        <translation>Move do&amp;wn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="933" />
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="934" />
        <source>&amp;Resume</source>
        <translation>&amp;Resume</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="935" />
        <source>&amp;Stop</source>
        <translation>&amp;Stop</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="936" />
        <source>&amp;Next</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="940" />
        <source>Set</source>
        <translation>Set</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="941" />
        <source>&amp;Make current</source>
        <translation>&amp;Make current</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="943" />
        <source>Make the item chosen in the agenda the one under discussion</source>
        <translation>Make the item chosen in the agenda the one under discussion</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="947" />
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="948" />
        <source>Speakers queue</source>
        <translation>Speakers queue</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="1026" />
        <source>No agenda item is current yet.</source>
        <translation>No agenda item is current yet.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="1028" />
        <source>Now: an agenda item not on this computer yet (sync)</source>
        <translation>Now: an agenda item not on this computer yet (sync)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="1030" />
        <source>Now: item %1. %2</source>
        <translation>Now: item %1. %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="1038" />
        <source>Choose an item in the agenda first.</source>
        <translation>Choose an item in the agenda first.</translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="167" />
        <source>Comments on this document</source>
        <translation>Comments on this document</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="168" />
        <source>New comment</source>
        <translation>New comment</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="169" />
        <source>Your comment, shared with the meeting</source>
        <translation>Your comment, shared with the meeting</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="170" />
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="354" />
        <source>&amp;Send</source>
        <translation>&amp;Send</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="174" />
        <source>Send the comment</source>
        <translation>Send the comment</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="175" />
        <source>Queue the comment; the next sync sends it (Ctrl+Enter)</source>
        <translation>Queue the comment; the next sync sends it (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="177" />
        <source>&amp;Reply</source>
        <translation>&amp;Reply</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="178" />
        <source>Reply to the selected thread</source>
        <translation>Reply to the selected thread</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="179" />
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="182" />
        <source>Edit my selected comment</source>
        <translation>Edit my selected comment</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="183" />
        <source>Write its new text and send; the earlier text is kept and shown</source>
        <translation>Write its new text and send; the earlier text is kept and shown</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="185" />
        <source>Earlier texts</source>
        <translation>Earlier texts</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="186" />
        <source>Show the selected comment's earlier texts</source>
        <translation>Show the selected comment's earlier texts</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="194" />
        <source>Who reads the new comment</source>
        <translation>Who reads the new comment</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="198" />
        <source>State of the thread</source>
        <translation>State of the thread</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="199" />
        <source>Answer (tiếp thu, giải trình)</source>
        <translation>Answer (tiếp thu, giải trình)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="200" />
        <source>Answer to the thread</source>
        <translation>Answer to the thread</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="201" />
        <source>&amp;Mark</source>
        <translation>&amp;Mark</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="202" />
        <source>Mark the selected thread</source>
        <translation>Mark the selected thread</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="203" />
        <source>Queue the state and answer; the next sync sends them</source>
        <translation>Queue the state and answer; the next sync sends them</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="204" />
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="359" />
        <source>Shared with every participant of the meeting.</source>
        <translation>Shared with every participant of the meeting.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="209" />
        <source>All members</source>
        <translation>All members</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="210" />
        <source>Secretariat only</source>
        <translation>Secretariat only</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="211" />
        <source>Drafting unit</source>
        <translation>Drafting unit</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="216" />
        <source>not answered yet</source>
        <translation>not answered yet</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="217" />
        <source>accepted</source>
        <translation>accepted</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="218" />
        <source>explained</source>
        <translation>explained</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="219" />
        <source>not accepted</source>
        <translation>not accepted</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="220" />
        <source>withdrawn</source>
        <translation>withdrawn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="334" />
        <source>Edited; earlier texts, oldest first:</source>
        <translation>Edited; earlier texts, oldest first:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="351" />
        <source>&amp;Save edit</source>
        <translation>&amp;Save edit</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="352" />
        <source>Editing my comment; the earlier text is kept.</source>
        <translation>Editing my comment; the earlier text is kept.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="357" />
        <source>Replying to %1's comment.</source>
        <translation>Replying to %1's comment.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="390" />
        <source>queued, sent at the next sync</source>
        <translation>queued, sent at the next sync</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="391" />
        <source>sending</source>
        <translation>sending</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="392" />
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="393" />
        <source>refused: %1</source>
        <translation>refused: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="419" />
        <source>Open a document to read and add comments.</source>
        <translation>Open a document to read and add comments.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="422" />
        <source>Comments on “%1”</source>
        <translation>Comments on “%1”</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="356" />
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="487" />
        <source>Me</source>
        <translation>Me</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="431" />
        <source>Orphaned threads: their quote is not found once in this version</source>
        <translation>Orphaned threads: their quote is not found once in this version</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="451" />
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="495" />
        <source>edited</source>
        <translation>edited</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="459" />
        <source>“%1” (page %2)</source>
        <translation>“%1” (page %2)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="465" />
        <source>Answer by %1: %2</source>
        <translation>Answer by %1: %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="482" />
        <source>Orphaned: the quote occurs more than once in this version</source>
        <translation>Orphaned: the quote occurs more than once in this version</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="483" />
        <source>Orphaned: the quote is no longer in this version</source>
        <translation>Orphaned: the quote is no longer in this version</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="491" />
        <source>on version %1</source>
        <translation>on version %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="439" />
        <source>No comments on this document yet.</source>
        <translation>No comments on this document yet.</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/common.py" line="42" />
        <source>Unexpected error (%1). Nothing secret was recorded; please report it.</source>
        <translation>Unexpected error (%1). Nothing secret was recorded; please report it.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/common.py" line="56" />
        <source>Hanoi Desk</source>
        <translation>Hanoi Desk</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/common.py" line="58" />
        <source>Error</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="55" />
        <source>Connect to the document server</source>
        <translation>Connect to the document server</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="59" />
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="61" />
        <source>Login name</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="64" />
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="65" />
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="66" />
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="67" />
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="68" />
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="68" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ConnectionLabel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="198" />
        <source>No server</source>
        <translation>No server</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="205" />
        <source>Last sync: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="207" />
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
</context>
<context>
    <name>ConsultationPage</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_page.py" line="33" />
        <source>My opinion</source>
        <translation>My opinion</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_page.py" line="34" />
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_page.py" line="35" />
        <source>Written consultations</source>
        <translation>Written consultations</translation>
    </message>
</context>
<context>
    <name>ConsultationPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="348" />
        <source>Written consultations</source>
        <translation>Written consultations</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="349" />
        <source>Documents (double-click to read):</source>
        <translation>Documents (double-click to read):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="350" />
        <source>Pre&amp;view</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="351" />
        <source>Sign and &amp;send</source>
        <translation>Sign and &amp;send</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="369" />
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="372" />
        <source>less than an hour left</source>
        <translation>less than an hour left</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="374" />
        <source>1 hour left</source>
        <translation>1 hour left</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="376" />
        <source>%1 hours left</source>
        <translation>%1 hours left</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="377" />
        <source>%1 days left</source>
        <translation>%1 days left</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="382" />
        <source>You are not asked for an opinion.</source>
        <translation>You are not asked for an opinion.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="384" />
        <source>Not answered</source>
        <translation>Not answered</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="385" />
        <source>Signed, waiting on this computer: the next sync sends it</source>
        <translation>Signed, waiting on this computer: the next sync sends it</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="386" />
        <source>Sent on time</source>
        <translation>Sent on time</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="387" />
        <source>Revised on time (the last opinion counts)</source>
        <translation>Revised on time (the last opinion counts)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="388" />
        <source>Sent late: kept, not counted</source>
        <translation>Sent late: kept, not counted</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="394" />
        <source>Deadline: %1 (your time) — %2</source>
        <translation>Deadline: %1 (your time) — %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="475" />
        <source>No consultation on this computer. Sync to get them.</source>
        <translation>No consultation on this computer. Sync to get them.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="483" />
        <source>Document %1</source>
        <translation>Document %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="499" />
        <source>Sending again replaces the opinion waiting to be sent.</source>
        <translation>Sending again replaces the opinion waiting to be sent.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="502" />
        <source>Sending again replaces your opinion of %1.</source>
        <translation>Sending again replaces your opinion of %1.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="535" />
        <source>You are not asked for an opinion in this consultation.</source>
        <translation>You are not asked for an opinion in this consultation.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="537" />
        <source>This consultation is closed: it takes no opinion now.</source>
        <translation>This consultation is closed: it takes no opinion now.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="540" />
        <source>The deadline has passed: the form is read-only. An opinion sent now would be kept as late and not counted.</source>
        <translation>The deadline has passed: the form is read-only. An opinion sent now would be kept as late and not counted.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="630" />
        <source>Signing your opinion…</source>
        <translation>Signing your opinion…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="644" />
        <source>Signed and queued. It is sent with the next sync; without a connection it waits on this computer.</source>
        <translation>Signed and queued. It is sent with the next sync; without a connection it waits on this computer.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="653" />
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="662" />
        <source>Not signed: the PIN was not given.</source>
        <translation>Not signed: the PIN was not given.</translation>
    </message>
</context>
<context>
    <name>ConsultationSummary</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="130" />
        <source>Opinions received (secretariat)</source>
        <translation>Opinions received (secretariat)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="131" />
        <source>&amp;Fetch from the server</source>
        <translation>&amp;Fetch from the server</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="132" />
        <source>&amp;Export PDF + CSV…</source>
        <translation>&amp;Export PDF + CSV…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="133" />
        <source>Sign the s&amp;ummary</source>
        <translation>Sign the s&amp;ummary</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="136" />
        <source>Consultation</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="137" />
        <source>Respondents</source>
        <translation>Respondents</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="148" />
        <source>Agree</source>
        <translation>Agree</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="149" />
        <source>Disagree</source>
        <translation>Disagree</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="150" />
        <source>Other opinion</source>
        <translation>Other opinion</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="182" />
        <source>Asking the server…</source>
        <translation>Asking the server…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="201" />
        <source>The summary needs the server, which did not answer: %1</source>
        <translation>The summary needs the server, which did not answer: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="213" />
        <source>The server's summary is damaged.</source>
        <translation>The server's summary is damaged.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="220" />
        <source>%1 asked: %2 answered on time (%3 on paper), %4 late, %5 without an opinion.</source>
        <translation>%1 asked: %2 answered on time (%3 on paper), %4 late, %5 without an opinion.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="249" />
        <source>answered on time</source>
        <translation>answered on time</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="250" />
        <source>on paper</source>
        <translation>on paper</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="251" />
        <source>late (not counted)</source>
        <translation>late (not counted)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="252" />
        <source>no opinion yet</source>
        <translation>no opinion yet</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="263" />
        <source>dated %1 on paper, entered %2</source>
        <translation>dated %1 on paper, entered %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="267" />
        <source>received %1 (server time)</source>
        <translation>received %1 (server time)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="289" />
        <source>Export the summary to</source>
        <translation>Export the summary to</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="295" />
        <source>Writing the summary…</source>
        <translation>Writing the summary…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="307" />
        <source>Saved: %1 and %2</source>
        <translation>Saved: %1 and %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="330" />
        <source>Signing the summary…</source>
        <translation>Signing the summary…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="340" />
        <source>Signed summary saved: %1</source>
        <translation>Signed summary saved: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="345" />
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="354" />
        <source>Not signed: the PIN was not given.</source>
        <translation>Not signed: the PIN was not given.</translation>
    </message>
</context>
<context>
    <name>CreateProfileDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="32" />
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="33" />
        <source>New profile</source>
        <translation>New profile</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="36" />
        <source>Profile name</source>
        <translation>Profile name</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="39" />
        <source>New passphrase</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="42" />
        <source>Repeat the passphrase</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="43" />
        <source>Also unlock with the system &amp;keyring</source>
        <translation>Also unlock with the system &amp;keyring</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="44" />
        <source>Also unlock with the system keyring</source>
        <translation>Also unlock with the system keyring</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="54" />
        <source>This computer is marked as shared: the system keyring would open the profile for everyone who uses this account, so it is off here.</source>
        <translation>This computer is marked as shared: the system keyring would open the profile for everyone who uses this account, so it is off here.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="61" />
        <source>Anyone who can log in to this computer account will be able to open this profile without its passphrase. Tick this only on an account nobody else uses.</source>
        <translation>Anyone who can log in to this computer account will be able to open this profile without its passphrase. Tick this only on an account nobody else uses.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="69" />
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="70" />
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="71" />
        <source>&amp;Repeat:</source>
        <translation>&amp;Repeat:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="74" />
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="74" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="202" />
        <source>Locked after a period without activity.</source>
        <translation>Locked after a period without activity.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="203" />
        <source>Locked because the computer's session was locked.</source>
        <translation>Locked because the computer's session was locked.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="204" />
        <source>The server ordered this profile wiped; it was deleted.</source>
        <translation>The server ordered this profile wiped; it was deleted.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="206" />
        <source>Locked.</source>
        <translation>Locked.</translation>
    </message>
</context>
<context>
    <name>GuiPrompts</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="146" />
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="147" />
        <source>Passphrase for profile “%1”:</source>
        <translation>Passphrase for profile “%1”:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="162" />
        <source>Server login</source>
        <translation>Server login</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="163" />
        <source>Password of “%1” on %2:</source>
        <translation>Password of “%1” on %2:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="196" />
        <source>Please confirm</source>
        <translation>Please confirm</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="416" />
        <source>Today's and the next meetings</source>
        <translation>Today's and the next meetings</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="417" />
        <source>Next meetings</source>
        <translation>Next meetings</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="418" />
        <source>No meeting today.</source>
        <translation>No meeting today.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="419" />
        <source>No meeting planned.</source>
        <translation>No meeting planned.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="420" />
        <source>&amp;Past meetings</source>
        <translation>&amp;Past meetings</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="421" />
        <source>Past meetings</source>
        <translation>Past meetings</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="440" />
        <source>Today · %1</source>
        <translation>Today · %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="472" />
        <source>No past meetings.</source>
        <translation>No past meetings.</translation>
    </message>
</context>
<context>
    <name>KeyChooser</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="97" />
        <source>Sign with:</source>
        <translation>Sign with:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="98" />
        <source>Find &amp;tokens</source>
        <translation>Find &amp;tokens</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="99" />
        <source>Sign with</source>
        <translation>Sign with</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="131" />
        <source>No token found. Plug it in and try again.</source>
        <translation>No token found. Plug it in and try again.</translation>
    </message>
</context>
<context>
    <name>LivePanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="465" />
        <source>not yet here</source>
        <translation>not yet here</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="466" />
        <source>present</source>
        <translation>present</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="467" />
        <source>left</source>
        <translation>left</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="468" />
        <source>absent with a reason</source>
        <translation>absent with a reason</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="469" />
        <source>absent</source>
        <translation>absent</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="474" />
        <source>to speak</source>
        <translation>to speak</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="475" />
        <source>interpellation</source>
        <translation>interpellation</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="476" />
        <source>point of order</source>
        <translation>point of order</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="481" />
        <source>waiting for approval</source>
        <translation>waiting for approval</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="482" />
        <source>approved</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="483" />
        <source>rejected</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="484" />
        <source>withdrawn</source>
        <translation>withdrawn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="485" />
        <source>called</source>
        <translation>called</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="486" />
        <source>speaking</source>
        <translation>speaking</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="487" />
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="488" />
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="493" />
        <source>queued</source>
        <translation>queued</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="494" />
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="495" />
        <source>applied</source>
        <translation>applied</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="496" />
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="514" />
        <source>quorum met</source>
        <translation>quorum met</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="516" />
        <source>no quorum (needs %1)</source>
        <translation>no quorum (needs %1)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="519" />
        <source>Present: %1 of %2 · %3</source>
        <translation>Present: %1 of %2 · %3</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="526" />
        <source>Nobody has the floor.</source>
        <translation>Nobody has the floor.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="529" />
        <source>Speaking: %1 (%2)</source>
        <translation>Speaking: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="550" />
        <source>Following the room live.</source>
        <translation>Following the room live.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="553" />
        <source>Offline: what you do here waits and is sent when the connection returns.</source>
        <translation>Offline: what you do here waits and is sent when the connection returns.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="558" />
        <source>The list changed — look again.</source>
        <translation>The list changed — look again.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="510" />
        <source>Hanoi Desk — %1</source>
        <translation>Hanoi Desk — %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="547" />
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="548" />
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="550" />
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="551" />
        <source>Main tools</source>
        <translation>Main tools</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="552" />
        <source>Search this meeting (Ctrl+K)</source>
        <translation>Search this meeting (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="556" />
        <source>Search this meeting's documents, or every one (Ctrl+K); accents optional</source>
        <translation>Search this meeting's documents, or every one (Ctrl+K); accents optional</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="560" />
        <source>Screens</source>
        <translation>Screens</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="523" />
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="561" />
        <source>Documents imported on this computer</source>
        <translation>Documents imported on this computer</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="522" />
        <source>&amp;Documents</source>
        <translation>&amp;Documents</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="519" />
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="526" />
        <source>S&amp;ync</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="562" />
        <source>Background work</source>
        <translation>Background work</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="546" />
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="309" />
        <source>The room now</source>
        <translation>The room now</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="311" />
        <source>My notes</source>
        <translation>My notes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="314" />
        <source>Comments on drafts</source>
        <translation>Comments on drafts</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="321" />
        <source>Signatures</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="327" />
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="331" />
        <source>Chair's console</source>
        <translation>Chair's console</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="336" />
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="357" />
        <source>Signing requests</source>
        <translation>Signing requests</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="382" />
        <source>Consultations</source>
        <translation>Consultations</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="514" />
        <source>&amp;Home</source>
        <translation>&amp;Home</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="515" />
        <source>Home: today's and the next meetings</source>
        <translation>Home: today's and the next meetings</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="518" />
        <source>&amp;Meeting</source>
        <translation>&amp;Meeting</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="518" />
        <source>The open meeting</source>
        <translation>The open meeting</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="519" />
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="555" />
        <source>Search the documents</source>
        <translation>Search the documents</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="526" />
        <source>Outgoing actions and downloads</source>
        <translation>Outgoing actions and downloads</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="527" />
        <source>&amp;Import PDF files…</source>
        <translation>&amp;Import PDF files…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="528" />
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="534" />
        <source>&amp;Projector view…</source>
        <translation>&amp;Projector view…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="559" />
        <source>Clear the search</source>
        <translation>Clear the search</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="563" />
        <source>The meeting: agenda, reader and side panel</source>
        <translation>The meeting: agenda, reader and side panel</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="564" />
        <source>Side panel</source>
        <translation>Side panel</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="529" />
        <source>Sign &amp;documents…</source>
        <translation>Sign &amp;documents…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="530" />
        <source>Sync &amp;now</source>
        <translation>Sync &amp;now</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="531" />
        <source>&amp;Connect to a server…</source>
        <translation>&amp;Connect to a server…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="532" />
        <source>&amp;Lock</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="533" />
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="812" />
        <source>%1 (%2 pages)</source>
        <translation>%1 (%2 pages)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="821" />
        <source>No documents imported on this computer. File → Import PDF files… (Ctrl+O)</source>
        <translation>No documents imported on this computer. File → Import PDF files… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="903" />
        <source>Projector view</source>
        <translation>Projector view</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="903" />
        <source>Show on screen:</source>
        <translation>Show on screen:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="1002" />
        <source>p. %1</source>
        <translation>p. %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="1009" />
        <source>Nothing found.</source>
        <translation>Nothing found.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="1011" />
        <source>%1 results for “%2”</source>
        <translation>%1 results for “%2”</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="1036" />
        <source>Import PDF files</source>
        <translation>Import PDF files</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="1036" />
        <source>PDF documents (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="1051" />
        <source>Imported %1 of %2 files.</source>
        <translation>Imported %1 of %2 files.</translation>
    </message>
</context>
<context>
    <name>MeetingPage</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="567" />
        <source>&amp;Agenda</source>
        <translation>&amp;Agenda</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="568" />
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="569" />
        <source>D&amp;ocuments of this item</source>
        <translation>D&amp;ocuments of this item</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="570" />
        <source>Documents of the chosen agenda item</source>
        <translation>Documents of the chosen agenda item</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="571" />
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="590" />
        <source>Chair: %1</source>
        <translation>Chair: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="595" />
        <source>My role: %1</source>
        <translation>My role: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="607" />
        <source>Presented by %1</source>
        <translation>Presented by %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="614" />
        <source>Other documents</source>
        <translation>Other documents</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="659" />
        <source>now</source>
        <translation>now</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="664" />
        <source>Choose a meeting on Home.</source>
        <translation>Choose a meeting on Home.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="678" />
        <source>No documents for this item.</source>
        <translation>No documents for this item.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="682" />
        <source>%1 pages · on this computer</source>
        <translation>%1 pages · on this computer</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="684" />
        <source>not on this computer yet</source>
        <translation>not on this computer yet</translation>
    </message>
</context>
<context>
    <name>MeetingsView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="32" />
        <source>Scheduled</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="33" />
        <source>In session</source>
        <translation>In session</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="34" />
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="35" />
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="42" />
        <source>Chair</source>
        <translation>Chair</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="43" />
        <source>Secretary</source>
        <translation>Secretary</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="44" />
        <source>Delegate</source>
        <translation>Delegate</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="45" />
        <source>Guest</source>
        <translation>Guest</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="52" />
        <source>Removed from this computer (retention period over)</source>
        <translation>Removed from this computer (retention period over)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="56" />
        <source>Available offline</source>
        <translation>Available offline</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="58" />
        <source>%1 of %2 documents here</source>
        <translation>%1 of %2 documents here</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="61" />
        <source>downloading %1 %</source>
        <translation>downloading %1 %</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="65" />
        <source>%1 queued</source>
        <translation>%1 queued</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="72" />
        <source>Live: %1 of %2 present</source>
        <translation>Live: %1 of %2 present</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="77" />
        <source>speaking: %1</source>
        <translation>speaking: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="81" />
        <source>%1 of my actions queued</source>
        <translation>%1 of my actions queued</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="150" />
        <source>My role: %1</source>
        <translation>My role: %1</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="22" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="24" />
        <source>Highlight</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="30" />
        <source>p. %1</source>
        <translation>p. %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="34" />
        <source>(not found in the new version)</source>
        <translation>(not found in the new version)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="98" />
        <source>Notes of this meeting</source>
        <translation>Notes of this meeting</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="98" />
        <source>My notes</source>
        <translation>My notes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="100" />
        <source>Private notes</source>
        <translation>Private notes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="101" />
        <source>&amp;Highlight</source>
        <translation>&amp;Highlight</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="105" />
        <source>Highlight the selected text</source>
        <translation>Highlight the selected text</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="106" />
        <source>Highlight the selected text (Ctrl+H)</source>
        <translation>Highlight the selected text (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="108" />
        <source>Add &amp;note</source>
        <translation>Add &amp;note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="110" />
        <source>Add a sticky note on this page</source>
        <translation>Add a sticky note on this page</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="111" />
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="112" />
        <source>Edit the chosen note</source>
        <translation>Edit the chosen note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="113" />
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="114" />
        <source>Delete the chosen note</source>
        <translation>Delete the chosen note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="154" />
        <source>Edit note</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="154" />
        <source>Text of the note:</source>
        <translation>Text of the note:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="164" />
        <source>Delete note</source>
        <translation>Delete note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="164" />
        <source>Delete this note on every device?</source>
        <translation>Delete this note on every device?</translation>
    </message>
</context>
<context>
    <name>PdfView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/pdf_view.py" line="53" />
        <source>Document pages</source>
        <translation>Document pages</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/pdf_view.py" line="387" />
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/pdf_view.py" line="391" />
        <source>Add a sticky note here</source>
        <translation>Add a sticky note here</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="76" />
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="77" />
        <source>Token PIN</source>
        <translation>Token PIN</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="75" />
        <source>PIN of token “%1”</source>
        <translation>PIN of token “%1”</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="90" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="92" />
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="99" />
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="101" />
        <source>Sign</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="104" />
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="105" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="71" />
        <source>Software key (DEMO — not a hardware token)</source>
        <translation>Software key (DEMO — not a hardware token)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="72" />
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="73" />
        <source>Software key passphrase</source>
        <translation>Software key passphrase</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="90" />
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="92" />
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
</context>
<context>
    <name>PollsPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="241" />
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="242" />
        <source>A&amp;dd a vote…</source>
        <translation>A&amp;dd a vote…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="243" />
        <source>Agenda &amp;item</source>
        <translation>Agenda &amp;item</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="244" />
        <source>Title of the &amp;motion</source>
        <translation>Title of the &amp;motion</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="245" />
        <source>Secre&amp;t ballot</source>
        <translation>Secre&amp;t ballot</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="246" />
        <source>&amp;Ballot options, one per line</source>
        <translation>&amp;Ballot options, one per line</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="247" />
        <source>The last option ta&amp;kes a written opinion</source>
        <translation>The last option ta&amp;kes a written opinion</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="248" />
        <source>Cr&amp;eate the vote</source>
        <translation>Cr&amp;eate the vote</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="249" />
        <source>&amp;Vote</source>
        <translation>&amp;Vote</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="250" />
        <source>Not voted yet</source>
        <translation>Not voted yet</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="251" />
        <source>Laptops not heard from lately</source>
        <translation>Laptops not heard from lately</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="252" />
        <source>&amp;Grace (seconds)</source>
        <translation>&amp;Grace (seconds)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="254" />
        <source>&amp;Open a round</source>
        <translation>&amp;Open a round</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="255" />
        <source>C&amp;lose</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="256" />
        <source>E&amp;xtend</source>
        <translation>E&amp;xtend</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="257" />
        <source>Announce t&amp;he result</source>
        <translation>Announce t&amp;he result</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="284" />
        <source>not opened yet</source>
        <translation>not opened yet</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="285" />
        <source>round %1 open: ballots are coming in</source>
        <translation>round %1 open: ballots are coming in</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="286" />
        <source>round %1 closing: %2 left</source>
        <translation>round %1 closing: %2 left</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="287" />
        <source>round %1 closed</source>
        <translation>round %1 closed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="288" />
        <source>round %1 announced: final</source>
        <translation>round %1 announced: final</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="292" />
        <source>secret</source>
        <translation>secret</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="292" />
        <source>named</source>
        <translation>named</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="346" />
        <source>No vote in this meeting yet.</source>
        <translation>No vote in this meeting yet.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="357" />
        <source>Ballots received: %1 of %2 entitled</source>
        <translation>Ballots received: %1 of %2 entitled</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="369" />
        <source>(names shown when the room is in reach)</source>
        <translation>(names shown when the room is in reach)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="383" />
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="383" />
        <source>not passed</source>
        <translation>not passed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="385" />
        <source>Final result of round %1</source>
        <translation>Final result of round %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="387" />
        <source>Result of round %1 (not announced yet)</source>
        <translation>Result of round %1 (not announced yet)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="390" />
        <source>%1 needed of %2</source>
        <translation>%1 needed of %2</translation>
    </message>
</context>
<context>
    <name>PresenterBar</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/presenter.py" line="82" />
        <source>Follow the presenter</source>
        <translation>Follow the presenter</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/presenter.py" line="83" />
        <source>Return to presenter</source>
        <translation>Return to presenter</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/presenter.py" line="84" />
        <source>Present this page</source>
        <translation>Present this page</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/presenter.py" line="147" />
        <source>The presented document is not on this computer yet; fetching it…</source>
        <translation>The presented document is not on this computer yet; fetching it…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/presenter.py" line="162" />
        <source>The presented document is not available to you.</source>
        <translation>The presented document is not available to you.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/presenter.py" line="175" />
        <source>The presented document is not on this computer yet; it is fetched when the connection returns.</source>
        <translation>The presented document is not on this computer yet; it is fetched when the connection returns.</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="233" />
        <source>Opinion sheet — preview</source>
        <translation>Opinion sheet — preview</translation>
    </message>
</context>
<context>
    <name>ProjectorWindow</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="74" />
        <source>Projector</source>
        <translation>Projector</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="108" />
        <source>Passed</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="108" />
        <source>Not passed</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="112" />
        <source>Final result</source>
        <translation>Final result</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="112" />
        <source>Result not announced yet</source>
        <translation>Result not announced yet</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="116" />
        <source>Nobody has the floor.</source>
        <translation>Nobody has the floor.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="125" />
        <source>Agenda item under discussion</source>
        <translation>Agenda item under discussion</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="127" />
        <source>Item %1: %2</source>
        <translation>Item %1: %2</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="195" />
        <source>Agree</source>
        <translation>Agree</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="195" />
        <source>Disagree</source>
        <translation>Disagree</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="195" />
        <source>Other opinion</source>
        <translation>Other opinion</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="200" />
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="201" />
        <source>Your opinion</source>
        <translation>Your opinion</translation>
    </message>
</context>
<context>
    <name>ReaderPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="161" />
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="162" />
        <source>Reader tools</source>
        <translation>Reader tools</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="163" />
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="164" />
        <source>Fit width</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="165" />
        <source>Fit page</source>
        <translation>Fit page</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="166" />
        <source>Go to page</source>
        <translation>Go to page</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="166" />
        <source>Go to page (Ctrl+G)</source>
        <translation>Go to page (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="167" />
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="170" />
        <source>Search in this document</source>
        <translation>Search in this document</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="171" />
        <source>Search in this document (Ctrl+F)</source>
        <translation>Search in this document (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="174" />
        <source>Previous match</source>
        <translation>Previous match</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="175" />
        <source>Next match</source>
        <translation>Next match</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="176" />
        <source>Draw signature box</source>
        <translation>Draw signature box</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="183" />
        <source>Next match (F3)</source>
        <translation>Next match (F3)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="184" />
        <source>Drag a box on the page where the signature goes</source>
        <translation>Drag a box on the page where the signature goes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="212" />
        <source>%1 — my signed copy</source>
        <translation>%1 — my signed copy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="281" />
        <source>Moving your notes to the new version: %1 of %2</source>
        <translation>Moving your notes to the new version: %1 of %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="291" />
        <source>%1 notes moved to the new version; %2 of them not found in it.</source>
        <translation>%1 notes moved to the new version; %2 of them not found in it.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="352" />
        <source>Sticky note</source>
        <translation>Sticky note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="353" />
        <source>Text of the note on page %1:</source>
        <translation>Text of the note on page %1:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="381" />
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="386" />
        <source>No match</source>
        <translation>No match</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="401" />
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="435" />
        <source>Link not opened</source>
        <translation>Link not opened</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="436" />
        <source>This document links to “%1”, which Hanoi Desk does not open.</source>
        <translation>This document links to “%1”, which Hanoi Desk does not open.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="443" />
        <source>Open an external link?</source>
        <translation>Open an external link?</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="444" />
        <source>The document links to:
%1

Open it in your browser?</source>
        <translation>The document links to:
%1

Open it in your browser?</translation>
    </message>
</context>
<context>
    <name>RoomNow</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="106" />
        <source>This meeting is not live on this computer. When the chair opens the session, attendance, the speakers and votes appear here.</source>
        <translation>This meeting is not live on this computer. When the chair opens the session, attendance, the speakers and votes appear here.</translation>
    </message>
</context>
<context>
    <name>RoomNowPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="739" />
        <source>Check in</source>
        <translation>Check in</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="740" />
        <source>Report absence…</source>
        <translation>Report absence…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="741" />
        <source>Reason (leave empty: absent without one)</source>
        <translation>Reason (leave empty: absent without one)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="743" />
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="744" />
        <source>Ask to speak</source>
        <translation>Ask to speak</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="745" />
        <source>Interpellation…</source>
        <translation>Interpellation…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="746" />
        <source>Withdraw</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="747" />
        <source>&amp;To whom</source>
        <translation>&amp;To whom</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="748" />
        <source>&amp;On what</source>
        <translation>&amp;On what</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="749" />
        <source>Send the interpellation</source>
        <translation>Send the interpellation</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="750" />
        <source>Waiting to speak</source>
        <translation>Waiting to speak</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="751" />
        <source>My actions</source>
        <translation>My actions</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="752" />
        <source>Who is here</source>
        <translation>Who is here</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="753" />
        <source>Hand my &amp;vote to</source>
        <translation>Hand my &amp;vote to</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="755" />
        <source>Hand over</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="756" />
        <source>Take it back</source>
        <translation>Take it back</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="763" />
        <source>You: %1</source>
        <translation>You: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="764" />
        <source>not a member</source>
        <translation>not a member</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="782" />
        <source>Your place in the queue: %1</source>
        <translation>Your place in the queue: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="784" />
        <source>You are not waiting to speak.</source>
        <translation>You are not waiting to speak.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="802" />
        <source>Your vote is with: %1</source>
        <translation>Your vote is with: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="805" />
        <source>You vote for: %1</source>
        <translation>You vote for: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="844" />
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="845" />
        <source>Substitute</source>
        <translation>Substitute</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="846" />
        <source>Request to speak</source>
        <translation>Request to speak</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="847" />
        <source>Withdrawal</source>
        <translation>Withdrawal</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="848" />
        <source>Vote delegation</source>
        <translation>Vote delegation</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="849" />
        <source>Current agenda item</source>
        <translation>Current agenda item</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="141" />
        <source>Where to search</source>
        <translation>Where to search</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="142" />
        <source>In this meeting</source>
        <translation>In this meeting</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="143" />
        <source>In every document</source>
        <translation>In every document</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="144" />
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="45" />
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="49" />
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="51" />
        <source>Login name</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="53" />
        <source>PKCS#11 modules, one per line</source>
        <translation>PKCS#11 modules, one per line</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="57" />
        <source>Trusted root certificates, one file per line</source>
        <translation>Trusted root certificates, one file per line</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="60" />
        <source>Signature image</source>
        <translation>Signature image</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="61" />
        <source>Seal image</source>
        <translation>Seal image</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="63" />
        <source>Organisation name</source>
        <translation>Organisation name</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="65" />
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="70" />
        <source>Lock after idle minutes</source>
        <translation>Lock after idle minutes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="72" />
        <source>Minutes a token may stay logged in after a batch</source>
        <translation>Minutes a token may stay logged in after a batch</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="74" />
        <source>Keep meeting packs for days</source>
        <translation>Keep meeting packs for days</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="76" />
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="77" />
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="78" />
        <source>PKCS#11 &amp;modules:</source>
        <translation>PKCS#11 &amp;modules:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="79" />
        <source>&amp;Trusted roots:</source>
        <translation>&amp;Trusted roots:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="80" />
        <source>Si&amp;gnature image:</source>
        <translation>Si&amp;gnature image:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="81" />
        <source>Se&amp;al image:</source>
        <translation>Se&amp;al image:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="82" />
        <source>&amp;Organisation:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="83" />
        <source>Lan&amp;guage:</source>
        <translation>Lan&amp;guage:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="84" />
        <source>Lock after &amp;idle (minutes):</source>
        <translation>Lock after &amp;idle (minutes):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="85" />
        <source>&amp;Keep token logged in (minutes):</source>
        <translation>&amp;Keep token logged in (minutes):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="86" />
        <source>&amp;Retention (days):</source>
        <translation>&amp;Retention (days):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="90" />
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="90" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="98" />
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="99" />
        <source>Choose a PNG file for: %1</source>
        <translation>Choose a PNG file for: %1</translation>
    </message>
</context>
<context>
    <name>SignatureStatus</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="46" />
        <source>completed (%1)</source>
        <translation>completed (%1)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="50" />
        <source>complete when signed (%1)</source>
        <translation>complete when signed (%1)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="55" />
        <source>waiting for a timestamp</source>
        <translation>waiting for a timestamp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="57" />
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="66" />
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="63" />
        <source>queued</source>
        <translation>queued</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="64" />
        <source>sending</source>
        <translation>sending</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="65" />
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="69" />
        <source>not in the outbox</source>
        <translation>not in the outbox</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="84" />
        <source>My signature: level %1, %2. Upload: %3.</source>
        <translation>My signature: level %1, %2. Upload: %3.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="101" />
        <source>Signed by %1 on %2 — accepted by the server (file hash %3…)</source>
        <translation>Signed by %1 on %2 — accepted by the server (file hash %3…)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="116" />
        <source>Signatures completed: %1</source>
        <translation>Signatures completed: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="119" />
        <source>Signatures waiting for a timestamp: %1</source>
        <translation>Signatures waiting for a timestamp: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="124" />
        <source>Signatures refused: %1 — see My signatures</source>
        <translation>Signatures refused: %1 — see My signatures</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="135" />
        <source>Signatures with no trusted time for %2 days: %1 — connect to complete them</source>
        <translation>Signatures with no trusted time for %2 days: %1 — connect to complete them</translation>
    </message>
</context>
<context>
    <name>SignaturesDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="176" />
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="197" />
        <source>My signatures</source>
        <translation>My signatures</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="190" />
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="191" />
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="192" />
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="193" />
        <source>Completion</source>
        <translation>Completion</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="194" />
        <source>Upload</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="214" />
        <source>This profile has signed nothing yet.</source>
        <translation>This profile has signed nothing yet.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="221" />
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>SignaturesPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="77" />
        <source>Signature verification report</source>
        <translation>Signature verification report</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="78" />
        <source>Check &amp;revocation online</source>
        <translation>Check &amp;revocation online</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="79" />
        <source>Check revocation online</source>
        <translation>Check revocation online</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="134" />
        <source>Checking signatures…</source>
        <translation>Checking signatures…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="155" />
        <source>This document has no signatures.</source>
        <translation>This document has no signatures.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="159" />
        <source>%1 of %2 signatures valid and trusted</source>
        <translation>%1 of %2 signatures valid and trusted</translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="92" />
        <source>Sign documents</source>
        <translation>Sign documents</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="95" />
        <source>Documents to sign</source>
        <translation>Documents to sign</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="105" />
        <source>&amp;Documents:</source>
        <translation>&amp;Documents:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="108" />
        <source>Signing progress</source>
        <translation>Signing progress</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="112" />
        <source>Results per document</source>
        <translation>Results per document</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="120" />
        <source>&amp;Sign</source>
        <translation>&amp;Sign</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="122" />
        <source>Sign</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="124" />
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="126" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="162" />
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="163" />
        <source>&amp;Find tokens</source>
        <translation>&amp;Find tokens</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="164" />
        <source>Find tokens</source>
        <translation>Find tokens</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="168" />
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="172" />
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="173" />
        <source>&amp;Certificate:</source>
        <translation>&amp;Certificate:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="180" />
        <source>&amp;Keep the token logged in for %1 min after this batch</source>
        <translation>&amp;Keep the token logged in for %1 min after this batch</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="183" />
        <source>Keep the token logged in after this batch</source>
        <translation>Keep the token logged in after this batch</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="186" />
        <source>Until then, later batches sign without asking for the PIN. Locking Hanoi Desk or opening another profile logs the token out at once.</source>
        <translation>Until then, later batches sign without asking for the PIN. Locking Hanoi Desk or opening another profile logs the token out at once.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="193" />
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="194" />
        <source>Invisible signature</source>
        <translation>Invisible signature</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="195" />
        <source>Approval (signature image)</source>
        <translation>Approval (signature image)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="196" />
        <source>Issuing (signature and seal)</source>
        <translation>Issuing (signature and seal)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="197" />
        <source>Attachment (seal, top right)</source>
        <translation>Attachment (seal, top right)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="198" />
        <source>Copy (SAO Y)</source>
        <translation>Copy (SAO Y)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="199" />
        <source>&amp;Appearance:</source>
        <translation>&amp;Appearance:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="201" />
        <source>Placement</source>
        <translation>Placement</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="204" />
        <source>The box drawn on page %1</source>
        <translation>The box drawn on page %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="206" />
        <source>Below a text on the last page</source>
        <translation>Below a text on the last page</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="207" />
        <source>Bottom right of the last page</source>
        <translation>Bottom right of the last page</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="208" />
        <source>&amp;Placement:</source>
        <translation>&amp;Placement:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="210" />
        <source>Anchor text</source>
        <translation>Anchor text</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="211" />
        <source>A&amp;nchor text:</source>
        <translation>A&amp;nchor text:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="230" />
        <source>Looking for tokens…</source>
        <translation>Looking for tokens…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="253" />
        <source>No token found. Plug it in and try again.</source>
        <translation>No token found. Plug it in and try again.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="301" />
        <source>cannot sign</source>
        <translation>cannot sign</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="318" />
        <source>The token is still logged in for another %1 min: this batch signs without asking for the PIN.</source>
        <translation>The token is still logged in for another %1 min: this batch signs without asking for the PIN.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="322" />
        <source>PIN state: normal.</source>
        <translation>PIN state: normal.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="399" />
        <source>Already signed</source>
        <translation>Already signed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="401" />
        <source>“%1”, version %2</source>
        <translation>“%1”, version %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="407" />
        <source>You already signed:
%1

Sign again?</source>
        <translation>You already signed:
%1

Sign again?</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="408" />
        <source>Sign &amp;again</source>
        <translation>Sign &amp;again</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="413" />
        <source>&amp;Leave them out</source>
        <translation>&amp;Leave them out</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="468" />
        <source>Signed</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="469" />
        <source>Already signed by this certificate</source>
        <translation>Already signed by this certificate</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="470" />
        <source>Not signed</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="471" />
        <source>Not started</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="481" />
        <source>The batch stopped: %1 of %2 documents signed, the others not. Signing them again skips the documents already signed.</source>
        <translation>The batch stopped: %1 of %2 documents signed, the others not. Signing them again skips the documents already signed.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="494" />
        <source>The token stays logged in for another %1 min, or until Hanoi Desk locks.</source>
        <translation>The token stays logged in for another %1 min, or until Hanoi Desk locks.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="499" />
        <source>The token was logged out: the next batch asks for the PIN.</source>
        <translation>The token was logged out: the next batch asks for the PIN.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="501" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="243" />
        <source>Software key (DEMO — not a hardware token)</source>
        <translation>Software key (DEMO — not a hardware token)</translation>
    </message>
</context>
<context>
    <name>SigningRequestsPage</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="165" />
        <source>in progress</source>
        <translation>in progress</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="166" />
        <source>completed</source>
        <translation>completed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="167" />
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="168" />
        <source>expired</source>
        <translation>expired</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="169" />
        <source>draft</source>
        <translation>draft</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="175" />
        <source>waiting for an earlier signer</source>
        <translation>waiting for an earlier signer</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="176" />
        <source>to sign now</source>
        <translation>to sign now</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="177" />
        <source>signed</source>
        <translation>signed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="178" />
        <source>declined</source>
        <translation>declined</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="184" />
        <source>approval</source>
        <translation>approval</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="185" />
        <source>issuing, with the seal</source>
        <translation>issuing, with the seal</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="186" />
        <source>copy</source>
        <translation>copy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="191" />
        <source>Signing requests</source>
        <translation>Signing requests</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="192" />
        <source>Sign &amp;with:</source>
        <translation>Sign &amp;with:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="193" />
        <source>Key to sign with</source>
        <translation>Key to sign with</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="194" />
        <source>Find &amp;tokens</source>
        <translation>Find &amp;tokens</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="195" />
        <source>Find tokens</source>
        <translation>Find tokens</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="196" />
        <source>Look for the plugged-in tokens and their certificates</source>
        <translation>Look for the plugged-in tokens and their certificates</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="197" />
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="199" />
        <source>Open the file to sign</source>
        <translation>Open the file to sign</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="200" />
        <source>Show the request's current file, with the signatures so far</source>
        <translation>Show the request's current file, with the signatures so far</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="201" />
        <source>&amp;Decline…</source>
        <translation>&amp;Decline…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="202" />
        <source>Decline to sign</source>
        <translation>Decline to sign</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="203" />
        <source>Refuse to sign, with a reason everyone sees; the request ends</source>
        <translation>Refuse to sign, with a reason everyone sees; the request ends</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="204" />
        <source>Why you decline (everyone sees it)</source>
        <translation>Why you decline (everyone sees it)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="205" />
        <source>Reason for declining</source>
        <translation>Reason for declining</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="206" />
        <source>Send the &amp;decline</source>
        <translation>Send the &amp;decline</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="207" />
        <source>Send the decline</source>
        <translation>Send the decline</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="208" />
        <source>Queue the decline; the next sync sends it</source>
        <translation>Queue the decline; the next sync sends it</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="263" />
        <source>No signing requests on this computer. Sync first.</source>
        <translation>No signing requests on this computer. Sync first.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="265" />
        <source>Waiting for your signature: %1</source>
        <translation>Waiting for your signature: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="268" />
        <source>Nothing is waiting for your signature.</source>
        <translation>Nothing is waiting for your signature.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="287" />
        <source>waiting for your signature</source>
        <translation>waiting for your signature</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="289" />
        <source>signed, sent at the next sync</source>
        <translation>signed, sent at the next sync</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="291" />
        <source>declined, sent at the next sync</source>
        <translation>declined, sent at the next sync</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="317" />
        <source>%1, version %2</source>
        <translation>%1, version %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="321" />
        <source>State: %1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="328" />
        <source>%1. %2 (%3, %4): %5</source>
        <translation>%1. %2 (%3, %4): %5</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="335" />
        <source>you</source>
        <translation>you</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="338" />
        <source>Reason: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="348" />
        <source>Your signature is queued: the next sync sends it.</source>
        <translation>Your signature is queued: the next sync sends it.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="350" />
        <source>Your decline is queued: the next sync sends it.</source>
        <translation>Your decline is queued: the next sync sends it.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="355" />
        <source>Your last answer was refused: %1</source>
        <translation>Your last answer was refused: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="357" />
        <source>The file to sign is not on this computer yet. Sync first.</source>
        <translation>The file to sign is not on this computer yet. Sync first.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="359" />
        <source>Your turn: sign in the field “%1”.</source>
        <translation>Your turn: sign in the field “%1”.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="368" />
        <source>Sign &amp;again</source>
        <translation>Sign &amp;again</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="368" />
        <source>&amp;Sign</source>
        <translation>&amp;Sign</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="371" />
        <source>Sign your step with the chosen key: the PIN is asked once</source>
        <translation>Sign your step with the chosen key: the PIN is asked once</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="409" />
        <source>No token found. Plug it in and try again.</source>
        <translation>No token found. Plug it in and try again.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="437" />
        <source>Signing…</source>
        <translation>Signing…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="450" />
        <source>Signed: the next sync sends your signature.</source>
        <translation>Signed: the next sync sends your signature.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="456" />
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="466" />
        <source>Not signed: the PIN was not given.</source>
        <translation>Not signed: the PIN was not given.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="488" />
        <source>Declined: the next sync sends it.</source>
        <translation>Declined: the next sync sends it.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="152" />
        <source>&amp;My signatures…</source>
        <translation>&amp;My signatures…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="153" />
        <source>My signatures</source>
        <translation>My signatures</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="269" />
        <source>The server refused an action: %1</source>
        <translation>The server refused an action: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="307" />
        <source>Sync stopped.</source>
        <translation>Sync stopped.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="75" />
        <source>server unreachable</source>
        <translation>server unreachable</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="78" />
        <source>server busy or failing</source>
        <translation>server busy or failing</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="81" />
        <source>login refused</source>
        <translation>login refused</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="84" />
        <source>sign-in blocked for now</source>
        <translation>sign-in blocked for now</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="87" />
        <source>account disabled</source>
        <translation>account disabled</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="90" />
        <source>server certificate not trusted (TLS)</source>
        <translation>server certificate not trusted (TLS)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="93" />
        <source>plain HTTP refused</source>
        <translation>plain HTTP refused</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="96" />
        <source>wrong server address</source>
        <translation>wrong server address</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="99" />
        <source>server's answer refused</source>
        <translation>server's answer refused</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="102" />
        <source>took too long</source>
        <translation>took too long</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="103" />
        <source>refused by the server</source>
        <translation>refused by the server</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="106" />
        <source>disk full</source>
        <translation>disk full</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="107" />
        <source>disk error</source>
        <translation>disk error</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="108" />
        <source>cache damaged</source>
        <translation>cache damaged</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="111" />
        <source>see the Sync page</source>
        <translation>see the Sync page</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="151" />
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="152" />
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="153" />
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="154" />
        <source>Up to date</source>
        <translation>Up to date</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="155" />
        <source>Sync error</source>
        <translation>Sync error</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="156" />
        <source>Offline — no server set up</source>
        <translation>Offline — no server set up</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="160" />
        <source>Sync error: %1</source>
        <translation>Sync error: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="162" />
        <source>Sync error: %1 documents not downloaded</source>
        <translation>Sync error: %1 documents not downloaded</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="166" />
        <source>%1 queued</source>
        <translation>%1 queued</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="170" />
        <source>Sync state: %1</source>
        <translation>Sync state: %1</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="41" />
        <source>Private note</source>
        <translation>Private note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="42" />
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="43" />
        <source>Comment edited</source>
        <translation>Comment edited</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="44" />
        <source>Answer to a comment</source>
        <translation>Answer to a comment</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="45" />
        <source>Signed document</source>
        <translation>Signed document</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="47" />
        <source>Signature completed with a timestamp</source>
        <translation>Signature completed with a timestamp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="50" />
        <source>Written opinion</source>
        <translation>Written opinion</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="52" />
        <source>Signature on a signing request</source>
        <translation>Signature on a signing request</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="55" />
        <source>Declined signing request</source>
        <translation>Declined signing request</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="64" />
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="65" />
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="66" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="67" />
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="263" />
        <source>Sync &amp;now</source>
        <translation>Sync &amp;now</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="265" />
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="266" />
        <source>&amp;Outgoing actions</source>
        <translation>&amp;Outgoing actions</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="267" />
        <source>Outgoing actions</source>
        <translation>Outgoing actions</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="269" />
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="269" />
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="269" />
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="269" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="271" />
        <source>&amp;Downloads</source>
        <translation>&amp;Downloads</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="272" />
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="273" />
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="273" />
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="273" />
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="310" />
        <source>“%1”, version %2</source>
        <translation>“%1”, version %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="321" />
        <source>%1 actions waiting to be sent</source>
        <translation>%1 actions waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="334" />
        <source>Skipped</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="339" />
        <source>Every document is on this computer.</source>
        <translation>Every document is on this computer.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="362" />
        <source>Not downloaded (asked for again at the next sync): %1</source>
        <translation>Not downloaded (asked for again at the next sync): %1</translation>
    </message>
</context>
<context>
    <name>Thumbnails</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/thumbnails.py" line="42" />
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/thumbnails.py" line="88" />
        <source>Page thumbnails</source>
        <translation>Page thumbnails</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="126" />
        <source>Hanoi Desk — unlock</source>
        <translation>Hanoi Desk — unlock</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="128" />
        <source>Choose your profile and unlock it</source>
        <translation>Choose your profile and unlock it</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="132" />
        <source>Profiles</source>
        <translation>Profiles</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="133" />
        <source>P&amp;rofiles:</source>
        <translation>P&amp;rofiles:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="139" />
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="140" />
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="171" />
        <source>&amp;Unlock</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="172" />
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="174" />
        <source>Unlock with &amp;keyring</source>
        <translation>Unlock with &amp;keyring</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="175" />
        <source>Unlock with keyring</source>
        <translation>Unlock with keyring</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="176" />
        <source>Unlock with &amp;token</source>
        <translation>Unlock with &amp;token</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="177" />
        <source>Unlock with token</source>
        <translation>Unlock with token</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="178" />
        <source>&amp;New profile…</source>
        <translation>&amp;New profile…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="179" />
        <source>New profile</source>
        <translation>New profile</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="180" />
        <source>&amp;Wipe profile…</source>
        <translation>&amp;Wipe profile…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="181" />
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="341" />
        <source>Wipe profile</source>
        <translation>Wipe profile</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="157" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="254" />
        <source>Unlocking…</source>
        <translation>Unlocking…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="277" />
        <source>Creating the encrypted profile…</source>
        <translation>Creating the encrypted profile…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="285" />
        <source>Profile “%1” created. Unlock it.</source>
        <translation>Profile “%1” created. Unlock it.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="302" />
        <source>The name did not match; nothing was wiped.</source>
        <translation>The name did not match; nothing was wiped.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="304" />
        <source>Looking for work not yet sent…</source>
        <translation>Looking for work not yet sent…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="327" />
        <source>Without the passphrase Hanoi Desk cannot tell whether profile “%1” holds work not yet sent to the server (signed documents, votes, comments, notes). Anything not sent is lost for good.</source>
        <translation>Without the passphrase Hanoi Desk cannot tell whether profile “%1” holds work not yet sent to the server (signed documents, votes, comments, notes). Anything not sent is lost for good.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="334" />
        <source>Profile “%1” holds work not yet sent to the server, lost for good if you wipe it now:</source>
        <translation>Profile “%1” holds work not yet sent to the server, lost for good if you wipe it now:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="345" />
        <source>Wipe and lose it</source>
        <translation>Wipe and lose it</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="348" />
        <source>Keep the profile</source>
        <translation>Keep the profile</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="357" />
        <source>Nothing was wiped.</source>
        <translation>Nothing was wiped.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="365" />
        <source>Wiping…</source>
        <translation>Wiping…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="372" />
        <source>Profile “%1” was wiped.</source>
        <translation>Profile “%1” was wiped.</translation>
    </message>
</context>
<context>
    <name>VotesPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="229" />
        <source>named</source>
        <translation>named</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="229" />
        <source>secret</source>
        <translation>secret</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="233" />
        <source>result published</source>
        <translation>result published</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="235" />
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="237" />
        <source>closing</source>
        <translation>closing</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="239" />
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="240" />
        <source>not opened yet</source>
        <translation>not opened yet</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="244" />
        <source>queued: it is sent when the connection returns</source>
        <translation>queued: it is sent when the connection returns</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="245" />
        <source>sent, waiting for the answer</source>
        <translation>sent, waiting for the answer</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="246" />
        <source>counted</source>
        <translation>counted</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="247" />
        <source>not counted</source>
        <translation>not counted</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="248" />
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="252" />
        <source>Votes of this meeting</source>
        <translation>Votes of this meeting</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="253" />
        <source>Your choice</source>
        <translation>Your choice</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="254" />
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="255" />
        <source>Your opinion</source>
        <translation>Your opinion</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="256" />
        <source>Vote &amp;for:</source>
        <translation>Vote &amp;for:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="257" />
        <source>Sign &amp;with:</source>
        <translation>Sign &amp;with:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="258" />
        <source>Find &amp;tokens</source>
        <translation>Find &amp;tokens</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="259" />
        <source>Sign and &amp;send</source>
        <translation>Sign and &amp;send</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="260" />
        <source>Who voted</source>
        <translation>Who voted</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="261" />
        <source>&amp;Verify</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="263" />
        <source>Check that my ballot is in the published bulletin and count it again.</source>
        <translation>Check that my ballot is in the published bulletin and count it again.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="383" />
        <source>No vote in this meeting yet.</source>
        <translation>No vote in this meeting yet.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="398" />
        <source>%1 (%2 vote)</source>
        <translation>%1 (%2 vote)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="419" />
        <source>Not opened yet.</source>
        <translation>Not opened yet.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="421" />
        <source>Round %1 is open: %2 ballots counted, %3 still to vote.</source>
        <translation>Round %1 is open: %2 ballots counted, %3 still to vote.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="425" />
        <source>Round %1 is closing: ballots still count for %4 (%2 counted, %3 still to vote).</source>
        <translation>Round %1 is closing: ballots still count for %4 (%2 counted, %3 still to vote).</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="428" />
        <source>Round %1 is closed and its result published.</source>
        <translation>Round %1 is closed and its result published.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="430" />
        <source>Round %1 is closed.</source>
        <translation>Round %1 is closed.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="486" />
        <source>myself</source>
        <translation>myself</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="503" />
        <source>counted (as your ballot %1)</source>
        <translation>counted (as your ballot %1)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="509" />
        <source>My ballot%1: %2 — %3</source>
        <translation>My ballot%1: %2 — %3</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="519" />
        <source>You have not voted in this round.</source>
        <translation>You have not voted in this round.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="535" />
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="535" />
        <source>not passed</source>
        <translation>not passed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="537" />
        <source>Result of round %1: %2 — %3 (needed %4 of %5).</source>
        <translation>Result of round %1: %2 — %3 (needed %4 of %5).</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="548" />
        <source>Your participation is included; your choice is not shown.</source>
        <translation>Your participation is included; your choice is not shown.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="599" />
        <source>No token found. Plug it in and try again.</source>
        <translation>No token found. Plug it in and try again.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="645" />
        <source>Signing your ballot…</source>
        <translation>Signing your ballot…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="678" />
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="687" />
        <source>Not signed: the PIN was not given.</source>
        <translation>Not signed: the PIN was not given.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="706" />
        <source>Verified: the bulletin of round %1 is the one the authority signed, its %2 ballots count to the published result, %3 signatures hold, and %4 of my ballots are in it.</source>
        <translation>Verified: the bulletin of round %1 is the one the authority signed, its %2 ballots count to the published result, %3 signatures hold, and %4 of my ballots are in it.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="716" />
        <source>Verification failed:</source>
        <translation>Verification failed:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="727" />
        <source>Verifying…</source>
        <translation>Verifying…</translation>
    </message>
</context>
<context>
    <name>WipeProfileDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="83" />
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="84" />
        <source>Wipe profile</source>
        <translation>Wipe profile</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="88" />
        <source>This deletes profile “%1”, its documents, notes and queued actions on this computer for ever.</source>
        <translation>This deletes profile “%1”, its documents, notes and queued actions on this computer for ever.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="96" />
        <source>Passphrase of the profile</source>
        <translation>Passphrase of the profile</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="97" />
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="100" />
        <source>With the passphrase, work not yet sent to the server is counted and named before it is lost. Leave it empty if you do not know it.</source>
        <translation>With the passphrase, work not yet sent to the server is counted and named before it is lost. Leave it empty if you do not know it.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="107" />
        <source>Profile name, to confirm</source>
        <translation>Profile name, to confirm</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="108" />
        <source>Type the profile &amp;name to confirm:</source>
        <translation>Type the profile &amp;name to confirm:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="109" />
        <source>Wipe</source>
        <translation>Wipe</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="109" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>