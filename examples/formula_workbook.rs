//! The tally of a generated meeting as a spreadsheet would do it, for
//! `scripts/tally-vs-spreadsheet.sh`, which times LibreOffice recalculating it
//! against `thidua tally`. Not a test and not an export.
//!
//! `cargo run --release --example formula_workbook -- SCALE OUT.xlsx` writes, for
//! the scale `thidua synthetic --scale SCALE` generates (meeting, large, stress),
//! the same config and the same scores (`synthetic::scored_session`):
//!
//! - sheet `Tally` (first, so `soffice --convert-to csv` writes it): one row per
//!   member in config order, every figure a formula, no cached results:
//!   id, short name, sheets counted (`COUNT`), the total (the aggregate of the
//!   sheet totals: `AVERAGE` for `mean`, `TRIMMEAN` for `trimmed_mean`, `MEDIAN`
//!   for `median`, then `ROUND` to the config's decimals, empty with no sheet),
//!   the rank (`RANK`, descending: 1, 2, 2, 4 like thidua's competition ranking on
//!   the rounded totals), and with `self = separate` the member's own sheet total.
//! - sheet `Scores`: one row per submitted sheet and target (scorer id, target id,
//!   one column per item, then the bonus and deduction columns, a blank where the
//!   scorer left the cell empty, which thidua also counts as 0) and a last column
//!   with the sheet total as a formula: `SUM(items) + bonus - deductions`. The rows
//!   of a target are together: first the sheets that count toward it (the config's
//!   self rule decides whether its own sheet is one), then, with `self = separate`,
//!   its own sheet, shown beside and not counted.
//!
//! Per-group means, classes and commendations are left out: the comparison is the
//! totals and ranks.

use rust_xlsxwriter::{Format, Workbook, XlsxError, utility::column_number_to_name};
use thidua::model::config::{Aggregate, CellKind, SelfRule};
use thidua::synthetic::{SCALES, scored_session};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names: Vec<&str> = SCALES.iter().map(|s| s.name).collect();
    let (Some(scale_name), Some(out), 2) = (args.first(), args.get(1), args.len()) else {
        eprintln!(
            "usage: formula_workbook SCALE OUT.xlsx   (SCALE: {})",
            names.join(", ")
        );
        std::process::exit(2);
    };
    let Some(scale) = SCALES.into_iter().find(|s| s.name == scale_name) else {
        eprintln!("unknown scale {scale_name}; one of: {}", names.join(", "));
        std::process::exit(2);
    };
    if let Err(e) = write(scale, out) {
        eprintln!("{out}: {e}");
        std::process::exit(1);
    }
    println!("{out}: {scale}");
}

/// A cell reference such as `Scores!$C$2:$C$12` for a column over rows (1-based).
fn column_range(sheet: &str, col: u16, first: u32, last: u32) -> String {
    let c = column_number_to_name(col);
    format!("{sheet}!${c}${first}:${c}${last}")
}

