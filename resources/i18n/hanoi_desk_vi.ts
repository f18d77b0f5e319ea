<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="218"/>
        <source>Calendar span</source>
        <translation>Khoảng thời gian của lịch</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="219"/>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="238"/>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="220"/>
        <source>Week</source>
        <translation>Tuần</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="222"/>
        <source>&amp;Previous</source>
        <translation>&amp;Trước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="223"/>
        <source>Previous</source>
        <translation>Trước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="224"/>
        <source>&amp;Next</source>
        <translation>&amp;Sau</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="225"/>
        <source>Next</source>
        <translation>Sau</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="229"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="236"/>
        <source>Meetings in this period</source>
        <translation>Các cuộc họp trong khoảng này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="238"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="238"/>
        <source>Meeting</source>
        <translation>Cuộc họp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="238"/>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="272"/>
        <source>No meetings</source>
        <translation>Không có cuộc họp</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/common.py" line="41"/>
        <source>Unexpected error (%1). Nothing secret was recorded; please report it.</source>
        <translation>Lỗi không mong đợi (%1). Không có thông tin bí mật nào bị ghi lại; vui lòng báo lỗi này.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/common.py" line="55"/>
        <source>Hanoi Desk</source>
        <translation>Hanoi Desk</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/common.py" line="57"/>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="44"/>
        <source>Connect to the document server</source>
        <translation>Kết nối tới máy chủ tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="48"/>
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="50"/>
        <source>Login name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="53"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="54"/>
        <source>&amp;Server:</source>
        <translation>&amp;Máy chủ:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="55"/>
        <source>&amp;Login:</source>
        <translation>&amp;Đăng nhập:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="56"/>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="57"/>
        <source>Connect</source>
        <translation>Kết nối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="57"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>CreateProfileDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="32"/>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="33"/>
        <source>New profile</source>
        <translation>Hồ sơ mới</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="36"/>
        <source>Profile name</source>
        <translation>Tên hồ sơ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="39"/>
        <source>New passphrase</source>
        <translation>Cụm mật khẩu mới</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="42"/>
        <source>Repeat the passphrase</source>
        <translation>Nhập lại cụm mật khẩu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="43"/>
        <source>Also unlock with the system &amp;keyring</source>
        <translation>Mở khóa cả bằng &amp;kho khóa của hệ thống</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="44"/>
        <source>Also unlock with the system keyring</source>
        <translation>Mở khóa cả bằng kho khóa của hệ thống</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="54"/>
        <source>This computer is marked as shared: the system keyring would open the profile for everyone who uses this account, so it is off here.</source>
        <translation>Máy tính này được đánh dấu là dùng chung: kho khóa hệ thống sẽ mở hồ sơ cho mọi người dùng tài khoản này, nên ở đây nó bị tắt.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="61"/>
        <source>Anyone who can log in to this computer account will be able to open this profile without its passphrase. Tick this only on an account nobody else uses.</source>
        <translation>Bất kỳ ai đăng nhập được vào tài khoản máy tính này đều sẽ mở được hồ sơ này mà không cần cụm mật khẩu. Chỉ chọn mục này trên tài khoản không ai khác dùng.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="69"/>
        <source>&amp;Name:</source>
        <translation>&amp;Tên:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="70"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Cụm mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="71"/>
        <source>&amp;Repeat:</source>
        <translation>&amp;Nhập lại:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="74"/>
        <source>Create</source>
        <translation>Tạo</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="74"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="173"/>
        <source>Locked after a period without activity.</source>
        <translation>Đã khóa sau một thời gian không hoạt động.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="174"/>
        <source>Locked because the computer&apos;s session was locked.</source>
        <translation>Đã khóa vì phiên làm việc của máy tính bị khóa.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="175"/>
        <source>The server ordered this profile wiped; it was deleted.</source>
        <translation>Máy chủ yêu cầu xóa hồ sơ này; hồ sơ đã bị xóa.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="177"/>
        <source>Locked.</source>
        <translation>Đã khóa.</translation>
    </message>
