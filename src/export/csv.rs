//! The summary table as CSV (UTF-8): rank, member, total, class, commendation, and
//! how a tie at a seat line placed a member, in words (no internal codes).

use crate::model::Session;
use crate::model::tally::Tally;
use crate::text::Lang;
use crate::text::export::X;

/// The summary; `with_bom` adds the byte-order mark Excel needs to show Vietnamese.
pub fn summary_csv(session: &Session, tally: &Tally, lang: Lang, with_bom: bool) -> Vec<u8> {
    let config = session.config();
    let mut out = Vec::new();
    if with_bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = csv::Writer::from_writer(&mut out);
    // Ranked by the share of the own maximum: both figures stand after the total.
    let by_percent = config.scoring.compare == crate::model::config::Compare::PercentOfOwnMax;
    let mut header: Vec<String> = [X::Rank, X::Member, X::Total]
        .iter()
        .map(|t| t.get(lang).to_string())
        .collect();
    if by_percent {
        header.extend(
            [X::OwnMax, X::Percent]
                .iter()
                .map(|t| t.get(lang).to_string()),
        );
    }
    header.push(X::Class.get(lang).to_string());
    header.extend(config.groups.iter().map(|g| X::Group.fill(lang, &[&g.id])));
    header.extend(
        [
            X::Bonus,
            X::Deductions,
            X::SelfScore,
            X::SheetsCounted,
            X::SheetsExpected,
            X::ProposedCommendation,
            X::Status,
            X::Note,
        ]
        .iter()
        .map(|t| t.get(lang).to_string()),
    );
    let _ = writer.write_record(&header);
    // Numbers use a point so spreadsheets read them as numbers in any locale setting
    // that the CSV importer is told about; the XLSX export carries real numbers.
    for &m in &tally.order {
        let r = &tally.members[m];
        let proposal = tally.commendations.iter().enumerate().find_map(|(c, res)| {
            res.proposals.iter().find(|p| p.member == m).map(|p| {
                (
                    config.commendations[c].name.clone(),
                    p.status.text(lang).to_string(),
                )
            })
        });
        let mut row: Vec<String> = vec![
            r.rank.map(|k| k.to_string()).unwrap_or_default(),
            config.members[m].name.clone(),
            r.total.map(|t| t.display('.')).unwrap_or_default(),
        ];
        if by_percent {
            row.push(r.own_max.display('.'));
            row.push(r.percent.map(|t| t.display('.')).unwrap_or_default());
        }
        row.push(
            r.class
                .map(|c| config.classes[c].name.clone())
                .unwrap_or_default(),
        );
        // Without a counted sheet there is no figure yet (not 0.00).
        let figure =
            |v: crate::model::exact::Rounded| r.total.map_or_else(String::new, |_| v.display('.'));
        row.extend(r.groups.iter().map(|g| figure(*g)));
        row.extend([
            figure(r.bonus),
            figure(r.deductions),
            r.self_total.map(|t| t.display('.')).unwrap_or_default(),
            r.sheets_counted.to_string(),
            r.sheets_expected.to_string(),
        ]);
        let (name, status) = proposal.unwrap_or_default();
        row.extend([name, status]);
        // How a tie at a seat line placed this member, in words.
        row.push(super::wording::tie_notes(config, tally, m, lang).join("; "));
        let _ = writer.write_record(&row);
    }
    let _ = writer.flush();
    drop(writer);
    out
}
