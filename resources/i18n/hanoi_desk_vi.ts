<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ActionItemsPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="72"/>
        <source>Action &amp;items of the conclusions</source>
        <translation>&amp;Nhiệm vụ theo kết luận</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="73"/>
        <source>Action items of the meeting&apos;s conclusions</source>
        <translation>Các nhiệm vụ theo kết luận của cuộc họp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="74"/>
        <source>New status</source>
        <translation>Trạng thái mới</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="75"/>
        <source>Note for this change</source>
        <translation>Ghi chú cho lần thay đổi này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="76"/>
        <source>Note (optional)</source>
        <translation>Ghi chú (không bắt buộc)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="77"/>
        <source>Change status</source>
        <translation>Đổi trạng thái</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="87"/>
        <source>open</source>
        <translation>đang mở</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="88"/>
        <source>under way</source>
        <translation>đang thực hiện</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="89"/>
        <source>done</source>
        <translation>đã xong</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="90"/>
        <source>cancelled</source>
        <translation>đã hủy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="142"/>
        <source>OVERDUE — %1</source>
        <translation>QUÁ HẠN — %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="143"/>
        <source>due %1</source>
        <translation>hạn %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/action_items_panel.py" line="184"/>
        <source>Queued: the next sync sends it.</source>
        <translation>Đã xếp hàng: lần đồng bộ tiếp theo sẽ gửi.</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="250"/>
        <source>Month calendar: choose a day</source>
        <translation>Lịch tháng: chọn một ngày</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="253"/>
        <source>Days of the month</source>
        <translation>Các ngày trong tháng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="254"/>
        <source>Previous month</source>
        <translation>Tháng trước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="255"/>
        <source>Next month</source>
        <translation>Tháng sau</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="256"/>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="257"/>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="258"/>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="263"/>
        <source>Calendar span</source>
        <translation>Khoảng thời gian của lịch</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="264"/>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="271"/>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="265"/>
        <source>Week</source>
        <translation>Tuần</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="268"/>
        <source>Previous day or week</source>
        <translation>Ngày hoặc tuần trước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="269"/>
        <source>Next day or week</source>
        <translation>Ngày hoặc tuần sau</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="268"/>
        <source>Previous</source>
        <translation>Trước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="269"/>
        <source>Next</source>
        <translation>Sau</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="270"/>
        <source>Meetings in this period</source>
        <translation>Các cuộc họp trong khoảng này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="271"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="271"/>
        <source>Meeting</source>
        <translation>Cuộc họp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="324"/>
        <source>No meetings</source>
        <translation>Không có cuộc họp</translation>
    </message>
