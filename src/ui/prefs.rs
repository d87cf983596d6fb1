//! What the window remembers between runs: language, zoom and recent files.
//! (eframe itself keeps the window size.)

use super::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const MAX_RECENT: usize = 8;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub language: String,
    pub zoom: f32,
    /// Most recent first; meeting files and configs.
    pub recent: Vec<PathBuf>,
}

impl Default for Prefs {
    fn default() -> Prefs {
        Prefs {
            language: "vi".into(),
            zoom: 1.0,
            recent: Vec::new(),
        }
    }
}

impl Prefs {
    pub fn lang(&self) -> Lang {
        Lang::from_code(&self.language).unwrap_or_default()
    }

    pub fn set_lang(&mut self, lang: Lang) {
        self.language = lang.code().into();
    }

    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// Puts `newer` (most recent first, e.g. the list recorded on disk after a crash)
    /// before the remembered files.
    pub fn merge_recent(&mut self, newer: Vec<PathBuf>) {
        let older = std::mem::take(&mut self.recent);
        self.recent = newer;
        for path in older {
            if !self.recent.contains(&path) {
                self.recent.push(path);
            }
        }
        self.recent.truncate(MAX_RECENT);
    }

    /// The most recent meeting file that still exists: offered after a crash.
    pub fn last_meeting(&self) -> Option<&Path> {
        self.recent
            .iter()
            .find(|p| crate::store::is_meeting_path(p) && p.is_file())
            .map(PathBuf::as_path)
    }
}
