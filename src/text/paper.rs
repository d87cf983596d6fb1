//! The words of typing in a paper score sheet twice.

crate::texts! {
    PT {
        OpenPaper => "Nhập phiếu giấy…", "Type in a paper sheet…";
        OpenPaperHint => "Thư ký nhập phiếu chấm giấy của đại biểu; người thứ hai nhập lại để đối chiếu trước khi phiếu được ghi vào hội nghị.", "The secretary types in a delegate's paper sheet; a second person types it again, and the two are compared before the sheet goes into the meeting.";
        StartTitle => "Nhập phiếu chấm giấy", "Type in a paper score sheet";
        WhoseSheet => "Phiếu của đại biểu", "Whose sheet";
        Typist => "Người nhập", "Typed by";
        TypistHint => "Họ và tên người đang nhập", "Full name of the person typing";
        CheckCode => "Mã kiểm tra in ở chân phiếu", "Check code printed at the foot of the sheet";
        CheckCodeHint => "16 chữ số và chữ cái, gõ theo phiếu", "16 digits and letters, as on the sheet";
        Begin => "Bắt đầu nhập", "Start typing";
        Continue => "Tiếp tục nhập", "Continue typing";
        StateNew => "Chưa nhập lần nào.", "Not typed in yet.";
        StateFirstOpen => "Lần nhập 1 đang dở ({0}): tiếp tục nhập.", "Entry 1 is under way ({0}): continue it.";
        StateSecondNext => "Lần nhập 1 đã xong ({0}). Lần này là lần nhập 2: một người khác (hoặc người nhập lúc trước) nhập lại từ phiếu giấy, không xem lần 1.", "Entry 1 is done ({0}). This is entry 2: someone else (or the same person later) types the paper again, without seeing entry 1.";
        StateSecondOpen => "Lần nhập 2 đang dở ({0}): tiếp tục nhập.", "Entry 2 is under way ({0}): continue it.";
        StateCompare => "Đã nhập đủ hai lần: đối chiếu.", "Both entries are typed: compare them.";
        EntryHeading => "PHIẾU GIẤY của {0} — lần nhập {1} — người nhập: {2}", "PAPER SHEET of {0} — entry {1} — typed by {2}";
        EntryHint => "Gõ đúng như phiếu giấy ghi, kể cả số sai: phần mềm sẽ đánh dấu. Ô phiếu để trống thì bỏ qua (Tab).", "Type exactly what the paper says, wrong numbers included: they will be marked. Skip a cell the paper leaves blank (Tab).";
        FinishEntry => "Xong lần nhập {0}", "Entry {0} done";
        Pause => "Tạm dừng", "Pause";
        DiscardEntry => "Bỏ lần nhập này…", "Discard this entry…";
        DiscardSheet => "Bỏ phiếu giấy này…", "Discard this paper sheet…";
        ConfirmDiscardEntry => "Bỏ lần nhập {0} của phiếu giấy {1}? Những gì đã gõ ở lần này bị xóa; các lần nhập khác giữ nguyên.", "Discard entry {0} of {1}'s paper sheet? What was typed in this entry is deleted; other entries stay.";
        ConfirmDiscardSheet => "Bỏ phiếu giấy của {0}? Cả hai lần nhập và phần đối chiếu bị xóa; hội nghị không thay đổi.", "Discard {0}'s paper sheet? Both entries and the comparison are deleted; the meeting does not change.";
        Discard => "Bỏ", "Discard";
        FirstDone => "Lần nhập 1 phiếu của {0} đã xong. Người thứ hai nhập lại: bấm \u{201c}Nhập phiếu giấy…\u{201d}.", "Entry 1 of {0}'s sheet is done. For the second entry, press \u{201c}Type in a paper sheet…\u{201d}.";
        CompareHeading => "PHIẾU GIẤY của {0} — đối chiếu hai lần nhập ({1} / {2})", "PAPER SHEET of {0} — the two entries compared ({1} / {2})";
        CompareSummary => "{0} ô hai lần nhập khác nhau, {1} ô chưa thống nhất; {2} ô phiếu ghi sai, {3} ô chưa được chủ trì xác nhận.", "{0} {0|cell differs|cells differ} between the entries, {1} still open; the paper gets {2} {2|cell|cells} wrong, {3} not yet confirmed by the chair.";
        AllAgree => "Hai lần nhập khớp nhau ở mọi ô.", "The two entries agree in every cell.";
        DifferencesHeading => "Các ô hai lần nhập khác nhau: gõ lại lần thứ ba theo phiếu giấy", "Cells where the entries differ: type them a third time from the paper";
        ColumnCell => "Ô", "Cell";
        ColumnFirst => "Lần 1", "Entry 1";
        ColumnSecond => "Lần 2", "Entry 2";
        ColumnThird => "Gõ lại theo phiếu", "Typed again from the paper";
        ColumnState => "Kết quả", "Result";
        Blank => "(trống)", "(blank)";
        BlankButton => "Phiếu để trống", "Blank on paper";
        ThirdField => "Gõ lại {0}", "Type again {0}";
        MatchesFirst => "khớp lần 1", "matches entry 1";
        MatchesSecond => "khớp lần 2", "matches entry 2";
        MatchesNeither => "khác cả hai lần; đọc lại phiếu và gõ lại", "differs from both; read the paper again and retype";
        NotTyped => "chưa gõ lại", "not typed again yet";
        FaultsHeading => "Các ô phiếu giấy ghi sai: chủ trì ghi lại điểm đại biểu xác nhận, kèm lý do", "Cells the paper gets wrong: the chair records what the delegate meant, with a reason";
        ColumnWritten => "Phiếu ghi", "Written";
        ColumnWhy => "Vì sao không nhận", "Why refused";
        ColumnMeant => "Điểm đại biểu xác nhận", "Points the delegate meant";
        ColumnReason => "Lý do", "Reason";
        MeantField => "Điểm xác nhận {0}", "Points meant {0}";
        ReasonField => "Lý do {0}", "Reason {0}";
        ReasonHint => "Ví dụ: đại biểu xác nhận chấm 10", "E.g. the delegate confirmed 10";
        BlankFault => "tiêu chí để trống", "criterion left blank";
        Confirmed => "đã xác nhận", "confirmed";
        Commit => "Ghi phiếu vào hội nghị…", "Put the sheet into the meeting…";
        CommitNeeds => "Chỉ ghi được khi mọi ô đã thống nhất và mọi ô phiếu ghi sai đã được xác nhận.", "The sheet can go in once every cell agrees and every cell the paper gets wrong is confirmed.";
        ConfirmCommitTitle => "Ghi phiếu giấy vào hội nghị?", "Put the paper sheet into the meeting?";
        ConfirmCommit => "Ghi phiếu chấm của {0} vào hội nghị như đã thống nhất: {1} ô có điểm, ghi là nhập từ phiếu giấy bởi {2}, kiểm tra bởi {3}. Phiếu được nộp và khóa; chỉ chủ trì mở lại được.", "Put {0}'s sheet into the meeting as agreed: {1} {1|cell|cells} with points, recorded as typed from paper by {2} and checked by {3}. The sheet is submitted and locked; only the chair can reopen it.";
        Committed => "Đã ghi phiếu giấy của {0} vào hội nghị.", "{0}'s paper sheet is in the meeting.";
        Back => "Về phiếu chấm", "Back to the sheets";
        InProgress => "Phiếu giấy đang nhập: {0}", "Paper sheets being typed in: {0}";
        NotSavedDraft => "Chưa lưu được phần đang nhập: {0}", "What is being typed could not be saved: {0}";
        MeantInvalid => "{0}: {1}", "{0}: {1}";
    }
}
