//! The printed join-code slips: one per present delegate, cut from an A4 sheet.

crate::texts! {
    S {
        // The PDF's own title (shown by a viewer, not printed).
        DocumentTitle => "Phiếu mã tham gia chấm điểm", "Join code slips";
        // The slip's first line: the cluster's name and the year.
        Heading => "{0} — năm {1}", "{0} — {1}";
        Title => "MÃ THAM GIA CHẤM ĐIỂM", "JOIN CODE FOR SCORING";
        Pin => "Mã PIN", "PIN";
        Address => "Địa chỉ", "Address";
        Instructions => "Quét mã QR bằng điện thoại, hoặc mở thidua, chọn “Tham gia hội nghị” rồi nhập địa chỉ và mã PIN.", "Scan the QR code with a phone, or open thidua, choose “Join a meeting” and type the address and PIN.";
        KeepPrivate => "Mã chỉ mở phiếu chấm của đơn vị mình; xin đừng đưa cho người khác.", "The code opens only your own member's sheet; please do not pass it on.";

        // Why no slips could be made.
        FontUnreadable => "không đọc được phông chữ để in phiếu mã tham gia", "the font for the join code slips cannot be read";
        NoCodes => "không có mã tham gia nào để in: chưa có đại biểu nào có mặt", "no join code to print: no delegate is present";
        UnknownMember => "mã tham gia dành cho \"{0}\", không phải đơn vị nào trong cụm", "a join code is for \"{0}\", which is no member of the cluster";
        QrFailed => "không tạo được mã QR cho {0}: {1}", "cannot make the QR code for {0}: {1}";
    }
}
