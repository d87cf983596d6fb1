//! The Excel workbook the city Front works with: a summary, one sheet per criteria
//! group with every scorer's points, and the ballots and decisions. Numbers are real
//! numbers with the configured decimals; every sheet prints on A4.

use super::wording;
use crate::model::Session;
use crate::model::exact::Rounded;
use crate::model::sheet_points::{FactPoints, group_subtotals};
use crate::model::tally::Tally;
use crate::model::tally::tree_means;

/// Per group: the mean points of each item and each heading.
type TreeMeans = Vec<(Vec<Rounded>, Vec<Rounded>)>;
use crate::text::Lang;
use crate::text::export::X;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

fn number(r: Rounded) -> f64 {
    r.units as f64 / 10f64.powi(r.decimals as i32)
}

struct Styles {
    title: Format,
    header: Format,
    text: Format,
    number: Format,
    integer: Format,
}

fn styles(decimals: u8) -> Styles {
    let pattern = if decimals == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(decimals as usize))
    };
    let border = |f: Format| f.set_border(FormatBorder::Thin);
    Styles {
        title: Format::new().set_bold().set_font_size(14),
        header: border(
            Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
        )
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#E6EEF7"),
        text: border(Format::new()),
        number: border(Format::new().set_num_format(&pattern)),
        integer: border(Format::new().set_num_format("0")),
    }
}

/// A4, landscape, one page wide, header rows repeated on every printed page, and a
/// header tall enough for two lines of wrapped text.
fn print_setup(sheet: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    sheet.set_row_height(header_row, 32)?;
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    Ok(())
}

/// Widths that fit: the longest text in a column, within reason.
fn fit_columns(sheet: &mut Worksheet, widths: &[usize]) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
    }
    Ok(())
}

fn widen(widths: &mut Vec<usize>, column: usize, text: &str) {
    widen_to(widths, column, text.chars().count());
}

fn widen_to(widths: &mut Vec<usize>, column: usize, chars: usize) {
    if widths.len() <= column {
        widths.resize(column + 1, 0);
    }
    widths[column] = widths[column].max(chars);
}

/// Below a group's sheets-by-scorer table (version 2): its criteria as a tree,
/// headings in bold and each level indented, with each member's mean points per
/// item and heading over the sheets that went into its total.
fn tree_table(
    sheet: &mut Worksheet,
    (session, tally, lang, s): (&Session, &Tally, Lang, &Styles),
    all_means: &[Option<TreeMeans>],
    g: usize,
    top: u32,
    widths: &mut Vec<usize>,
) -> Result<(), XlsxError> {
    let config = session.config();
    let group = &config.groups[g];
    sheet.write_string_with_format(top, 0, X::ByCriterion.get(lang), &s.title)?;
    let header = top + 1;
    sheet.write_string_with_format(header, 0, X::Criterion.get(lang), &s.header)?;
    for (j, &m) in tally.order.iter().enumerate() {
        let short = &config.members[m].short;
        sheet.write_string_with_format(header, 1 + j as u16, short, &s.header)?;
        widen(widths, 1 + j, short);
    }
    // In rank order, as the columns are.
    let means: Vec<_> = tally
        .order
        .iter()
        .map(|&m| all_means[m].as_ref().map(|all| all[g].clone()))
        .collect();
    let bold = s.text.clone().set_bold();
    let mut row = header + 1;
    for (i, item) in group.items.iter().enumerate() {
        for (h, heading) in group
            .headings
            .iter()
            .enumerate()
            .filter(|(_, h)| h.first_item == i)
        {
            let indent = "    ".repeat(heading.level.saturating_sub(2) as usize);
            let name = format!("{indent}{} {}", heading.id, heading.name);
            sheet.write_string_with_format(row, 0, &name, &bold)?;
            widen(widths, 0, &name);
            for (j, mean) in means.iter().enumerate() {
                match mean {
                    Some((_, headings)) => sheet.write_number_with_format(
                        row,
                        1 + j as u16,
                        number(headings[h]),
                        &s.number,
                    )?,
                    None => sheet.write_blank(row, 1 + j as u16, &s.text)?,
                };
            }
            row += 1;
        }
        let indent = "    ".repeat(item.level.saturating_sub(2) as usize);
        let name = format!("{indent}{} {}", item.id, item.name);
        sheet.write_string_with_format(row, 0, &name, &s.text)?;
        widen(widths, 0, &name);
        for (j, (mean, &m)) in means.iter().zip(&tally.order).enumerate() {
            match mean {
                Some((items, _)) if item.is_assigned(m) => sheet.write_number_with_format(
                    row,
                    1 + j as u16,
                    number(items[i]),
                    &s.number,
                )?,
                _ => sheet.write_blank(row, 1 + j as u16, &s.text)?,
            };
        }
        row += 1;
    }
    Ok(())
}

