//! The documents printed from a cluster config before the meeting: the emulation
//! pledge members sign at the start of the year, and the paper score sheets.

crate::texts! {
    D {
        // Shared by both documents.
        FontUnreadable => "không đọc được phông chữ để in văn bản", "the font for the printed documents cannot be read";
        UnknownScorer => "không có đơn vị nào có mã \"{0}\"", "no member has the id \"{0}\"";
        // The footer: the start of the config's SHA-256, as `thidua check` prints it.
        ConfigCode => "Mã cấu hình: {0}", "Config code: {0}";
        // A place and date left blank, to fill in by hand.
        BlankDate => "……………, ngày …… tháng …… năm {0}", "……………, date: ………………… {0}";
        ColNumber => "TT", "No.";
        ColCriterion => "Tiêu chí", "Criterion";
        ColMax => "Điểm tối đa", "Max points";
        ByChairBox => "chủ trì nhập theo báo cáo, không chấm", "entered by the chair from the report, not scored";
        PassFailBox => "ghi Đ nếu đạt, K nếu không đạt", "write P if passed, N if not";
        CountBox => "ghi số lần; mỗi lần {0} điểm, tối đa {1}", "write the count; {0} each, at most {1}";
        PlusBox => "số lần cộng, mỗi lần {0}", "plus count, {0} each";
        MinusBox => "số lần trừ, mỗi lần {0}", "minus count, {0} each";
        ActualBox => "ghi kết quả thực hiện", "write the actual";
        ColTarget => "Chỉ tiêu đăng ký", "Registered target";
        NoTarget => "không giao", "none";
        SectionTargets => "CHỈ TIÊU ĐĂNG KÝ CỦA TỪNG ĐƠN VỊ", "EACH MEMBER'S REGISTERED TARGETS";
        BonusRow => "Điểm thưởng (cộng vào tổng điểm)", "Bonus (added to the total)";
        DeductionRow => "Điểm trừ (trừ vào tổng điểm)", "Deductions (taken off the total)";
        StepRule => "Mỗi tiêu chí chấm theo bước {0} điểm, không vượt điểm tối đa của tiêu chí.", "Each item is scored in steps of {0} {0|point|points}, never above its maximum.";
        StepsVary => "Mỗi tiêu chí chấm theo bước điểm quy định cho tiêu chí đó, không vượt điểm tối đa của tiêu chí.", "Each item is scored in its own steps, never above its maximum.";

        // The pledge.
        PledgeDocumentTitle => "Bản giao ước thi đua", "Emulation pledge";
        PledgeTitle => "BẢN GIAO ƯỚC THI ĐUA NĂM {0}", "EMULATION PLEDGE FOR {0}";
        PledgeIntro => "Các đơn vị thành viên {0} thống nhất ký kết giao ước thi đua năm {1} với các nội dung sau đây.", "The members of {0} agree to the following emulation pledge for {1}.";
        SectionMembers => "CÁC ĐƠN VỊ THAM GIA GIAO ƯỚC", "THE MEMBERS";
        RoleHead => "cụm trưởng", "cluster head";
        RoleDeputy => "cụm phó", "deputy head";
        SectionCriteria => "TIÊU CHÍ VÀ THANG ĐIỂM", "CRITERIA AND POINTS";
        GroupsTotal => "TỔNG ĐIỂM TỐI ĐA CÁC TIÊU CHÍ (chưa kể điểm thưởng, điểm trừ)", "MAXIMUM TOTAL OF THE CRITERIA (before bonus and deductions)";
        SectionRules => "CHẤM ĐIỂM, XẾP LOẠI VÀ ĐỀ NGHỊ KHEN THƯỞNG", "SCORING, CLASSIFICATION AND COMMENDATIONS";
        RulesScoring => "Chấm điểm", "Scoring";
        RulesClasses => "Xếp loại", "Classification";
        RulesCommendations => "Đề nghị khen thưởng", "Commendations";
        ClassesIntro => "Căn cứ tổng điểm, các đơn vị được xếp loại như sau:", "By their totals, members are classified as follows:";
        ClassFrom => "{0}: từ {1} điểm trở lên;", "{0}: {1} {1|point|points} or more;";
        ClassBetween => "{0}: từ {1} điểm đến dưới {2} điểm;", "{0}: from {1} to under {2} points;";
        ClassBelow => "{0}: dưới {1} điểm.", "{0}: under {1} {1|point|points}.";
        NoClasses => "Quy chế của cụm không quy định mức xếp loại.", "The cluster's rules set no classes.";
        SeatsCount => "tối đa {0} suất", "at most {0} {0|seat|seats}";
        SeatsPercent => "không quá {0}% số đơn vị của cụm", "no more than {0}% of the members";
        SeatsFor => "(với {0} đơn vị: {1} suất)", "({0} members: {1} {1|seat|seats})";
        MinClass => "dành cho đơn vị xếp loại “{0}” trở lên", "for members classified “{0}” or better";
        BallotRule => "bỏ phiếu kín, đạt {0} {1} {2}", "by secret ballot, with {0} {1} of {2}";
        CommendationLine => "{0}: {1}.", "{0}: {1}.";
        CommendationOrder => "Các đơn vị được đề nghị theo thứ tự xếp hạng; mỗi đơn vị chỉ được đề nghị một hình thức khen thưởng, xét lần lượt theo thứ tự các hình thức nêu trên.", "Members are proposed in order of rank; each member for one commendation only, the commendations taken in the order above.";
        TieBreak => "Khi các đơn vị bằng tổng điểm tranh suất khen thưởng, lần lượt xét: {0}; nếu vẫn bằng điểm, hội nghị quyết định.", "When members with equal totals compete for a seat, these decide in turn: {0}; if still tied, the meeting decides.";
        TieBreakNone => "Khi các đơn vị bằng tổng điểm tranh suất khen thưởng, hội nghị quyết định.", "When members with equal totals compete for a seat, the meeting decides.";
        TieGroup => "điểm nhóm {0} ({1}) cao hơn", "the higher subtotal of group {0} ({1})";
        TieBonus => "điểm thưởng cao hơn", "more bonus points";
        TieDeductions => "điểm trừ ít hơn", "fewer deductions";
        TieBallot => "nhiều phiếu hơn khi bỏ phiếu kín", "more votes in the secret ballot";
        Commitment => "Các đơn vị thành viên cam kết thực hiện đầy đủ các nội dung giao ước trên; kết quả chấm điểm, bình xét thi đua cuối năm căn cứ vào bản giao ước này.", "The members commit to this pledge in full; the year-end scoring and review follow it.";
        SectionSignatures => "ĐẠI DIỆN CÁC ĐƠN VỊ KÝ GIAO ƯỚC", "SIGNED FOR THE MEMBERS";
        SignFor => "TM. {0}", "FOR {0}";
        SignChairperson => "CHỦ TỊCH", "CHAIRPERSON";
        SignSeal => "(Ký, ghi rõ họ tên, đóng dấu)", "(Signature, full name and seal)";

        // The paper score sheets.
        SheetsDocumentTitle => "Phiếu chấm điểm thi đua", "Emulation score sheets";
        SheetTitle => "PHIẾU CHẤM ĐIỂM THI ĐUA", "EMULATION SCORE SHEET";
        Scorer => "Đơn vị chấm: {0}", "Scored by: {0}";
        SheetPart => "(tờ {0}/{1})", "(part {0} of {1})";
        Continued => "(tiếp theo)", "(continued)";
        SheetInstructions => "Ghi điểm của từng đơn vị được chấm vào ô tương ứng; điểm trừ ghi số điểm bị trừ; ô tô xám không ghi.", "Write each member's points in its box; for deductions, the points taken off; leave grey boxes empty.";
        // The heading of the scorer's own column (its name is in the sheet's heading).
        SelfColumn => "Tự chấm", "Self";
        SelfSeparateNote => "Điểm tự chấm được ghi riêng, không tính vào tổng điểm của đơn vị.", "The self-score is recorded apart and does not count toward the member's total.";
        SelfIncludeNote => "Điểm tự chấm được tính vào tổng điểm của đơn vị như phiếu của các đơn vị khác.", "The self-score counts toward the member's total like the other sheets.";
        TotalRow => "TỔNG ĐIỂM (tiêu chí + thưởng - trừ)", "TOTAL (criteria + bonus - deductions)";
        SignScorer => "NGƯỜI CHẤM", "SCORER";
    }
}
