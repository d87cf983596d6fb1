//! The cluster editor: building and changing a cluster's config without writing JSON.

crate::texts! {
    ED {
        NewCluster => "Tạo cụm mới", "New cluster";
        EditConfig => "Sửa cấu hình", "Edit a config";
        EditHint => "Mở tệp cấu hình ở ô đường dẫn (hoặc chọn tệp) để sửa", "Opens the config in the path field (or a chosen file) for editing";
        Title => "Cấu hình cụm thi đua", "Emulation cluster config";
        FileLabel => "Lưu vào tệp", "Save to file";
        Save => "Lưu (Ctrl+S)", "Save (Ctrl+S)";
        Saved => "Đã lưu {0}", "Saved {0}";
        SaveFailed => "Không lưu được {0}: {1}", "Could not save {0}: {1}";
        NoPath => "Hãy nhập tên tệp cấu hình để lưu, ví dụ cum-thi-dua-2026.json", "Type a file name to save to, such as cluster-2026.json";
        Unsaved => "Có thay đổi chưa lưu", "Unsaved changes";
        Close => "Đóng", "Close";
        CloseUnsaved => "Đóng mà không lưu", "Close without saving";
        Template => "Bắt đầu từ", "Start from";
        TemplateEmpty => "Cụm trống", "An empty cluster";
        TemplateDistricts => "Cụm mẫu 6 quận (2024)", "The 6-district sample (2024)";
        TemplateWards => "Cụm mẫu 12 phường (2025)", "The 12-ward sample (2025)";
        NextYear => "Sao chép cho năm sau", "Copy for next year";
        NextYearResults => "Tệp kết quả năm nay (để lấy cụm trưởng, cụm phó năm sau; có thể bỏ trống)", "This year's results file (for next year's head and deputy; may be left empty)";
        NextYearDone => "Đã chuyển sang năm {0}; hãy lưu vào tệp mới.", "Moved to {0}; save it to a new file.";
        NextYearWithPair => "Đã chuyển sang năm {0}, cụm trưởng {1}, cụm phó {2}; hãy lưu vào tệp mới.", "Moved to {0}, head {1}, deputy {2}; save it to a new file.";
        NextYearNoPair => "Tệp kết quả {0} chưa ghi cụm trưởng, cụm phó năm sau; vai trò giữ như cũ.", "The results file {0} names no head and deputy for next year; the roles stay as they were.";
        ResultsUnreadable => "Không đọc được tệp kết quả {0}: {1}", "Cannot read the results file {0}: {1}";
        Valid => "Cấu hình hợp lệ: {0} đơn vị, {1} tiêu chí, tổng điểm tối đa {2}.", "The config is valid: {0} {0|member|members}, {1} scored {1|item|items}, maximum total {2}.";
        ProblemCount => "Cấu hình còn {0} lỗi; sửa ở các ô có chữ đỏ.", "{0} {0|problem|problems} left; fix {0|it|them} at the fields marked in red.";
        AllProblems => "Danh sách lỗi", "Every problem";
        MaxTotal => "Tổng điểm tối đa: {0}", "Maximum total: {0}";
        UsedByMeetings => "Tệp này đã được dùng để tạo hội nghị: {0}. Hội nghị giữ nguyên cấu hình lúc tạo; sửa ở đây chỉ áp dụng cho hội nghị tạo sau.", "This file was used to create a meeting: {0}. A meeting keeps the config it was created with; changes here apply only to meetings created afterwards.";
        CannotEdit => "Không mở được {0} trong trình sửa cấu hình; hãy sửa các lỗi sau bằng trình soạn văn bản:", "Cannot open {0} in the config editor; fix these with a text editor:";

        SecCluster => "Thông tin cụm", "The cluster";
        SecMembers => "Đơn vị thành viên", "Members";
        SecCriteria => "Tiêu chí chấm", "Criteria";
        SecAdjustments => "Điểm thưởng, điểm trừ", "Bonus and deductions";
        SecScoring => "Cách tính điểm", "Scoring rules";
        SecClasses => "Xếp loại", "Classes";
        SecCommendations => "Danh hiệu khen thưởng", "Commendations";
        SecTieBreak => "Khi bằng điểm", "Ties";
        SectionProblems => "{0} ({1} lỗi)", "{0} ({1} {1|problem|problems})";

        ClusterId => "Mã cụm", "Cluster id";
        ClusterName => "Tên cụm", "Cluster name";
        Organizer => "Cơ quan tổ chức", "Organizer";
        Year => "Năm", "Year";
        MemberLabel => "Gọi đơn vị là (quận, phường…)", "A member is called (district, ward…)";
        Header => "Tiêu đề văn bản (mỗi dòng một dòng)", "Document header (one line per line)";
        Note => "Ghi chú", "Note";

        MemberId => "Mã", "Id";
        MemberName => "Tên đầy đủ", "Full name";
        MemberShort => "Tên ngắn", "Short name";
        MemberRole => "Vai trò", "Role";
        RoleMember => "Thành viên", "Member";
        RoleHead => "Cụm trưởng", "Head";
        RoleDeputy => "Cụm phó", "Deputy";
        MemberField => "Đơn vị {0}: {1}", "Member {0}: {1}";
        AddMember => "Thêm đơn vị", "Add a member";
        PasteMembers => "Dán danh sách đơn vị: mỗi dòng một đơn vị, tên đầy đủ rồi (tùy chọn) dấu Tab và tên ngắn", "Paste a list of members: one per line, the full name, then (optionally) a Tab and the short name";
        AddPasted => "Thêm các đơn vị đã dán", "Add the pasted members";

        GroupId => "Mã nhóm", "Group id";
        GroupName => "Tên nhóm tiêu chí", "Group name";
        GroupField => "Nhóm {0}: {1}", "Group {0}: {1}";
        GroupMax => "tối đa {0} điểm", "at most {0} {0|point|points}";
        AddGroup => "Thêm nhóm tiêu chí", "Add a group of criteria";
        ItemId => "Mã", "Id";
        ItemName => "Nội dung tiêu chí", "Criterion";
        ItemMax => "Điểm tối đa", "Maximum";
        ItemStep => "Bước điểm", "Step";
        ItemGuide => "Hướng dẫn chấm", "Scoring guide";
        ItemField => "Tiêu chí {0}.{1}: {2}", "Item {0}.{1}: {2}";
        AddItem => "Thêm tiêu chí vào nhóm {0}", "Add an item to group {0}";

        TableTitle => "Dán hoặc đọc bảng tiêu chí có sẵn", "Paste or read an existing criteria table";
        PasteCriteria => "Dán bảng tiêu chí từ Word hoặc Excel (các cột: số thứ tự, nội dung, điểm tối đa, hướng dẫn chấm nếu có)", "Paste a criteria table from Word or Excel (columns: number, criterion, maximum, scoring guide if any)";
        UseTable => "Thay các tiêu chí bằng bảng đã dán", "Replace the criteria with the pasted table";
        XlsxPath => "Hoặc tệp Excel (.xlsx) có bảng tiêu chí ở trang đầu", "Or an Excel file (.xlsx) with the table on its first sheet";
        UseXlsx => "Đọc bảng từ tệp Excel", "Read the table from the Excel file";
        TableRead => "Đã đọc {0} nhóm, {1} tiêu chí từ bảng.", "Read {0} {0|group|groups} and {1} {1|item|items} from the table.";
        TableHeader => "Dòng {0} được coi là dòng tiêu đề cột và bỏ qua.", "Row {0} was taken as the column headings and left out.";
        TableNotUsed => "Chưa dùng bảng: sửa các dòng sau trong Word hoặc Excel rồi dán lại.", "The table was not used: fix these rows in Word or Excel and paste again.";
        TableEmpty => "Không đọc được tiêu chí nào từ bảng.", "No criteria could be read from the table.";
        RowUnknownNumbering => "Dòng {0}: không nhận ra số thứ tự “{1}” (dùng I., 1., 1.1 hoặc a)).", "Row {0}: the number “{1}” is not recognised (use I., 1., 1.1 or a)).";
        RowBadMax => "Dòng {0}: điểm tối đa “{1}” không phải là số điểm lớn hơn 0.", "Row {0}: the maximum “{1}” is not a number of points above 0.";
        RowNoName => "Dòng {0}: thiếu nội dung tiêu chí.", "Row {0}: the criterion is missing.";
        RowItemBeforeGroup => "Dòng {0}: tiêu chí đứng trước mọi nhóm tiêu chí.", "Row {0}: an item comes before any group.";
        RowTooDeep => "Dòng {0}: số thứ tự “{1}” sâu hơn nhóm và tiêu chí; hãy gộp vào tiêu chí phía trên.", "Row {0}: the number “{1}” is deeper than group and item; merge it into the item above.";
        RowGroupTotal => "Dòng {0}: nhóm ghi tổng {1} điểm nhưng các tiêu chí cộng lại {2} điểm.", "Row {0}: the group states {1} points but its items add up to {2}.";
        RowEmptyGroup => "Dòng {0}: nhóm không có tiêu chí nào.", "Row {0}: the group has no items.";

        AdjKind => "Loại", "Kind";
        KindBonus => "Điểm thưởng", "Bonus";
        KindDeduction => "Điểm trừ", "Deduction";
        AdjName => "Nội dung", "Description";
        AdjField => "Thưởng, trừ {0}: {1}", "Bonus or deduction {0}: {1}";
        AddAdjustment => "Thêm mục thưởng hoặc trừ", "Add a bonus or deduction";

        SelfRule => "Đơn vị tự chấm mình", "Scoring oneself";
        SelfExclude => "Không tự chấm", "No self-scoring";
        SelfInclude => "Tự chấm, tính như phiếu khác", "Self-scored, counted like any sheet";
        SelfSeparate => "Tự chấm, ghi riêng, không tính", "Self-scored, shown apart, not counted";
        Aggregate => "Cách gộp các phiếu", "How sheets are combined";
        AggMean => "Trung bình cộng", "Mean";
        AggTrimmed => "Trung bình sau khi bỏ phiếu cao nhất, thấp nhất", "Mean without the highest and lowest";
        AggMedian => "Trung vị", "Median";
        Trim => "Số phiếu bỏ ở mỗi đầu", "Sheets dropped at each end";
        Decimals => "Số chữ số thập phân", "Decimal places";
        SaysSelfExclude => "Mỗi đơn vị chấm các đơn vị khác, không chấm cho mình.", "Each member scores the others, never itself.";
        SaysSelfInclude => "Mỗi đơn vị chấm cả cho mình; phiếu tự chấm được tính như mọi phiếu khác.", "Each member also scores itself; that sheet counts like any other.";
        SaysSelfSeparate => "Mỗi đơn vị tự chấm cho mình; điểm tự chấm được ghi riêng để đối chiếu, không tính vào tổng.", "Each member scores itself; the self score is shown apart for comparison and not counted.";
        SaysMean => "Điểm của một đơn vị là trung bình cộng tổng điểm các phiếu chấm đơn vị đó.", "A member's score is the mean of the totals of the sheets scoring it.";
        SaysTrimmed => "Bỏ {0} phiếu có tổng điểm cao nhất và {0} phiếu thấp nhất, rồi lấy trung bình cộng các phiếu còn lại.", "The {0} highest and {0} lowest sheet totals are dropped, and the rest averaged.";
        SaysMedian => "Điểm của một đơn vị là trung vị tổng điểm các phiếu: phiếu ở giữa khi xếp từ thấp đến cao.", "A member's score is the median sheet total: the middle one from lowest to highest.";
        SaysDecimals => "Điểm được làm tròn đến {0} chữ số thập phân.", "Scores are rounded to {0} decimal {0|place|places}.";

        ClassId => "Mã", "Id";
        ClassName => "Tên xếp loại", "Class";
        ClassMin => "Từ điểm", "From (points)";
        ClassField => "Xếp loại {0}: {1}", "Class {0}: {1}";
        AddClass => "Thêm xếp loại", "Add a class";
        ClassesHint => "Xếp từ cao xuống thấp: đơn vị đạt số điểm của xếp loại nào thì được xếp loại đó.", "Highest first: a member reaching a class's points gets that class.";

        ComId => "Mã", "Id";
        ComName => "Tên danh hiệu", "Commendation";
        MaxCount => "Số suất tối đa", "Seats at most";
        MaxPercent => "Tỷ lệ tối đa (%)", "Share at most (%)";
        MinClass => "Xếp loại tối thiểu", "Lowest class";
        NoMinClass => "(không yêu cầu)", "(none required)";
        HasBallot => "Có biểu quyết", "Voted on";
        Threshold => "Ngưỡng đồng ý (%)", "Approval needed (%)";
        Strict => "Phải trên ngưỡng (bằng ngưỡng chưa đạt)", "Must exceed it (equal is not enough)";
        Base => "Tính trên", "Out of";
        BasePresent => "số đại biểu có mặt", "the delegates present";
        BaseMembers => "số đơn vị thành viên", "the members of the cluster";
        BaseValid => "số phiếu hợp lệ", "the valid votes";
        ComField => "Danh hiệu {0}: {1}", "Commendation {0}: {1}";
        AddCommendation => "Thêm danh hiệu", "Add a commendation";
        SaysBallotStrict => "Được đề nghị khi số phiếu đồng ý trên {0}% {1}.", "Proposed when approvals exceed {0}% of {1}.";
        SaysBallotAtLeast => "Được đề nghị khi số phiếu đồng ý từ {0}% {1} trở lên.", "Proposed when approvals reach {0}% of {1}.";

        TieHint => "Khi hai đơn vị bằng tổng điểm, xét lần lượt theo thứ tự dưới đây.", "When two members have the same total, these decide, in this order.";
        TieField => "Thứ tự xét {0}", "Tie-break {0}";
        TieGroup => "Điểm nhóm {0} cao hơn", "Higher score in group {0}";
        TieBonus => "Điểm thưởng cao hơn", "More bonus points";
        TieDeductions => "Điểm trừ ít hơn", "Fewer deductions";
        TieBallot => "Nhiều phiếu biểu quyết hơn", "More votes in the ballot";
        AddTie => "Thêm tiêu chí xét", "Add a tie-break";

        MoveUp => "Lên", "Up";
        MoveDown => "Xuống", "Down";
        Remove => "Xóa", "Remove";
        RowActions => "{0}: {1}", "{0}: {1}";
        ReorderHint => "Alt + phím mũi tên lên hoặc xuống chuyển dòng đang sửa lên hoặc xuống.", "Alt + the up or down arrow key moves the row being edited up or down.";
        // Asking before an entry is removed from the config being edited.
        ConfirmRemoveTitle => "Xóa {0}?", "Remove {0}?";
        ConfirmRemove => "Xóa {0}", "Remove {0}";
        KeepEntry => "Không xóa", "Keep it";
        RemoveBody => "{0} sẽ bị xóa khỏi cấu hình đang sửa. Tệp cấu hình chỉ thay đổi khi bấm Lưu; đóng mà không lưu thì tệp giữ nguyên.", "{0} will be removed from the config being edited. The file changes only when you save; close without saving and it stays as it was.";
        RemoveGroupBody => "{0} cùng {1} tiêu chí trong nhóm sẽ bị xóa khỏi cấu hình đang sửa. Tệp cấu hình chỉ thay đổi khi bấm Lưu; đóng mà không lưu thì tệp giữ nguyên.", "{0} and its {1} {1|criterion|criteria} will be removed from the config being edited. The file changes only when you save; close without saving and it stays as it was.";
        EntryMember => "đơn vị {0}", "member {0}";
        EntryGroup => "nhóm tiêu chí {0}", "criteria group {0}";
        EntryItem => "tiêu chí {0}", "criterion {0}";
        EntryAdjustment => "mục thưởng, trừ {0}", "bonus or deduction {0}";
        EntryClass => "xếp loại {0}", "class {0}";
        EntryCommendation => "danh hiệu {0}", "commendation {0}";
        EntryTieBreak => "thứ tự xét {0}", "tie-break {0}";
        EntryNamed => "{0} “{1}”", "{0} “{1}”";
        EditorHint => "Mọi thay đổi được kiểm tra ngay; tệp chỉ được ghi khi bấm Lưu.", "Every change is checked at once; the file is written only when you save.";
    }
}
