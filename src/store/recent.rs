//! The list of recent files, written the moment a meeting is created or opened, so
//! that after a crash the next start can offer "continue the last meeting" at once
//! (the window's own preferences are saved only every half minute).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const FILE_NAME: &str = "recent.json";
/// A recent list larger than this is not ours: it is ignored.
const MAX_BYTES: u64 = 64 * 1024;

#[derive(Serialize, Deserialize)]
struct RecentFile {
    format: String,
    recent: Vec<PathBuf>,
}

const FORMAT: &str = "thidua.recent/1";

/// The recent files saved in `dir`, most recent first; empty when there are none or
/// the file cannot be read (it is only a convenience: the meetings are safe anyway).
pub fn load(dir: &Path) -> Vec<PathBuf> {
    let path = dir.join(FILE_NAME);
    let small = std::fs::metadata(&path).is_ok_and(|m| m.len() <= MAX_BYTES);
    if !small {
        return Vec::new();
    }
    std::fs::read(&path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<RecentFile>(&bytes).ok())
        .filter(|f| f.format == FORMAT)
        .map(|f| f.recent)
        .unwrap_or_default()
}

/// Saves `recent` in `dir` (created if missing), replacing the old list whole.
pub fn save(dir: &Path, recent: &[PathBuf]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let file = RecentFile {
        format: FORMAT.into(),
        recent: recent.to_vec(),
    };
    let bytes = serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?;
    super::files::write_atomically(&dir.join(FILE_NAME), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_list_reads_back_and_a_damaged_one_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path()).is_empty());
        let list = vec![
            PathBuf::from("/họp/hội nghị.thidua"),
            PathBuf::from("/a/b.json"),
        ];
        save(&dir.path().join("new-folder"), &list).unwrap();
        assert_eq!(load(&dir.path().join("new-folder")), list);
        std::fs::write(dir.path().join(FILE_NAME), b"{\"format\":").unwrap();
        assert!(load(dir.path()).is_empty());
        assert!(
            !dir.path()
                .join("new-folder")
                .join(".recent.json.tmp")
                .exists()
        );
    }
}
