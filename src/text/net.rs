//! The live meeting's messages: the host, the delegates' clients, `thidua host` and
//! `thidua join`.

crate::texts! {
    N {
        WriterStopped => "tệp hội nghị đã đóng", "the meeting file is closed";
        NotThisHost => "địa chỉ trong yêu cầu không phải của máy chủ trì; hãy mở đúng đường dẫn trên phiếu mã", "the request names another address than the chair's laptop; open the link on the code slip";
        NotLocal => "chỉ máy trong cùng mạng nội bộ mới được kết nối", "only machines on the local network may connect";
        WrongPin => "mã PIN không đúng hoặc đã bị thu hồi; hãy hỏi chủ trì mã mới", "the PIN is wrong or was revoked; ask the chair for a new one";
        TooManyTries => "nhập sai quá nhiều lần; hãy thử lại sau {0} giây", "too many wrong tries; try again in {0} {0|second|seconds}";
        NoCode => "thiếu mã tham gia hoặc mã đã bị thu hồi; hãy tham gia lại bằng mã của chủ trì", "no join code, or it was revoked; join again with the chair's code";
        NotPublished => "chủ trì chưa công bố kết quả", "the chair has not published the results";
        BadRequest => "yêu cầu không đọc được: {0}", "the request cannot be read: {0}";
        HostTrouble => "máy chủ trì không ghi được: {0}", "the chair's laptop could not write: {0}";
        NoSuchScorer => "mã tham gia dành cho đơn vị không còn trong cụm", "the join code is for a member no longer in the cluster";
        Serving => "Đang mở chấm qua mạng tại {0}", "Serving the meeting at {0}";
        CodeLine => "{0}: PIN {1}  {2}", "{0}: PIN {1}  {2}";
        CannotListen => "không mở được cổng {0}: {1}", "cannot listen on port {0}: {1}";
        CannotReach => "không kết nối được tới {0}: {1}", "cannot reach {0}: {1}";
        HostRefused => "máy chủ trì từ chối: {1}", "the host refused: {1}";
        BadReply => "máy chủ trì trả lời không đọc được: {0}", "the host's answer cannot be read: {0}";
        ConfigMismatch => "cấu hình nhận từ máy chủ trì không khớp mã kiểm tra", "the config from the host does not match its check code";
        NotThisScorer => "phiếu chấm {0} là của {1}, nhưng mã tham gia mở phiếu của {2}", "the sheet {0} is {1}'s, but the join code opens {2}'s";
        JournalDamaged => "{0}: nhật ký gửi điểm bị hỏng ở dòng {1}", "{0}: the journal of sent scores is damaged at line {1}";
        JournalOther => "{0}: nhật ký này thuộc về phiếu của {1}", "{0}: this journal belongs to {1}'s sheet";
        JournalBusy => "{0}: nhật ký đang được một tiến trình khác dùng: {1}. Hãy để tiến trình đó chạy xong, hoặc dừng nó", "{0}: the journal is in use by another process: {1}. Let it finish, or stop it";
        JournalSetAside => "{0} là nhật ký của một hội nghị khác: đã cất sang {1} và bắt đầu nhật ký mới cho hội nghị này", "{0} is another meeting's journal: kept as {1}, and a new journal starts for this meeting";
        EventRefused => "điểm số {0} bị từ chối: {1}", "event {0} was refused: {1}";
        JoinSummary => "đã gửi {0}, đã xác nhận {1}, mới ghi {2}, đã có sẵn (gửi lại sau khi mất trả lời) {3}, bị từ chối {4}", "sent {0}, acknowledged {1}, committed {2}, already committed (resent after a lost answer) {3}, refused {4}";
        JoinWaiting => "đã gửi {0}, đã xác nhận {1}, mới ghi {2}, đã có sẵn (gửi lại sau khi mất trả lời) {3}, bị từ chối {4}; còn chờ máy chủ trì trả lời {5}", "sent {0}, acknowledged {1}, committed {2}, already committed (resent after a lost answer) {3}, refused {4}; still waiting for the host {5}";
        NoneFound => "Không nghe thấy hội nghị nào trên mạng này; hãy nhập địa chỉ và mã PIN của chủ trì.", "No meeting heard on this network; type the chair's address and PIN.";
        FoundLine => "{0}  {1}", "{0}  {1}";
        GaveUp => "hết thời gian chờ máy chủ trì; {0} điểm chưa gửi vẫn nằm trong nhật ký {1} và sẽ được gửi lần sau", "gave up waiting for the host; {0} unsent {0|event stays|events stay} in the journal {1} and will be sent next time";
    }
}