pub fn workbook(
    session: &Session,
    tally: &Tally,
    head: &str,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let config = session.config();
    let s = styles(config.scoring.decimals);
    let mut book = Workbook::new();

    // Summary.
    let sheet = book.add_worksheet();
    sheet.set_name(wording::sheet_name(X::SummarySheet.get(lang)))?;
    sheet.write_string_with_format(0, 0, wording::title_line(session, lang), &s.title)?;
    sheet.write_string(1, 0, wording::status_line(session, tally, lang))?;
    sheet.write_string(
        2,
        0,
        X::SessionCheckCode.fill(lang, &[&super::text::verification_code(head)]),
    )?;
    let header_row = 4;
    let by_percent = config.scoring.compare == crate::model::config::Compare::PercentOfOwnMax;
    let percent_headers: &[X] = if by_percent {
        &[X::OwnMax, X::Percent]
    } else {
        &[]
    };
    let mut headers: Vec<String> = [X::Rank, X::Member, X::Total]
        .iter()
        .chain(percent_headers)
        .chain(&[
            X::Class,
            X::ProposedCommendation,
            X::Status,
            X::Note,
            X::SheetsCounted,
        ])
        .map(|t| t.get(lang).to_string())
        .collect();
    headers.extend(config.groups.iter().map(|g| {
        format!(
            "{} ({})",
            X::Group.fill(lang, &[&g.id]),
            g.max().display(lang.decimal_separator())
        )
    }));
    headers.push(X::Bonus.get(lang).into());
    headers.push(X::Deductions.get(lang).into());
    let separate = config.scoring.self_rule == crate::model::config::SelfRule::Separate;
    if separate {
        headers.push(X::SelfScore.get(lang).into());
    }
    let mut widths = Vec::new();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, h, &s.header)?;
        widen(&mut widths, c, h.split_whitespace().next().unwrap_or(""));
    }
    for (i, &m) in tally.order.iter().enumerate() {
        let row = header_row + 1 + i as u32;
        let r = &tally.members[m];
        let mut c = 0u16;
        match r.rank {
            Some(k) => sheet.write_number_with_format(row, c, k, &s.integer)?,
            None => sheet.write_blank(row, c, &s.text)?,
        };
        c += 1;
        let name = &config.members[m].name;
        sheet.write_string_with_format(row, c, name, &s.text)?;
        widen(&mut widths, c as usize, name);
        c += 1;
        match r.total {
            Some(t) => sheet.write_number_with_format(row, c, number(t), &s.number)?,
            None => sheet.write_blank(row, c, &s.text)?,
        };
        c += 1;
        if by_percent {
            sheet.write_number_with_format(row, c, r.own_max.0 as f64 / 100.0, &s.number)?;
            c += 1;
            match r.percent {
                Some(t) => sheet.write_number_with_format(row, c, number(t), &s.number)?,
                None => sheet.write_blank(row, c, &s.text)?,
            };
            c += 1;
        }
        let class = r.class.map_or("", |k| config.classes[k].name.as_str());
        sheet.write_string_with_format(row, c, class, &s.text)?;
        widen(&mut widths, c as usize, class);
        c += 1;
        let (commendation, status) = wording::proposal_of(session, tally, m, lang);
        sheet.write_string_with_format(row, c, &commendation, &s.text)?;
        widen(&mut widths, c as usize, &commendation);
        c += 1;
        sheet.write_string_with_format(row, c, &status, &s.text)?;
        widen(&mut widths, c as usize, &status);
        c += 1;
        // How a tie at a seat line placed this member, in words.
        let note = wording::tie_notes(config, tally, m, lang).join("; ");
        sheet.write_string_with_format(row, c, &note, &s.text)?;
        widen(&mut widths, c as usize, &note);
        c += 1;
        sheet.write_number_with_format(row, c, r.sheets_counted as f64, &s.integer)?;
        c += 1;
        // Without a counted sheet there is no figure yet (not 0.00).
        for v in r.groups.iter().chain([&r.bonus, &r.deductions]) {
            match r.total {
                Some(_) => sheet.write_number_with_format(row, c, number(*v), &s.number)?,
                None => sheet.write_blank(row, c, &s.text)?,
            };
            c += 1;
        }
        if separate {
            match r.self_total {
                Some(t) => sheet.write_number_with_format(row, c, number(t), &s.number)?,
                None => sheet.write_blank(row, c, &s.text)?,
            };
        }
    }
    fit_columns(sheet, &widths)?;
    print_setup(sheet, header_row)?;

    // One sheet per group: each scorer's subtotal for each member, and the mean.
    let facts = FactPoints::of_config(session);
    // Each member's means by item, once for all the group sheets.
    let means: Vec<Option<TreeMeans>> = if config.version >= 2 {
        (0..config.members.len())
            .map(|m| tree_means(session, m))
            .collect()
    } else {
        Vec::new()
    };
    for (g, group) in config.groups.iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(wording::sheet_name(&X::Group.fill(lang, &[&group.id])))?;
        sheet.write_string_with_format(
            0,
            0,
            X::GroupSheetTitle.fill(
                lang,
                &[
                    &group.id,
                    &group.name,
                    &group.max().display(lang.decimal_separator()),
                ],
            ),
            &s.title,
        )?;
        sheet.write_string(1, 0, X::GroupSheetNote.get(lang))?;
        let header_row = 3;
        let mut widths = vec![0usize];
        sheet.write_string_with_format(header_row, 0, X::MemberScored.get(lang), &s.header)?;
        let scorers: Vec<usize> = (0..config.members.len())
            .filter(|&x| session.is_submitted(x))
            .collect();
        for (i, &x) in scorers.iter().enumerate() {
            sheet.write_string_with_format(
                header_row,
                1 + i as u16,
                &config.members[x].short,
                &s.header,
            )?;
            widen(&mut widths, 1 + i, &config.members[x].short);
        }
        let mean_col = 1 + scorers.len() as u16;
        sheet.write_string_with_format(header_row, mean_col, X::GroupMean.get(lang), &s.header)?;
        widen_to(&mut widths, mean_col as usize, 10);
        for (i, &m) in tally.order.iter().enumerate() {
            let row = header_row + 1 + i as u32;
            sheet.write_string_with_format(row, 0, &config.members[m].short, &s.text)?;
            widen(&mut widths, 0, &config.members[m].short);
            for (j, &x) in scorers.iter().enumerate() {
                let col = 1 + j as u16;
                if config.scores_target(x, m) {
                    // The sheet's subtotal as the tally takes it: counts turned into
                    // points, caps applied, the chair's figures included.
                    let value = |c: usize| session.score(x, m, c);
                    let sum = group_subtotals(config, m, &value, &facts)[g];
                    sheet.write_number_with_format(row, col, sum as f64 / 100.0, &s.number)?;
                } else {
                    sheet.write_blank(row, col, &s.text)?;
                }
            }
            sheet.write_number_with_format(
                row,
                mean_col,
                number(tally.members[m].groups[g]),
                &s.number,
            )?;
        }
        if config.version >= 2 {
            let below = header_row + 2 + tally.order.len() as u32;
            tree_table(
                sheet,
                (session, tally, lang, &s),
                &means,
                g,
                below,
                &mut widths,
            )?;
        }
        fit_columns(sheet, &widths)?;
        print_setup(sheet, header_row)?;
    }

    // Ballots, decisions, next year.
    let sheet = book.add_worksheet();
    sheet.set_name(wording::sheet_name(X::BallotsSheet.get(lang)))?;
    sheet.write_string_with_format(0, 0, X::BallotsTitle.get(lang), &s.title)?;
    let header_row = 2;
    let headers = [
        X::BallotItem,
        X::BallotRoundColumn,
        X::Member,
        X::Votes,
        X::OutOf,
        X::Share,
        X::BallotResult,
    ]
    .map(|t| t.get(lang));
    let mut widths = Vec::new();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, *h, &s.header)?;
        widen(&mut widths, c, h);
    }
    let mut row = header_row + 1;
    for line in wording::ballot_rows(session, lang) {
        sheet.write_string_with_format(row, 0, &line.commendation, &s.text)?;
        widen(&mut widths, 0, &line.commendation);
        sheet.write_number_with_format(row, 1, line.round, &s.integer)?;
        sheet.write_string_with_format(row, 2, &line.member, &s.text)?;
        widen(&mut widths, 2, &line.member);
        sheet.write_number_with_format(row, 3, line.votes, &s.integer)?;
        sheet.write_number_with_format(row, 4, line.base, &s.integer)?;
        sheet.write_number_with_format(
            row,
            5,
            number(line.percent),
            &Format::new()
                .set_num_format("0.00")
                .set_border(FormatBorder::Thin),
        )?;
        sheet.write_string_with_format(row, 6, &line.result, &s.text)?;
        widen(&mut widths, 6, &line.result);
        row += 1;
    }
    row += 1;
    for text in wording::decision_lines(session, lang)
        .into_iter()
        .chain(wording::next_year_line(session, lang))
    {
        sheet.write_string(row, 0, &text)?;
        row += 1;
    }
    fit_columns(sheet, &widths)?;
    print_setup(sheet, header_row)?;

    book.save_to_buffer()
}
