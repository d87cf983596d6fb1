//! Errors and problems: what was wrong with a file, a value or a request, where, and
//! what to do.

crate::texts! {
    E {
        // Points typed or read from a file.
        NotANumber => "không phải là số", "not a number";
        TooManyDecimals => "có quá 2 chữ số thập phân", "more than 2 decimal places";
        BelowZero => "nhỏ hơn 0", "below 0";
        AboveLimit => "lớn hơn 10000", "above 10000";
        AboveMax => "vượt điểm tối đa {0}", "above the maximum {0}";
        NotWholeCount => "số lần phải là số nguyên", "a count must be a whole number";
        NotPassFail => "gõ 1 (đạt) hoặc 0 (không đạt)", "type 1 (passed) or 0 (not passed)";
        OffStep => "không chia hết cho bước điểm {0}", "not a multiple of the step {0}";

        // What kind of JSON value was expected or found.
        KindNull => "null", "null";
        KindBool => "giá trị đúng/sai", "a boolean";
        KindNumber => "số", "a number";
        KindString => "chuỗi chữ", "a string";
        KindArray => "danh sách [...]", "an array [...]";
        KindObject => "đối tượng {...}", "an object {...}";
        ExpectedString => "chuỗi chữ trong dấu ngoặc kép", "a string in double quotes";
        ExpectedInteger => "số nguyên", "a whole number";
        ExpectedBool => "true hoặc false", "true or false";

        // JSON syntax.
        SyntaxPrefix => "lỗi cú pháp JSON: {0}", "JSON syntax error: {0}";
        EmptyFile => "tệp trống, không có nội dung JSON", "the file is empty: no JSON content";
        UnexpectedEnd => "tệp kết thúc giữa chừng; có thể thiếu dấu } ] hoặc \"", "the file ends too early; a closing } ] or \" may be missing";
        UnexpectedChar => "ký tự không hợp lệ ở đây: '{0}'", "unexpected character '{0}'";
        SingleQuoteHint => " (JSON dùng dấu ngoặc kép \", không dùng ')", " (JSON strings use double quotes \", not ')";
        CommentHint => " (JSON không cho phép chú thích)", " (JSON does not allow comments)";
        MissingSeparator => "gặp '{0}' ở chỗ cần dấu phẩy hoặc dấu '{1}'; có thể thiếu dấu phẩy, hoặc thiếu dấu \" đóng ở giá trị phía trước", "found '{0}' where a comma or '{1}' should be; a comma may be missing, or the closing \" of the value before";
        TrailingComma => "dấu phẩy thừa trước dấu đóng ngoặc; hãy xóa dấu phẩy", "a comma before a closing bracket; remove the comma";
        BadNumber => "số viết không đúng (JSON dùng dấu chấm: 9.5)", "a malformed number (JSON uses a point: 9.5)";
        BadEscape => "ký tự thoát \\ không hợp lệ", "an invalid \\ escape";
        ControlInString => "chuỗi chứa ký tự điều khiển (xuống dòng, tab) hoặc thiếu dấu \" đóng", "a control character (line break, tab) in a string, or a missing closing \"";
        LoneSurrogate => "mã \\u không tạo thành ký tự hợp lệ", "a \\u escape that is not a valid character";
        TrailingText => "có nội dung thừa sau khi tài liệu JSON đã kết thúc", "extra content after the end of the JSON document";
        TooDeep => "lồng ngoặc quá sâu (depth > {0}); tệp không phải cấu hình hợp lệ", "nesting too deep (depth > {0}); this is not a valid config";

        // A file's meaning.
        NotUtf8 => "tệp không được mã hóa UTF-8; hãy lưu lại tệp với bảng mã UTF-8", "the file is not UTF-8 encoded; save it again as UTF-8";
        FileTooLarge => "tệp quá lớn ({0} byte, tối đa {1} byte)", "the file is too large ({0} {0|byte|bytes}, at most {1})";
        WrongType => "cần {0}, nhưng gặp {1}", "expected {0}, found {1}";
        MissingField => "thiếu trường bắt buộc này", "this required field is missing";
        UnknownField => "trường không có trong định dạng (lỗi chính tả?)", "a field the format does not have (a typo?)";
        DidYouMean => "; có phải là \"{0}\"?", "; did you mean \"{0}\"?";
        DuplicateKey => "trường này xuất hiện hai lần trong cùng một đối tượng; hãy xóa một lần", "this field appears twice in the same object; remove one";
        WrongFormat => "định dạng \"{0}\" không đúng; cần \"{1}\"", "format \"{0}\" is not \"{1}\"";
        NotOneOf => "giá trị \"{0}\" không hợp lệ; chỉ được dùng: {1}", "\"{0}\" is not allowed; use one of: {1}";
        EmptyText => "không được để trống", "must not be empty";
        DuplicateId => "mã \"{0}\" bị trùng (đã dùng ở {1})", "the id \"{0}\" is used twice (first at {1})";
        IntegerRange => "cần số nguyên từ {0} đến {1}", "must be a whole number from {0} to {1}";
        PointsProblem => "điểm {0}", "points {0}";
        NotPositive => "phải lớn hơn 0", "must be greater than 0";
        NeedsVersion2 => "trường này chỉ có ở định dạng mới: đổi \"format\" thành \"thidua.cluster/2\"", "this field belongs to the new format: change \"format\" to \"thidua.cluster/2\"";
        QuantityRange => "phải là số từ 0 đến 10000000000, tối đa 2 chữ số thập phân", "must be a number from 0 to 10000000000 with at most 2 decimal places";
        CapBelowRate => "điểm tối đa nhỏ hơn số điểm mỗi lần {0}: tăng điểm tối đa hoặc giảm điểm mỗi lần", "the maximum is below the points per occurrence {0}: raise the maximum or lower the rate";
        MinAboveMax => "điểm tối thiểu lớn hơn điểm tối đa: sửa \"min\" hoặc \"max\"", "the minimum is above the maximum: correct \"min\" or \"max\"";
        MissingTarget => "chưa có chỉ tiêu của {0}: ghi chỉ tiêu đã đăng ký, hoặc 0 nếu đơn vị không được giao", "no target for {0}: write the registered target, or 0 if it has none";
        NotAssignedToAnyone => "tiêu chí không áp dụng cho đơn vị nào: bớt tên trong \"not_assigned\" hoặc xóa tiêu chí", "the item applies to no member: remove a name from \"not_assigned\" or delete the item";
        MustBeEnteredByChair => "điểm tiêu chí này phụ thuộc số liệu của các đơn vị khác nên phải do chủ trì nhập một lần: ghi \"entered_by\": \"chair\"", "this item's points depend on the other members' figures, so the chair enters them once: write \"entered_by\": \"chair\"";
        TreeTooDeep => "cây tiêu chí sâu quá {0} cấp: gộp bớt các mục con", "the criteria tree is deeper than {0} levels: merge some sub-headings";
        BadFraction => "phân số phải viết dạng \"p/q\" với số nguyên 1 ≤ p ≤ q ≤ 1000, ví dụ \"2/3\"", "a fraction is written \"p/q\" with whole numbers 1 ≤ p ≤ q ≤ 1000, for example \"2/3\"";
        EnteredByChair => "tiêu chí này do chủ trì nhập một lần cho mỗi đơn vị, không chấm trên phiếu: bỏ ô này khỏi phiếu", "the chair enters this item once per member, not on a sheet: leave this cell out of the sheet";
        NotAssignedHere => "tiêu chí này không áp dụng cho đơn vị này: bỏ ô này khỏi phiếu", "this item does not apply to this member: leave this cell out of the sheet";
        ScoreOfChairItem => "tiêu chí {0} do chủ trì nhập một lần cho mỗi đơn vị, không chấm trên phiếu", "item {0} is entered once per member by the chair, not scored on a sheet";
        FactOfScoredItem => "tiêu chí {0} do từng đại biểu chấm trên phiếu, chủ trì không nhập số liệu", "item {0} is scored by every delegate on their sheet, not entered by the chair";
        ItemNotAssigned => "tiêu chí {0} không áp dụng cho {1}", "item {0} does not apply to {1}";
        NotAFactCell => "tiêu chí này do từng đại biểu chấm trên phiếu, không nhập như số liệu: bỏ ô này khỏi tệp số liệu", "every delegate scores this item on their sheet; it is not a figure the chair enters: leave it out of the facts file";
        NotForKind => "tiêu chí loại \"{0}\" không có trường này: xóa trường, hoặc đổi \"kind\"", "an item of kind \"{0}\" has no such field: remove it, or change \"kind\"";
        ThresholdTwice => "chỉ ghi một ngưỡng: \"threshold\" hoặc \"threshold_percent\"", "write one threshold: \"threshold\" or \"threshold_percent\"";
        StepDoesNotDivide => "bước điểm {0} không chia hết điểm tối đa {1}", "the step {0} does not divide the maximum {1}";
        ClassesOutOfOrder => "các mức xếp loại phải xếp từ cao xuống thấp với điểm tối thiểu giảm dần; mức trước có {0}", "classes go best first with strictly decreasing min; the one before has {0}";
        UnknownClass => "không có mức xếp loại nào có mã \"{0}\"", "no class has the id \"{0}\"";
        UnknownGroup => "không có nhóm tiêu chí nào có mã \"{0}\"", "no criteria group has the id \"{0}\"";
        TooFewMembers => "cụm cần ít nhất 2 đơn vị, ở đây có {0}", "a cluster needs at least 2 members, this has {0}";
        EmptyList => "danh sách không được để trống", "the list must not be empty";
        RoleHead => "cụm trưởng", "head";
        RoleDeputy => "cụm phó", "deputy";
        SecondRole => "chỉ có một {0} (\"{1}\"); đã có ở {2}", "only one member may be {0} (\"{1}\"); already at {2}";
        TrimNeedsTrimmedMean => "trim chỉ dùng với aggregate \"trimmed_mean\"; hãy đặt 0", "trim applies only with aggregate \"trimmed_mean\"; set it to 0";
        MinClassWithoutClasses => "min_class cần danh sách classes", "min_class needs a list of classes";
        Percent => "tỷ lệ phần trăm phải từ 0 đến 100, tối đa 2 chữ số thập phân", "a percentage must be from 0 to 100 with at most 2 decimals";
        SheetForAnotherCluster => "phiếu chấm được lập cho một cấu hình cụm khác (mã config_sha256 không khớp); hãy dùng phiếu lập từ đúng tệp cấu hình của hội nghị này", "the sheet was made for another cluster config (config_sha256 does not match); use a sheet made from this meeting's config";
        UnknownMember => "không có đơn vị nào có mã \"{0}\" trong cụm", "no member of the cluster has the id \"{0}\"";
        UnknownCell => "không có tiêu chí hay điểm thưởng/trừ nào có mã \"{0}\"", "no criterion, bonus or deduction has the id \"{0}\"";
        SelfExcluded => "theo quy chế của cụm, đơn vị không tự chấm điểm cho mình", "under this cluster's rule a member does not score itself";
        IncompleteSheet => "phiếu chưa chấm đủ: còn thiếu {0} ô (ví dụ {1})", "the sheet is incomplete: {0} {0|cell|cells} missing (e.g. {1})";
        BadTimestamp => "thời điểm phải theo dạng RFC 3339, ví dụ 2024-12-20T09:30:00+07:00", "a time must be RFC 3339, e.g. 2024-12-20T09:30:00+07:00";
        ProblemCount => "{0} lỗi, lỗi đầu: {1}", "{0} {0|problem|problems}, the first: {1}";

        // A change the meeting's rules refuse.
        Finalized => "hội nghị đã kết thúc (đã chốt kết quả); không thể thay đổi", "the meeting is finalized; nothing can change";
        NoSuchMember => "không có đơn vị nào có mã \"{0}\"", "no member has the id \"{0}\"";
        NoSuchCommendation => "không có hình thức khen thưởng nào có mã \"{0}\"", "no commendation has the id \"{0}\"";
        DelegateAbsent => "đại biểu của {0} đang được ghi vắng mặt; hãy ghi có mặt trước", "{0}'s delegate is recorded absent; mark them present first";
        MemberDoesNotScoreItself => "theo quy chế của cụm, {0} không tự chấm điểm cho mình", "under this cluster's rule {0} does not score itself";
        SheetLocked => "phiếu chấm của {0} đã nộp và bị khóa; chủ trì cần mở lại phiếu trước", "{0}'s sheet is submitted and locked; the chair must reopen it first";
        SheetNotSubmitted => "phiếu chấm của {0} chưa nộp", "{0}'s sheet is not submitted";
        SheetIncomplete => "phiếu chấm của {0} chưa đủ: còn {1}/{2} ô trống", "{0}'s sheet is incomplete: {1} of {2} {2|cell|cells} empty";
        BadPoints => "{0} cho {1}: điểm {2}", "{0} for {1}: points {2}";
        NoChange => "giá trị đã là {0}; không có gì thay đổi", "the value is already {0}; nothing to change";
        ReasonRequired => "cần ghi rõ lý do", "a reason must be written";
        NotYours => "đại biểu chỉ được sửa phiếu chấm của đơn vị mình", "a delegate may change only their own sheet";
        ChairOnly => "chỉ chủ trì hội nghị được làm việc này", "only the chair may do this";
        BadDate => "ngày phải viết theo dạng NNNN-TT-NN, ví dụ 2024-12-20", "the date must be written YYYY-MM-DD, e.g. 2024-12-20";
        NoBallot => "hình thức \"{0}\" không có bỏ phiếu trong cấu hình", "\"{0}\" has no ballot in the config";
        BadRound => "không thể ghi vòng bỏ phiếu {0} sau vòng {1}", "ballot round {0} cannot follow round {1}";
        SameHeadAndDeputy => "cụm trưởng và cụm phó phải là hai đơn vị khác nhau", "head and deputy must be two different members";
        RepeatedMember => "một đơn vị được nêu hai lần", "a member is named twice";
        AbsentWithSheet => "{0} đã nộp phiếu chấm; hãy mở lại phiếu trước khi ghi vắng mặt", "{0} has a submitted sheet; reopen it before marking the delegate absent";
        NotReady => "chưa thể chốt kết quả: {0}", "the meeting cannot be finalized yet: {0}";
        ValidAboveIssued => "số phiếu hợp lệ ({0}) lớn hơn số phiếu phát ra ({1})", "valid ballots ({0}) exceed ballots issued ({1})";
        IssuedAbovePresent => "số phiếu phát ra ({0}) lớn hơn số đại biểu có mặt ({1})", "ballots issued ({0}) exceed delegates present ({1})";
        VotesAboveValid => "{0} có {1} phiếu, nhiều hơn số phiếu hợp lệ ({2})", "{0} has {1} {1|vote|votes}, more than the valid ballots ({2})";
        NotACandidate => "{0} không thuộc danh sách được bỏ phiếu", "{0} is not a candidate on this ballot";

        // What keeps the meeting from being finalized.
        MissingDetails => "chưa ghi thông tin hội nghị (ngày, địa điểm)", "meeting details (date, place) not recorded";
        MissingBallot => "chưa ghi kết quả bỏ phiếu cho {0}", "the ballot for {0} is not recorded";
        MissingQuorum => "chỉ có {0}/{1} đơn vị có mặt, chưa đủ số tối thiểu {2} đơn vị để họp", "only {0} of {1} members are present; the meeting needs at least {2}";
        MissingFacts => "còn {0} số liệu chủ trì chưa nhập", "{0} figures the chair enters are still missing";
        MissingTieDecision => "trường hợp bằng điểm ở {0} chưa được quyết định", "the tie for {0} is not decided";

        // A proposal's status.
        StatusProposed => "đề nghị", "proposed";
        StatusAwaitingBallot => "chờ bỏ phiếu", "awaiting ballot";
        StatusBallotFailed => "không đạt số phiếu", "ballot failed";
        StatusTieUnresolved => "bằng điểm, chờ quyết định", "tie unresolved";

        // Importing a sheet.
        ImportConflict => "phiếu chấm của {0} đã nộp với điểm khác ({1} ô khác nhau, ví dụ {2}); chủ trì cần mở lại phiếu trước khi nhập phiếu mới", "{0}'s sheet is already submitted with different scores (cells that differ: {1}, e.g. {2}); the chair must reopen it before another sheet replaces it";

        // The meeting file's history.
        ConfigChanged => "cấu hình lưu trong tệp đã bị sửa sau khi tạo hội nghị", "the stored config was edited after the meeting was created";
        EventsMissing => "thiếu sự kiện: cần số {0}, gặp số {1}", "events are missing: expected #{0}, found #{1}";
        EventAltered => "sự kiện số {0} đã bị sửa (mã kiểm tra không khớp)", "event #{0} was altered (its hash does not match)";
        EventUnreadable => "sự kiện số {0} không đọc được", "event #{0} is unreadable";
        EventRefused => "sự kiện số {0} trái quy tắc: {1}", "event #{0} breaks the rules: {1}";
        FileReadOnly => "tệp không cho phép ghi (chỉ đọc trên ổ đĩa)", "the file cannot be written (read-only on disk)";
        NotUpgraded => "tệp được tạo bởi phiên bản thidua cũ hơn và chưa cập nhật được cho phiên bản này: {0}", "the file was written by an earlier version of thidua and could not be updated for this one: {0}";

        // The meeting file itself.
        FileExists => "{0}: tệp đã tồn tại; hãy chọn tên khác để không ghi đè dữ liệu", "{0}: the file already exists; choose another name so nothing is overwritten";
        NoFolder => "{0}: thư mục không tồn tại; hãy chọn một thư mục có sẵn", "{0}: the folder does not exist; choose an existing folder";
        SameFile => "{0}: đây chính là tệp hội nghị đang mở; hãy chọn tên khác cho bản sao", "{0}: this is the meeting file itself; choose another name for the copy";
        CopyFailed => "{0}: không ghi được bản sao: {1}", "{0}: the copy could not be written: {1}";
        NotAMeetingFile => "{0}: không phải tệp hội nghị của thidua, hoặc tệp đã bị hỏng", "{0}: not a thidua meeting file, or the file is damaged";
        TooNew => "{0}: tệp được tạo bởi phiên bản thidua mới hơn (lược đồ {1}); hãy cập nhật phần mềm", "{0}: written by a newer version of thidua (schema {1}); update the program";
        CannotOpen => "{0}: không mở được: {1}", "{0}: cannot open: {1}";
        CannotWrite => "không ghi được tệp hội nghị: {0}", "the meeting file could not be written: {0}";
        StoredConfigDamaged => "cấu hình lưu trong tệp hội nghị bị hỏng: {0}", "the config stored in the meeting file is damaged: {0}";
        OpenReadOnly => "tệp hội nghị chỉ được mở để xem: {0}", "the meeting file is open read-only: {0}";
        ChangedElsewhere => "tệp hội nghị vừa bị một chương trình khác thay đổi; hãy mở lại tệp", "the meeting file was changed by another program since it was opened; open it again";

        // Who may do what over the network (a join code grants one scorer's sheet).
        ForbiddenOtherSheet => "mã tham gia này chỉ dùng cho phiếu chấm của chính đơn vị mình; không thể chấm hay nộp phiếu của đơn vị khác", "this join code is for its own member's sheet only; it cannot score or submit another member's sheet";
        ForbiddenChairOnly => "mã tham gia chỉ cho phép chấm và nộp phiếu của đơn vị mình; việc {0} do chủ trì làm trên máy của chủ trì", "a join code allows only scoring and submitting its own member's sheet; {0} is done by the chair on the chair's computer";
        ActionReopen => "mở lại phiếu chấm", "reopening a sheet";
        ActionAttendance => "ghi đại biểu có mặt, vắng mặt", "recording who is present";
        ActionMeeting => "ghi thông tin hội nghị", "recording the meeting details";
        ActionBallot => "ghi kết quả bỏ phiếu kín", "recording a secret ballot";
        ActionDecideTie => "quyết định trường hợp bằng điểm", "deciding a tie";
        ActionNextYear => "ghi cụm trưởng, cụm phó năm sau", "recording next year's head and deputy";
        ActionFinalize => "chốt kết quả hội nghị", "finalizing the meeting";
        ActionImportSheet => "nhập phiếu chấm từ tệp", "importing a sheet file";
        ActionPaperSheet => "nhập phiếu chấm giấy", "typing in a paper sheet";
        ActionFact => "nhập số liệu của đơn vị", "entering a member's figures";
        DeviceOfAnother => "thiết bị này đã gửi điểm dưới tên một đơn vị khác; không lưu. Hãy tham gia lại trên thiết bị của mình", "this device has sent scores in another member's name; not saved. Join again on your own device";
        NumberReused => "số thứ tự {0} của thiết bị này đã dùng cho một điểm khác; không lưu", "this device's number {0} was used for another score; not saved";
        TooManyEvents => "phiếu này đã nhận {0} lần gửi điểm, gấp 20 lần số ô của phiếu: không nhận thêm. Hãy báo chủ trì", "this sheet has had {0} scores sent, 20 times its cells: no more are taken. Tell the chair";
        PaperWrongCode => "mã kiểm tra gõ từ phiếu giấy không khớp với cấu hình của hội nghị này: phiếu có thể thuộc cụm hoặc năm khác. Hãy đối chiếu mã in ở chân phiếu", "the check code typed from the paper does not match this meeting's config: the sheet may belong to another cluster or year. Compare it with the code printed at the foot of the sheet";
        PaperSheetHoldsScores => "phiếu chấm của {0} đã có điểm (có thể gửi từ máy khác); chỉ nhập phiếu giấy sau khi chủ trì mở lại phiếu", "{0}'s sheet already holds scores (perhaps sent from a laptop); a paper sheet can be typed in only after the chair reopens it";
        PaperSubmitted => "{0} đã nộp phiếu chấm; chủ trì cần mở lại phiếu trước khi nhập phiếu giấy", "{0} has submitted a sheet; the chair must reopen it before a paper sheet is typed in";
        PaperAbsent => "đại biểu của {0} đang được ghi vắng mặt; hãy ghi có mặt trước khi nhập phiếu giấy", "{0}'s delegate is recorded absent; mark them present before typing in their paper sheet";
        PaperNotReady => "phiếu giấy chưa ghi được: còn {0} ô hai lần nhập khác nhau và {1} ô phiếu ghi sai chưa được chủ trì xác nhận", "the paper sheet cannot go in yet: {0} {0|cell differs|cells differ} between the two entries and {1} {1|cell the paper got wrong awaits|cells the paper got wrong await} the chair";
        PaperTypistRequired => "hãy ghi tên người nhập phiếu", "write the name of the person typing the sheet";
        PaperSecondMissing => "phiếu giấy cần được nhập đủ hai lần trước khi ghi vào hội nghị", "a paper sheet must be typed in twice before it goes into the meeting";
        JoinCodeUnknown => "mã tham gia không đúng hoặc đã bị thu hồi; hãy xin chủ trì mã mới", "the join code is wrong or has been revoked; ask the chair for a new one";
        BadDeviceId => "mã thiết bị không hợp lệ (cần 1 đến {0} ký tự chữ, số, dấu - hoặc _)", "the device id is not valid (1 to {0} letters, digits, - or _)";
        TooManyDevices => "mã tham gia này đã được dùng trên {0} thiết bị; hãy xin chủ trì cấp mã mới", "this join code has already been used on {0} {0|device|devices}; ask the chair for a new one";
        WorkbookUnreadable => "không đọc được tệp Excel {0}: {1}", "cannot read the Excel file {0}: {1}";
        WorkbookEmpty => "tệp Excel {0} không có trang tính nào", "the Excel file {0} has no worksheet";
        TooManyWrongPins => "nhập sai mã PIN quá nhiều lần; hãy thử lại sau {0} giây hoặc quét mã QR", "too many wrong PINs; try again in {0} {0|second|seconds} or scan the QR code";
    }
}
