//! What leaves the meeting: the results document, summary CSV, Excel workbook, PDF
//! minutes and delegate sheets; and what is printed before it from the config: the
//! emulation pledge and the paper score sheets. Files are written whole or not at all.

pub mod blank_sheets;
pub mod csv;
pub mod pdf;
mod pdf_fonts;
mod pdf_layout;
pub mod pledge;
pub mod results;
pub mod slips;
pub mod text;
pub mod wording;
pub mod xlsx;

pub use pdf_layout::PrintError;

use crate::model::sheet::Sheet;
use crate::model::{Session, Tally};
use crate::store::MeetingFile;
use crate::text::Lang;
use crate::text::export::X;
use std::path::Path;

#[derive(Debug)]
pub enum ExportError {
    Io(std::io::Error),
    Unknown(String),
    NotSubmitted(String),
    /// Already in the words of the document's language.
    Format(String),
}

impl ExportError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ExportError::Io(e) => X::WriteFailed.fill(lang, &[e]),
            ExportError::Unknown(ext) => X::UnknownFormat.fill(lang, &[ext]),
            ExportError::NotSubmitted(who) => X::NotSubmitted.fill(lang, &[who]),
            ExportError::Format(e) => e.clone(),
        }
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExportError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        ExportError::Io(e)
    }
}

/// Writes `bytes` next to `path` and renames it into place, so a reader never sees
/// half a file and an old export survives a failed one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    Ok(crate::store::files::write_atomically(path, bytes)?)
}

/// The bytes of one export format, chosen by the file's extension.
pub fn render(file: &MeetingFile, extension: &str, lang: Lang) -> Result<Vec<u8>, ExportError> {
    let session = file.session();
    let tally = Tally::compute(session);
    match extension.to_ascii_lowercase().as_str() {
        "json" => {
            let doc = results::results_document(session, &tally, file.head());
            Ok(serde_json::to_vec_pretty(&doc).unwrap_or_default())
        }
        "csv" => Ok(csv::summary_csv(session, &tally, lang, true)),
        "xlsx" => xlsx::workbook(session, &tally, file.head(), lang)
            .map_err(|e| ExportError::Format(X::WorkbookFailed.fill(lang, &[&e]))),
        "pdf" => pdf::minutes(session, &tally, file.head(), lang).map_err(ExportError::Format),
        other => Err(ExportError::Unknown(other.to_string())),
    }
}

pub fn write(file: &MeetingFile, path: &Path, lang: Lang) -> Result<(), ExportError> {
    let extension = path
        .extension()
        .map_or_else(String::new, |e| e.to_string_lossy().into_owned());
    let bytes = render(file, &extension, lang)?;
    write_atomically(path, &bytes)
}

/// Saves a submitted sheet as `thidua.sheet/1`, to carry to the chair's laptop.
pub fn write_sheet(
    session: &Session,
    scorer: usize,
    path: &Path,
    at: &str,
) -> Result<(), ExportError> {
    if !session.is_submitted(scorer) {
        return Err(ExportError::NotSubmitted(
            session.config().members[scorer].short.clone(),
        ));
    }
    write_atomically(path, Sheet::to_json(session, scorer, at).as_bytes())
}