</context>
<context>
    <name>GuiPrompts</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="146"/>
        <source>Passphrase</source>
        <translation>Cụm mật khẩu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="147"/>
        <source>Passphrase for profile “%1”:</source>
        <translation>Cụm mật khẩu của hồ sơ “%1”:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="162"/>
        <source>Server login</source>
        <translation>Đăng nhập máy chủ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="163"/>
        <source>Password of “%1” on %2:</source>
        <translation>Mật khẩu của “%1” trên %2:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="196"/>
        <source>Please confirm</source>
        <translation>Vui lòng xác nhận</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="61"/>
        <source>Hanoi Desk — %1</source>
        <translation>Hanoi Desk — %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="64"/>
        <source>Screens</source>
        <translation>Màn hình</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="75"/>
        <source>Documents imported on this computer</source>
        <translation>Tài liệu đã nhập trên máy này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="84"/>
        <source>&amp;Meetings</source>
        <translation>&amp;Cuộc họp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="85"/>
        <source>&amp;Calendar</source>
        <translation>&amp;Lịch</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="86"/>
        <source>&amp;Documents</source>
        <translation>&amp;Tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="87"/>
        <source>&amp;Search</source>
        <translation>Tìm &amp;kiếm</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="88"/>
        <source>&amp;Reader</source>
        <translation>Đọc tài &amp;liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="89"/>
        <source>&amp;Notes</source>
        <translation>&amp;Ghi chú</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="90"/>
        <source>S&amp;ync</source>
        <translation>Đồng &amp;bộ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="98"/>
        <source>Background work</source>
        <translation>Công việc chạy nền</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="152"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="154"/>
        <source>&amp;Import PDF files…</source>
        <translation>&amp;Nhập tệp PDF…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="155"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="156"/>
        <source>Sign &amp;documents…</source>
        <translation>&amp;Ký tài liệu…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="157"/>
        <source>Sync &amp;now</source>
        <translation>Đồng bộ &amp;ngay</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="158"/>
        <source>&amp;Connect to a server…</source>
        <translation>&amp;Kết nối tới máy chủ…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="159"/>
        <source>&amp;Lock</source>
        <translation>&amp;Khóa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="160"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="173"/>
        <source>Search every cached document (accents optional)</source>
        <translation>Tìm trong mọi tài liệu đã lưu (có thể gõ không dấu)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="175"/>
        <source>Search every cached document</source>
        <translation>Tìm trong mọi tài liệu đã lưu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="178"/>
        <source>Search results</source>
        <translation>Kết quả tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="253"/>
        <source>%1 (%2 pages)</source>
        <translation>%1 (%2 trang)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="359"/>
        <source>p. %1</source>
        <translation>tr. %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="365"/>
        <source>Nothing found.</source>
        <translation>Không tìm thấy kết quả nào.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="380"/>
        <source>Import PDF files</source>
        <translation>Nhập tệp PDF</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="380"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="395"/>
        <source>Imported %1 of %2 files.</source>
        <translation>Đã nhập %1 trên %2 tệp.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="472"/>
        <source>The new language applies the next time Hanoi Desk starts.</source>
        <translation>Ngôn ngữ mới sẽ được áp dụng khi Hanoi Desk khởi động lại.</translation>
    </message>
