//! The window's words.

crate::texts! {
    T {
        AppTitle => "thidua — Chấm điểm thi đua cụm", "thidua — Cluster emulation scoring";
        Language => "Ngôn ngữ", "Language";
        ZoomIn => "Chữ to hơn (Ctrl +)", "Larger text (Ctrl +)";
        ZoomOut => "Chữ nhỏ hơn (Ctrl −)", "Smaller text (Ctrl −)";
        Close => "Đóng", "Close";
        Cancel => "Hủy", "Cancel";

        StartHeading => "Bắt đầu", "Start";
        StartIntro => "Mở tệp cấu hình cụm (.json) để chuẩn bị hội nghị mới, hoặc mở tệp hội nghị (.thidua) để tiếp tục.", "Open a cluster config (.json) to prepare a new meeting, or a meeting file (.thidua) to continue one.";
        OpenFile => "Mở tệp…", "Open file…";
        UseSample => "Dùng cụm mẫu", "Use the sample cluster";
        SampleHint => "Cụm thi đua số 1 (dữ liệu minh họa)", "Cluster no. 1 (example data)";
        PathLabel => "Đường dẫn tệp", "File path";
        OpenPath => "Mở", "Open";
        DropHint => "Có thể kéo thả tệp vào cửa sổ này.", "You can also drop a file onto this window.";
        Recent => "Tệp mở gần đây", "Recent files";
        ResumeLast => "Tiếp tục hội nghị gần nhất: {0}", "Continue the last meeting: {0}";
        NoRecent => "Chưa có tệp nào.", "No files yet.";
        FileDialogUnavailable => "Không mở được hộp chọn tệp trên máy này; hãy gõ đường dẫn tệp vào ô bên dưới.", "The file dialog is not available here; type the file's path in the field below.";
        ConfigErrors => "Tệp cấu hình có {0} lỗi. Hãy sửa tệp tại các vị trí dưới đây rồi mở lại:", "The config has {0} {0|problem|problems}. Fix the file at these places and open it again:";
        CannotOpen => "Không mở được tệp", "Cannot open the file";
        UnknownKind => "Chỉ mở được tệp cấu hình .json hoặc tệp hội nghị .thidua.", "Only a .json config or a .thidua meeting file can be opened.";

        SetupHeading => "Chuẩn bị hội nghị", "Meeting setup";
        ClusterLine => "{0} — năm {1}", "{0} — year {1}";
        MembersLine => "{0} {1}, {2} tiêu chí, tổng điểm tối đa {3}", "{0} {1}, {2} {2|criterion|criteria}, maximum {3} {3|point|points}";
        Date => "Ngày họp", "Date";
        DateHint => "ngày/tháng/năm", "dd/mm/yyyy";
        Place => "Địa điểm", "Place";
        Chair => "Chủ trì", "Chair";
        Secretary => "Thư ký", "Secretary";
        Attendance => "Đại biểu có mặt", "Delegates present";
        PresentOf => "Có mặt: {0}", "Present: {0}";
        RoleHead => "Cụm trưởng", "Head";
        RoleDeputy => "Cụm phó", "Deputy";
        SaveAs => "Lưu tệp hội nghị tại", "Save the meeting file as";
        ChooseLocation => "Chọn nơi lưu…", "Choose…";
        CreateMeeting => "Tạo hội nghị", "Create the meeting";
        BadDate => "Ngày chưa đúng; hãy viết ngày/tháng/năm, ví dụ 20/12/2024.", "The date is not valid; write dd/mm/yyyy, e.g. 20/12/2024.";
        NeedTwoPresent => "Cần ít nhất 2 đại biểu có mặt để chấm chéo.", "At least 2 delegates must be present to score each other.";
        Back => "Quay lại", "Back";

        TabScoring => "Chấm điểm", "Scoring";
        TabTally => "Tổng hợp", "Tally";
        MeetingFile => "Tệp hội nghị: {0}", "Meeting file: {0}";
        SavedEvents => "Đã lưu {0} thay đổi", "{0} {0|change|changes} saved";
        ReadOnly => "Tệp hội nghị không còn nguyên vẹn hoặc không ghi được; chỉ mở để xem:", "The meeting file does not verify or cannot be written; open read-only:";
        Finalized => "Hội nghị đã chốt kết quả; mọi phiếu đã khóa.", "The meeting is finalized; every sheet is locked.";
        StartScreen => "Màn hình đầu", "Start screen";

        Delegate => "Đại biểu chấm", "Scoring delegate";
        DelegateHint => "Ctrl+PageDown / Ctrl+PageUp: đại biểu kế tiếp / trước", "Ctrl+PageDown / Ctrl+PageUp: next / previous delegate";
        Progress => "Đã chấm {0}/{1} ô", "{0} of {1} {1|cell|cells} scored";
        Submitted => "Đã nộp — phiếu đã khóa", "Submitted — the sheet is locked";
        SubmittedShort => "đã nộp", "submitted";
        Absent => "Vắng mặt", "Absent";
        Criterion => "Tiêu chí", "Criterion";
        MaxShort => "tối đa {0}", "max {0}";
        MaxColumn => "Tối đa", "Max";
        GroupMax => "{0} ({1} điểm)", "{0} ({1} {1|point|points})";
        Bonus => "Điểm thưởng", "Bonus";
        Deduction => "Điểm trừ", "Deduction";
        SheetTotal => "Tổng điểm", "Total";
        CellLabel => "Điểm {0} cho {1}", "Points {0} for {1}";
        SelfScore => "(tự chấm)", "(self)";
        FactEnteredAt => "Chủ trì nhập lúc {0} (sự kiện số {1}).", "Entered by the chair at {0} (event #{1}).";
        FactNotEntered => "Chưa nhập số liệu này.", "This figure has not been entered.";
        TabFacts => "Số liệu", "Figures";
        FactsHeading => "Số liệu chủ trì nhập cho từng đơn vị", "Figures the chair enters for each member";
        FactsExplain => "Mỗi số liệu nhập một lần theo báo cáo của đơn vị; phiếu chấm của mọi đại biểu đều hiện số liệu này và điểm tính từ đó.", "Each figure is entered once, from the member's report; every delegate's sheet shows it and the points it gives.";
        FactsAllIn => "Đã nhập đủ số liệu.", "Every figure is in.";
        FactsMissing => "Còn {0} số liệu chưa nhập: kết quả còn tạm tính.", "{0} {0|figure|figures} still missing: the results stay provisional.";
        PointsShort => "{0} điểm", "{0} pt";
        PercentOfOwnMax => "Tỷ lệ % trên điểm tối đa của đơn vị", "Percent of own maximum";
        OwnMaxIs => "Điểm tối đa của đơn vị: {0}", "This member's maximum: {0}";
        PlusCount => "số lần cộng", "plus count";
        MinusCount => "số lần trừ", "minus count";
        EnteredByChairShort => "chủ trì nhập", "entered by the chair";
        NotAssignedShort => "không áp dụng", "does not apply";
        Passed => "Đạt", "Passed";
        NotPassed => "Không đạt", "Not passed";
        HowPassFail => "gõ 1 nếu đạt, 0 nếu không đạt; đạt được {0} điểm", "type 1 if passed, 0 if not; passed gives {0} {0|point|points}";
        HowCount => "gõ số lần; mỗi lần {0} điểm, tối đa {1}", "type the count; {0} {0|point|points} each, at most {1}";
        HowPlusMinus => "gõ số lần cộng và số lần trừ; cộng {0}, trừ {1} mỗi lần, từ {2} đến {3} điểm", "type the plus and minus counts; {0} up, {1} down each, from {2} to {3} points";
        HowActual => "gõ kết quả thực hiện; chỉ tiêu đăng ký {0}; tối đa {1} điểm", "type the actual; registered target {0}; at most {1} {1|point|points}";
        SubmitSheet => "Nộp phiếu (Ctrl+Enter)", "Submit sheet (Ctrl+Enter)";
        ConfirmSubmitTitle => "Nộp phiếu chấm?", "Submit the sheet?";
        ConfirmSubmit => "Nộp phiếu chấm của {0}? Sau khi nộp, phiếu bị khóa; chỉ chủ trì mới mở lại được.", "Submit {0}'s sheet? Once submitted it is locked; only the chair can reopen it.";
        ReopenSheet => "Mở lại phiếu…", "Reopen sheet…";
        ReopenTitle => "Mở lại phiếu chấm của {0}", "Reopen {0}'s sheet";
        Reason => "Lý do", "Reason";
        ReasonHint => "Ví dụ: đại biểu nhập nhầm tiêu chí 2.3", "E.g. the delegate mistyped item 2.3";
        Reopen => "Mở lại phiếu", "Reopen";
        Guide => "Hướng dẫn chấm", "Scoring guide";
        CellHelp => "Gõ điểm (9,5 hoặc 9.5), rồi Tab, Enter hoặc mũi tên để sang ô khác. Esc: trả lại giá trị đã lưu. Ctrl+Enter: nộp phiếu.", "Type points (9,5 or 9.5), then Tab, Enter or an arrow for the next cell. Esc: back to the saved value. Ctrl+Enter: submit.";
        Step => "bước {0}", "step {0}";
        GridArea => "Bảng chấm điểm", "Score grid";
        NetOverAllowance => "{0} — quá giới hạn", "{0} — over the limit";
        NetOverAllowanceHint => "Các máy dùng mã này đã gửi số điểm gấp 20 lần số ô của phiếu; các lần gửi sau bị từ chối. Nếu mã bị người khác dùng, hãy cấp mã mới.", "The devices using this code have sent 20 times the sheet's cells; what they send now is refused. If someone else is using the code, issue a new one.";
        AuditPaper => "Phiếu giấy của {0}: {1} nhập, {2} nhập lại để kiểm tra; {3} ô phiếu ghi sai được chủ trì xác nhận", "{0}'s paper sheet: typed in by {1}, typed again to check by {2}; {3} {3|cell|cells} the paper got wrong confirmed by the chair";
        CellRefused => "Không nhận \u{201c}{0}\u{201d} ở ô {1} cho {2}: {3}. Ô này {4}; gõ lại, hoặc bấm Esc.", "\u{201c}{0}\u{201d} refused in {1} for {2}: {3}. This cell {4}; type it again, or press Esc.";
        NothingSaved => "chưa lưu điểm nào", "holds no saved points";
        SavedValue => "vẫn giữ điểm đã lưu {0}", "keeps its saved {0}";
        PastEnd => "Đã đến ô cuối cùng của phiếu. Kiểm tra lại, rồi bấm Ctrl+Enter để nộp phiếu.", "This is the last cell of the sheet. Check it, then press Ctrl+Enter to submit.";
        SubmitHint => "Nộp phiếu khi đã chấm đủ mọi ô tiêu chí (Ctrl+Enter).", "Submit once every criterion cell is scored (Ctrl+Enter).";
        SubmitBlocked => "Chưa nộp được phiếu: {0}.", "The sheet cannot be submitted yet: {0}.";
        RefusedCells => "{0} ô có điểm bị từ chối ({1})", "{0} {0|cell has|cells have} refused points ({1})";
        EmptyCells => "{0} ô tiêu chí còn trống ({1})", "{0} criterion {0|cell is|cells are} empty ({1})";
        CellAt => "{0} cho {1}", "{0} for {1}";
        AndMore => "và {0} ô khác", "and {0} more";
        ReopenExplain => "Phiếu được mở lại để đại biểu sửa điểm; mọi điểm đã chấm vẫn giữ nguyên. Lý do được ghi vào nhật ký hội nghị.", "The sheet opens again for the delegate to correct it; every score stays as it is. The reason is written to the meeting's audit trail.";

        TallyHeading => "Tổng hợp kết quả", "Tally";
        Provisional => "TẠM TÍNH — còn thiếu {0} trong {1} phiếu chấm", "PROVISIONAL — {0} of {1} {1|sheet|sheets} missing";
        AllIn => "Đã nộp đủ {0}/{1} phiếu chấm", "All {0}/{1} {1|sheet|sheets} submitted";
        FinalResults => "KẾT QUẢ CHÍNH THỨC (đã chốt)", "FINAL RESULTS";
        Rank => "Hạng", "Rank";
        Member => "Đơn vị", "Member";
        Total => "Tổng điểm", "Total";
        Class => "Xếp loại", "Class";
        Sheets => "Phiếu", "Sheets";
        SelfTotal => "Tự chấm", "Self-score";
        Proposal => "Đề nghị khen thưởng", "Proposed commendation";
        Commendations => "Đề nghị khen thưởng", "Proposed commendations";
        Seats => "{0} — {1} suất", "{0} — {1} {1|seat|seats}";
        NoEligible => "Không có đơn vị đủ điều kiện.", "No eligible member.";
        SeatsOpenBelowClass => "Còn trống {0} suất: không còn đơn vị nào đạt mức xếp loại tối thiểu ({1}).", "{0} {0|seat stays|seats stay} open: no remaining member reached the minimum class ({1}).";
        SeatsOpenNotScored => "Còn trống {0} suất: các đơn vị còn lại chưa có phiếu chấm nào được tính.", "{0} {0|seat stays|seats stay} open: the remaining members have no counted sheet yet.";
        SeatsOpenNoOther => "Còn trống {0} suất: không còn đơn vị nào khác đủ điều kiện.", "{0} {0|seat stays|seats stay} open: no other member is eligible.";
        DecidedBy => "hội nghị quyết định: {0}", "decided by the meeting: {0}";
        BallotShare => "{0}/{1} phiếu ({2}%)", "{0}/{1} {1|vote|votes} ({2}%)";
        Completion => "Tiến độ chấm (đại biểu × đơn vị)", "Scoring progress (delegate × member)";
        CompletionHover => "{0} chấm {1}: {2}/{3} tiêu chí", "{0} scoring {1}: {2}/{3} {3|item|items}";
        Chart => "Biểu đồ tổng điểm", "Totals chart";
        Group => "Nhóm {0}", "Group {0}";
        NotScoredYet => "chưa có phiếu", "no sheet yet";
        CheckCode => "Mã kiểm tra phiên họp: {0}", "Session check code: {0}";
        KeyBonus => "điểm thưởng", "bonus";
        KeyDeductions => "điểm trừ ít hơn", "fewer deductions";
        KeyBallot => "số phiếu bầu", "ballot votes";
        KeyGroup => "điểm nhóm {0}", "group {0} subtotal";
        Recomputed => "Tổng hợp lại sau mỗi thay đổi đã lưu.", "Recomputed after every saved change.";

        TabChair => "Điều hành", "Chair";
        TabAudit => "Nhật ký", "Audit trail";
        CellSending => "Đang gửi tới máy chủ trì; chưa lưu.", "Being sent to the chair's laptop; not saved yet.";
        JoinDelegate => "Tham gia hội nghị", "Join a meeting";
        JoinHeading => "Tham gia hội nghị qua mạng", "Join a meeting over the network";
        JoinExplain => "Chấm phiếu của đơn vị mình trên máy này; điểm được gửi tới máy của chủ trì qua mạng nội bộ. Tìm hội nghị trên mạng, hoặc nhập địa chỉ và mã PIN trên phiếu chủ trì phát.", "Score your own sheet on this laptop; the scores go to the chair's laptop over the local network. Find the meeting on the network, or type the address and PIN from the chair's slip.";
        JoinListen => "Tìm hội nghị trên mạng", "Find meetings on the network";
        JoinListening => "Đang tìm…", "Listening…";
        JoinAddress => "Địa chỉ máy chủ trì", "The chair's address";
        JoinButton => "Tham gia", "Join";
        ClientHeading => "Phiếu chấm của {0} — gửi tới máy chủ trì {1}", "{0}'s sheet — sent to the chair's laptop at {1}";
        ClientStatus => "Đã lưu trên máy chủ trì: {0}/{1} ô; đang gửi: {2}", "Saved on the chair's laptop: {0}/{1} {1|cell|cells}; being sent: {2}";
        ClientOffline => "Chưa kết nối được tới máy chủ trì ({0}). Điểm đã gõ được giữ trên máy này và tự gửi lại khi có mạng.", "Cannot reach the chair's laptop ({0}). What you typed is kept on this laptop and sent again when the network is back.";
        ReopenedByChair => "Chủ trì đã mở lại phiếu: {0}", "The chair reopened the sheet: {0}";
        TabKey => "Phím tắt: {0}", "Shortcut: {0}";
        TabNetwork => "Qua mạng", "Network";
        NetHeading => "Chấm điểm qua mạng nội bộ", "Scoring over the local network";
        NetExplain => "Đại biểu chấm trên máy của mình qua Wi-Fi của phòng họp hoặc điểm phát Wi-Fi của chủ trì; mọi điểm chỉ được ghi vào tệp hội nghị trên máy này. Mỗi đại biểu có mặt nhận một mã tham gia riêng (mã PIN, đường dẫn, mã QR) chỉ mở được phiếu của chính mình.", "Delegates score on their own laptops over the room's Wi-Fi or the chair's hotspot; every score is committed only to the meeting file on this laptop. Each present delegate gets a personal join code (PIN, link, QR code) that opens only their own sheet.";
        NetPort => "Cổng", "Port";
        NetStart => "Mở chấm qua mạng", "Open scoring over the network";
        NetBadPort => "Cổng phải là một số từ 1 đến 65535.", "The port must be a number from 1 to 65535.";
        NetServing => "Đang mở chấm qua mạng tại {0}", "Serving the meeting at {0}";
        NetHowToJoin => "Đại biểu quét mã QR, hoặc mở \"Tham gia hội nghị\" và nhập địa chỉ cùng mã PIN. Bấm tên một đơn vị để hiện mã QR của đơn vị đó.", "Delegates scan the QR code, or open \"Join a meeting\" and type the address and PIN. Click a member's name to show its QR code.";
        NetPublish => "Cho đại biểu xem kết quả tổng hợp", "Let the delegates see the tally";
        NetPin => "Mã PIN", "PIN";
        NetDevices => "Máy đã dùng mã", "Devices that used the code";
        NetProgress => "Đã chấm", "Scored";
        NetCode => "Mã tham gia", "Join code";
        NetNoDevice => "chưa có máy nào", "none yet";
        NetOneDevice => "1 máy", "1 device";
        NetManyDevices => "{0} máy — hãy kiểm tra", "{0} devices — check this";
        NetByPinMark => "{0} · PIN", "{0} · PIN";
        NetDevicesHow => "Tham gia bằng mã PIN: {0}. Mở đường dẫn hoặc mã QR: {1}. Lần nhập PIN đi qua Wi-Fi ở dạng người cùng mạng có thể đọc được; nếu nghi ngờ, hãy cấp mã mới và dùng mã QR.", "Joined by PIN: {0}. Opened the link or QR code: {1}. A PIN join crosses the Wi-Fi readable by anyone on it; if in doubt, issue a new code and use the QR code.";
        NetDeviceRefused => "đã từ chối máy thứ {0}", "device {0} refused";
        NetDeviceRefusedHint => "Mã này đã được dùng trên {0} máy, nhiều nhất cho phép, và đã từ chối một máy mới. Nếu đó là máy của đại biểu, hãy cấp mã mới; nếu không, có người khác đang dùng mã.", "This code was used on {0} devices, the most allowed, and has refused a new one. If it is the delegate's, issue a new code; if not, someone else is using the code.";
        NetSlips => "In phiếu mã tham gia (PDF)", "Print the join-code slips (PDF)";
        NetReissue => "Cấp mã mới", "Issue a new code";
        NetReissueHint => "Thu hồi mã cũ (máy bị mất hoặc cho mượn) và cấp mã mới; mã cũ hết hiệu lực ngay.", "Revoke the old code (a lost or borrowed laptop) and issue a new one; the old code stops working at once.";
        NetPinLine => "PIN {0}", "PIN {0}";
        NetReissued => "Đã cấp mã mới cho {0}: PIN {1}. Mã cũ đã bị thu hồi.", "New code for {0}: PIN {1}. The old code is revoked.";
        Undo => "Hoàn tác (Ctrl+Z)", "Undo (Ctrl+Z)";
        Redo => "Làm lại (Ctrl+Y)", "Redo (Ctrl+Y)";
        CannotUndo => "Không hoàn tác được: {0}", "Cannot undo: {0}";

        OpenProjector => "Màn hình chiếu", "Projector screen";
        HideUntilAll => "Ẩn điểm cho đến khi đủ phiếu", "Hide figures until all sheets are in";
        ProjectorTitle => "thidua — màn hình chiếu", "thidua — projector";
        ProjectorHint => "Kéo cửa sổ sang máy chiếu, bấm F11 để toàn màn hình.", "Drag the window to the projector; F11 for full screen.";
        ProjectorProgress => "Đã nộp {0}/{1} phiếu chấm", "{0} of {1} {1|sheet|sheets} submitted";
        ProvisionalShort => "TẠM TÍNH", "PROVISIONAL";
        FiguresHidden => "Kết quả sẽ được công bố khi đủ phiếu chấm.", "Results will be shown when every sheet is in.";
        NotYet => "chưa nộp", "not yet";

        BallotHeading => "Bỏ phiếu kín: {0}", "Secret ballot: {0}";
        BasePresent => "số đại biểu có mặt ({0})", "delegates present ({0})";
        BaseMembers => "tổng số đơn vị trong cụm ({0})", "members of the cluster ({0})";
        BaseValid => "số phiếu hợp lệ", "valid ballots";
        RecordedRound => "Đã ghi vòng {0}: phát ra {1}, hợp lệ {2}.", "Round {0} recorded: {1} issued, {2} valid.";
        EnterRound => "Ghi kết quả vòng {0}", "Enter round {0}";
        Issued => "Số phiếu phát ra", "Ballots issued";
        Valid => "Số phiếu hợp lệ", "Valid ballots";
        VotesFor => "Số phiếu cho {0}", "Votes for {0}";
        Passes => "đạt", "passes";
        Fails => "không đạt", "fails";
        RecordBallot => "Ghi kết quả bỏ phiếu vòng {0}", "Record round {0}";
        NotACount => "{0}: cần một số nguyên không âm", "{0}: a whole number is needed";
        CountRefused => "Số liệu không hợp lý, chưa ghi: {0}", "Impossible count, not recorded: {0}";

        TieHeading => "Bằng điểm: {0}", "Tie: {0}";
        NoTieBreak => "quy chế không có tiêu chí phụ để phân định", "the rules have no tie-break key";
        TieKeysEqual => "các tiêu chí phụ ({0}) đều bằng nhau", "the tie-break keys ({0}) are all equal";
        TieExplain => "{0} cùng {1} điểm, tranh {2} suất; {3}. Hội nghị cần quyết định và ghi rõ lý do.", "{0} all have {1} {1|point|points} for {2} {2|seat|seats}; {3}. The meeting must decide and write why.";
        ChooseSeats => "Chọn {0} đơn vị:", "Choose {0} {0|member|members}:";
        RecordDecision => "Ghi quyết định", "Record the decision";
        DecisionRecorded => "Đã quyết định ({0}): {1} — lý do: {2}", "Decided ({0}): {1} — reason: {2}";

        NextYearHeading => "Cụm trưởng, cụm phó năm sau", "Next year's head and deputy";
        NextYearRecorded => "Đã thống nhất: cụm trưởng {0}, cụm phó {1}.", "Agreed: head {0}, deputy {1}.";
        RecordNextYear => "Ghi", "Record";
        HeadDeputyDiffer => "Cụm trưởng và cụm phó phải là hai đơn vị khác nhau.", "Head and deputy must be two different members.";

        FinalizeHeading => "Chốt kết quả", "Finalize";
        FinalizeExplain => "Sau khi chốt, mọi phiếu và quyết định bị khóa; kết quả là chính thức.", "Once finalized, every sheet and decision is locked and the results are final.";
        FinalizeButton => "Chốt kết quả hội nghị", "Finalize the meeting";
        CannotFinalize => "Chưa thể chốt kết quả. Còn thiếu:", "The meeting cannot be finalized yet. Missing:";
        ConfirmFinalize => "Chốt kết quả hội nghị? Sau khi chốt không thể sửa điểm, phiếu bầu hay quyết định.", "Finalize the meeting? Scores, ballots and decisions can no longer change.";

        ConfidenceHeading => "Độ vững của kết quả", "How firm the result is";
        ConfidenceExplain => "Khoảng cách đến mức xếp loại và suất khen thưởng kế tiếp; và kết quả có đổi không nếu bỏ một phiếu chấm hay tính theo cách khác.", "Margins to the next class and commendation line; and whether any proposal changes without one sheet or under another aggregate.";
        ToNextClass => "Đến mức xếp loại cao hơn", "To the next class";
        ToCommendationLine => "So với suất khen thưởng", "Against the commendation line";
        NeedsForClass => "thiếu {0} điểm để được xếp {1}", "{0} {0|point|points} short of {1}";
        BestClass => "đã ở mức cao nhất", "already in the best class";
        AheadBy => "hơn {0} điểm (giữ suất {1})", "{0} {0|point|points} ahead (holds {1})";
        BehindBy => "kém {0} điểm (chưa có suất {1})", "{0} {0|point|points} behind ({1})";
        RobustnessHeading => "Nếu tính khác đi", "If computed differently";
        NoSheetsYet => "Chưa có phiếu nào được nộp.", "No sheet has been submitted yet.";
        WithoutSheet => "Không tính phiếu của {0}", "Without {0}'s sheet";
        WithAggregate => "Tính theo {0}", "Using {0}";
        AggMean => "điểm trung bình", "the mean";
        AggTrimmed => "trung bình bỏ cao nhất và thấp nhất", "the mean without highest and lowest";
        AggMedian => "trung vị", "the median";
        SeatChange => "{0}: thêm {1}, mất {2}", "{0}: gains {1}, loses {2}";
        NoProposalChange => "đề nghị khen thưởng không đổi.", "no proposal changes.";
        ClassChanges => "({0} đơn vị đổi xếp loại)", "({0} {0|member changes|members change} class)";

        ChairActor => "Chủ trì", "Chair";
        AuditFact => "Chủ trì nhập số liệu {0} của {1}: từ {2} thành {3}", "The chair entered {0} for {1}: from {2} to {3}";
        AuditScore => "{0} chấm {1} cho {2}: từ {3} thành {4}", "{0} scored {1} for {2}: from {3} to {4}";
        AuditSubmit => "{0} nộp phiếu", "{0} submitted the sheet";
        AuditReopen => "Mở lại phiếu của {0}: {1}", "Reopened {0}'s sheet: {1}";
        PresentWord => "có mặt", "present";
        AuditAttendance => "{0}: {1}", "{0}: {1}";
        AuditMeeting => "Thông tin hội nghị: ngày {0}, tại {1}", "Meeting details: {0}, at {1}";
        AuditBallot => "Bỏ phiếu {0} vòng {1}: phát ra {2}, hợp lệ {3}; {4}", "Ballot {0} round {1}: {2} issued, {3} valid; {4}";
        AuditDecision => "Quyết định {0}: {1} — {2}", "Decision {0}: {1} — {2}";
        AuditDevice => "{0} (máy {1})", "{0} (device {1})";
        AuditMeetingCleared => "Bỏ thông tin hội nghị đã ghi (hoàn tác)", "Meeting details taken back (undo)";
        AuditNextYearCleared => "Bỏ cụm trưởng, cụm phó năm sau đã ghi (hoàn tác)", "Next year's head and deputy taken back (undo)";
        AuditNextYear => "Năm sau: cụm trưởng {0}, cụm phó {1}", "Next year: head {0}, deputy {1}";
        AuditFinalize => "Chốt kết quả hội nghị", "Meeting finalized";
        AuditImport => "Nhập phiếu của {0} từ tệp {1}", "Imported {0}'s sheet from {1}";
        All => "Tất cả", "All";
        FilterDelegate => "Đại biểu", "Delegate";
        FilterTarget => "Đơn vị được chấm", "Member scored";
        AuditCount => "{0} trên {1} sự kiện", "{0} of {1} {1|event|events}";
        Seq => "Số", "No.";
        ExportMenu => "Xuất kết quả", "Export";
        ExportJson => "Kết quả điện tử (.json)", "Results document (.json)";
        ExportXlsx => "Bảng tổng hợp Excel (.xlsx)", "Excel summary (.xlsx)";
        ExportCsv => "Bảng tổng hợp CSV (.csv)", "CSV summary (.csv)";
        ExportPdf => "Biên bản (.pdf)", "Minutes (.pdf)";
        ExportAll => "Cả bốn tệp", "All four files";
        Exported => "Đã xuất: {0}", "Exported: {0}";
        SaveCopy => "Lưu thành…", "Save as…";
        SaveCopyHint => "Lưu một bản sao đầy đủ của tệp hội nghị (ví dụ vào USB); hội nghị vẫn tiếp tục trên tệp đang mở.", "Save a complete copy of the meeting file (e.g. to a USB stick); the meeting goes on in the open file.";
        CopySaved => "Đã lưu bản sao tại {0}; hội nghị vẫn tiếp tục trên tệp {1}.", "A copy was saved to {0}; the meeting goes on in {1}.";
        LangNameVi => "Tiếng Việt", "Tiếng Việt";
        LangNameEn => "English", "English";
        SheetsHeading => "Phiếu chấm từ máy khác", "Sheets from other laptops";
        SheetsExplain => "Đại biểu chấm trên máy riêng, nộp phiếu rồi lưu phiếu ra tệp; chủ trì nhập các tệp đó vào đây (có thể kéo thả nhiều tệp). Nhập lại cùng một phiếu không thay đổi gì.", "Delegates score on their own laptops, submit, and save the sheet to a file; the chair imports those files here (several can be dropped at once). Importing the same sheet again changes nothing.";
        ImportSheets => "Nhập phiếu chấm…", "Import sheets…";
        ImportOne => "Nhập", "Import";
        SheetImported => "{0}: đã nhập và nộp phiếu của {1}", "{0}: imported and submitted {1}'s sheet";
        SheetUnchanged => "{0}: phiếu của {1} đã có, không thay đổi", "{0}: {1}'s sheet is already in; nothing changed";
        SaveSheet => "Lưu phiếu ra tệp…", "Save sheet to a file…";
        SheetSaved => "Đã lưu phiếu chấm vào {0}", "Sheet saved to {0}";
        Time => "Thời điểm", "Time";
        Who => "Người thực hiện", "By";
        What => "Nội dung", "What";
        ProvisionalBanner => "TẠM TÍNH — còn {0} phiếu chưa nộp", "PROVISIONAL — {0} {0|sheet|sheets} still missing";
        RevealProvisional => "Công bố kết quả tạm tính (còn thiếu {0} phiếu)", "Reveal the provisional results ({0} {0|sheet|sheets} missing)";
        HideAgain => "Ẩn lại điểm trên màn hình chiếu", "Hide the figures again";
        ProjectorHidden => "Màn hình chiếu đang ẩn điểm: còn thiếu {0} phiếu.", "The projector hides the figures: {0} {0|sheet|sheets} missing.";
        MarginTieAhead => "bằng điểm, giữ suất {1}: {0}", "tied, holds {1}: {0}";
        MarginTieIn => "{0} (giữ suất {1})", "{0} (holds {1})";
        MarginTieOut => "{0} (chưa có suất {1})", "{0} (no seat in {1})";
        MarginTieOpen => "{0} ({1})", "{0} ({1})";
        MarginTieBare => "bằng điểm ({0})", "tied ({0})";
        // The message line under the tabs, when nothing was refused or confirmed.
        MessageLineHintFacts => "Ctrl+Z: hoàn tác thay đổi vừa ghi · F2–F7: chuyển trang", "Ctrl+Z: undo the last change · F2–F7: switch pages";
        MessageLineHint => "Ctrl+Z: hoàn tác thay đổi vừa ghi · F2–F6: chuyển trang", "Ctrl+Z: undo the last change · F2–F6: switch pages";
        // Revoking a delegate's join code.
        NetConfirmReissueTitle => "Thu hồi mã tham gia của {0}?", "Revoke {0}'s join code?";
        NetConfirmReissueBody => "Mã hiện tại của {0} (PIN {1}) hết hiệu lực ngay: máy đang dùng mã này không gửi điểm được nữa. Một mã mới được cấp để đưa cho đại biểu. Điểm đã nhận vẫn giữ nguyên.", "{0}'s current code (PIN {1}) stops working at once: a laptop using it can no longer send scores. A new code is issued to hand to the delegate. Scores already received are kept.";
        NetConfirmReissue => "Thu hồi và cấp mã mới", "Revoke and issue a new code";
        NetKeepCode => "Giữ mã cũ", "Keep the old code";
        // Finalizing.
        FinalizeKeepOpen => "Chưa chốt", "Not yet";
        // The ballot: what is needed, the live preview, the result restated.
        BallotNeedMoreVotes => "Cần số phiếu trên {0} {1}, tức ít nhất {2} phiếu.", "Needs more than {0} of {1}, that is at least {2} {2|vote|votes}.";
        BallotNeedAtLeastVotes => "Cần số phiếu từ {0} {1} trở lên, tức ít nhất {2} phiếu.", "Needs at least {0} of {1}, that is at least {2} {2|vote|votes}.";
        BallotNeedMore => "Cần số phiếu trên {0} {1}.", "Needs more than {0} of {1}.";
        BallotNeedAtLeast => "Cần số phiếu từ {0} {1} trở lên.", "Needs at least {0} of {1}.";
        QuorumMet => "Có mặt {0}/{1} đơn vị: đủ số tối thiểu {2} ({3} số thành viên) để họp.", "{0} of {1} members present: the meeting has its quorum of {2} ({3} of the members).";
        QuorumNotMet => "Có mặt {0}/{1} đơn vị: chưa đủ số tối thiểu {2} ({3} số thành viên); chưa thể chốt kết quả.", "{0} of {1} members present: below the quorum of {2} ({3} of the members); the results cannot be finalized.";
        BallotPreviewHint => "Nhập số phiếu phát ra, số phiếu hợp lệ và số phiếu cho từng đơn vị; tỷ lệ hiện ngay bên cạnh.", "Enter the ballots issued, the valid ballots and each member's votes; the share shows beside them.";
        BallotResultLine => "{0}: {1} phiếu, bằng {2}% {3} — {4}", "{0}: {1} {1|vote|votes}, {2}% of {3} — {4}";
        BallotProposedAfter => "Được đề nghị {0}: {1}.", "Proposed for {0}: {1}.";
        BallotNonePassed => "Không đơn vị nào đủ số phiếu cần thiết.", "No member reached the votes needed.";
        BallotSettled => "Kết quả đã rõ; không cần bỏ phiếu thêm. (Ghi nhầm? Ctrl+Z hoàn tác lần ghi vừa rồi.)", "The vote is settled; no further round is needed. (Recorded by mistake? Ctrl+Z undoes the last change.)";
        BallotAnotherRound => "{0} chưa đủ số phiếu: hội nghị có thể bỏ phiếu lại ở vòng {1}, hoặc để trống suất này.", "{0} did not reach the votes needed: the meeting may vote again in round {1}, or leave the seat empty.";
        BallotTieStands => "{0} vẫn bằng nhau: hội nghị có thể bỏ phiếu lại ở vòng {1}, hoặc quyết định và ghi rõ lý do.", "{0} are still tied: the meeting may vote again in round {1}, or decide and write why.";
        SetupHint => "Kiểm tra ngày họp, địa điểm và đại biểu có mặt, rồi bấm “Tạo hội nghị”.", "Check the date, the place and who is present, then press “Create the meeting”.";
        AuditMeetingNoPlace => "Thông tin hội nghị: ngày {0}", "Meeting details: {0}";
        AuditCriterion => "tiêu chí {0}", "criterion {0}";
        AuditAdjustment => "“{0}”", "“{0}”";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Lang, fill};

    #[test]
    fn english_counts_agree_with_their_number() {
        assert_eq!(
            T::Seats.fill(Lang::En, &[&"Flag", &1]),
            "Flag — 1 seat",
            "not \"1 seats\""
        );
        assert_eq!(T::Seats.fill(Lang::En, &[&"Flag", &3]), "Flag — 3 seats");
        assert_eq!(T::Seats.fill(Lang::En, &[&"Flag", &0]), "Flag — 0 seats");
        assert_eq!(T::Seats.fill(Lang::Vi, &[&"Cờ", &1]), "Cờ — 1 suất");
        assert_eq!(
            T::CompletionHover.fill(Lang::En, &[&"A", &"B", &1, &1]),
            "A scoring B: 1/1 item"
        );
        assert_eq!(
            T::ClassChanges.fill(Lang::En, &[&1]),
            "(1 member changes class)"
        );
        assert_eq!(
            T::ClassChanges.fill(Lang::En, &[&2]),
            "(2 members change class)"
        );
        // Decimals read as plural: "1.50 points", but "1 point".
        assert_eq!(
            T::NeedsForClass.fill(Lang::En, &[&"1.50", &"A"]),
            "1.50 points short of A"
        );
        assert_eq!(
            T::NeedsForClass.fill(Lang::En, &[&"1", &"A"]),
            "1 point short of A"
        );
        // An argument that looks like a placeholder is not filled again.
        assert_eq!(fill("{0} {1}", &[&"{1}", &"x"]), "{1} x");
        assert_eq!(fill("{2} {0|a}", &[&1]), "{2} {0|a}");
    }
}
