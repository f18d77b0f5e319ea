<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="218" />
        <source>Calendar span</source>
        <translation>Calendar span</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="219" />
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="238" />
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="220" />
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="222" />
        <source>&amp;Previous</source>
        <translation>&amp;Previous</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="223" />
        <source>Previous</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="224" />
        <source>&amp;Next</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="225" />
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="229" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="236" />
        <source>Meetings in this period</source>
        <translation>Meetings in this period</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="238" />
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="238" />
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="238" />
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="272" />
        <source>No meetings</source>
        <translation>No meetings</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/common.py" line="41" />
        <source>Unexpected error (%1). Nothing secret was recorded; please report it.</source>
        <translation>Unexpected error (%1). Nothing secret was recorded; please report it.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/common.py" line="55" />
        <source>Hanoi Desk</source>
        <translation>Hanoi Desk</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/common.py" line="57" />
        <source>Error</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="44" />
        <source>Connect to the document server</source>
        <translation>Connect to the document server</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="48" />
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="50" />
        <source>Login name</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="53" />
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="54" />
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="55" />
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="56" />
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="57" />
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="57" />
        <source>Cancel</source>
        <translation>Cancel</translation>
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
        <location filename="../../src/hanoi_desk/ui/app.py" line="173" />
        <source>Locked after a period without activity.</source>
        <translation>Locked after a period without activity.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="174" />
        <source>Locked because the computer's session was locked.</source>
        <translation>Locked because the computer's session was locked.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="175" />
        <source>The server ordered this profile wiped; it was deleted.</source>
        <translation>The server ordered this profile wiped; it was deleted.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="177" />
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
    <name>MainWindow</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="61" />
        <source>Hanoi Desk — %1</source>
        <translation>Hanoi Desk — %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="64" />
        <source>Screens</source>
        <translation>Screens</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="75" />
        <source>Documents imported on this computer</source>
        <translation>Documents imported on this computer</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="84" />
        <source>&amp;Meetings</source>
        <translation>&amp;Meetings</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="85" />
        <source>&amp;Calendar</source>
        <translation>&amp;Calendar</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="86" />
        <source>&amp;Documents</source>
        <translation>&amp;Documents</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="87" />
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="88" />
        <source>&amp;Reader</source>
        <translation>&amp;Reader</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="89" />
        <source>&amp;Notes</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="90" />
        <source>S&amp;ync</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="98" />
        <source>Background work</source>
        <translation>Background work</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="152" />
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="154" />
        <source>&amp;Import PDF files…</source>
        <translation>&amp;Import PDF files…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="155" />
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="156" />
        <source>Sign &amp;documents…</source>
        <translation>Sign &amp;documents…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="157" />
        <source>Sync &amp;now</source>
        <translation>Sync &amp;now</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="158" />
        <source>&amp;Connect to a server…</source>
        <translation>&amp;Connect to a server…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="159" />
        <source>&amp;Lock</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="160" />
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="173" />
        <source>Search every cached document (accents optional)</source>
        <translation>Search every cached document (accents optional)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="175" />
        <source>Search every cached document</source>
        <translation>Search every cached document</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="178" />
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="253" />
        <source>%1 (%2 pages)</source>
        <translation>%1 (%2 pages)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="359" />
        <source>p. %1</source>
        <translation>p. %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="365" />
        <source>Nothing found.</source>
        <translation>Nothing found.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="380" />
        <source>Import PDF files</source>
        <translation>Import PDF files</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="380" />
        <source>PDF documents (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="395" />
        <source>Imported %1 of %2 files.</source>
        <translation>Imported %1 of %2 files.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="472" />
        <source>The new language applies the next time Hanoi Desk starts.</source>
        <translation>The new language applies the next time Hanoi Desk starts.</translation>
    </message>
</context>
<context>
    <name>MeetingPage</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="129" />
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="190" />
        <source>Choose a meeting in the list.</source>
        <translation>Choose a meeting in the list.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="137" />
        <source>Agenda and documents</source>
        <translation>Agenda and documents</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="139" />
        <source>Agenda item / document</source>
        <translation>Agenda item / document</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="139" />
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="139" />
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="143" />
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="157" />
        <source>Chair: %1</source>
        <translation>Chair: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="166" />
        <source>Presented by %1</source>
        <translation>Presented by %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="172" />
        <source>Other documents</source>
        <translation>Other documents</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="180" />
        <source>Chair</source>
        <translation>Chair</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="181" />
        <source>Secretary</source>
        <translation>Secretary</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="182" />
        <source>Delegate</source>
        <translation>Delegate</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="195" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="195" />
        <source>not yet</source>
        <translation>not yet</translation>
    </message>
</context>
<context>
    <name>MeetingsList</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="62" />
        <source>Meetings</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="65" />
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="66" />
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="67" />
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="68" />
        <source>Chair</source>
        <translation>Chair</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="69" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="70" />
        <source>On this computer</source>
        <translation>On this computer</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="81" />
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="82" />
        <source>Upcoming</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="83" />
        <source>Past</source>
        <translation>Past</translation>
    </message>
</context>
<context>
    <name>MeetingsView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="19" />
        <source>Scheduled</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="20" />
        <source>In session</source>
        <translation>In session</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="21" />
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="22" />
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="29" />
        <source>Removed from this computer (retention period over)</source>
        <translation>Removed from this computer (retention period over)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="33" />
        <source>Available offline</source>
        <translation>Available offline</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="35" />
        <source>%1 of %2 documents here</source>
        <translation>%1 of %2 documents here</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="38" />
        <source>downloading %1 %</source>
        <translation>downloading %1 %</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="42" />
        <source>%1 queued</source>
        <translation>%1 queued</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="21" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="23" />
        <source>Highlight</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="29" />
        <source>p. %1</source>
        <translation>p. %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="33" />
        <source>(not found in the new version)</source>
        <translation>(not found in the new version)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="64" />
        <source>Notes of this meeting</source>
        <translation>Notes of this meeting</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="64" />
        <source>My notes</source>
        <translation>My notes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="70" />
        <source>Private notes</source>
        <translation>Private notes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="79" />
        <source>&amp;Highlight</source>
        <translation>&amp;Highlight</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="82" />
        <source>Highlight the selected text</source>
        <translation>Highlight the selected text</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="83" />
        <source>Highlight the selected text (Ctrl+H)</source>
        <translation>Highlight the selected text (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="85" />
        <source>Add &amp;note</source>
        <translation>Add &amp;note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="86" />
        <source>Add a sticky note on this page</source>
        <translation>Add a sticky note on this page</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="87" />
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="88" />
        <source>Edit the chosen note</source>
        <translation>Edit the chosen note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="89" />
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="90" />
        <source>Delete the chosen note</source>
        <translation>Delete the chosen note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="135" />
        <source>Edit note</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="135" />
        <source>Text of the note:</source>
        <translation>Text of the note:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="145" />
        <source>Delete note</source>
        <translation>Delete note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="145" />
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
    <name>ReaderPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="67" />
        <source>Notes and signatures</source>
        <translation>Notes and signatures</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="68" />
        <source>My &amp;notes</source>
        <translation>My &amp;notes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="69" />
        <source>Si&amp;gnatures</source>
        <translation>Si&amp;gnatures</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="105" />
        <source>Reader tools</source>
        <translation>Reader tools</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="111" />
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="112" />
        <source>Fit width</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="113" />
        <source>Fit page</source>
        <translation>Fit page</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="119" />
        <source>Go to page</source>
        <translation>Go to page</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="119" />
        <source>Go to page (Ctrl+G)</source>
        <translation>Go to page (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="128" />
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="131" />
        <source>Search in this document</source>
        <translation>Search in this document</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="132" />
        <source>Search in this document (Ctrl+F)</source>
        <translation>Search in this document (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="136" />
        <source>Previous match</source>
        <translation>Previous match</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="138" />
        <source>Next match</source>
        <translation>Next match</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="146" />
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="152" />
        <source>Draw signature box</source>
        <translation>Draw signature box</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="148" />
        <source>Drag a box on the page where the signature goes</source>
        <translation>Drag a box on the page where the signature goes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="219" />
        <source>Moving your notes to the new version: %1 of %2</source>
        <translation>Moving your notes to the new version: %1 of %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="229" />
        <source>%1 notes moved to the new version; %2 of them not found in it.</source>
        <translation>%1 notes moved to the new version; %2 of them not found in it.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="290" />
        <source>Sticky note</source>
        <translation>Sticky note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="291" />
        <source>Text of the note on page %1:</source>
        <translation>Text of the note on page %1:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="319" />
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="324" />
        <source>No match</source>
        <translation>No match</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="339" />
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="373" />
        <source>Link not opened</source>
        <translation>Link not opened</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="374" />
        <source>This document links to “%1”, which Hanoi Desk does not open.</source>
        <translation>This document links to “%1”, which Hanoi Desk does not open.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="381" />
        <source>Open an external link?</source>
        <translation>Open an external link?</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="382" />
        <source>The document links to:
%1

Open it in your browser?</source>
        <translation>The document links to:
%1

Open it in your browser?</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="17" />
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="21" />
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="23" />
        <source>Login name</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="25" />
        <source>PKCS#11 modules, one per line</source>
        <translation>PKCS#11 modules, one per line</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="29" />
        <source>Trusted root certificates, one file per line</source>
        <translation>Trusted root certificates, one file per line</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="32" />
        <source>Signature image</source>
        <translation>Signature image</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="33" />
        <source>Seal image</source>
        <translation>Seal image</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="35" />
        <source>Organisation name</source>
        <translation>Organisation name</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="37" />
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="44" />
        <source>Lock after idle minutes</source>
        <translation>Lock after idle minutes</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="48" />
        <source>Minutes a token may stay logged in after a batch</source>
        <translation>Minutes a token may stay logged in after a batch</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="52" />
        <source>Keep meeting packs for days</source>
        <translation>Keep meeting packs for days</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="54" />
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="55" />
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="56" />
        <source>PKCS#11 &amp;modules:</source>
        <translation>PKCS#11 &amp;modules:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="57" />
        <source>&amp;Trusted roots:</source>
        <translation>&amp;Trusted roots:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="58" />
        <source>Si&amp;gnature image:</source>
        <translation>Si&amp;gnature image:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="59" />
        <source>Se&amp;al image:</source>
        <translation>Se&amp;al image:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="60" />
        <source>&amp;Organisation:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="61" />
        <source>Lan&amp;guage:</source>
        <translation>Lan&amp;guage:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="62" />
        <source>Lock after &amp;idle (minutes):</source>
        <translation>Lock after &amp;idle (minutes):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="63" />
        <source>&amp;Keep token logged in (minutes):</source>
        <translation>&amp;Keep token logged in (minutes):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="64" />
        <source>&amp;Retention (days):</source>
        <translation>&amp;Retention (days):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="68" />
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="68" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="76" />
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="77" />
        <source>Choose a PNG file for: %1</source>
        <translation>Choose a PNG file for: %1</translation>
    </message>
</context>
<context>
    <name>SignaturesPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="43" />
        <source>Signature verification report</source>
        <translation>Signature verification report</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="45" />
        <source>Check &amp;revocation online</source>
        <translation>Check &amp;revocation online</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="46" />
        <source>Check revocation online</source>
        <translation>Check revocation online</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="62" />
        <source>Checking signatures…</source>
        <translation>Checking signatures…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="74" />
        <source>This document has no signatures.</source>
        <translation>This document has no signatures.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="78" />
        <source>%1 of %2 signatures valid and trusted</source>
        <translation>%1 of %2 signatures valid and trusted</translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="70" />
        <source>Sign documents</source>
        <translation>Sign documents</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="73" />
        <source>Documents to sign</source>
        <translation>Documents to sign</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="83" />
        <source>&amp;Documents:</source>
        <translation>&amp;Documents:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="86" />
        <source>Signing progress</source>
        <translation>Signing progress</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="90" />
        <source>Results per document</source>
        <translation>Results per document</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="98" />
        <source>&amp;Sign</source>
        <translation>&amp;Sign</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="100" />
        <source>Sign</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="102" />
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="104" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="116" />
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="117" />
        <source>&amp;Find tokens</source>
        <translation>&amp;Find tokens</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="118" />
        <source>Find tokens</source>
        <translation>Find tokens</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="122" />
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="126" />
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="127" />
        <source>&amp;Certificate:</source>
        <translation>&amp;Certificate:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="134" />
        <source>&amp;Keep the token logged in for %1 min after this batch</source>
        <translation>&amp;Keep the token logged in for %1 min after this batch</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="137" />
        <source>Keep the token logged in after this batch</source>
        <translation>Keep the token logged in after this batch</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="140" />
        <source>Until then, later batches sign without asking for the PIN. Locking Hanoi Desk or opening another profile logs the token out at once.</source>
        <translation>Until then, later batches sign without asking for the PIN. Locking Hanoi Desk or opening another profile logs the token out at once.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="147" />
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="148" />
        <source>Invisible signature</source>
        <translation>Invisible signature</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="149" />
        <source>Approval (signature image)</source>
        <translation>Approval (signature image)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="150" />
        <source>Issuing (signature and seal)</source>
        <translation>Issuing (signature and seal)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="151" />
        <source>Attachment (seal, top right)</source>
        <translation>Attachment (seal, top right)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="152" />
        <source>Copy (SAO Y)</source>
        <translation>Copy (SAO Y)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="153" />
        <source>&amp;Appearance:</source>
        <translation>&amp;Appearance:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="155" />
        <source>Placement</source>
        <translation>Placement</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="158" />
        <source>The box drawn on page %1</source>
        <translation>The box drawn on page %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="160" />
        <source>Below a text on the last page</source>
        <translation>Below a text on the last page</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="161" />
        <source>Bottom right of the last page</source>
        <translation>Bottom right of the last page</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="162" />
        <source>&amp;Placement:</source>
        <translation>&amp;Placement:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="164" />
        <source>Anchor text</source>
        <translation>Anchor text</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="165" />
        <source>A&amp;nchor text:</source>
        <translation>A&amp;nchor text:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="172" />
        <source>Looking for tokens…</source>
        <translation>Looking for tokens…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="185" />
        <source>No token found. Plug it in and try again.</source>
        <translation>No token found. Plug it in and try again.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="207" />
        <source>cannot sign</source>
        <translation>cannot sign</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="224" />
        <source>The token is still logged in for another %1 min: this batch signs without asking for the PIN.</source>
        <translation>The token is still logged in for another %1 min: this batch signs without asking for the PIN.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="228" />
        <source>PIN state: normal.</source>
        <translation>PIN state: normal.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="320" />
        <source>Signed</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="321" />
        <source>Already signed by this certificate</source>
        <translation>Already signed by this certificate</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="322" />
        <source>Not signed</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="323" />
        <source>Not started</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="337" />
        <source>The token stays logged in for another %1 min, or until Hanoi Desk locks.</source>
        <translation>The token stays logged in for another %1 min, or until Hanoi Desk locks.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="342" />
        <source>The token was logged out: the next batch asks for the PIN.</source>
        <translation>The token was logged out: the next batch asks for the PIN.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="344" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="179" />
        <source>Software key (DEMO — not a hardware token)</source>
        <translation>Software key (DEMO — not a hardware token)</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="167" />
        <source>The server refused an action: %1</source>
        <translation>The server refused an action: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="170" />
        <source>Last sync: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="195" />
        <source>Sync stopped.</source>
        <translation>Sync stopped.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="67" />
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="68" />
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="69" />
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="70" />
        <source>Up to date</source>
        <translation>Up to date</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="71" />
        <source>Sync error</source>
        <translation>Sync error</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="72" />
        <source>Offline — no server set up</source>
        <translation>Offline — no server set up</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="76" />
        <source>%1 queued</source>
        <translation>%1 queued</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="83" />
        <source>Sync state: %1</source>
        <translation>Sync state: %1</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="35" />
        <source>Private note</source>
        <translation>Private note</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="36" />
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="37" />
        <source>Signed document</source>
        <translation>Signed document</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="44" />
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="45" />
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="46" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="47" />
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="98" />
        <source>Sync &amp;now</source>
        <translation>Sync &amp;now</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="99" />
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="110" />
        <source>&amp;Outgoing actions</source>
        <translation>&amp;Outgoing actions</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="114" />
        <source>Outgoing actions</source>
        <translation>Outgoing actions</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="117" />
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="117" />
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="117" />
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="117" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="120" />
        <source>&amp;Downloads</source>
        <translation>&amp;Downloads</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="124" />
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="126" />
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="126" />
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="126" />
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="153" />
        <source>%1 actions waiting to be sent</source>
        <translation>%1 actions waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="165" />
        <source>Skipped</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="171" />
        <source>Every document is on this computer.</source>
        <translation>Every document is on this computer.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="191" />
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