</context>
<context>
    <name>MeetingPage</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="129"/>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="190"/>
        <source>Choose a meeting in the list.</source>
        <translation>Hãy chọn một cuộc họp trong danh sách.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="137"/>
        <source>Agenda and documents</source>
        <translation>Chương trình họp và tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="139"/>
        <source>Agenda item / document</source>
        <translation>Nội dung / tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="139"/>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="139"/>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="143"/>
        <source>Participants</source>
        <translation>Thành phần tham dự</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="157"/>
        <source>Chair: %1</source>
        <translation>Chủ trì: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="166"/>
        <source>Presented by %1</source>
        <translation>Trình bày: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="172"/>
        <source>Other documents</source>
        <translation>Tài liệu khác</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="180"/>
        <source>Chair</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="181"/>
        <source>Secretary</source>
        <translation>Thư ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="182"/>
        <source>Delegate</source>
        <translation>Đại biểu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="195"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="195"/>
        <source>not yet</source>
        <translation>chưa có</translation>
    </message>
</context>
<context>
    <name>MeetingsList</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="62"/>
        <source>Meetings</source>
        <translation>Cuộc họp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="65"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="66"/>
        <source>Meeting</source>
        <translation>Cuộc họp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="67"/>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="68"/>
        <source>Chair</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="69"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="70"/>
        <source>On this computer</source>
        <translation>Trên máy này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="81"/>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="82"/>
        <source>Upcoming</source>
        <translation>Sắp tới</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="83"/>
        <source>Past</source>
        <translation>Đã qua</translation>
    </message>
