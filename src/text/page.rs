//! The scoring page the host serves to phones and office laptops. The host hands the
//! whole list to the page in both languages (see `net::page`); the page's script
//! names a message by its key here and fills its blanks itself.

crate::texts! {
    P {
        Loading => "Đang tải phiếu chấm…", "Loading the sheet…";
        JoinPrompt => "Nhập mã PIN in trên phiếu mã tham gia chủ trì phát", "Type the PIN printed on the join code slip from the chair";
        PinLabel => "Mã PIN (8 chữ số)", "PIN (8 digits)";
        Join => "Tham gia", "Join";
        PinBad => "Mã PIN gồm đúng 8 chữ số, như trên phiếu mã.", "The PIN has exactly 8 digits, as on the code slip.";
        SheetOf => "Phiếu chấm của {0}", "{0}'s sheet";
        SavedCount => "Đã lưu trên máy chủ trì: {0}/{1} ô", "Saved on the chair's laptop: {0}/{1} {1|cell|cells}";
        Sending => "; đang gửi: {0}", "; being sent: {0}";
        Offline => "Chưa kết nối được tới máy chủ trì. Điểm đã gõ được giữ trên máy này và tự gửi lại khi có mạng.", "Cannot reach the chair's laptop. What you typed is kept on this device and sent again when the network is back.";
        MaxStep => "tối đa {0} điểm, bước {1}", "maximum {0} {0|point|points}, step {1}";
        Guide => "Hướng dẫn chấm", "Scoring guide";
        KindPassFail => "đạt: {0} điểm; không đạt: 0", "passed: {0} {0|point|points}; not passed: 0";
        KindCount => "gõ số lần; mỗi lần {0} điểm, tối đa {1}", "type the count; {0} {0|point|points} each, at most {1}";
        KindPlusMinus => "gõ số lần cộng và số lần trừ; cộng {0}, trừ {1} mỗi lần; từ {2} đến {3} điểm", "type the plus and minus counts; {0} up, {1} down each; from {2} to {3} points";
        KindTarget => "gõ kết quả thực hiện; so với chỉ tiêu đăng ký, tối đa {0} điểm", "type the actual; against the registered target, at most {0} {0|point|points}";
        KindByChair => "chủ trì nhập theo báo cáo của đơn vị; tối đa {0} điểm", "entered by the chair from the member's report; at most {0} {0|point|points}";
        NotAssigned => "không áp dụng", "does not apply";
        NotEnteredYet => "chủ trì chưa nhập", "not entered yet";
        PlusCount => "số lần cộng", "plus count";
        MinusCount => "số lần trừ", "minus count";
        PointsGiven => "{0} điểm", "{0} pt";
        TargetIs => "chỉ tiêu {0}", "target {0}";
        Passed => "Đạt", "Passed";
        NotPassed => "Không đạt", "Not passed";
        NotWhole => "số lần phải là số nguyên", "a count must be a whole number";
        CellSaved => "đã lưu", "saved";
        CellSending => "đang gửi…", "sending…";
        CellRefused => "bị từ chối", "refused";
        NotNumber => "“{0}” không phải là số; hãy gõ số như 9 hoặc 9,5", "“{0}” is not a number; type a number such as 9 or 9.5";
        OverMax => "vượt điểm tối đa {0}", "above the maximum {0}";
        OffStep => "không đúng bước điểm {0} (ví dụ {1} hoặc {2})", "not a multiple of the step {0} (for example {1} or {2})";
        Negative => "điểm không được nhỏ hơn 0", "points cannot be below 0";
        TooManyDecimals => "chỉ được tối đa 2 chữ số thập phân", "at most 2 decimal places";
        Submit => "Nộp phiếu", "Submit the sheet";
        ConfirmSubmit => "Nộp phiếu chấm của {0}? Sau khi nộp, phiếu bị khóa; chỉ chủ trì mở lại được.", "Submit {0}'s sheet? Once submitted it is locked; only the chair can reopen it.";
        NeedAll => "Chấm đủ mọi ô rồi mới nộp được: còn {0} ô trống.", "Score every cell before submitting: {0} {0|cell is|cells are} empty.";
        FixRefused => "Sửa các ô bị từ chối (tô đỏ) rồi mới nộp được.", "Correct the refused cells (in red) before submitting.";
        WaitSending => "Đợi các điểm đang gửi được lưu rồi mới nộp được.", "Wait until the values being sent are saved before submitting.";
        Submitted => "Đã nộp — phiếu đã khóa.", "Submitted — the sheet is locked.";
        Reopened => "Chủ trì đã mở lại phiếu: {0}", "The chair reopened the sheet: {0}";
        Absent => "Chủ trì chưa ghi nhận đơn vị có mặt, nên phiếu chỉ để xem.", "The chair has not marked this member present, so the sheet is read-only.";
        Finalized => "Hội nghị đã chốt kết quả; phiếu chỉ để xem.", "The meeting's results are final; the sheet is read-only.";
        CodeLost => "Mã tham gia không còn hiệu lực; hãy hỏi chủ trì mã mới.", "The join code no longer works; ask the chair for a new one.";
        OtherLanguage => "English", "Tiếng Việt";
        Bonus => "Điểm thưởng", "Bonus points";
        Deduction => "Điểm trừ", "Deductions";
        SelfMark => "(tự chấm)", "(self)";
        ShowResults => "Xem kết quả tạm tính", "See the running results";
        HideResults => "Ẩn kết quả", "Hide the results";
        ResultsTitle => "Kết quả tạm tính (chủ trì công bố)", "Running results (published by the chair)";
        ResultsNote => "Chưa phải kết quả chính thức cho tới khi hội nghị chốt.", "Not official until the meeting finalizes.";
        Rank => "Hạng", "Rank";
        Member => "Đơn vị", "Member";
        Total => "Tổng điểm", "Total";
        Class => "Xếp loại", "Class";
    }
}
