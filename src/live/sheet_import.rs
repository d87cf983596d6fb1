//! A delegate's sheet file brought into a meeting: read within the size limit,
//! checked against the meeting's config and planned against what the meeting holds.
//! The window and `thidua import` both read sheets through here, then commit the
//! plan their own way (the window as one undoable step).

use crate::model::event::Event;
use crate::model::facts::{Facts, is_facts_file};
use crate::model::problem::{Issue, Problems};
use crate::model::reader::MAX_FILE_BYTES;
use crate::model::session::Session;
use crate::model::sheet::{ImportError, ImportPlan, Sheet, plan_import};
use crate::text::Lang;
use crate::text::cli::C;
use std::path::Path;

/// A sheet file read and planned.
#[derive(Debug)]
pub struct SheetFile {
    /// The file's name, recorded with the events as where they came from.
    pub source: String,
    /// The member whose sheet it is.
    pub scorer: usize,
    pub plan: ImportPlan,
}

#[derive(Debug, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum SheetImportError {
    Unreadable(#[source] std::io::Error),
    TooLarge {
        size: u64,
    },
    /// The file is not a sheet of this meeting's config: each problem with its place.
    Sheet(Problems),
    /// A sheet, but one the meeting cannot take now (absent, submitted, other values).
    Plan(ImportError),
}

impl SheetImportError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            SheetImportError::Unreadable(e) => match e.kind() {
                std::io::ErrorKind::NotFound => C::FileNotFound.get(lang).into(),
                std::io::ErrorKind::PermissionDenied => C::FileNoPermission.get(lang).into(),
                std::io::ErrorKind::IsADirectory => C::FileIsFolder.get(lang).into(),
                _ => C::FileUnreadable.fill(lang, &[e]),
            },
            SheetImportError::TooLarge { size } => Issue::TooLarge {
                size: *size,
                limit: MAX_FILE_BYTES,
            }
            .text(lang),
            SheetImportError::Sheet(problems) => problems.text(lang),
            SheetImportError::Plan(e) => e.text(lang),
        }
    }
}

/// A file brought into a meeting: a delegate's sheet, or the chair's facts.
#[derive(Debug)]
pub enum Imported {
    Sheet(SheetFile),
    /// The fact events that differ from what the meeting holds (none: all in).
    Facts {
        source: String,
        events: Vec<Event>,
    },
}

/// Reads the sheet at `path` and plans bringing it into `session`.
pub fn read(path: &Path, session: &Session) -> Result<SheetFile, SheetImportError> {
    let bytes = read_limited(path)?;
    plan_sheet(path, &bytes, session)
}

/// Reads a sheet or a facts file at `path` and plans bringing it into `session`.
pub fn read_any(path: &Path, session: &Session) -> Result<Imported, SheetImportError> {
    let bytes = read_limited(path)?;
    if !is_facts_file(&bytes) {
        return plan_sheet(path, &bytes, session).map(Imported::Sheet);
    }
    let facts = Facts::from_bytes(&bytes, session.config()).map_err(SheetImportError::Sheet)?;
    Ok(Imported::Facts {
        source: source_of(path),
        events: facts.events(session),
    })
}

fn read_limited(path: &Path) -> Result<Vec<u8>, SheetImportError> {
    let size = std::fs::metadata(path)
        .map_err(SheetImportError::Unreadable)?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(SheetImportError::TooLarge { size });
    }
    std::fs::read(path).map_err(SheetImportError::Unreadable)
}

fn source_of(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

fn plan_sheet(path: &Path, bytes: &[u8], session: &Session) -> Result<SheetFile, SheetImportError> {
    let sheet = Sheet::from_bytes(bytes, session.config()).map_err(SheetImportError::Sheet)?;
    let source = source_of(path);
    let plan = plan_import(session, &sheet, &source).map_err(SheetImportError::Plan)?;
    Ok(SheetFile {
        source,
        scorer: sheet.scorer,
        plan,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/cum-phuong-2025")
    }

    fn session() -> Session {
        let bytes = std::fs::read(sample().join("cluster.json")).unwrap();
        let config = crate::model::Config::from_bytes(&bytes).unwrap();
        Session::new(std::sync::Arc::new(config))
    }

    #[test]
    fn a_sheet_is_planned_and_every_failure_is_said_in_words() {
        let session = session();
        let read = read(&sample().join("sheets/ba-dinh.json"), &session).unwrap();
        assert_eq!(read.source, "ba-dinh.json");
        assert_eq!(session.config().members[read.scorer].id, "ba-dinh");
        assert!(matches!(read.plan, ImportPlan::Events(ref e) if !e.is_empty()));

        let missing = super::read(&sample().join("sheets/none.json"), &session).unwrap_err();
        assert_eq!(missing.text(Lang::En), "file not found");
        assert_eq!(missing.text(Lang::Vi), "không tìm thấy tệp");
        let folder = super::read(&sample().join("sheets"), &session).unwrap_err();
        assert!(matches!(folder, SheetImportError::Unreadable(_)));

        let dir = tempfile::tempdir().unwrap();
        let not_a_sheet = dir.path().join("x.json");
        std::fs::write(&not_a_sheet, b"{\"format\": 1}").unwrap();
        let wrong = super::read(&not_a_sheet, &session).unwrap_err();
        assert!(matches!(wrong, SheetImportError::Sheet(_)), "{wrong:?}");
        let large = dir.path().join("large.json");
        std::fs::write(&large, vec![b' '; MAX_FILE_BYTES as usize + 1]).unwrap();
        assert!(matches!(
            super::read(&large, &session),
            Err(SheetImportError::TooLarge { .. })
        ));
    }
}