</context>
<context>
    <name>MeetingsView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="19"/>
        <source>Scheduled</source>
        <translation>Đã lên lịch</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="20"/>
        <source>In session</source>
        <translation>Đang họp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="21"/>
        <source>Closed</source>
        <translation>Đã kết thúc</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="22"/>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="29"/>
        <source>Removed from this computer (retention period over)</source>
        <translation>Đã gỡ khỏi máy này (hết thời hạn lưu giữ)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="33"/>
        <source>Available offline</source>
        <translation>Có thể xem ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="35"/>
        <source>%1 of %2 documents here</source>
        <translation>Đã có %1 trên %2 tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="38"/>
        <source>downloading %1 %</source>
        <translation>đang tải %1 %</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="42"/>
        <source>%1 queued</source>
        <translation>%1 đang chờ gửi</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="21"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="23"/>
        <source>Highlight</source>
        <translation>Đánh dấu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="29"/>
        <source>p. %1</source>
        <translation>tr. %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="33"/>
        <source>(not found in the new version)</source>
        <translation>(không tìm thấy trong phiên bản mới)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="64"/>
        <source>Notes of this meeting</source>
        <translation>Ghi chú của cuộc họp này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="64"/>
        <source>My notes</source>
        <translation>Ghi chú của tôi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="70"/>
        <source>Private notes</source>
        <translation>Ghi chú riêng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="79"/>
        <source>&amp;Highlight</source>
        <translation>Đánh &amp;dấu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="82"/>
        <source>Highlight the selected text</source>
        <translation>Đánh dấu đoạn văn bản đã chọn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="83"/>
        <source>Highlight the selected text (Ctrl+H)</source>
        <translation>Đánh dấu đoạn văn bản đã chọn (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="85"/>
        <source>Add &amp;note</source>
        <translation>Thêm &amp;ghi chú</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="86"/>
        <source>Add a sticky note on this page</source>
        <translation>Thêm ghi chú dán trên trang này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="87"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="88"/>
        <source>Edit the chosen note</source>
        <translation>Sửa ghi chú đã chọn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="89"/>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="90"/>
        <source>Delete the chosen note</source>
        <translation>Xóa ghi chú đã chọn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="135"/>
        <source>Edit note</source>
        <translation>Sửa ghi chú</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="135"/>
        <source>Text of the note:</source>
        <translation>Nội dung ghi chú:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="145"/>
        <source>Delete note</source>
        <translation>Xóa ghi chú</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="145"/>
        <source>Delete this note on every device?</source>
        <translation>Xóa ghi chú này trên mọi thiết bị?</translation>
    </message>
</context>
<context>
    <name>PdfView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/pdf_view.py" line="53"/>
        <source>Document pages</source>
        <translation>Các trang tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/pdf_view.py" line="387"/>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/pdf_view.py" line="391"/>
        <source>Add a sticky note here</source>
        <translation>Thêm ghi chú dán tại đây</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="76"/>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="77"/>
        <source>Token PIN</source>
        <translation>Mã PIN của thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="75"/>
        <source>PIN of token “%1”</source>
        <translation>Mã PIN của thiết bị ký “%1”</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="90"/>
        <source>PIN</source>
        <translation>Mã PIN</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="92"/>
        <source>&amp;PIN:</source>
        <translation>Mã &amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="99"/>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="101"/>
        <source>Sign</source>
        <translation>Ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="104"/>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="105"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="71"/>
        <source>Software key (DEMO — not a hardware token)</source>
        <translation>Khóa phần mềm (DEMO — không phải thiết bị ký)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="72"/>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="73"/>
        <source>Software key passphrase</source>
        <translation>Cụm mật khẩu của khóa phần mềm</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="90"/>
        <source>Passphrase</source>
        <translation>Cụm mật khẩu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/prompts.py" line="92"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Cụm mật khẩu:</translation>
    </message>
</context>
<context>
    <name>ReaderPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="67"/>
        <source>Notes and signatures</source>
        <translation>Ghi chú và chữ ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="68"/>
        <source>My &amp;notes</source>
        <translation>&amp;Ghi chú của tôi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="69"/>
        <source>Si&amp;gnatures</source>
        <translation>&amp;Chữ ký số</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="105"/>
        <source>Reader tools</source>
        <translation>Công cụ đọc</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="111"/>
        <source>Zoom</source>
        <translation>Thu phóng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="112"/>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="113"/>
        <source>Fit page</source>
        <translation>Vừa trang</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="119"/>
        <source>Go to page</source>
        <translation>Đến trang</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="119"/>
        <source>Go to page (Ctrl+G)</source>
        <translation>Đến trang (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="128"/>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="131"/>
        <source>Search in this document</source>
        <translation>Tìm trong tài liệu này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="132"/>
        <source>Search in this document (Ctrl+F)</source>
        <translation>Tìm trong tài liệu này (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="136"/>
        <source>Previous match</source>
        <translation>Kết quả trước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="138"/>
        <source>Next match</source>
        <translation>Kết quả sau</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="146"/>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="152"/>
        <source>Draw signature box</source>
        <translation>Vẽ khung chữ ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="148"/>
        <source>Drag a box on the page where the signature goes</source>
        <translation>Kéo một khung trên trang tại vị trí đặt chữ ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="219"/>
        <source>Moving your notes to the new version: %1 of %2</source>
        <translation>Đang chuyển ghi chú sang phiên bản mới: %1 trên %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="229"/>
        <source>%1 notes moved to the new version; %2 of them not found in it.</source>
        <translation>Đã chuyển %1 ghi chú sang phiên bản mới; %2 ghi chú không tìm thấy trong đó.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="290"/>
        <source>Sticky note</source>
        <translation>Ghi chú dán</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="291"/>
        <source>Text of the note on page %1:</source>
        <translation>Nội dung ghi chú trên trang %1:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="319"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="324"/>
        <source>No match</source>
        <translation>Không có kết quả</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="339"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="373"/>
        <source>Link not opened</source>
        <translation>Không mở liên kết</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="374"/>
        <source>This document links to “%1”, which Hanoi Desk does not open.</source>
        <translation>Tài liệu này liên kết tới “%1”; Hanoi Desk không mở loại liên kết này.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="381"/>
        <source>Open an external link?</source>
        <translation>Mở liên kết bên ngoài?</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="382"/>
        <source>The document links to:
%1

Open it in your browser?</source>
        <translation>Tài liệu liên kết tới:
%1

Mở bằng trình duyệt?</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="17"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="21"/>
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="23"/>
        <source>Login name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="25"/>
        <source>PKCS#11 modules, one per line</source>
        <translation>Mô-đun PKCS#11, mỗi dòng một mô-đun</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="29"/>
        <source>Trusted root certificates, one file per line</source>
        <translation>Chứng thư gốc tin cậy, mỗi dòng một tệp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="32"/>
        <source>Signature image</source>
        <translation>Ảnh chữ ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="33"/>
        <source>Seal image</source>
        <translation>Ảnh con dấu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="35"/>
        <source>Organisation name</source>
        <translation>Tên cơ quan</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="37"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="44"/>
        <source>Lock after idle minutes</source>
        <translation>Khóa sau số phút không hoạt động</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="48"/>
        <source>Minutes a token may stay logged in after a batch</source>
        <translation>Số phút thiết bị ký được giữ đăng nhập sau một lô ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="52"/>
        <source>Keep meeting packs for days</source>
        <translation>Giữ tài liệu cuộc họp trong số ngày</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="54"/>
        <source>&amp;Server:</source>
        <translation>&amp;Máy chủ:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="55"/>
        <source>&amp;Login:</source>
        <translation>&amp;Đăng nhập:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="56"/>
        <source>PKCS#11 &amp;modules:</source>
        <translation>&amp;Mô-đun PKCS#11:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="57"/>
        <source>&amp;Trusted roots:</source>
        <translation>Chứng thư &amp;gốc tin cậy:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="58"/>
        <source>Si&amp;gnature image:</source>
        <translation>Ảnh &amp;chữ ký:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="59"/>
        <source>Se&amp;al image:</source>
        <translation>Ảnh con &amp;dấu:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="60"/>
        <source>&amp;Organisation:</source>
        <translation>&amp;Cơ quan:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="61"/>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Ngôn ngữ:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="62"/>
        <source>Lock after &amp;idle (minutes):</source>
        <translation>Khóa khi &amp;không hoạt động (phút):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="63"/>
        <source>&amp;Keep token logged in (minutes):</source>
        <translation>Giữ thiết bị ký đăng nhậ&amp;p (phút):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="64"/>
        <source>&amp;Retention (days):</source>
        <translation>&amp;Thời gian lưu giữ (ngày):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="68"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="68"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="76"/>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="77"/>
        <source>Choose a PNG file for: %1</source>
        <translation>Chọn tệp PNG cho: %1</translation>
    </message>
</context>
<context>
    <name>SignaturesPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="43"/>
        <source>Signature verification report</source>
        <translation>Kết quả kiểm tra chữ ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="45"/>
        <source>Check &amp;revocation online</source>
        <translation>Kiểm tra &amp;thu hồi trực tuyến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="46"/>
        <source>Check revocation online</source>
        <translation>Kiểm tra thu hồi trực tuyến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="62"/>
        <source>Checking signatures…</source>
        <translation>Đang kiểm tra chữ ký…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="74"/>
        <source>This document has no signatures.</source>
        <translation>Tài liệu này không có chữ ký số.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="78"/>
        <source>%1 of %2 signatures valid and trusted</source>
        <translation>%1 trên %2 chữ ký hợp lệ và tin cậy</translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="70"/>
        <source>Sign documents</source>
        <translation>Ký tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="73"/>
        <source>Documents to sign</source>
        <translation>Tài liệu cần ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="83"/>
        <source>&amp;Documents:</source>
        <translation>&amp;Tài liệu:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="86"/>
        <source>Signing progress</source>
        <translation>Tiến độ ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="90"/>
        <source>Results per document</source>
        <translation>Kết quả từng tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="98"/>
        <source>&amp;Sign</source>
        <translation>&amp;Ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="100"/>
        <source>Sign</source>
        <translation>Ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="102"/>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="104"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="116"/>
        <source>Token</source>
        <translation>Thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="117"/>
        <source>&amp;Find tokens</source>
        <translation>&amp;Tìm thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="118"/>
        <source>Find tokens</source>
        <translation>Tìm thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="122"/>
        <source>&amp;Token:</source>
        <translation>Thiết bị &amp;ký:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="126"/>
        <source>Certificate</source>
        <translation>Chứng thư số</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="127"/>
        <source>&amp;Certificate:</source>
        <translation>&amp;Chứng thư số:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="134"/>
        <source>&amp;Keep the token logged in for %1 min after this batch</source>
        <translation>&amp;Giữ thiết bị ký ở trạng thái đăng nhập thêm %1 phút sau lô ký này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="137"/>
        <source>Keep the token logged in after this batch</source>
        <translation>Giữ thiết bị ký ở trạng thái đăng nhập sau lô ký này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="140"/>
        <source>Until then, later batches sign without asking for the PIN. Locking Hanoi Desk or opening another profile logs the token out at once.</source>
        <translation>Trong thời gian đó, các lô ký sau sẽ ký mà không hỏi lại mã PIN. Khóa Hanoi Desk hoặc mở hồ sơ khác sẽ đăng xuất thiết bị ký ngay lập tức.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="147"/>
        <source>Appearance</source>
        <translation>Hình thức chữ ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="148"/>
        <source>Invisible signature</source>
        <translation>Chữ ký không hiển thị</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="149"/>
        <source>Approval (signature image)</source>
        <translation>Phê duyệt (ảnh chữ ký)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="150"/>
        <source>Issuing (signature and seal)</source>
        <translation>Ban hành (chữ ký và con dấu)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="151"/>
        <source>Attachment (seal, top right)</source>
        <translation>Văn bản kèm theo (con dấu, góc trên bên phải)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="152"/>
        <source>Copy (SAO Y)</source>
        <translation>Sao văn bản (SAO Y)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="153"/>
        <source>&amp;Appearance:</source>
        <translation>&amp;Hình thức:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="155"/>
        <source>Placement</source>
        <translation>Vị trí</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="158"/>
        <source>The box drawn on page %1</source>
        <translation>Khung đã vẽ trên trang %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="160"/>
        <source>Below a text on the last page</source>
        <translation>Dưới một đoạn chữ ở trang cuối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="161"/>
        <source>Bottom right of the last page</source>
        <translation>Góc dưới bên phải trang cuối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="162"/>
        <source>&amp;Placement:</source>
        <translation>&amp;Vị trí:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="164"/>
        <source>Anchor text</source>
        <translation>Đoạn chữ làm mốc</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="165"/>
        <source>A&amp;nchor text:</source>
        <translation>Đoạn chữ &amp;làm mốc:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="172"/>
        <source>Looking for tokens…</source>
        <translation>Đang tìm thiết bị ký…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="185"/>
        <source>No token found. Plug it in and try again.</source>
        <translation>Không tìm thấy thiết bị ký. Hãy cắm thiết bị rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="207"/>
        <source>cannot sign</source>
        <translation>không ký được</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="224"/>
        <source>The token is still logged in for another %1 min: this batch signs without asking for the PIN.</source>
        <translation>Thiết bị ký vẫn đang đăng nhập thêm %1 phút: lô ký này sẽ ký mà không hỏi mã PIN.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="228"/>
        <source>PIN state: normal.</source>
        <translation>Trạng thái mã PIN: bình thường.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="320"/>
        <source>Signed</source>
        <translation>Đã ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="321"/>
        <source>Already signed by this certificate</source>
        <translation>Đã ký bằng chứng thư số này từ trước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="322"/>
        <source>Not signed</source>
        <translation>Chưa ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="323"/>
        <source>Not started</source>
        <translation>Chưa thực hiện</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="337"/>
        <source>The token stays logged in for another %1 min, or until Hanoi Desk locks.</source>
        <translation>Thiết bị ký còn ở trạng thái đăng nhập thêm %1 phút, hoặc đến khi Hanoi Desk bị khóa.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="342"/>
        <source>The token was logged out: the next batch asks for the PIN.</source>
        <translation>Đã đăng xuất thiết bị ký: lô ký sau sẽ hỏi mã PIN.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="344"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="179"/>
        <source>Software key (DEMO — not a hardware token)</source>
        <translation>Khóa phần mềm (DEMO — không phải thiết bị ký)</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="167"/>
        <source>The server refused an action: %1</source>
        <translation>Máy chủ từ chối một thao tác: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="170"/>
        <source>Last sync: %1</source>
        <translation>Lần đồng bộ gần nhất: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="195"/>
        <source>Sync stopped.</source>
        <translation>Đã dừng đồng bộ.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="67"/>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="68"/>
        <source>Connecting…</source>
        <translation>Đang kết nối…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="69"/>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="70"/>
        <source>Up to date</source>
        <translation>Đã cập nhật</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="71"/>
        <source>Sync error</source>
        <translation>Lỗi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="72"/>
        <source>Offline — no server set up</source>
        <translation>Ngoại tuyến — chưa thiết lập máy chủ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="76"/>
        <source>%1 queued</source>
        <translation>%1 đang chờ gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="83"/>
        <source>Sync state: %1</source>
        <translation>Trạng thái đồng bộ: %1</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="35"/>
        <source>Private note</source>
        <translation>Ghi chú riêng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="36"/>
        <source>Comment</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="37"/>
        <source>Signed document</source>
        <translation>Tài liệu đã ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="44"/>
        <source>Queued</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="45"/>
        <source>Sending</source>
        <translation>Đang gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="46"/>
        <source>Done</source>
        <translation>Đã xong</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="47"/>
        <source>Rejected</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="98"/>
        <source>Sync &amp;now</source>
        <translation>Đồng bộ &amp;ngay</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="99"/>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="110"/>
        <source>&amp;Outgoing actions</source>
        <translation>Thao tác &amp;chờ gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="114"/>
        <source>Outgoing actions</source>
        <translation>Thao tác chờ gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="117"/>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="117"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="117"/>
        <source>Attempts</source>
        <translation>Số lần thử</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="117"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="120"/>
        <source>&amp;Downloads</source>
        <translation>&amp;Tải xuống</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="124"/>
        <source>Downloads</source>
        <translation>Tải xuống</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="126"/>
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="126"/>
        <source>Size</source>
        <translation>Kích thước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="126"/>
        <source>Progress</source>
        <translation>Tiến độ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="153"/>
        <source>%1 actions waiting to be sent</source>
        <translation>%1 thao tác đang chờ gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="165"/>
        <source>Skipped</source>
        <translation>Đã bỏ qua</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="171"/>
        <source>Every document is on this computer.</source>
        <translation>Mọi tài liệu đều đã có trên máy này.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="191"/>
        <source>Not downloaded (asked for again at the next sync): %1</source>
        <translation>Chưa tải về được (sẽ được yêu cầu lại trong lần đồng bộ sau): %1</translation>
    </message>
</context>
<context>
    <name>Thumbnails</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/thumbnails.py" line="42"/>
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/thumbnails.py" line="88"/>
        <source>Page thumbnails</source>
        <translation>Hình thu nhỏ các trang</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="126"/>
        <source>Hanoi Desk — unlock</source>
        <translation>Hanoi Desk — mở khóa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="128"/>
        <source>Choose your profile and unlock it</source>
        <translation>Chọn hồ sơ của bạn và mở khóa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="132"/>
        <source>Profiles</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="133"/>
        <source>P&amp;rofiles:</source>
        <translation>&amp;Hồ sơ:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="139"/>
        <source>Passphrase</source>
        <translation>Cụm mật khẩu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="140"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Cụm mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="171"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Mở khóa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="172"/>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="174"/>
        <source>Unlock with &amp;keyring</source>
        <translation>Mở khóa bằng &amp;kho khóa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="175"/>
        <source>Unlock with keyring</source>
        <translation>Mở khóa bằng kho khóa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="176"/>
        <source>Unlock with &amp;token</source>
        <translation>Mở khóa bằng &amp;thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="177"/>
        <source>Unlock with token</source>
        <translation>Mở khóa bằng thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="178"/>
        <source>&amp;New profile…</source>
        <translation>Hồ sơ &amp;mới…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="179"/>
        <source>New profile</source>
        <translation>Hồ sơ mới</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="180"/>
        <source>&amp;Wipe profile…</source>
        <translation>&amp;Xóa hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="181"/>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="341"/>
        <source>Wipe profile</source>
        <translation>Xóa hồ sơ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="157"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="254"/>
        <source>Unlocking…</source>
        <translation>Đang mở khóa…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="277"/>
        <source>Creating the encrypted profile…</source>
        <translation>Đang tạo hồ sơ mã hóa…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="285"/>
        <source>Profile “%1” created. Unlock it.</source>
        <translation>Đã tạo hồ sơ “%1”. Hãy mở khóa.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="302"/>
        <source>The name did not match; nothing was wiped.</source>
        <translation>Tên không khớp; không có gì bị xóa.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="304"/>
        <source>Looking for work not yet sent…</source>
        <translation>Đang tìm những việc chưa gửi…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="327"/>
        <source>Without the passphrase Hanoi Desk cannot tell whether profile “%1” holds work not yet sent to the server (signed documents, votes, comments, notes). Anything not sent is lost for good.</source>
        <translation>Không có cụm mật khẩu, Hanoi Desk không thể biết hồ sơ “%1” còn việc nào chưa gửi lên máy chủ hay không (tài liệu đã ký, phiếu biểu quyết, ý kiến, ghi chú). Mọi thứ chưa gửi sẽ mất vĩnh viễn.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="334"/>
        <source>Profile “%1” holds work not yet sent to the server, lost for good if you wipe it now:</source>
        <translation>Hồ sơ “%1” còn những việc chưa gửi lên máy chủ, sẽ mất vĩnh viễn nếu bạn xóa ngay bây giờ:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="345"/>
        <source>Wipe and lose it</source>
        <translation>Xóa và chấp nhận mất</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="348"/>
        <source>Keep the profile</source>
        <translation>Giữ lại hồ sơ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="357"/>
        <source>Nothing was wiped.</source>
        <translation>Chưa xóa gì cả.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="365"/>
        <source>Wiping…</source>
        <translation>Đang xóa…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="372"/>
        <source>Profile “%1” was wiped.</source>
        <translation>Đã xóa hồ sơ “%1”.</translation>
    </message>
</context>
<context>
    <name>WipeProfileDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="83"/>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="84"/>
        <source>Wipe profile</source>
        <translation>Xóa hồ sơ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="88"/>
        <source>This deletes profile “%1”, its documents, notes and queued actions on this computer for ever.</source>
        <translation>Thao tác này xóa vĩnh viễn hồ sơ “%1” cùng tài liệu, ghi chú và các thao tác đang chờ gửi của nó trên máy tính này.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="96"/>
        <source>Passphrase of the profile</source>
        <translation>Cụm mật khẩu của hồ sơ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="97"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Cụm mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="100"/>
        <source>With the passphrase, work not yet sent to the server is counted and named before it is lost. Leave it empty if you do not know it.</source>
        <translation>Nếu có cụm mật khẩu, những việc chưa gửi lên máy chủ sẽ được đếm và nêu rõ trước khi bị mất. Để trống nếu bạn không biết.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="107"/>
        <source>Profile name, to confirm</source>
        <translation>Tên hồ sơ, để xác nhận</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="108"/>
        <source>Type the profile &amp;name to confirm:</source>
        <translation>Gõ &amp;tên hồ sơ để xác nhận:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="109"/>
        <source>Wipe</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/unlock.py" line="109"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
</TS>
