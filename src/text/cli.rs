//! The command line's messages.

crate::texts! {
    C {
        // Shared by every command.
        Error => "lỗi: {0}", "error: {0}";
        NoCommand => "hãy nêu một lệnh; xem `thidua --help`", "name a command; see `thidua --help`";
        FileNotFound => "không tìm thấy tệp", "file not found";
        FileNoPermission => "không có quyền đọc tệp", "no permission to read the file";
        FileIsFolder => "đây là thư mục, không phải tệp", "this is a folder, not a file";
        FileUnreadable => "không đọc được tệp ({0})", "cannot read the file ({0})";
        ProblemsFound => "{0} lỗi; hãy sửa tệp theo từng vị trí ở trên rồi kiểm tra lại.", "{0} {0|problem|problems}; fix the file at each place above and check again.";
        MeetingReadOnly => "CẢNH BÁO: tệp hội nghị không còn nguyên vẹn; chỉ mở để xem, không ghi được:", "WARNING: the meeting file does not verify; it is open read-only:";
        NoMemberWithId => "không có đơn vị nào có mã \"{0}\"", "no member has the id \"{0}\"";

        // check
        SummaryMembers => "{0} {1} (cụm trưởng: {2}, cụm phó: {3})", "{0} {0|member|members} ({1}; head: {2}, deputy: {3})";
        SummaryCriteria => "{0} nhóm tiêu chí, {1} tiêu chí, tổng điểm tối đa {2}", "{0} {0|criteria group|criteria groups}, {1} {1|item|items}, maximum total {2}";
        SummaryTree => "Định dạng 2: cây tiêu chí sâu {0} cấp, {1} mục con", "Format 2: a criteria tree {0} {0|level|levels} deep, {1} {1|heading|headings}";
        SummaryKinds => "Loại tiêu chí: {0} chấm điểm, {1} đạt/không đạt, {2} tính theo số lần, {3} cộng/trừ theo số lần, {4} theo chỉ tiêu đăng ký", "Item kinds: {0} points, {1} pass/fail, {2} per occurrence, {3} plus/minus counts, {4} against a registered target";
        SummaryFacts => "Chủ trì nhập {0} tiêu chí một lần cho mỗi đơn vị; {1} tiêu chí không áp dụng cho một số đơn vị", "The chair enters {0} {0|item|items} once per member; {1} {1|item does|items do} not apply to some members";
        SummaryPercent => "Xếp hạng theo tỷ lệ % trên điểm tối đa của từng đơn vị (điểm tối đa từ {0} đến {1})", "Ranked by percent of each member's own maximum (own maxima from {0} to {1})";
        SummaryQuorum => "Cuộc họp cần ít nhất {0} số thành viên có mặt: {1} trên {2}", "A meeting needs at least {0} of its members present: {1} of {2}";
        SummaryLists => "{0} mục điểm thưởng/trừ, {1} mức xếp loại, {2} hình thức khen thưởng", "{0} {0|bonus/deduction item|bonus/deduction items}, {1} {1|class|classes}, {2} {2|commendation|commendations}";
        ConfigValid => "Cấu hình hợp lệ.", "The config is valid.";

        // new
        MeetingCreated => "Đã tạo tệp hội nghị {0} cho {1} ({2} đơn vị, {3} có mặt).", "Created meeting file {0} for {1} ({2} {2|member|members}, {3} present).";

        // import
        SheetAlreadyIn => "{0}: phiếu của {1} đã có trong hội nghị, không thay đổi.", "{0}: {1}'s sheet is already in the meeting; nothing changed.";
        FactsAlreadyIn => "{0}: mọi số liệu trong tệp đã có trong hội nghị, không thay đổi.", "{0}: every figure in the file is already in the meeting; nothing changed.";
        FactsImported => "{0}: đã nhập {1} số liệu do chủ trì nhập (đã lưu đến sự kiện số {2}).", "{0}: entered {1} {1|figure|figures} for the chair (committed through event #{2}).";
        SheetImported => "{0}: đã nhập và nộp phiếu của {1} ({2} ô điểm; đã lưu đến sự kiện số {3}).", "{0}: imported and submitted {1}'s sheet ({2} {2|cell|cells}; committed through event #{3}).";
        TheSheetFailed => "Phiếu chấm không nhập được; tệp hội nghị không thay đổi.", "The sheet was not imported; the meeting file is unchanged.";
        NoSheetImported => "Không nhập được phiếu nào trong {0} phiếu; tệp hội nghị không thay đổi.", "None of the {0} sheets was imported; the meeting file is unchanged.";
        SomeSheetsFailed => "{0}/{1} phiếu không nhập được; {2} phiếu còn lại đã có trong tệp hội nghị.", "{0} of {1} sheets {0|was|were} not imported; the other {2} {2|is|are} in the meeting file.";

        // verify
        MeetingDamaged => "{0}: KHÔNG HỢP LỆ — tệp đã bị thay đổi hoặc hư hỏng:", "{0}: FAILED — the file was altered or damaged:";
        MeetingVerified => "{0}: OK — {1} sự kiện, chuỗi kiểm tra nguyên vẹn.\nconfig_sha256: {2}\nsession_head: {3}\nMã kiểm tra: {4}", "{0}: OK — {1} {1|event|events}, the hash chain verifies.\nconfig_sha256: {2}\nsession_head: {3}\nCheck code: {4}";
        ResultsFailed => "{0}: KHÔNG HỢP LỆ", "{0}: FAILED";
        ResultsIntact => "{0}: OK — nội dung nguyên vẹn. Mã kiểm tra phiên họp: {1}", "{0}: OK — the content is intact. Session check code: {1}";
        ResultsMatch => "{0}: OK — nội dung nguyên vẹn và khớp với tệp hội nghị {1}.", "{0}: OK — intact, and it matches the meeting file {1}.";

        // export, sheet
        Exported => "Đã xuất {0}", "Exported {0}";
        SheetSaved => "Đã lưu phiếu chấm của {0} vào {1}", "Saved {0}'s sheet to {1}";

        // sample
        SampleMeeting => "Cuộc họp mẫu (dữ liệu minh họa, chấm trong bộ nhớ, không ghi tệp).", "Sample meeting (example data, scored in memory, no file written).";

        // synthetic, score-stream (hidden: measurements and crash tests)
        UnknownScale => "scale: meeting, large hoặc stress", "scale: meeting, large or stress";
        EventsWritten => "{0} sự kiện", "{0} {0|event|events}";
        NoOpenSheet => "không có phiếu nào đang mở để chấm", "no open sheet to score";
        JoinNeedsPin => "cần --pin, hoặc một đường dẫn tham gia có mã", "give --pin, or a join link that carries the code";
        CannotOpenWindow => "không mở được cửa sổ ứng dụng: {0}", "cannot open the window: {0}";
    }
}
