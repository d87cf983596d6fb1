//! The command line's messages.

crate::texts! {
    C {
        Placeholder => "(chỗ giữ chỗ, sẽ bỏ)", "(placeholder, to be removed)";
    }
}
