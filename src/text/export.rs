//! The exported documents' words: results, workbook, CSV, the minutes.

crate::texts! {
    X {
        Placeholder => "(chỗ giữ chỗ, sẽ bỏ)", "(placeholder, to be removed)";
    }
}