</context>
<context>
    <name>ChairConsole</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="928"/>
        <source>&amp;Approve</source>
        <translation>D&amp;uyệt</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="929"/>
        <source>Re&amp;ject</source>
        <translation>&amp;Từ chối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="930"/>
        <source>&amp;Call</source>
        <translation>&amp;Mời phát biểu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="931"/>
        <source>Move &amp;up</source>
        <translation>Chuyển &amp;lên</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="932"/>
        <source>Move do&amp;wn</source>
        <translation>Chuyển &amp;xuống</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="933"/>
        <source>&amp;Pause</source>
        <translation>Tạm &amp;dừng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="934"/>
        <source>&amp;Resume</source>
        <translation>Tiế&amp;p tục</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="935"/>
        <source>&amp;Stop</source>
        <translation>&amp;Kết thúc</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="936"/>
        <source>&amp;Next</source>
        <translation>&amp;Người tiếp theo</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="940"/>
        <source>Set</source>
        <translation>Đặt</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="941"/>
        <source>&amp;Make current</source>
        <translation>Đặt làm &amp;mục hiện tại</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="943"/>
        <source>Make the item chosen in the agenda the one under discussion</source>
        <translation>Đặt mục đang chọn trong chương trình làm mục đang thảo luận</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="947"/>
        <source>Attendance</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="948"/>
        <source>Speakers queue</source>
        <translation>Danh sách đăng ký phát biểu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="1026"/>
        <source>No agenda item is current yet.</source>
        <translation>Chưa có mục chương trình nào đang thảo luận.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="1028"/>
        <source>Now: an agenda item not on this computer yet (sync)</source>
        <translation>Đang thảo luận: một mục chương trình chưa có trên máy này (hãy đồng bộ)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="1030"/>
        <source>Now: item %1. %2</source>
        <translation>Đang thảo luận: mục %1. %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="1038"/>
        <source>Choose an item in the agenda first.</source>
        <translation>Hãy chọn một mục trong chương trình trước.</translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="167"/>
        <source>Comments on this document</source>
        <translation>Góp ý về tài liệu này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="168"/>
        <source>New comment</source>
        <translation>Góp ý mới</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="169"/>
        <source>Your comment, shared with the meeting</source>
        <translation>Ý kiến góp ý của bạn, chia sẻ với cuộc họp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="170"/>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="354"/>
        <source>&amp;Send</source>
        <translation>&amp;Gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="174"/>
        <source>Send the comment</source>
        <translation>Gửi góp ý</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="175"/>
        <source>Queue the comment; the next sync sends it (Ctrl+Enter)</source>
        <translation>Đưa góp ý vào hàng đợi; lần đồng bộ tới sẽ gửi đi (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="177"/>
        <source>&amp;Reply</source>
        <translation>&amp;Trả lời</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="178"/>
        <source>Reply to the selected thread</source>
        <translation>Trả lời chuỗi góp ý đang chọn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="179"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="182"/>
        <source>Edit my selected comment</source>
        <translation>Sửa góp ý đã chọn của tôi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="183"/>
        <source>Write its new text and send; the earlier text is kept and shown</source>
        <translation>Viết nội dung mới rồi gửi; nội dung trước được giữ lại và hiển thị</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="185"/>
        <source>Earlier texts</source>
        <translation>Nội dung trước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="186"/>
        <source>Show the selected comment&apos;s earlier texts</source>
        <translation>Xem các nội dung trước của góp ý đã chọn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="194"/>
        <source>Who reads the new comment</source>
        <translation>Ai được đọc góp ý mới</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="198"/>
        <source>State of the thread</source>
        <translation>Trạng thái của chuỗi góp ý</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="199"/>
        <source>Answer (tiếp thu, giải trình)</source>
        <translation>Trả lời (tiếp thu, giải trình)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="200"/>
        <source>Answer to the thread</source>
        <translation>Trả lời chuỗi góp ý</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="201"/>
        <source>&amp;Mark</source>
        <translation>&amp;Đánh dấu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="202"/>
        <source>Mark the selected thread</source>
        <translation>Đánh dấu chuỗi góp ý đang chọn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="203"/>
        <source>Queue the state and answer; the next sync sends them</source>
        <translation>Xếp hàng trạng thái và câu trả lời; lần đồng bộ tới sẽ gửi đi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="204"/>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="359"/>
        <source>Shared with every participant of the meeting.</source>
        <translation>Chia sẻ với mọi thành phần tham dự cuộc họp.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="209"/>
        <source>All members</source>
        <translation>Mọi đại biểu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="210"/>
        <source>Secretariat only</source>
        <translation>Chỉ thư ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="211"/>
        <source>Drafting unit</source>
        <translation>Cơ quan soạn thảo</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="216"/>
        <source>not answered yet</source>
        <translation>chưa trả lời</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="217"/>
        <source>accepted</source>
        <translation>tiếp thu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="218"/>
        <source>explained</source>
        <translation>giải trình</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="219"/>
        <source>not accepted</source>
        <translation>không tiếp thu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="220"/>
        <source>withdrawn</source>
        <translation>đã rút</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="351"/>
        <source>&amp;Save edit</source>
        <translation>&amp;Lưu chỉnh sửa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="352"/>
        <source>Editing my comment; the earlier text is kept.</source>
        <translation>Đang sửa góp ý của tôi; nội dung trước được giữ lại.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="357"/>
        <source>Replying to %1&apos;s comment.</source>
        <translation>Đang trả lời góp ý của %1.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="390"/>
        <source>queued, sent at the next sync</source>
        <translation>đang chờ, sẽ gửi ở lần đồng bộ tới</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="391"/>
        <source>sending</source>
        <translation>đang gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="392"/>
        <source>sent</source>
        <translation>đã gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="393"/>
        <source>refused: %1</source>
        <translation>bị từ chối: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="419"/>
        <source>Open a document to read and add comments.</source>
        <translation>Hãy mở một tài liệu để đọc và góp ý.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="422"/>
        <source>Comments on “%1”</source>
        <translation>Góp ý về “%1”</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="356"/>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="487"/>
        <source>Me</source>
        <translation>Tôi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="334"/>
        <source>Edited; earlier texts, oldest first:</source>
        <translation>Đã sửa; các nội dung trước, cũ nhất trước:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="431"/>
        <source>Orphaned threads: their quote is not found once in this version</source>
        <translation>Chuỗi góp ý mồ côi: không tìm thấy đúng một chỗ trích dẫn trong phiên bản này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="451"/>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="495"/>
        <source>edited</source>
        <translation>đã sửa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="459"/>
        <source>“%1” (page %2)</source>
        <translation>“%1” (trang %2)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="465"/>
        <source>Answer by %1: %2</source>
        <translation>Trả lời của %1: %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="482"/>
        <source>Orphaned: the quote occurs more than once in this version</source>
        <translation>Mồ côi: đoạn trích dẫn xuất hiện nhiều lần trong phiên bản này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="483"/>
        <source>Orphaned: the quote is no longer in this version</source>
        <translation>Mồ côi: đoạn trích dẫn không còn trong phiên bản này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="491"/>
        <source>on version %1</source>
        <translation>trên phiên bản %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/comments_panel.py" line="439"/>
        <source>No comments on this document yet.</source>
        <translation>Chưa có góp ý nào về tài liệu này.</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/common.py" line="42"/>
        <source>Unexpected error (%1). Nothing secret was recorded; please report it.</source>
        <translation>Lỗi không mong đợi (%1). Không có thông tin bí mật nào bị ghi lại; vui lòng báo lỗi này.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/common.py" line="56"/>
        <source>Hanoi Desk</source>
        <translation>Hanoi Desk</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/common.py" line="58"/>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="55"/>
        <source>Connect to the document server</source>
        <translation>Kết nối tới máy chủ tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="59"/>
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="61"/>
        <source>Login name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="64"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="65"/>
        <source>&amp;Server:</source>
        <translation>&amp;Máy chủ:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="66"/>
        <source>&amp;Login:</source>
        <translation>&amp;Đăng nhập:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="67"/>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="68"/>
        <source>Connect</source>
        <translation>Kết nối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="68"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>ConnectionLabel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="198"/>
        <source>No server</source>
        <translation>Chưa có máy chủ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="205"/>
        <source>Last sync: %1</source>
        <translation>Lần đồng bộ gần nhất: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="207"/>
        <source>Server: %1</source>
        <translation>Máy chủ: %1</translation>
    </message>
</context>
<context>
    <name>ConsultationPage</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_page.py" line="33"/>
        <source>My opinion</source>
        <translation>Ý kiến của tôi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_page.py" line="34"/>
        <source>Summary</source>
        <translation>Tổng hợp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_page.py" line="35"/>
        <source>Written consultations</source>
        <translation>Lấy ý kiến bằng văn bản</translation>
    </message>
</context>
<context>
    <name>ConsultationPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="348"/>
        <source>Written consultations</source>
        <translation>Lấy ý kiến bằng văn bản</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="349"/>
        <source>Documents (double-click to read):</source>
        <translation>Tài liệu (bấm đúp để đọc):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="350"/>
        <source>Pre&amp;view</source>
        <translation>&amp;Xem trước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="351"/>
        <source>Sign and &amp;send</source>
        <translation>Ký và &amp;gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="369"/>
        <source>closed</source>
        <translation>đã hết hạn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="372"/>
        <source>less than an hour left</source>
        <translation>còn chưa đến một giờ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="374"/>
        <source>1 hour left</source>
        <translation>còn 1 giờ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="376"/>
        <source>%1 hours left</source>
        <translation>còn %1 giờ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="377"/>
        <source>%1 days left</source>
        <translation>còn %1 ngày</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="382"/>
        <source>You are not asked for an opinion.</source>
        <translation>Bạn không thuộc diện được lấy ý kiến.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="384"/>
        <source>Not answered</source>
        <translation>Chưa gửi ý kiến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="385"/>
        <source>Signed, waiting on this computer: the next sync sends it</source>
        <translation>Đã ký, đang chờ trên máy này: lần đồng bộ tới sẽ gửi đi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="386"/>
        <source>Sent on time</source>
        <translation>Đã gửi đúng hạn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="387"/>
        <source>Revised on time (the last opinion counts)</source>
        <translation>Đã sửa đúng hạn (ý kiến gửi sau cùng được tính)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="388"/>
        <source>Sent late: kept, not counted</source>
        <translation>Gửi quá hạn: được lưu, không được tính</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="394"/>
        <source>Deadline: %1 (your time) — %2</source>
        <translation>Hạn chót: %1 (giờ máy này) — %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="475"/>
        <source>No consultation on this computer. Sync to get them.</source>
        <translation>Máy này chưa có đợt lấy ý kiến nào. Hãy đồng bộ để nhận.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="483"/>
        <source>Document %1</source>
        <translation>Tài liệu %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="499"/>
        <source>Sending again replaces the opinion waiting to be sent.</source>
        <translation>Gửi lại sẽ thay ý kiến đang chờ gửi.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="502"/>
        <source>Sending again replaces your opinion of %1.</source>
        <translation>Gửi lại sẽ thay ý kiến bạn đã gửi lúc %1.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="535"/>
        <source>You are not asked for an opinion in this consultation.</source>
        <translation>Bạn không thuộc diện được lấy ý kiến trong đợt này.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="537"/>
        <source>This consultation is closed: it takes no opinion now.</source>
        <translation>Đợt lấy ý kiến này đã đóng: không nhận ý kiến nữa.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="540"/>
        <source>The deadline has passed: the form is read-only. An opinion sent now would be kept as late and not counted.</source>
        <translation>Đã quá hạn chót: phiếu chỉ để xem. Ý kiến gửi bây giờ sẽ được lưu là quá hạn và không được tính.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="630"/>
        <source>Signing your opinion…</source>
        <translation>Đang ký phiếu ý kiến…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="644"/>
        <source>Signed and queued. It is sent with the next sync; without a connection it waits on this computer.</source>
        <translation>Đã ký và xếp hàng chờ gửi. Phiếu được gửi ở lần đồng bộ tới; khi chưa có kết nối, phiếu chờ trên máy này.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="653"/>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="662"/>
        <source>Not signed: the PIN was not given.</source>
        <translation>Chưa ký: mã PIN chưa được nhập.</translation>
    </message>
</context>
<context>
    <name>ConsultationSummary</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="130"/>
        <source>Opinions received (secretariat)</source>
        <translation>Ý kiến đã nhận (bộ phận thư ký)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="131"/>
        <source>&amp;Fetch from the server</source>
        <translation>&amp;Lấy từ máy chủ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="132"/>
        <source>&amp;Export PDF + CSV…</source>
        <translation>&amp;Xuất PDF + CSV…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="133"/>
        <source>Sign the s&amp;ummary</source>
        <translation>Ký bản &amp;tổng hợp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="136"/>
        <source>Consultation</source>
        <translation>Đợt lấy ý kiến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="137"/>
        <source>Respondents</source>
        <translation>Người được lấy ý kiến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="148"/>
        <source>Agree</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="149"/>
        <source>Disagree</source>
        <translation>Không đồng ý</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="150"/>
        <source>Other opinion</source>
        <translation>Ý kiến khác</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="182"/>
        <source>Asking the server…</source>
        <translation>Đang hỏi máy chủ…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="201"/>
        <source>The summary needs the server, which did not answer: %1</source>
        <translation>Bản tổng hợp cần máy chủ, nhưng máy chủ không trả lời: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="213"/>
        <source>The server&apos;s summary is damaged.</source>
        <translation>Bản tổng hợp máy chủ gửi bị hỏng.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="220"/>
        <source>%1 asked: %2 answered on time (%3 on paper), %4 late, %5 without an opinion.</source>
        <translation>%1 người được hỏi: %2 trả lời đúng hạn (%3 bằng giấy), %4 quá hạn, %5 chưa có ý kiến.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="249"/>
        <source>answered on time</source>
        <translation>đã trả lời đúng hạn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="250"/>
        <source>on paper</source>
        <translation>bằng giấy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="251"/>
        <source>late (not counted)</source>
        <translation>quá hạn (không tính)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="252"/>
        <source>no opinion yet</source>
        <translation>chưa có ý kiến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="263"/>
        <source>dated %1 on paper, entered %2</source>
        <translation>ghi ngày %1 trên giấy, nhập lúc %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="267"/>
        <source>received %1 (server time)</source>
        <translation>nhận lúc %1 (giờ máy chủ)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="289"/>
        <source>Export the summary to</source>
        <translation>Xuất bản tổng hợp vào</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="295"/>
        <source>Writing the summary…</source>
        <translation>Đang ghi bản tổng hợp…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="307"/>
        <source>Saved: %1 and %2</source>
        <translation>Đã lưu: %1 và %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="330"/>
        <source>Signing the summary…</source>
        <translation>Đang ký bản tổng hợp…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="340"/>
        <source>Signed summary saved: %1</source>
        <translation>Đã lưu bản tổng hợp đã ký: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="345"/>
        <location filename="../../src/hanoi_desk/ui/consultation_summary.py" line="354"/>
        <source>Not signed: the PIN was not given.</source>
        <translation>Chưa ký: mã PIN chưa được nhập.</translation>
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
        <location filename="../../src/hanoi_desk/ui/app.py" line="202"/>
        <source>Locked after a period without activity.</source>
        <translation>Đã khóa sau một thời gian không hoạt động.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="203"/>
        <source>Locked because the computer&apos;s session was locked.</source>
        <translation>Đã khóa vì phiên làm việc của máy tính bị khóa.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="204"/>
        <source>The server ordered this profile wiped; it was deleted.</source>
        <translation>Máy chủ yêu cầu xóa hồ sơ này; hồ sơ đã bị xóa.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/app.py" line="206"/>
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
    <name>HomeView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="416"/>
        <source>Today&apos;s and the next meetings</source>
        <translation>Cuộc họp hôm nay và sắp tới</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="417"/>
        <source>Next meetings</source>
        <translation>Cuộc họp sắp tới</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="418"/>
        <source>No meeting today.</source>
        <translation>Hôm nay không có cuộc họp nào.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="419"/>
        <source>No meeting planned.</source>
        <translation>Chưa có cuộc họp nào được lên lịch.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="420"/>
        <source>&amp;Past meetings</source>
        <translation>Cuộc họp đã &amp;qua</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="421"/>
        <source>Past meetings</source>
        <translation>Cuộc họp đã qua</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="440"/>
        <source>Today · %1</source>
        <translation>Hôm nay · %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="472"/>
        <source>No past meetings.</source>
        <translation>Chưa có cuộc họp nào đã qua.</translation>
    </message>
</context>
<context>
    <name>KeyChooser</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="97"/>
        <source>Sign with:</source>
        <translation>Ký bằng:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="98"/>
        <source>Find &amp;tokens</source>
        <translation>&amp;Tìm thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="99"/>
        <source>Sign with</source>
        <translation>Ký bằng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="131"/>
        <source>No token found. Plug it in and try again.</source>
        <translation>Không tìm thấy thiết bị ký. Hãy cắm thiết bị rồi thử lại.</translation>
    </message>
</context>
<context>
    <name>LivePanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="465"/>
        <source>not yet here</source>
        <translation>chưa có mặt</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="466"/>
        <source>present</source>
        <translation>có mặt</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="467"/>
        <source>left</source>
        <translation>đã rời phòng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="468"/>
        <source>absent with a reason</source>
        <translation>vắng có lý do</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="469"/>
        <source>absent</source>
        <translation>vắng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="474"/>
        <source>to speak</source>
        <translation>phát biểu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="475"/>
        <source>interpellation</source>
        <translation>chất vấn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="476"/>
        <source>point of order</source>
        <translation>kiến nghị thủ tục</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="481"/>
        <source>waiting for approval</source>
        <translation>chờ duyệt</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="482"/>
        <source>approved</source>
        <translation>đã duyệt</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="483"/>
        <source>rejected</source>
        <translation>bị từ chối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="484"/>
        <source>withdrawn</source>
        <translation>đã rút</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="485"/>
        <source>called</source>
        <translation>được mời</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="486"/>
        <source>speaking</source>
        <translation>đang phát biểu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="487"/>
        <source>paused</source>
        <translation>tạm dừng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="488"/>
        <source>done</source>
        <translation>đã xong</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="493"/>
        <source>queued</source>
        <translation>đang chờ gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="494"/>
        <source>sent</source>
        <translation>đã gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="495"/>
        <source>applied</source>
        <translation>đã ghi nhận</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="496"/>
        <source>refused</source>
        <translation>bị từ chối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="514"/>
        <source>quorum met</source>
        <translation>đủ số đại biểu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="516"/>
        <source>no quorum (needs %1)</source>
        <translation>chưa đủ số đại biểu (cần %1)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="519"/>
        <source>Present: %1 of %2 · %3</source>
        <translation>Có mặt: %1 trên %2 · %3</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="526"/>
        <source>Nobody has the floor.</source>
        <translation>Chưa có ai phát biểu.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="529"/>
        <source>Speaking: %1 (%2)</source>
        <translation>Phát biểu: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="550"/>
        <source>Following the room live.</source>
        <translation>Đang theo dõi phiên họp trực tiếp.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="553"/>
        <source>Offline: what you do here waits and is sent when the connection returns.</source>
        <translation>Mất kết nối: thao tác của bạn được giữ lại và gửi đi khi có kết nối trở lại.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="558"/>
        <source>The list changed — look again.</source>
        <translation>Danh sách đã thay đổi — hãy xem lại.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="510"/>
        <source>Hanoi Desk — %1</source>
        <translation>Hanoi Desk — %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="547"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="548"/>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="550"/>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="551"/>
        <source>Main tools</source>
        <translation>Công cụ chính</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="552"/>
        <source>Search this meeting (Ctrl+K)</source>
        <translation>Tìm trong cuộc họp này (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="556"/>
        <source>Search this meeting&apos;s documents, or every one (Ctrl+K); accents optional</source>
        <translation>Tìm trong tài liệu của cuộc họp này hoặc mọi tài liệu (Ctrl+K); gõ có dấu hay không dấu đều được</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="560"/>
        <source>Screens</source>
        <translation>Màn hình</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="523"/>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="561"/>
        <source>Documents imported on this computer</source>
        <translation>Tài liệu đã nhập trên máy này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="522"/>
        <source>&amp;Documents</source>
        <translation>&amp;Tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="519"/>
        <source>&amp;Search</source>
        <translation>Tìm &amp;kiếm</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="526"/>
        <source>S&amp;ync</source>
        <translation>Đồng &amp;bộ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="562"/>
        <source>Background work</source>
        <translation>Công việc chạy nền</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="546"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="309"/>
        <source>The room now</source>
        <translation>Phòng họp lúc này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="311"/>
        <source>My notes</source>
        <translation>Ghi chú của tôi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="314"/>
        <source>Comments on drafts</source>
        <translation>Góp ý dự thảo</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="321"/>
        <source>Signatures</source>
        <translation>Chữ ký số</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="327"/>
        <source>Participants</source>
        <translation>Thành phần tham dự</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="331"/>
        <source>Chair&apos;s console</source>
        <translation>Bàn điều hành</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="336"/>
        <source>Votes</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="357"/>
        <source>Signing requests</source>
        <translation>Chờ tôi ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="382"/>
        <source>Consultations</source>
        <translation>Lấy ý kiến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="514"/>
        <source>&amp;Home</source>
        <translation>Trang &amp;chủ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="515"/>
        <source>Home: today&apos;s and the next meetings</source>
        <translation>Trang chủ: cuộc họp hôm nay và sắp tới</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="518"/>
        <source>&amp;Meeting</source>
        <translation>Cuộc &amp;họp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="518"/>
        <source>The open meeting</source>
        <translation>Cuộc họp đang mở</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="519"/>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="555"/>
        <source>Search the documents</source>
        <translation>Tìm trong tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="526"/>
        <source>Outgoing actions and downloads</source>
        <translation>Thao tác chờ gửi và tải xuống</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="527"/>
        <source>&amp;Import PDF files…</source>
        <translation>&amp;Nhập tệp PDF…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="528"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="534"/>
        <source>&amp;Projector view…</source>
        <translation>Màn hình &amp;trình chiếu…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="559"/>
        <source>Clear the search</source>
        <translation>Xóa nội dung tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="563"/>
        <source>The meeting: agenda, reader and side panel</source>
        <translation>Cuộc họp: chương trình, trình đọc và bảng bên</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="564"/>
        <source>Side panel</source>
        <translation>Bảng bên</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="529"/>
        <source>Sign &amp;documents…</source>
        <translation>&amp;Ký tài liệu…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="530"/>
        <source>Sync &amp;now</source>
        <translation>Đồng bộ &amp;ngay</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="531"/>
        <source>&amp;Connect to a server…</source>
        <translation>&amp;Kết nối tới máy chủ…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="532"/>
        <source>&amp;Lock</source>
        <translation>&amp;Khóa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="533"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="812"/>
        <source>%1 (%2 pages)</source>
        <translation>%1 (%2 trang)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="821"/>
        <source>No documents imported on this computer. File → Import PDF files… (Ctrl+O)</source>
        <translation>Chưa nhập tài liệu nào trên máy này. Tệp → Nhập tệp PDF… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="903"/>
        <source>Projector view</source>
        <translation>Màn hình trình chiếu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="903"/>
        <source>Show on screen:</source>
        <translation>Hiển thị trên màn hình:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="1002"/>
        <source>p. %1</source>
        <translation>tr. %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="1009"/>
        <source>Nothing found.</source>
        <translation>Không tìm thấy kết quả nào.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="1011"/>
        <source>%1 results for “%2”</source>
        <translation>%1 kết quả cho “%2”</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="1036"/>
        <source>Import PDF files</source>
        <translation>Nhập tệp PDF</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="1036"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="1051"/>
        <source>Imported %1 of %2 files.</source>
        <translation>Đã nhập %1 trên %2 tệp.</translation>
    </message>
</context>
<context>
    <name>MeetingPage</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="567"/>
        <source>&amp;Agenda</source>
        <translation>&amp;Chương trình họp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="568"/>
        <source>Agenda</source>
        <translation>Chương trình họp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="569"/>
        <source>D&amp;ocuments of this item</source>
        <translation>&amp;Tài liệu của nội dung này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="570"/>
        <source>Documents of the chosen agenda item</source>
        <translation>Tài liệu của nội dung đã chọn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="571"/>
        <source>Participants</source>
        <translation>Thành phần tham dự</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="590"/>
        <source>Chair: %1</source>
        <translation>Chủ trì: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="595"/>
        <source>My role: %1</source>
        <translation>Vai trò của tôi: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="607"/>
        <source>Presented by %1</source>
        <translation>Trình bày: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="614"/>
        <source>Other documents</source>
        <translation>Tài liệu khác</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="659"/>
        <source>now</source>
        <translation>đang thảo luận</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="664"/>
        <source>Choose a meeting on Home.</source>
        <translation>Hãy chọn một cuộc họp ở Trang chủ.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="678"/>
        <source>No documents for this item.</source>
        <translation>Nội dung này không có tài liệu.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="682"/>
        <source>%1 pages · on this computer</source>
        <translation>%1 trang · có trên máy này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="684"/>
        <source>not on this computer yet</source>
        <translation>chưa có trên máy này</translation>
    </message>
</context>
<context>
    <name>MeetingsView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="32"/>
        <source>Scheduled</source>
        <translation>Đã lên lịch</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="33"/>
        <source>In session</source>
        <translation>Đang họp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="34"/>
        <source>Closed</source>
        <translation>Đã kết thúc</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="35"/>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="42"/>
        <source>Chair</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="43"/>
        <source>Secretary</source>
        <translation>Thư ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="44"/>
        <source>Delegate</source>
        <translation>Đại biểu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="45"/>
        <source>Guest</source>
        <translation>Khách mời</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="52"/>
        <source>Removed from this computer (retention period over)</source>
        <translation>Đã gỡ khỏi máy này (hết thời hạn lưu giữ)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="56"/>
        <source>Available offline</source>
        <translation>Có thể xem ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="58"/>
        <source>%1 of %2 documents here</source>
        <translation>Đã có %1 trên %2 tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="61"/>
        <source>downloading %1 %</source>
        <translation>đang tải %1 %</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="65"/>
        <source>%1 queued</source>
        <translation>%1 đang chờ gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="72"/>
        <source>Live: %1 of %2 present</source>
        <translation>Trực tiếp: %1/%2 có mặt</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="77"/>
        <source>speaking: %1</source>
        <translation>đang phát biểu: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="81"/>
        <source>%1 of my actions queued</source>
        <translation>%1 thao tác của tôi đang chờ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/meetings_view.py" line="150"/>
        <source>My role: %1</source>
        <translation>Vai trò của tôi: %1</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="22"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="24"/>
        <source>Highlight</source>
        <translation>Đánh dấu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="30"/>
        <source>p. %1</source>
        <translation>tr. %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="34"/>
        <source>(not found in the new version)</source>
        <translation>(không tìm thấy trong phiên bản mới)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="98"/>
        <source>Notes of this meeting</source>
        <translation>Ghi chú của cuộc họp này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="98"/>
        <source>My notes</source>
        <translation>Ghi chú của tôi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="100"/>
        <source>Private notes</source>
        <translation>Ghi chú riêng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="101"/>
        <source>&amp;Highlight</source>
        <translation>Đánh &amp;dấu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="105"/>
        <source>Highlight the selected text</source>
        <translation>Đánh dấu đoạn văn bản đã chọn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="106"/>
        <source>Highlight the selected text (Ctrl+H)</source>
        <translation>Đánh dấu đoạn văn bản đã chọn (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="108"/>
        <source>Add &amp;note</source>
        <translation>Thêm &amp;ghi chú</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="110"/>
        <source>Add a sticky note on this page</source>
        <translation>Thêm ghi chú dán trên trang này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="111"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="112"/>
        <source>Edit the chosen note</source>
        <translation>Sửa ghi chú đã chọn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="113"/>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="114"/>
        <source>Delete the chosen note</source>
        <translation>Xóa ghi chú đã chọn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="154"/>
        <source>Edit note</source>
        <translation>Sửa ghi chú</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="154"/>
        <source>Text of the note:</source>
        <translation>Nội dung ghi chú:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="164"/>
        <source>Delete note</source>
        <translation>Xóa ghi chú</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/notes_panel.py" line="164"/>
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
    <name>PollsPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="241"/>
        <source>Votes</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="242"/>
        <source>A&amp;dd a vote…</source>
        <translation>Thêm &amp;biểu quyết…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="243"/>
        <source>Agenda &amp;item</source>
        <translation>Mục &amp;chương trình</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="244"/>
        <source>Title of the &amp;motion</source>
        <translation>Tiêu đề (&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="245"/>
        <source>Secre&amp;t ballot</source>
        <translation>Bỏ phiếu kín (&amp;I)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="246"/>
        <source>&amp;Ballot options, one per line</source>
        <translation>Các phương án, mỗi dòng một phương án (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="247"/>
        <source>The last option ta&amp;kes a written opinion</source>
        <translation>Phương án cuối kèm ý kiến viết (&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="248"/>
        <source>Cr&amp;eate the vote</source>
        <translation>Tạo biểu quyết (&amp;E)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="249"/>
        <source>&amp;Vote</source>
        <translation>Biểu quyết (&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="250"/>
        <source>Not voted yet</source>
        <translation>Chưa biểu quyết</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="251"/>
        <source>Laptops not heard from lately</source>
        <translation>Máy tính chưa liên lạc gần đây</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="252"/>
        <source>&amp;Grace (seconds)</source>
        <translation>Thời gian chờ đóng, giây (&amp;G)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="254"/>
        <source>&amp;Open a round</source>
        <translation>Mở vòng biểu quyết (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="255"/>
        <source>C&amp;lose</source>
        <translation>Đóng biểu quyết (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="256"/>
        <source>E&amp;xtend</source>
        <translation>Gia hạn (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="257"/>
        <source>Announce t&amp;he result</source>
        <translation>Công bố kết quả (&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="284"/>
        <source>not opened yet</source>
        <translation>chưa mở</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="285"/>
        <source>round %1 open: ballots are coming in</source>
        <translation>vòng %1 đang mở: đang nhận phiếu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="286"/>
        <source>round %1 closing: %2 left</source>
        <translation>vòng %1 đang đóng: còn %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="287"/>
        <source>round %1 closed</source>
        <translation>vòng %1 đã đóng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="288"/>
        <source>round %1 announced: final</source>
        <translation>vòng %1 đã công bố: kết quả chính thức</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="292"/>
        <source>secret</source>
        <translation>bỏ phiếu kín</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="292"/>
        <source>named</source>
        <translation>biểu quyết công khai</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="346"/>
        <source>No vote in this meeting yet.</source>
        <translation>Cuộc họp chưa có biểu quyết nào.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="357"/>
        <source>Ballots received: %1 of %2 entitled</source>
        <translation>Đã nhận %1 phiếu trên %2 người có quyền biểu quyết</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="369"/>
        <source>(names shown when the room is in reach)</source>
        <translation>(danh sách hiện khi kết nối được với phòng họp)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="383"/>
        <source>passed</source>
        <translation>thông qua</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="383"/>
        <source>not passed</source>
        <translation>không thông qua</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="385"/>
        <source>Final result of round %1</source>
        <translation>Kết quả chính thức vòng %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="387"/>
        <source>Result of round %1 (not announced yet)</source>
        <translation>Kết quả vòng %1 (chưa công bố)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_polls.py" line="390"/>
        <source>%1 needed of %2</source>
        <translation>cần %1 trên %2</translation>
    </message>
</context>
<context>
    <name>PresenterBar</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/presenter.py" line="82"/>
        <source>Follow the presenter</source>
        <translation>Theo người trình bày</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/presenter.py" line="83"/>
        <source>Return to presenter</source>
        <translation>Quay lại trang đang trình bày</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/presenter.py" line="84"/>
        <source>Present this page</source>
        <translation>Trình chiếu trang này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/presenter.py" line="147"/>
        <source>The presented document is not on this computer yet; fetching it…</source>
        <translation>Tài liệu đang trình chiếu chưa có trên máy này; đang tải về…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/presenter.py" line="162"/>
        <source>The presented document is not available to you.</source>
        <translation>Tài liệu đang trình chiếu không có sẵn cho bạn.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/presenter.py" line="175"/>
        <source>The presented document is not on this computer yet; it is fetched when the connection returns.</source>
        <translation>Tài liệu đang trình chiếu chưa có trên máy này; tài liệu sẽ được tải về khi có kết nối trở lại.</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="233"/>
        <source>Opinion sheet — preview</source>
        <translation>Phiếu ý kiến — xem trước</translation>
    </message>
</context>
<context>
    <name>ProjectorWindow</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="74"/>
        <source>Projector</source>
        <translation>Trình chiếu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="108"/>
        <source>Passed</source>
        <translation>Thông qua</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="108"/>
        <source>Not passed</source>
        <translation>Không thông qua</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="112"/>
        <source>Final result</source>
        <translation>Kết quả chính thức</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="112"/>
        <source>Result not announced yet</source>
        <translation>Kết quả chưa công bố</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="116"/>
        <source>Nobody has the floor.</source>
        <translation>Chưa có ai phát biểu.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="125"/>
        <source>Agenda item under discussion</source>
        <translation>Mục chương trình đang thảo luận</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/projector.py" line="127"/>
        <source>Item %1: %2</source>
        <translation>Mục %1: %2</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="195"/>
        <source>Agree</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="195"/>
        <source>Disagree</source>
        <translation>Không đồng ý</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="195"/>
        <source>Other opinion</source>
        <translation>Ý kiến khác</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="200"/>
        <location filename="../../src/hanoi_desk/ui/consultation_form.py" line="201"/>
        <source>Your opinion</source>
        <translation>Ý kiến của bạn</translation>
    </message>
</context>
<context>
    <name>ReaderPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="161"/>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="162"/>
        <source>Reader tools</source>
        <translation>Công cụ đọc</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="163"/>
        <source>Zoom</source>
        <translation>Thu phóng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="164"/>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="165"/>
        <source>Fit page</source>
        <translation>Vừa trang</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="166"/>
        <source>Go to page</source>
        <translation>Đến trang</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="166"/>
        <source>Go to page (Ctrl+G)</source>
        <translation>Đến trang (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="167"/>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="170"/>
        <source>Search in this document</source>
        <translation>Tìm trong tài liệu này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="171"/>
        <source>Search in this document (Ctrl+F)</source>
        <translation>Tìm trong tài liệu này (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="174"/>
        <source>Previous match</source>
        <translation>Kết quả trước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="175"/>
        <source>Next match</source>
        <translation>Kết quả sau</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="176"/>
        <source>Draw signature box</source>
        <translation>Vẽ khung chữ ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="183"/>
        <source>Next match (F3)</source>
        <translation>Kết quả tiếp theo (F3)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="184"/>
        <source>Drag a box on the page where the signature goes</source>
        <translation>Kéo một khung trên trang tại vị trí đặt chữ ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="212"/>
        <source>%1 — my signed copy</source>
        <translation>%1 — bản tôi đã ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="281"/>
        <source>Moving your notes to the new version: %1 of %2</source>
        <translation>Đang chuyển ghi chú sang phiên bản mới: %1 trên %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="291"/>
        <source>%1 notes moved to the new version; %2 of them not found in it.</source>
        <translation>Đã chuyển %1 ghi chú sang phiên bản mới; %2 ghi chú không tìm thấy trong đó.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="352"/>
        <source>Sticky note</source>
        <translation>Ghi chú dán</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="353"/>
        <source>Text of the note on page %1:</source>
        <translation>Nội dung ghi chú trên trang %1:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="381"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="386"/>
        <source>No match</source>
        <translation>Không có kết quả</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="401"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="435"/>
        <source>Link not opened</source>
        <translation>Không mở liên kết</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="436"/>
        <source>This document links to “%1”, which Hanoi Desk does not open.</source>
        <translation>Tài liệu này liên kết tới “%1”; Hanoi Desk không mở loại liên kết này.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="443"/>
        <source>Open an external link?</source>
        <translation>Mở liên kết bên ngoài?</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/reader_panel.py" line="444"/>
        <source>The document links to:
%1

Open it in your browser?</source>
        <translation>Tài liệu liên kết tới:
%1

Mở bằng trình duyệt?</translation>
    </message>
</context>
<context>
    <name>RoomNow</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="106"/>
        <source>This meeting is not live on this computer. When the chair opens the session, attendance, the speakers and votes appear here.</source>
        <translation>Cuộc họp này chưa diễn ra trực tiếp trên máy này. Khi chủ tọa khai mạc phiên họp, điểm danh, danh sách phát biểu và biểu quyết sẽ hiện ở đây.</translation>
    </message>
</context>
<context>
    <name>RoomNowPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="739"/>
        <source>Check in</source>
        <translation>Điểm danh có mặt</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="740"/>
        <source>Report absence…</source>
        <translation>Báo vắng…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="741"/>
        <source>Reason (leave empty: absent without one)</source>
        <translation>Lý do (để trống: vắng không lý do)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="743"/>
        <source>Send</source>
        <translation>Gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="744"/>
        <source>Ask to speak</source>
        <translation>Đăng ký phát biểu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="745"/>
        <source>Interpellation…</source>
        <translation>Chất vấn…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="746"/>
        <source>Withdraw</source>
        <translation>Rút đăng ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="747"/>
        <source>&amp;To whom</source>
        <translation>&amp;Chất vấn ai</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="748"/>
        <source>&amp;On what</source>
        <translation>&amp;Về vấn đề</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="749"/>
        <source>Send the interpellation</source>
        <translation>Gửi chất vấn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="750"/>
        <source>Waiting to speak</source>
        <translation>Đang chờ phát biểu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="751"/>
        <source>My actions</source>
        <translation>Thao tác của tôi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="752"/>
        <source>Who is here</source>
        <translation>Ai đang có mặt</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="753"/>
        <source>Hand my &amp;vote to</source>
        <translation>Ủy quyền &amp;biểu quyết cho</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="755"/>
        <source>Hand over</source>
        <translation>Ủy quyền</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="756"/>
        <source>Take it back</source>
        <translation>Rút lại ủy quyền</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="763"/>
        <source>You: %1</source>
        <translation>Bạn: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="764"/>
        <source>not a member</source>
        <translation>không phải thành viên</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="782"/>
        <source>Your place in the queue: %1</source>
        <translation>Thứ tự của bạn: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="784"/>
        <source>You are not waiting to speak.</source>
        <translation>Bạn không có đăng ký phát biểu đang chờ.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="802"/>
        <source>Your vote is with: %1</source>
        <translation>Bạn đã ủy quyền biểu quyết cho: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="805"/>
        <source>You vote for: %1</source>
        <translation>Bạn biểu quyết thay: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="844"/>
        <source>Attendance</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="845"/>
        <source>Substitute</source>
        <translation>Người dự thay</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="846"/>
        <source>Request to speak</source>
        <translation>Đăng ký phát biểu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="847"/>
        <source>Withdrawal</source>
        <translation>Rút đăng ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="848"/>
        <source>Vote delegation</source>
        <translation>Ủy quyền biểu quyết</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_room.py" line="849"/>
        <source>Current agenda item</source>
        <translation>Mục chương trình đang thảo luận</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="141"/>
        <source>Where to search</source>
        <translation>Phạm vi tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="142"/>
        <source>In this meeting</source>
        <translation>Trong cuộc họp này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="143"/>
        <source>In every document</source>
        <translation>Trong mọi tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/main_window.py" line="144"/>
        <source>Search results</source>
        <translation>Kết quả tìm kiếm</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="45"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="49"/>
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="51"/>
        <source>Login name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="53"/>
        <source>PKCS#11 modules, one per line</source>
        <translation>Mô-đun PKCS#11, mỗi dòng một mô-đun</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="57"/>
        <source>Trusted root certificates, one file per line</source>
        <translation>Chứng thư gốc tin cậy, mỗi dòng một tệp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="60"/>
        <source>Signature image</source>
        <translation>Ảnh chữ ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="61"/>
        <source>Seal image</source>
        <translation>Ảnh con dấu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="63"/>
        <source>Organisation name</source>
        <translation>Tên cơ quan</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="65"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="70"/>
        <source>Lock after idle minutes</source>
        <translation>Khóa sau số phút không hoạt động</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="72"/>
        <source>Minutes a token may stay logged in after a batch</source>
        <translation>Số phút thiết bị ký được giữ đăng nhập sau một lô ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="74"/>
        <source>Keep meeting packs for days</source>
        <translation>Giữ tài liệu cuộc họp trong số ngày</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="76"/>
        <source>&amp;Server:</source>
        <translation>&amp;Máy chủ:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="77"/>
        <source>&amp;Login:</source>
        <translation>&amp;Đăng nhập:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="78"/>
        <source>PKCS#11 &amp;modules:</source>
        <translation>&amp;Mô-đun PKCS#11:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="79"/>
        <source>&amp;Trusted roots:</source>
        <translation>Chứng thư &amp;gốc tin cậy:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="80"/>
        <source>Si&amp;gnature image:</source>
        <translation>Ảnh &amp;chữ ký:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="81"/>
        <source>Se&amp;al image:</source>
        <translation>Ảnh con &amp;dấu:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="82"/>
        <source>&amp;Organisation:</source>
        <translation>&amp;Cơ quan:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="83"/>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Ngôn ngữ:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="84"/>
        <source>Lock after &amp;idle (minutes):</source>
        <translation>Khóa khi &amp;không hoạt động (phút):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="85"/>
        <source>&amp;Keep token logged in (minutes):</source>
        <translation>Giữ thiết bị ký đăng nhậ&amp;p (phút):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="86"/>
        <source>&amp;Retention (days):</source>
        <translation>&amp;Thời gian lưu giữ (ngày):</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="90"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="90"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="98"/>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/settings_dialog.py" line="99"/>
        <source>Choose a PNG file for: %1</source>
        <translation>Chọn tệp PNG cho: %1</translation>
    </message>
</context>
<context>
    <name>SignatureStatus</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="46"/>
        <source>completed (%1)</source>
        <translation>đã hoàn thiện (%1)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="50"/>
        <source>complete when signed (%1)</source>
        <translation>đã đủ mức khi ký (%1)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="55"/>
        <source>waiting for a timestamp</source>
        <translation>đang chờ dấu thời gian</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="57"/>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="66"/>
        <source>refused</source>
        <translation>bị từ chối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="63"/>
        <source>queued</source>
        <translation>đang chờ gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="64"/>
        <source>sending</source>
        <translation>đang gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="65"/>
        <source>sent</source>
        <translation>đã gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="69"/>
        <source>not in the outbox</source>
        <translation>không có trong hộp thư đi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="84"/>
        <source>My signature: level %1, %2. Upload: %3.</source>
        <translation>Chữ ký của tôi: mức %1, %2. Tải lên: %3.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="101"/>
        <source>Signed by %1 on %2 — accepted by the server (file hash %3…)</source>
        <translation>Do %1 ký lúc %2 — máy chủ đã chấp nhận (mã băm tệp %3…)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="116"/>
        <source>Signatures completed: %1</source>
        <translation>Chữ ký đã hoàn thiện: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="119"/>
        <source>Signatures waiting for a timestamp: %1</source>
        <translation>Chữ ký đang chờ dấu thời gian: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="124"/>
        <source>Signatures refused: %1 — see My signatures</source>
        <translation>Chữ ký bị từ chối: %1 — xem Chữ ký của tôi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="135"/>
        <source>Signatures with no trusted time for %2 days: %1 — connect to complete them</source>
        <translation>Chữ ký chưa có thời gian tin cậy đã %2 ngày: %1 — hãy kết nối để hoàn thiện</translation>
    </message>
</context>
<context>
    <name>SignaturesDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="176"/>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="197"/>
        <source>My signatures</source>
        <translation>Chữ ký của tôi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="190"/>
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="191"/>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="192"/>
        <source>Level</source>
        <translation>Mức</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="193"/>
        <source>Completion</source>
        <translation>Hoàn thiện</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="194"/>
        <source>Upload</source>
        <translation>Tải lên</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="214"/>
        <source>This profile has signed nothing yet.</source>
        <translation>Hồ sơ này chưa ký tài liệu nào.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signature_status.py" line="221"/>
        <source>&amp;Close</source>
        <translation>Đón&amp;g</translation>
    </message>
</context>
<context>
    <name>SignaturesPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="77"/>
        <source>Signature verification report</source>
        <translation>Kết quả kiểm tra chữ ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="78"/>
        <source>Check &amp;revocation online</source>
        <translation>Kiểm tra &amp;thu hồi trực tuyến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="79"/>
        <source>Check revocation online</source>
        <translation>Kiểm tra thu hồi trực tuyến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="134"/>
        <source>Checking signatures…</source>
        <translation>Đang kiểm tra chữ ký…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="155"/>
        <source>This document has no signatures.</source>
        <translation>Tài liệu này không có chữ ký số.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signatures_panel.py" line="159"/>
        <source>%1 of %2 signatures valid and trusted</source>
        <translation>%1 trên %2 chữ ký hợp lệ và tin cậy</translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="92"/>
        <source>Sign documents</source>
        <translation>Ký tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="95"/>
        <source>Documents to sign</source>
        <translation>Tài liệu cần ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="105"/>
        <source>&amp;Documents:</source>
        <translation>&amp;Tài liệu:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="108"/>
        <source>Signing progress</source>
        <translation>Tiến độ ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="112"/>
        <source>Results per document</source>
        <translation>Kết quả từng tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="120"/>
        <source>&amp;Sign</source>
        <translation>&amp;Ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="122"/>
        <source>Sign</source>
        <translation>Ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="124"/>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="126"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="162"/>
        <source>Token</source>
        <translation>Thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="163"/>
        <source>&amp;Find tokens</source>
        <translation>&amp;Tìm thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="164"/>
        <source>Find tokens</source>
        <translation>Tìm thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="168"/>
        <source>&amp;Token:</source>
        <translation>Thiết bị &amp;ký:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="172"/>
        <source>Certificate</source>
        <translation>Chứng thư số</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="173"/>
        <source>&amp;Certificate:</source>
        <translation>&amp;Chứng thư số:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="180"/>
        <source>&amp;Keep the token logged in for %1 min after this batch</source>
        <translation>&amp;Giữ thiết bị ký ở trạng thái đăng nhập thêm %1 phút sau lô ký này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="183"/>
        <source>Keep the token logged in after this batch</source>
        <translation>Giữ thiết bị ký ở trạng thái đăng nhập sau lô ký này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="186"/>
        <source>Until then, later batches sign without asking for the PIN. Locking Hanoi Desk or opening another profile logs the token out at once.</source>
        <translation>Trong thời gian đó, các lô ký sau sẽ ký mà không hỏi lại mã PIN. Khóa Hanoi Desk hoặc mở hồ sơ khác sẽ đăng xuất thiết bị ký ngay lập tức.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="193"/>
        <source>Appearance</source>
        <translation>Hình thức chữ ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="194"/>
        <source>Invisible signature</source>
        <translation>Chữ ký không hiển thị</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="195"/>
        <source>Approval (signature image)</source>
        <translation>Phê duyệt (ảnh chữ ký)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="196"/>
        <source>Issuing (signature and seal)</source>
        <translation>Ban hành (chữ ký và con dấu)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="197"/>
        <source>Attachment (seal, top right)</source>
        <translation>Văn bản kèm theo (con dấu, góc trên bên phải)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="198"/>
        <source>Copy (SAO Y)</source>
        <translation>Sao văn bản (SAO Y)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="199"/>
        <source>&amp;Appearance:</source>
        <translation>&amp;Hình thức:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="201"/>
        <source>Placement</source>
        <translation>Vị trí</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="204"/>
        <source>The box drawn on page %1</source>
        <translation>Khung đã vẽ trên trang %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="206"/>
        <source>Below a text on the last page</source>
        <translation>Dưới một đoạn chữ ở trang cuối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="207"/>
        <source>Bottom right of the last page</source>
        <translation>Góc dưới bên phải trang cuối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="208"/>
        <source>&amp;Placement:</source>
        <translation>&amp;Vị trí:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="210"/>
        <source>Anchor text</source>
        <translation>Đoạn chữ làm mốc</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="211"/>
        <source>A&amp;nchor text:</source>
        <translation>Đoạn chữ &amp;làm mốc:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="230"/>
        <source>Looking for tokens…</source>
        <translation>Đang tìm thiết bị ký…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="253"/>
        <source>No token found. Plug it in and try again.</source>
        <translation>Không tìm thấy thiết bị ký. Hãy cắm thiết bị rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="301"/>
        <source>cannot sign</source>
        <translation>không ký được</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="318"/>
        <source>The token is still logged in for another %1 min: this batch signs without asking for the PIN.</source>
        <translation>Thiết bị ký vẫn đang đăng nhập thêm %1 phút: lô ký này sẽ ký mà không hỏi mã PIN.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="322"/>
        <source>PIN state: normal.</source>
        <translation>Trạng thái mã PIN: bình thường.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="399"/>
        <source>Already signed</source>
        <translation>Đã ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="401"/>
        <source>“%1”, version %2</source>
        <translation>“%1”, phiên bản %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="407"/>
        <source>You already signed:
%1

Sign again?</source>
        <translation>Bạn đã ký:
%1

Ký lại?</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="408"/>
        <source>Sign &amp;again</source>
        <translation>&amp;Ký lại</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="413"/>
        <source>&amp;Leave them out</source>
        <translation>&amp;Bỏ qua các tài liệu này</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="468"/>
        <source>Signed</source>
        <translation>Đã ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="469"/>
        <source>Already signed by this certificate</source>
        <translation>Đã ký bằng chứng thư số này từ trước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="470"/>
        <source>Not signed</source>
        <translation>Chưa ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="471"/>
        <source>Not started</source>
        <translation>Chưa thực hiện</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="481"/>
        <source>The batch stopped: %1 of %2 documents signed, the others not. Signing them again skips the documents already signed.</source>
        <translation>Lô ký đã dừng: đã ký %1 trên %2 văn bản, các văn bản còn lại chưa được ký. Khi ký lại, các văn bản đã ký sẽ được bỏ qua.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="494"/>
        <source>The token stays logged in for another %1 min, or until Hanoi Desk locks.</source>
        <translation>Thiết bị ký còn ở trạng thái đăng nhập thêm %1 phút, hoặc đến khi Hanoi Desk bị khóa.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="499"/>
        <source>The token was logged out: the next batch asks for the PIN.</source>
        <translation>Đã đăng xuất thiết bị ký: lô ký sau sẽ hỏi mã PIN.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="501"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_dialog.py" line="243"/>
        <source>Software key (DEMO — not a hardware token)</source>
        <translation>Khóa phần mềm (DEMO — không phải thiết bị ký)</translation>
    </message>
</context>
<context>
    <name>SigningRequestsPage</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="165"/>
        <source>in progress</source>
        <translation>đang ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="166"/>
        <source>completed</source>
        <translation>đã hoàn tất</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="167"/>
        <source>cancelled</source>
        <translation>đã hủy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="168"/>
        <source>expired</source>
        <translation>đã hết hạn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="169"/>
        <source>draft</source>
        <translation>bản nháp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="175"/>
        <source>waiting for an earlier signer</source>
        <translation>chờ người ký trước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="176"/>
        <source>to sign now</source>
        <translation>đến lượt ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="177"/>
        <source>signed</source>
        <translation>đã ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="178"/>
        <source>declined</source>
        <translation>từ chối ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="184"/>
        <source>approval</source>
        <translation>phê duyệt</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="185"/>
        <source>issuing, with the seal</source>
        <translation>ban hành, có đóng dấu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="186"/>
        <source>copy</source>
        <translation>sao y</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="191"/>
        <source>Signing requests</source>
        <translation>Chờ tôi ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="192"/>
        <source>Sign &amp;with:</source>
        <translation>&amp;Ký bằng:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="193"/>
        <source>Key to sign with</source>
        <translation>Khóa dùng để ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="194"/>
        <source>Find &amp;tokens</source>
        <translation>&amp;Tìm thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="195"/>
        <source>Find tokens</source>
        <translation>Tìm thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="196"/>
        <source>Look for the plugged-in tokens and their certificates</source>
        <translation>Tìm các thiết bị ký đang cắm và chứng thư số trên đó</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="197"/>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="199"/>
        <source>Open the file to sign</source>
        <translation>Mở tệp cần ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="200"/>
        <source>Show the request&apos;s current file, with the signatures so far</source>
        <translation>Xem tệp hiện tại của yêu cầu ký, cùng các chữ ký đã có</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="201"/>
        <source>&amp;Decline…</source>
        <translation>Từ &amp;chối…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="202"/>
        <source>Decline to sign</source>
        <translation>Từ chối ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="203"/>
        <source>Refuse to sign, with a reason everyone sees; the request ends</source>
        <translation>Từ chối ký, kèm lý do mọi người đều thấy; yêu cầu ký kết thúc</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="204"/>
        <source>Why you decline (everyone sees it)</source>
        <translation>Lý do từ chối (mọi người đều thấy)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="205"/>
        <source>Reason for declining</source>
        <translation>Lý do từ chối ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="206"/>
        <source>Send the &amp;decline</source>
        <translation>&amp;Gửi từ chối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="207"/>
        <source>Send the decline</source>
        <translation>Gửi từ chối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="208"/>
        <source>Queue the decline; the next sync sends it</source>
        <translation>Đưa lời từ chối vào hàng chờ; lần đồng bộ tới sẽ gửi đi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="263"/>
        <source>No signing requests on this computer. Sync first.</source>
        <translation>Máy này chưa có yêu cầu ký nào. Hãy đồng bộ trước.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="265"/>
        <source>Waiting for your signature: %1</source>
        <translation>Đang chờ bạn ký: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="268"/>
        <source>Nothing is waiting for your signature.</source>
        <translation>Không có văn bản nào đang chờ bạn ký.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="287"/>
        <source>waiting for your signature</source>
        <translation>đang chờ bạn ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="289"/>
        <source>signed, sent at the next sync</source>
        <translation>đã ký, gửi đi ở lần đồng bộ tới</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="291"/>
        <source>declined, sent at the next sync</source>
        <translation>đã từ chối, gửi đi ở lần đồng bộ tới</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="317"/>
        <source>%1, version %2</source>
        <translation>%1, phiên bản %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="321"/>
        <source>State: %1</source>
        <translation>Trạng thái: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="328"/>
        <source>%1. %2 (%3, %4): %5</source>
        <translation>%1. %2 (%3, %4): %5</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="335"/>
        <source>you</source>
        <translation>bạn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="338"/>
        <source>Reason: %1</source>
        <translation>Lý do: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="348"/>
        <source>Your signature is queued: the next sync sends it.</source>
        <translation>Chữ ký của bạn đang trong hàng chờ: lần đồng bộ tới sẽ gửi đi.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="350"/>
        <source>Your decline is queued: the next sync sends it.</source>
        <translation>Lời từ chối của bạn đang trong hàng chờ: lần đồng bộ tới sẽ gửi đi.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="355"/>
        <source>Your last answer was refused: %1</source>
        <translation>Trả lời gần nhất của bạn bị từ chối: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="357"/>
        <source>The file to sign is not on this computer yet. Sync first.</source>
        <translation>Tệp cần ký chưa có trên máy này. Hãy đồng bộ trước.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="359"/>
        <source>Your turn: sign in the field “%1”.</source>
        <translation>Đến lượt bạn: ký vào ô “%1”.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="368"/>
        <source>Sign &amp;again</source>
        <translation>&amp;Ký lại</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="368"/>
        <source>&amp;Sign</source>
        <translation>&amp;Ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="371"/>
        <source>Sign your step with the chosen key: the PIN is asked once</source>
        <translation>Ký bước của bạn bằng khóa đã chọn: mã PIN chỉ hỏi một lần</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="409"/>
        <source>No token found. Plug it in and try again.</source>
        <translation>Không tìm thấy thiết bị ký. Hãy cắm thiết bị rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="437"/>
        <source>Signing…</source>
        <translation>Đang ký…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="450"/>
        <source>Signed: the next sync sends your signature.</source>
        <translation>Đã ký: lần đồng bộ tới sẽ gửi chữ ký của bạn.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="456"/>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="466"/>
        <source>Not signed: the PIN was not given.</source>
        <translation>Chưa ký: mã PIN chưa được nhập.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/signing_requests_page.py" line="488"/>
        <source>Declined: the next sync sends it.</source>
        <translation>Đã từ chối ký: lần đồng bộ tới sẽ gửi đi.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="152"/>
        <source>&amp;My signatures…</source>
        <translation>Chữ &amp;ký của tôi…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="153"/>
        <source>My signatures</source>
        <translation>Chữ ký của tôi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="269"/>
        <source>The server refused an action: %1</source>
        <translation>Máy chủ từ chối một thao tác: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_control.py" line="307"/>
        <source>Sync stopped.</source>
        <translation>Đã dừng đồng bộ.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="75"/>
        <source>server unreachable</source>
        <translation>không kết nối được máy chủ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="78"/>
        <source>server busy or failing</source>
        <translation>máy chủ đang bận hoặc gặp sự cố</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="81"/>
        <source>login refused</source>
        <translation>đăng nhập bị từ chối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="84"/>
        <source>sign-in blocked for now</source>
        <translation>tạm thời bị chặn đăng nhập</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="87"/>
        <source>account disabled</source>
        <translation>tài khoản đã bị vô hiệu hóa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="90"/>
        <source>server certificate not trusted (TLS)</source>
        <translation>chứng thư máy chủ không được tin cậy (TLS)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="93"/>
        <source>plain HTTP refused</source>
        <translation>không chấp nhận HTTP không mã hóa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="96"/>
        <source>wrong server address</source>
        <translation>sai địa chỉ máy chủ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="99"/>
        <source>server&apos;s answer refused</source>
        <translation>phản hồi của máy chủ bị từ chối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="102"/>
        <source>took too long</source>
        <translation>quá thời gian cho phép</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="103"/>
        <source>refused by the server</source>
        <translation>bị máy chủ từ chối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="106"/>
        <source>disk full</source>
        <translation>ổ đĩa đầy</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="107"/>
        <source>disk error</source>
        <translation>lỗi ổ đĩa</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="108"/>
        <source>cache damaged</source>
        <translation>bộ nhớ đệm bị hỏng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="111"/>
        <source>see the Sync page</source>
        <translation>xem trang Đồng bộ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="151"/>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="152"/>
        <source>Connecting…</source>
        <translation>Đang kết nối…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="153"/>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="154"/>
        <source>Up to date</source>
        <translation>Đã cập nhật</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="155"/>
        <source>Sync error</source>
        <translation>Lỗi đồng bộ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="156"/>
        <source>Offline — no server set up</source>
        <translation>Ngoại tuyến — chưa thiết lập máy chủ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="160"/>
        <source>Sync error: %1</source>
        <translation>Lỗi đồng bộ: %1</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="162"/>
        <source>Sync error: %1 documents not downloaded</source>
        <translation>Lỗi đồng bộ: %1 tài liệu chưa tải được</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="166"/>
        <source>%1 queued</source>
        <translation>%1 đang chờ gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="170"/>
        <source>Sync state: %1</source>
        <translation>Trạng thái đồng bộ: %1</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="41"/>
        <source>Private note</source>
        <translation>Ghi chú riêng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="42"/>
        <source>Comment</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="43"/>
        <source>Comment edited</source>
        <translation>Sửa góp ý</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="44"/>
        <source>Answer to a comment</source>
        <translation>Trả lời góp ý</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="45"/>
        <source>Signed document</source>
        <translation>Tài liệu đã ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="47"/>
        <source>Signature completed with a timestamp</source>
        <translation>Chữ ký đã hoàn thiện với dấu thời gian</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="50"/>
        <source>Written opinion</source>
        <translation>Ý kiến bằng văn bản</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="52"/>
        <source>Signature on a signing request</source>
        <translation>Chữ ký theo yêu cầu ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="55"/>
        <source>Declined signing request</source>
        <translation>Từ chối ký theo yêu cầu ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="64"/>
        <source>Queued</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="65"/>
        <source>Sending</source>
        <translation>Đang gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="66"/>
        <source>Done</source>
        <translation>Đã xong</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="67"/>
        <source>Rejected</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="263"/>
        <source>Sync &amp;now</source>
        <translation>Đồng bộ &amp;ngay</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="265"/>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="266"/>
        <source>&amp;Outgoing actions</source>
        <translation>Thao tác &amp;chờ gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="267"/>
        <source>Outgoing actions</source>
        <translation>Thao tác chờ gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="269"/>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="269"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="269"/>
        <source>Attempts</source>
        <translation>Số lần thử</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="269"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="271"/>
        <source>&amp;Downloads</source>
        <translation>&amp;Tải xuống</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="272"/>
        <source>Downloads</source>
        <translation>Tải xuống</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="273"/>
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="273"/>
        <source>Size</source>
        <translation>Kích thước</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="273"/>
        <source>Progress</source>
        <translation>Tiến độ</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="310"/>
        <source>“%1”, version %2</source>
        <translation>“%1”, phiên bản %2</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="321"/>
        <source>%1 actions waiting to be sent</source>
        <translation>%1 thao tác đang chờ gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="334"/>
        <source>Skipped</source>
        <translation>Đã bỏ qua</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="339"/>
        <source>Every document is on this computer.</source>
        <translation>Mọi tài liệu đều đã có trên máy này.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/sync_panel.py" line="362"/>
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
    <name>VotesPanel</name>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="229"/>
        <source>named</source>
        <translation>công khai</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="229"/>
        <source>secret</source>
        <translation>kín</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="233"/>
        <source>result published</source>
        <translation>đã công bố kết quả</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="235"/>
        <source>open</source>
        <translation>đang mở</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="237"/>
        <source>closing</source>
        <translation>đang kết thúc</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="239"/>
        <source>closed</source>
        <translation>đã kết thúc</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="240"/>
        <source>not opened yet</source>
        <translation>chưa mở</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="244"/>
        <source>queued: it is sent when the connection returns</source>
        <translation>đang chờ gửi: sẽ gửi khi có kết nối trở lại</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="245"/>
        <source>sent, waiting for the answer</source>
        <translation>đã gửi, đang chờ trả lời</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="246"/>
        <source>counted</source>
        <translation>đã được tính</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="247"/>
        <source>not counted</source>
        <translation>không được tính</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="248"/>
        <source>refused</source>
        <translation>bị từ chối</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="252"/>
        <source>Votes of this meeting</source>
        <translation>Các biểu quyết của cuộc họp</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="253"/>
        <source>Your choice</source>
        <translation>Lựa chọn của bạn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="254"/>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="255"/>
        <source>Your opinion</source>
        <translation>Ý kiến của bạn</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="256"/>
        <source>Vote &amp;for:</source>
        <translation>Bỏ phiếu &amp;cho:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="257"/>
        <source>Sign &amp;with:</source>
        <translation>&amp;Ký bằng:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="258"/>
        <source>Find &amp;tokens</source>
        <translation>&amp;Tìm thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="259"/>
        <source>Sign and &amp;send</source>
        <translation>Ký và &amp;gửi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="260"/>
        <source>Who voted</source>
        <translation>Những người đã bỏ phiếu</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="261"/>
        <source>&amp;Verify</source>
        <translation>&amp;Kiểm chứng</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="263"/>
        <source>Check that my ballot is in the published bulletin and count it again.</source>
        <translation>Kiểm tra lá phiếu của tôi có trong bảng công bố và kiểm phiếu lại.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="383"/>
        <source>No vote in this meeting yet.</source>
        <translation>Cuộc họp này chưa có biểu quyết nào.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="398"/>
        <source>%1 (%2 vote)</source>
        <translation>%1 (biểu quyết %2)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="419"/>
        <source>Not opened yet.</source>
        <translation>Chưa mở.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="421"/>
        <source>Round %1 is open: %2 ballots counted, %3 still to vote.</source>
        <translation>Vòng %1 đang mở: đã tính %2 lá phiếu, còn %3 người chưa biểu quyết.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="425"/>
        <source>Round %1 is closing: ballots still count for %4 (%2 counted, %3 still to vote).</source>
        <translation>Vòng %1 đang kết thúc: phiếu vẫn được tính trong %4 nữa (đã tính %2, còn %3 người chưa biểu quyết).</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="428"/>
        <source>Round %1 is closed and its result published.</source>
        <translation>Vòng %1 đã kết thúc và đã công bố kết quả.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="430"/>
        <source>Round %1 is closed.</source>
        <translation>Vòng %1 đã kết thúc.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="486"/>
        <source>myself</source>
        <translation>bản thân tôi</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="503"/>
        <source>counted (as your ballot %1)</source>
        <translation>đã được tính (là lá phiếu %1 của bạn)</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="509"/>
        <source>My ballot%1: %2 — %3</source>
        <translation>Lá phiếu của tôi%1: %2 — %3</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="519"/>
        <source>You have not voted in this round.</source>
        <translation>Bạn chưa biểu quyết trong vòng này.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="535"/>
        <source>passed</source>
        <translation>được thông qua</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="535"/>
        <source>not passed</source>
        <translation>không được thông qua</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="537"/>
        <source>Result of round %1: %2 — %3 (needed %4 of %5).</source>
        <translation>Kết quả vòng %1: %2 — %3 (cần %4 trên %5).</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="548"/>
        <source>Your participation is included; your choice is not shown.</source>
        <translation>Việc tham gia của bạn đã được ghi nhận; lựa chọn của bạn không được hiển thị.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="599"/>
        <source>No token found. Plug it in and try again.</source>
        <translation>Không tìm thấy thiết bị ký. Hãy cắm thiết bị rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="645"/>
        <source>Signing your ballot…</source>
        <translation>Đang ký lá phiếu của bạn…</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="678"/>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="687"/>
        <source>Not signed: the PIN was not given.</source>
        <translation>Chưa ký: mã PIN chưa được nhập.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="706"/>
        <source>Verified: the bulletin of round %1 is the one the authority signed, its %2 ballots count to the published result, %3 signatures hold, and %4 of my ballots are in it.</source>
        <translation>Đã kiểm chứng: bảng công bố của vòng %1 đúng là bảng mà máy chủ điều hành đã ký, %2 lá phiếu trong đó kiểm lại ra đúng kết quả đã công bố, %3 chữ ký hợp lệ, và %4 lá phiếu của tôi có trong đó.</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="716"/>
        <source>Verification failed:</source>
        <translation>Kiểm chứng không đạt:</translation>
    </message>
    <message>
        <location filename="../../src/hanoi_desk/ui/live_votes.py" line="727"/>
        <source>Verifying…</source>
        <translation>Đang kiểm chứng…</translation>
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