fn write(scale: thidua::synthetic::Scale, out: &str) -> Result<(), XlsxError> {
    let session = scored_session(scale);
    let config = session.config();
    let n = config.members.len();
    let rule = config.scoring;
    let bold = Format::new().set_bold();

    let mut workbook = Workbook::new();
    // Added first so that it is the sheet a CSV conversion writes.
    let tally_index = 0;
    workbook.add_worksheet().set_name("Tally")?;
    let scores = workbook.add_worksheet().set_name("Scores")?;

    // Scores: header, then the rows.
    scores.write_string_with_format(0, 0, "scorer", &bold)?;
    scores.write_string_with_format(0, 1, "target", &bold)?;
    for (c, cell) in config.cells.iter().enumerate() {
        scores.write_string_with_format(0, 2 + c as u16, &cell.id, &bold)?;
    }
    let first_cell = 2u16;
    let total_col = first_cell + config.cells.len() as u16;
    scores.write_string_with_format(0, total_col, "sheet_total", &bold)?;
    // The sheet total of one row, as a formula over that row's cells.
    let total_formula = |row: u32| -> String {
        let mut plus = Vec::new();
        let mut minus = Vec::new();
        for (c, cell) in config.cells.iter().enumerate() {
            let a = format!("{}{row}", column_number_to_name(first_cell + c as u16));
            match cell.kind {
                CellKind::Item { .. } | CellKind::Bonus => plus.push(a),
                CellKind::Deduction => minus.push(a),
            }
        }
        let mut f = format!("=SUM({})", plus.join(","));
        if !minus.is_empty() {
            f.push_str(&format!("-SUM({})", minus.join(",")));
        }
        f
    };

    // Per target: the 1-based rows of its counted sheets and of its own sheet.
    let mut counted_rows: Vec<Option<(u32, u32)>> = vec![None; n];
    let mut self_row: Vec<Option<u32>> = vec![None; n];
    let mut row: u32 = 1; // 0-based row index of the next data row
    for t in 0..n {
        let counted: Vec<usize> = (0..n)
            .filter(|&s| session.is_submitted(s) && config.counts_toward(s, t))
            .collect();
        let own = (rule.self_rule == SelfRule::Separate && session.is_submitted(t)).then_some(t);
        let first = row + 1;
        for s in counted.iter().copied().chain(own) {
            scores.write_string(row, 0, &config.members[s].id)?;
            scores.write_string(row, 1, &config.members[t].id)?;
            for (c, value) in session.row(s, t).iter().enumerate() {
                if let Some(p) = value {
                    scores.write_number(row, first_cell + c as u16, p.0 as f64 / 100.0)?;
                }
            }
            scores.write_formula(row, total_col, total_formula(row + 1).as_str())?;
            row += 1;
        }
        if !counted.is_empty() {
            counted_rows[t] = Some((first, first + counted.len() as u32 - 1));
        }
        if own.is_some() {
            self_row[t] = Some(row); // the row just written, 1-based
        }
    }

    // Tally: one row per member, formulas only.
    let tally = workbook.worksheet_from_index(tally_index)?;
    let mut headers = vec!["id", "short", "sheets_counted", "total", "rank"];
    if rule.self_rule == SelfRule::Separate {
        headers.push("self_total");
    }
    for (c, h) in headers.iter().enumerate() {
        tally.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let d = rule.decimals;
    let totals = column_range("Tally", 3, 2, n as u32 + 1).replace("Tally!", "");
    for (m, member) in config.members.iter().enumerate() {
        let r = m as u32 + 1;
        tally.write_string(r, 0, &member.id)?;
        tally.write_string(r, 1, &member.short)?;
        let Some((first, last)) = counted_rows[m] else {
            tally.write_number(r, 2, 0)?;
            tally.write_string(r, 3, "")?;
            tally.write_string(r, 4, "")?;
            continue;
        };
        let sheets = column_range("Scores", total_col, first, last);
        tally.write_formula(r, 2, format!("=COUNT({sheets})").as_str())?;
        let aggregate = match rule.aggregate {
            Aggregate::Mean => format!("AVERAGE({sheets})"),
            Aggregate::Median => format!("MEDIAN({sheets})"),
            // thidua drops the `trim` highest and lowest sheets when at least
            // 2 × trim + 1 count, else keeps them all. TRIMMEAN drops
            // floor(n × fraction / 2) from each end; the extra 0.5 keeps float
            // error from making that trim - 1.
            Aggregate::TrimmedMean => format!(
                "IF(COUNT({sheets})>={k1},TRIMMEAN({sheets},({k2}+0.5)/COUNT({sheets})),AVERAGE({sheets}))",
                k1 = 2 * rule.trim + 1,
                k2 = 2 * rule.trim,
            ),
        };
        tally.write_formula(r, 3, format!("=ROUND({aggregate},{d})").as_str())?;
        let cell = format!("D{}", r + 1);
        tally.write_formula(r, 4, format!("=RANK({cell},{totals},0)").as_str())?;
        if let Some(own) = self_row[m] {
            let own = column_range("Scores", total_col, own, own);
            tally.write_formula(r, 5, format!("=ROUND({own},{d})").as_str())?;
        }
    }
    workbook.save(out)
}
