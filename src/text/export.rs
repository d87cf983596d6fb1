//! The exported documents' words: results, workbook, CSV, the minutes.

crate::texts! {
    X {
        // Column headings (the CSV, the workbook, the minutes' table, the text tally).
        Rank => "Hạng", "Rank";
        Member => "Đơn vị", "Member";
        Total => "Tổng điểm", "Total";
        Class => "Xếp loại", "Class";
        Group => "Nhóm {0}", "Group {0}";
        Bonus => "Điểm thưởng", "Bonus";
        Deductions => "Điểm trừ", "Deductions";
        SelfScore => "Tự chấm", "Self-score";
        Sheets => "Phiếu", "Sheets";
        SheetsCounted => "Số phiếu tính", "Sheets counted";
        SheetsExpected => "Số phiếu cần", "Sheets expected";
        ProposedCommendation => "Đề nghị khen thưởng", "Proposed commendation";
        Status => "Tình trạng", "Status";

        // The title and status lines every report opens with.
        TitleLine => "{0} — năm {1}", "{0} — year {1}";
        StatusFinal => "KẾT QUẢ CHÍNH THỨC (đã chốt)", "FINAL RESULTS (finalized)";
        StatusFactsMissing => "KẾT QUẢ TẠM TÍNH — chủ trì còn {0} số liệu chưa nhập", "PROVISIONAL — {0} {0|figure|figures} the chair enters still missing";
        StatusBelowQuorum => "; chưa đủ số đơn vị dự họp: {0}/{1} có mặt, cần ít nhất {2}", "; below quorum: {0} of {1} present, at least {2} needed";
        MethodFacts => "{0} tiêu chí do chủ trì nhập một lần cho mỗi đơn vị theo báo cáo của đơn vị; điểm của các tiêu chí đó như nhau trên mọi phiếu.", "{0} {0|item is|items are} entered once per member by the chair from the member's report; their points are the same on every sheet.";
        MethodPercent => "Các đơn vị được xếp hạng và xếp loại theo tỷ lệ phần trăm điểm đạt được trên điểm tối đa của chính đơn vị (tiêu chí không áp dụng cho đơn vị thì không tính vào điểm tối đa đó).", "Members are ranked and classified by the percentage of their own maximum (items that do not apply to a member are left out of that maximum).";
        MethodQuorum => "Hội nghị cần ít nhất {0} số thành viên có mặt ({1} trên {2}).", "The meeting needs at least {0} of its members present ({1} of {2}).";
        ByCriterion => "Điểm bình quân theo từng tiêu chí", "Mean points by item";
        Criterion => "Tiêu chí", "Item";
        OwnMax => "Tối đa", "Own max";
        Percent => "Tỷ lệ %", "Percent";
        StatusProvisional => "KẾT QUẢ TẠM TÍNH — còn thiếu {0} trong {1} phiếu chấm", "PROVISIONAL — {0} of {1} {1|sheet|sheets} missing";
        StatusComplete => "Đã nộp đủ {0}/{1} phiếu chấm (chưa chốt kết quả)", "All {0}/{1} {1|sheet|sheets} submitted (not finalized)";
        SessionCheckCode => "Mã kiểm tra phiên họp: {0}", "Session check code: {0}";

        // Commendations, proposals and why (the text tally and the minutes).
        ProposedCommendations => "Đề nghị khen thưởng", "Proposed commendations";
        CommendationSeats => "{0} ({1} suất)", "{0} ({1} {1|seat|seats})";
        NoEligibleNote => "(không có đơn vị đủ điều kiện)", "(no eligible member)";
        NoEligibleMember => "Không có đơn vị đủ điều kiện.", "No eligible member.";
        BallotVotes => "{0}/{1} phiếu, {2}%", "{0}/{1} {1|vote|votes}, {2}%";
        DecidedByMeeting => "hội nghị quyết định: {0}", "decided by the meeting: {0}";
        TiedForSeats => "bằng điểm tranh {0} suất", "tied for {0} {0|seat|seats}";
        TiedAwaitingDecision => "bằng điểm, chờ quyết định", "tied, awaiting a decision";
        ReasonRank => "xếp hạng {0}, {1} điểm", "rank {0}, {1} {1|point|points}";
        ReasonBallot => "bỏ phiếu vòng {0}: {1}/{2} phiếu ({3}%)", "ballot round {0}: {1}/{2} {2|vote|votes} ({3}%)";
        SeatsOpenBelowClass => "Còn trống {0} suất: không còn đơn vị nào đạt mức xếp loại tối thiểu ({1}).", "{0} {0|seat stays|seats stay} open: no remaining member reached the minimum class ({1}).";
        SeatsOpenNotScored => "Còn trống {0} suất: các đơn vị còn lại chưa có phiếu chấm nào được tính.", "{0} {0|seat stays|seats stay} open: the remaining members have no counted sheet yet.";
        SeatsOpenNoOther => "Còn trống {0} suất: không còn đơn vị nào khác đủ điều kiện.", "{0} {0|seat stays|seats stay} open: no other member is eligible.";
        NextYearShort => "Cụm trưởng năm sau: {0} — cụm phó: {1}", "Next year's head: {0} — deputy: {1}";
        NextYear => "Cụm trưởng năm sau: {0}; cụm phó năm sau: {1}.", "Next year's head: {0}; deputy: {1}.";
        Decision => "Hội nghị quyết định ({0}): {1} — lý do: {2}", "Decision of the meeting ({0}): {1} — reason: {2}";

        // The scoring method in one sentence.
        ScoringMethod => "Mỗi đơn vị chấm theo {0} tiêu chí (tối đa {1} điểm, cộng điểm thưởng, trừ điểm trừ); tổng điểm của mỗi đơn vị là {2} {3}, làm tròn {4} chữ số thập phân; xếp hạng theo tổng điểm đã làm tròn.", "Each member scores {0} {0|criterion|criteria} (at most {1} {1|point|points}, plus bonus, minus deductions); a member's total is {2} {3}, rounded to {4} {4|decimal|decimals}; ranks follow the rounded totals.";
        AggregateMean => "trung bình cộng tổng điểm các phiếu chấm", "the mean of the sheet totals";
        AggregateTrimmedMean => "trung bình cộng tổng điểm các phiếu chấm sau khi bỏ {0} phiếu cao nhất và {0} phiếu thấp nhất", "the mean of the sheet totals without the {0} highest and {0} lowest";
        AggregateMedian => "trung vị tổng điểm các phiếu chấm", "the median of the sheet totals";
        SelfExclude => "của các đơn vị khác (đơn vị không tự chấm)", "of the other members (no member scores itself)";
        SelfInclude => "của tất cả các đơn vị, kể cả phiếu tự chấm", "of all members, its own included";
        SelfSeparate => "của các đơn vị khác (điểm tự chấm được ghi riêng, không tính)", "of the other members (its own score shown apart, not counted)";

        // Secret ballots.
        BallotPasses => "đạt", "passes";
        BallotFails => "không đạt", "fails";
        ThresholdMoreThan => "trên", "more than";
        ThresholdAtLeast => "từ", "at least";
        BasePresent => "số đại biểu có mặt", "delegates present";
        BaseMembers => "tổng số đơn vị", "members";
        BaseValid => "số phiếu hợp lệ", "valid ballots";
        BallotVoteLine => "{0} {1}/{2} phiếu ({3}% {4}) — {5}", "{0} {1}/{2} {2|vote|votes} ({3}% of {4}) — {5}";
        BallotRound => "{0}, vòng {1}: phát ra {2} phiếu, hợp lệ {3} phiếu (ngưỡng: {4} {5} {6}). {7}.", "{0}, round {1}: {2} issued, {3} valid (threshold: {4} {5} of {6}). {7}.";

        // The minutes (PDF).
        MinutesDocumentTitle => "Biên bản hội nghị", "Meeting minutes";
        FontUnreadable => "không đọc được phông chữ để in biên bản", "the font for the minutes cannot be read";
        PageNumber => "Trang {0}/{1}", "Page {0} of {1}";
        CheckCode => "Mã kiểm tra: {0}", "Check code: {0}";
        // A chrono format: the meeting's date in words.
        DateFormat => "ngày %d tháng %m năm %Y", "%d %B %Y";
        Motto => "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM";
        MottoSubtitle => "Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness";
        MinutesTitle => "BIÊN BẢN", "MINUTES";
        MinutesSubtitle => "Hội nghị chấm điểm, bình xét thi đua năm {0}", "Scoring and emulation review meeting, {0}";
        SectionAttendance => "THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN", "TIME, PLACE, ATTENDANCE";
        SectionMethod => "PHƯƠNG THỨC CHẤM ĐIỂM", "SCORING METHOD";
        SectionScores => "KẾT QUẢ CHẤM ĐIỂM, XẾP LOẠI", "SCORES AND CLASSIFICATION";
        SectionBallots => "KẾT QUẢ BỎ PHIẾU KÍN", "SECRET BALLOTS";
        SectionCommendations => "ĐỀ NGHỊ KHEN THƯỞNG", "PROPOSED COMMENDATIONS";
        SectionNextYear => "CỤM TRƯỞNG, CỤM PHÓ NĂM SAU", "NEXT YEAR'S HEAD AND DEPUTY";
        DatePlace => "Thời gian: {0}. Địa điểm: {1}.", "Date: {0}. Place: {1}.";
        ChairSecretary => "Chủ trì: {0}. Thư ký: {1}.", "Chair: {0}. Secretary: {1}.";
        NoMeetingDetails => "Thông tin hội nghị chưa được ghi.", "The meeting details were not recorded.";
        Attendance => "Thành phần: đại biểu của {0}/{1} đơn vị thành viên: {2}.", "Attending: delegates of {0} of {1} {1|member|members}: {2}.";
        Absent => "Vắng: {0}.", "Absent: {0}.";
        NoCommendationRules => "Quy chế của cụm không quy định hình thức khen thưởng.", "The cluster's rules set no commendation.";
        NotYetAgreed => "Chưa thống nhất.", "Not yet agreed.";
        MinutesClosing => "Biên bản được lập từ tệp hội nghị; mã kiểm tra {0} (in ở chân mỗi trang) xác nhận nội dung trùng với tệp kết quả điện tử gửi kèm.", "These minutes were produced from the meeting file; the check code {0} (at the foot of every page) ties them to the electronic results sent with them.";
        SignSecretary => "THƯ KÝ", "SECRETARY";
        SignChair => "CHỦ TRÌ", "CHAIR";
        SignHint => "(Ký, ghi rõ họ tên)", "(Signature and full name)";

        // The workbook (XLSX).
        SummarySheet => "Tổng hợp", "Summary";
        GroupSheetTitle => "{0}. {1} ({2} điểm)", "{0}. {1} ({2} {2|point|points})";
        GroupSheetNote => "Mỗi cột là điểm nhóm này do một đơn vị chấm; ô trống: không chấm (tự chấm không tính, vắng mặt hoặc chưa nộp).", "Each column is the points a scorer gave for this group; empty: not scored (own sheet, absent or not submitted).";
        MemberScored => "Đơn vị được chấm", "Member scored";
        GroupMean => "Điểm nhóm (trung bình)", "Group subtotal (mean)";
        BallotsSheet => "Bỏ phiếu và quyết định", "Ballots and decisions";
        BallotsTitle => "Kết quả bỏ phiếu kín, quyết định của hội nghị", "Secret ballots and decisions of the meeting";
        BallotItem => "Nội dung", "Item";
        BallotRoundColumn => "Vòng", "Round";
        Votes => "Số phiếu", "Votes";
        OutOf => "Trên cơ sở", "Out of";
        Share => "Tỷ lệ (%)", "Share (%)";
        BallotResult => "Kết quả", "Result";
        WorkbookFailed => "không tạo được bảng tính: {0}", "the workbook cannot be made: {0}";

        // Writing files.
        WriteFailed => "không ghi được tệp: {0}", "cannot write the file: {0}";
        UnknownFormat => "không biết định dạng \"{0}\"; hãy dùng .json, .csv, .xlsx hoặc .pdf", "unknown format \"{0}\": use .json, .csv, .xlsx or .pdf";
        NotSubmitted => "phiếu chấm của {0} chưa nộp; hãy nộp phiếu trước", "{0}'s sheet is not submitted yet; submit it first";

        // Checking a results document.
        ResultsUnreadable => "không đọc được tệp kết quả: {0}", "the results file cannot be read: {0}";
        ResultsTooLarge => "tệp quá lớn", "too large";
        ResultsNotUtf8 => "không phải văn bản UTF-8", "not UTF-8";
        NotResults => "không phải tệp kết quả thidua.results/1", "not a thidua.results/1 document";
        NoDigest => "tệp thiếu mã kiểm tra (digest)", "the document has no digest";
        Edited => "nội dung đã bị sửa sau khi xuất (mã kiểm tra không khớp)", "the content was edited after export (the digest does not match)";
        Differs => "{0}: tệp ghi {1}, tệp hội nghị cho {2}", "{0}: the file says {1}, the meeting gives {2}";
        OtherMeeting => "tệp kết quả thuộc về một hội nghị khác (config_sha256 khác)", "the results belong to another meeting (config_sha256 differs)";
        AheadOfMeeting => "tệp kết quả ghi {0} sự kiện nhưng tệp hội nghị chỉ có {1}", "the results count {0} {0|event|events} but the meeting file has only {1}";

        // A tie at a commendation's seat line, in words: who is ahead of whom, on
        // which key, with both values.
        TieAheadGroup => "hơn {0} về điểm nhóm {1}: {2} so với {3}", "ahead of {0} on the subtotal of group {1}: {2} against {3}";
        TieAheadBonus => "hơn {0} về điểm thưởng: {1} so với {2}", "ahead of {0} on bonus points: {1} against {2}";
        TieAheadDeductions => "hơn {0} vì ít điểm trừ hơn: {1} so với {2}", "ahead of {0} on fewer deductions: {1} against {2}";
        TieAheadBallot => "hơn {0} về số phiếu bầu: {1} so với {2}", "ahead of {0} on ballot votes: {1} against {2}";
        TieBehindGroup => "bằng điểm với {0} nhưng xếp sau về điểm nhóm {1}: {2} so với {3}", "tied with {0} but behind on the subtotal of group {1}: {2} against {3}";
        TieBehindBonus => "bằng điểm với {0} nhưng xếp sau về điểm thưởng: {1} so với {2}", "tied with {0} but behind on bonus points: {1} against {2}";
        TieBehindDeductions => "bằng điểm với {0} nhưng xếp sau vì nhiều điểm trừ hơn: {1} so với {2}", "tied with {0} but behind on more deductions: {1} against {2}";
        TieBehindBallot => "bằng điểm với {0} nhưng xếp sau về số phiếu bầu: {1} so với {2}", "tied with {0} but behind on ballot votes: {1} against {2}";
        TieUnresolved => "bằng điểm với {0}, tranh {1} suất, chưa tách được: {2}; chờ chủ trì quyết định", "tied with {0} for {1} {1|seat|seats}, not yet separated: {2}; awaiting the chair's decision";
        TieLevelSummary => "{0} bằng điểm ({1}), tranh {2} suất, chưa tách được: {3}; chờ chủ trì quyết định", "{0} tied ({1}) for {2} {2|seat|seats}, not yet separated: {3}; awaiting the chair's decision";
        TieEqualOn => "{0} cùng là {1}", "{0} equal at {1}";
        TieNoBallotYet => "chưa có kết quả bỏ phiếu", "no ballot recorded yet";
        TieNoKeys => "quy chế không có tiêu chí phụ", "the rules set no tie-break";
        TieKeyGroup => "điểm nhóm {0}", "the subtotal of group {0}";
        TieKeyBonus => "điểm thưởng", "bonus points";
        TieKeyDeductions => "điểm trừ", "deductions";
        TieKeyBallot => "số phiếu bầu", "ballot votes";
        GroupLabel => "{0} ({1})", "{0} ({1})";
        TieDecidedChosen => "bằng điểm với {0}; hội nghị quyết định: {1}", "tied with {0}; decided by the meeting: {1}";
        TieDecidedOther => "bằng điểm với {0}; hội nghị chọn {1}, lý do: {2}", "tied with {0}; the meeting chose {1}, reason: {2}";
        TieNoSeat => "không có suất", "no seat";
        TieNoteFor => "{0}: {1}", "{0}: {1}";
        Note => "Ghi chú", "Note";
        TieNotSeparated => "chưa tách được: {0}; chờ chủ trì quyết định", "not yet separated: {0}; awaiting the chair's decision";
        // The minutes' place-and-date line under the motto.
        PlaceDate => "{0}, {1}", "{0}, {1}";
        PlaceUnknown => "……………", "……………";
    }
}
