//! The first sheet of an Excel workbook as rows of text cells, for a criteria table
//! the secretary keeps in Excel.

use crate::text::Lang;
use crate::text::errors::E;
use calamine::{Data, Reader, Xlsx, open_workbook};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum SpreadsheetError {
    Unreadable { path: String, reason: String },
    NoSheet { path: String },
}

impl SpreadsheetError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            SpreadsheetError::Unreadable { path, reason } => {
                E::WorkbookUnreadable.fill(lang, &[path, reason])
            }
            SpreadsheetError::NoSheet { path } => E::WorkbookEmpty.fill(lang, &[path]),
        }
    }
}

/// Every row of the workbook's first sheet, each cell as the secretary sees it:
/// numbers without a trailing `.0`, empty cells empty.
pub fn first_sheet_rows(path: &Path) -> Result<Vec<Vec<String>>, SpreadsheetError> {
    let shown = path.display().to_string();
    let unreadable = |reason: String| SpreadsheetError::Unreadable {
        path: shown.clone(),
        reason,
    };
    let mut workbook: Xlsx<_> =
        open_workbook(path).map_err(|e: calamine::XlsxError| unreadable(e.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| SpreadsheetError::NoSheet {
            path: shown.clone(),
        })?
        .map_err(|e| unreadable(e.to_string()))?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(x) => x.to_string(),
        Data::Int(n) => n.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}
