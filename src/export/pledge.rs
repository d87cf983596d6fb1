//! The emulation pledge (bản giao ước thi đua) as an A4 PDF in the look of a
//! Vietnamese administrative document: what members sign at the start of the year.
//! From the cluster config alone: the header and national motto, the title, the
//! members, the year's criteria with their maximum points, the scoring,
//! classification and commendation rules in words, and a signature block for each
//! member's chairperson, two to a row. The footer ties the paper to the config.
//!
//! Pure: the bytes come back, the caller writes them.

use super::pdf_layout::{
    A4, Align, BODY, PrintError, Row, SIGN_SPACE, Signature, Table, Writer, blank_date,
    config_code, document_header,
};
use super::wording;
use crate::model::Config;
use crate::model::config::{AdjustmentKind, BallotBase, Role, TieBreak};
use crate::model::points::Points;
use crate::text::Lang;
use crate::text::documents::D;
use crate::text::export::X;
use printpdf::PdfDocument;

/// The pledge's PDF bytes.
pub fn pledge(config: &Config, lang: Lang) -> Result<Vec<u8>, PrintError> {
    let year = config.cluster.year;
    let mut doc = PdfDocument::new(D::PledgeDocumentTitle.get(lang));
    let mut w = Writer::new(&mut doc, A4).ok_or(PrintError::FontUnreadable)?;
    document_header(&mut w, config, Some(&blank_date(config, lang)), lang);

    w.centered(&D::PledgeTitle.fill(lang, &[&year]), 14.0, true);
    w.centered(&config.cluster.name, 13.0, true);
    w.gap(4.0);
    let intro = D::PledgeIntro.fill(lang, &[&config.cluster.name, &year]);
    w.paragraph(&intro, BODY, false, 8.0);

    w.heading(0, D::SectionMembers.get(lang));
    for (i, member) in config.members.iter().enumerate() {
        let line = match member.role {
            Role::Head => format!("{}. {} ({})", i + 1, member.name, D::RoleHead.get(lang)),
            Role::Deputy => format!("{}. {} ({})", i + 1, member.name, D::RoleDeputy.get(lang)),
            Role::Member => format!("{}. {}", i + 1, member.name),
        };
        w.paragraph(&line, BODY, false, 8.0);
    }

    w.heading(1, D::SectionCriteria.get(lang));
    let table = Table {
        headers: vec![
            D::ColNumber.get(lang).to_string(),
            D::ColCriterion.get(lang).to_string(),
            D::ColMax.get(lang).to_string(),
        ],
        header_size: 11.0,
        widths: &[16.0, 123.0, 26.0],
        aligns: &[Align::Center, Align::Left, Align::Center],
        size: 11.0,
        leading: 1.3,
        min_height: 0.0,
    };
    w.table(&table, &criteria_rows(config, lang));

    let targets = target_rows(config, lang);
    if !targets.is_empty() {
        // Each member's registered targets, where it signs below.
        w.heading(2, D::SectionTargets.get(lang));
        let table = Table {
            headers: vec![
                D::ColNumber.get(lang).to_string(),
                D::ColCriterion.get(lang).to_string(),
                D::ColTarget.get(lang).to_string(),
            ],
            header_size: 11.0,
            widths: &[16.0, 119.0, 30.0],
            aligns: &[Align::Center, Align::Left, Align::Right],
            size: 11.0,
            leading: 1.3,
            min_height: 0.0,
        };
        w.table(&table, &targets);
    }

    w.heading(
        if targets.is_empty() { 2 } else { 3 },
        D::SectionRules.get(lang),
    );
    for (n, (title, lines)) in rules(config, lang).iter().enumerate() {
        w.paragraph(&format!("{}. {title}", n + 1), BODY, true, 8.0);
        for line in lines {
            w.paragraph(line, BODY, false, 8.0);
        }
    }
    w.gap(2.0);
    w.paragraph(D::Commitment.get(lang), BODY, false, 8.0);

    signatures(&mut w, config, lang);
    Ok(w.finish(doc, &config_code(config, lang), lang))
}

/// Per member, the targets it registered for the items measured against one: the
/// member in bold, then each item with its target ("không giao" for none).
fn target_rows(config: &Config, lang: Lang) -> Vec<Row> {
    let sep = lang.decimal_separator();
    let items: Vec<_> = (0..config.item_count())
        .filter_map(|i| config.item_at(i))
        .filter_map(|item| match &item.kind {
            crate::model::config::ItemKind::Target { targets, .. } => Some((item, targets)),
            _ => None,
        })
        .collect();
    if items.is_empty() {
        return Vec::new();
    }
    let mut rows = Vec::new();
    for (m, member) in config.members.iter().enumerate() {
        rows.push(Row::bold(vec![
            (m + 1).to_string(),
            member.name.clone(),
            String::new(),
        ]));
        for (item, targets) in items.iter().filter(|(item, _)| item.is_assigned(m)) {
            let target = targets.get(m).copied().unwrap_or(0);
            rows.push(Row::plain(vec![
                item.id.clone(),
                item.name.clone(),
                if target == 0 {
                    D::NoTarget.get(lang).to_string()
                } else {
                    Points(target).display(sep)
                },
            ]));
        }
    }
    rows
}

/// The table of criteria: each group in bold with its total, its headings (with
/// their caps) and items, the groups' maximum total, then the bonus and deduction
/// items under their own rows.
pub(crate) fn criteria_rows(config: &Config, lang: Lang) -> Vec<Row> {
    let sep = lang.decimal_separator();
    let mut rows = Vec::new();
    for group in &config.groups {
        rows.push(Row::bold(vec![
            group.id.clone(),
            group.name.clone(),
            group.max().display(sep),
        ]));
        for (i, item) in group.items.iter().enumerate() {
            for heading in group.headings.iter().filter(|h| h.first_item == i) {
                let indent = "   ".repeat(heading.level.saturating_sub(2) as usize);
                rows.push(Row::bold(vec![
                    heading.id.clone(),
                    format!("{indent}{}", heading.name),
                    heading.cap.map_or(String::new(), |c| c.display(sep)),
                ]));
            }
            let indent = "   ".repeat(item.level.saturating_sub(2) as usize);
            rows.push(Row::plain(vec![
                item.id.clone(),
                format!("{indent}{}", item.name),
                item.max.display(sep),
            ]));
        }
    }
    rows.push(Row::bold(vec![
        String::new(),
        D::GroupsTotal.get(lang).to_string(),
        config.max_total().display(sep),
    ]));
    rows.extend(adjustment_rows(config, lang));
    rows
}

/// The bonus items under a row with their sum, then the deductions likewise.
pub(crate) fn adjustment_rows(config: &Config, lang: Lang) -> Vec<Row> {
    let sep = lang.decimal_separator();
    let mut rows = Vec::new();
    for (kind, title) in [
        (AdjustmentKind::Bonus, D::BonusRow),
        (AdjustmentKind::Deduction, D::DeductionRow),
    ] {
        let items: Vec<_> = config
            .adjustments
            .iter()
            .filter(|a| a.kind == kind)
            .collect();
        if items.is_empty() {
            continue;
        }
        let sum = Points(items.iter().map(|a| a.max.0).sum());
        rows.push(Row::bold(vec![
            String::new(),
            title.get(lang).to_string(),
            sum.display(sep),
        ]));
        rows.extend(
            items
                .iter()
                .map(|a| Row::plain(vec![a.id.clone(), a.name.clone(), a.max.display(sep)])),
        );
    }
    rows
}

/// How an item is scored: in the one step every item shares, else in its own.
pub(crate) fn step_rule(config: &Config, lang: Lang) -> String {
    let first = config.cells.first().map(|c| c.step);
    match first {
        Some(step) if config.cells.iter().all(|c| c.step == step) => {
            D::StepRule.fill(lang, &[&step.display(lang.decimal_separator())])
        }
        _ => D::StepsVary.get(lang).to_string(),
    }
}

/// The rules in words, under their numbered titles: scoring, classes, commendations.
fn rules(config: &Config, lang: Lang) -> Vec<(&'static str, Vec<String>)> {
    let scoring = vec![
        wording::scoring_method(config, lang),
        step_rule(config, lang),
    ];
    let mut commendations: Vec<String> = config
        .commendations
        .iter()
        .enumerate()
        .map(|(c, _)| commendation_line(config, c, lang))
        .collect();
    if commendations.is_empty() {
        commendations.push(X::NoCommendationRules.get(lang).to_string());
    } else {
        commendations.push(D::CommendationOrder.get(lang).to_string());
        commendations.push(tie_break_line(config, lang));
    }
    vec![
        (D::RulesScoring.get(lang), scoring),
        (D::RulesClasses.get(lang), class_lines(config, lang)),
        (D::RulesCommendations.get(lang), commendations),
    ]
}

/// "Hoàn thành xuất sắc nhiệm vụ: từ 95 điểm trở lên;" and so on down the classes.
pub(crate) fn class_lines(config: &Config, lang: Lang) -> Vec<String> {
    let sep = lang.decimal_separator();
    if config.classes.is_empty() {
        return vec![D::NoClasses.get(lang).to_string()];
    }
    let mut lines = vec![D::ClassesIntro.get(lang).to_string()];
    let mut above: Option<Points> = None;
    for class in &config.classes {
        let line = match above {
            None => D::ClassFrom.fill(lang, &[&class.name, &class.min.display(sep)]),
            Some(upper) if class.min == Points(0) => {
                D::ClassBelow.fill(lang, &[&class.name, &upper.display(sep)])
            }
            Some(upper) => D::ClassBetween.fill(
                lang,
                &[&class.name, &class.min.display(sep), &upper.display(sep)],
            ),
        };
        lines.push(format!("— {line}"));
        above = Some(class.min);
    }
    // The last class ends the list.
    if let Some(last) = lines.last_mut()
        && let Some(open) = last.strip_suffix(';')
    {
        *last = format!("{open}.");
    }
    lines
}

/// One commendation's seats, who may have it and its ballot, in one sentence.
pub(crate) fn commendation_line(config: &Config, c: usize, lang: Lang) -> String {
    let sep = lang.decimal_separator();
    let rule = &config.commendations[c];
    let mut parts = Vec::new();
    if let Some(count) = rule.max_count {
        parts.push(D::SeatsCount.fill(lang, &[&count]));
    }
    if let Some(percent) = rule.max_percent {
        let seats = crate::model::tally::quota(config, c);
        parts.push(format!(
            "{} {}",
            D::SeatsPercent.fill(lang, &[&percent.display(sep)]),
            D::SeatsFor.fill(lang, &[&config.members.len(), &seats])
        ));
    }
    if let Some(min) = rule.min_class {
        parts.push(D::MinClass.fill(lang, &[&config.classes[min].name]));
    }
    if let Some(ballot) = rule.ballot {
        let strict = if ballot.strict {
            X::ThresholdMoreThan
        } else {
            X::ThresholdAtLeast
        };
        let base = match ballot.base {
            BallotBase::Present => X::BasePresent,
            BallotBase::Members => X::BaseMembers,
            BallotBase::Valid => X::BaseValid,
        };
        parts.push(D::BallotRule.fill(
            lang,
            &[
                &strict.get(lang),
                &ballot.threshold_text(sep),
                &base.get(lang),
            ],
        ));
    }
    D::CommendationLine.fill(lang, &[&rule.name, &parts.join("; ")])
}

/// The tie-break keys in order, in words.
pub(crate) fn tie_break_line(config: &Config, lang: Lang) -> String {
    let keys: Vec<String> = config
        .tie_break
        .iter()
        .map(|key| match *key {
            TieBreak::Group(g) => {
                let group = &config.groups[g];
                D::TieGroup.fill(lang, &[&group.id, &group.name])
            }
            TieBreak::Bonus => D::TieBonus.get(lang).to_string(),
            TieBreak::Deductions => D::TieDeductions.get(lang).to_string(),
            TieBreak::Ballot => D::TieBallot.get(lang).to_string(),
        })
        .collect();
    if keys.is_empty() {
        D::TieBreakNone.get(lang).to_string()
    } else {
        D::TieBreak.fill(lang, &[&keys.join("; ")])
    }
}

/// A block for each member's chairperson, two to a row, in the members' order.
fn signatures(w: &mut Writer, config: &Config, lang: Lang) {
    w.gap(4.0);
    w.ensure(70.0);
    w.centered(D::SectionSignatures.get(lang), BODY, true);
    w.gap(4.0);
    let blocks: Vec<Signature> = config
        .members
        .iter()
        .map(|m| {
            let name = m.name.to_uppercase();
            let label = config.cluster.member_label.to_uppercase();
            let (body, place) = split_before_label(&name, &label);
            let mut titles = vec![D::SignFor.fill(lang, &[&body])];
            titles.extend(place);
            titles.push(D::SignChairperson.get(lang).to_string());
            Signature {
                titles,
                hint: D::SignSeal.get(lang).to_string(),
                room: SIGN_SPACE,
                name: "………………………………".to_string(),
            }
        })
        .collect();
    for pair in blocks.chunks(2) {
        w.signature_row(pair.first(), pair.get(1));
        w.gap(8.0);
    }
}

/// A member's name split before the last word that is the member label, the way
/// the lines of a signature block break: "ỦY BAN MTTQ VIỆT NAM" and "QUẬN BA ĐÌNH".
/// The whole name when the label is not a word of it.
fn split_before_label(name: &str, label: &str) -> (String, Option<String>) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let label: Vec<&str> = label.split_whitespace().collect();
    let at = (1..words.len())
        .rev()
        .find(|&i| !label.is_empty() && words[i..].starts_with(&label));
    match at {
        Some(i) => (words[..i].join(" "), Some(words[i..].join(" "))),
        None => (words.join(" "), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf_layout::{load_config as load, pdf_pages};

    fn ha_noi() -> Config {
        load(include_bytes!(
            "../../sample-data/ha-noi-cum-1-2024/cluster.json"
        ))
    }

    fn phuong() -> Config {
        load(include_bytes!(
            "../../sample-data/cum-phuong-2025/cluster.json"
        ))
    }

    #[test]
    fn classes_read_as_bands_of_points() {
        assert_eq!(
            class_lines(&ha_noi(), Lang::Vi),
            [
                "Căn cứ tổng điểm, các đơn vị được xếp loại như sau:",
                "— Hoàn thành xuất sắc nhiệm vụ: từ 95 điểm trở lên;",
                "— Hoàn thành tốt nhiệm vụ: từ 80 điểm đến dưới 95 điểm;",
                "— Hoàn thành nhiệm vụ: từ 50 điểm đến dưới 80 điểm;",
                "— Không hoàn thành nhiệm vụ: dưới 50 điểm.",
            ]
        );
        let en = class_lines(&ha_noi(), Lang::En);
        assert_eq!(en[1], "— Hoàn thành xuất sắc nhiệm vụ: 95 points or more;");
        assert_eq!(en[4], "— Không hoàn thành nhiệm vụ: under 50 points.");
    }

    #[test]
    fn a_commendation_says_its_seats_who_may_have_it_and_its_ballot() {
        let config = ha_noi();
        assert_eq!(
            commendation_line(&config, 0, Lang::Vi),
            "Cờ thi đua của Ủy ban MTTQ Việt Nam thành phố Hà Nội: tối đa 1 suất; dành cho đơn vị \
             xếp loại “Hoàn thành xuất sắc nhiệm vụ” trở lên; bỏ phiếu kín, đạt trên 50% số đại \
             biểu có mặt."
        );
        // 25% of 12 wards is 3 seats; the ballot counts valid ballots, 50% is enough.
        let config = phuong();
        assert_eq!(
            commendation_line(&config, 1, Lang::En),
            "Bằng khen của Ủy ban MTTQ Việt Nam thành phố Hà Nội: at most 3 seats; no more than \
             25% of the members (12 members: 3 seats); for members classified “Hoàn thành tốt \
             nhiệm vụ” or better."
        );
        assert_eq!(
            commendation_line(&config, 0, Lang::En),
            "Cờ thi đua của Ủy ban MTTQ Việt Nam thành phố Hà Nội: at most 1 seat; for members \
             classified “Hoàn thành xuất sắc nhiệm vụ” or better; by secret ballot, with at \
             least 50% of valid ballots."
        );
    }

    #[test]
    fn the_tie_break_keys_are_named_in_their_order() {
        assert_eq!(
            tie_break_line(&ha_noi(), Lang::Vi),
            "Khi các đơn vị bằng tổng điểm tranh suất khen thưởng, lần lượt xét: điểm nhóm 1 \
             (Công tác tuyên truyền, vận động nhân dân) cao hơn; điểm thưởng cao hơn; điểm trừ \
             ít hơn; nhiều phiếu hơn khi bỏ phiếu kín; nếu vẫn bằng điểm, hội nghị quyết định."
        );
        let mut config = phuong();
        config.tie_break.clear();
        assert_eq!(
            tie_break_line(&config, Lang::En),
            "When members with equal totals compete for a seat, the meeting decides."
        );
    }

    #[test]
    fn a_signature_block_breaks_before_the_member_label() {
        assert_eq!(
            split_before_label("ỦY BAN MTTQ VIỆT NAM QUẬN BA ĐÌNH", "QUẬN"),
            (
                "ỦY BAN MTTQ VIỆT NAM".to_string(),
                Some("QUẬN BA ĐÌNH".to_string())
            )
        );
        assert_eq!(
            split_before_label("BAN CÔNG TÁC MẶT TRẬN", "PHƯỜNG"),
            ("BAN CÔNG TÁC MẶT TRẬN".to_string(), None)
        );
        // A name that is only the label stays whole.
        assert_eq!(
            split_before_label("PHƯỜNG", "PHƯỜNG"),
            ("PHƯỜNG".into(), None)
        );
    }

    #[test]
    fn the_table_lists_groups_with_totals_then_bonus_and_deductions() {
        let rows = criteria_rows(&phuong(), Lang::Vi);
        let cells = |r: &Row| r.cells.join(" | ");
        assert_eq!(cells(&rows[0]), "1 | Công tác tuyên giáo | 15");
        assert!(rows[0].bold && !rows[1].bold);
        // 6 groups, 22 items, the total, 2 headings, 5 adjustments.
        assert_eq!(rows.len(), 6 + 22 + 1 + 2 + 5);
        let total = rows
            .iter()
            .position(|r| r.cells[2] == "90")
            .expect("the total");
        assert_eq!(rows[total].cells[1], D::GroupsTotal.get(Lang::Vi));
        assert_eq!(
            cells(&rows[total + 1]),
            " | Điểm thưởng (cộng vào tổng điểm) | 10"
        );
        assert_eq!(
            cells(&rows[rows.len() - 3]),
            " | Điểm trừ (trừ vào tổng điểm) | 4"
        );
        assert_eq!(
            cells(&rows[rows.len() - 1]),
            "d2 | Không tham dự hoạt động chung của Cụm mà không có lý do | 2"
        );
    }

    #[test]
    fn the_pledge_holds_the_rules_and_a_block_for_every_member() {
        let config = ha_noi();
        let bytes = match pledge(&config, Lang::Vi) {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        };
        let pages = pdf_pages(&bytes);
        let all = pages.join(" ");
        for wanted in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "BẢN GIAO ƯỚC THI ĐUA NĂM 2024",
            "……………, ngày …… tháng …… năm 2024",
            &wording::scoring_method(&config, Lang::Vi),
            &tie_break_line(&config, Lang::Vi),
        ] {
            assert!(all.contains(wanted), "`{wanted}` not in:\n{all}");
        }
        for m in &config.members {
            let block = m.name.to_uppercase().replace("QUẬN", "\u{0}");
            let (body, place) = block.split_once('\u{0}').expect("the label is in the name");
            assert!(all.contains(&format!("TM. {}", body.trim())), "{all}");
            assert!(all.contains(&format!("QUẬN{place}")), "{all}");
        }
        assert_eq!(all.matches("CHỦ TỊCH").count(), config.members.len());
        for (i, page) in pages.iter().enumerate() {
            let footer = format!("Trang {}/{}", i + 1, pages.len());
            assert!(page.contains(&footer), "page {}: {page}", i + 1);
            assert!(
                page.contains(&config.sha256[..16]),
                "page {}: {page}",
                i + 1
            );
        }
    }

    #[test]
    fn every_letter_of_the_documents_is_in_the_font() {
        let mut texts: Vec<&str> = Vec::new();
        for lang in [Lang::Vi, Lang::En] {
            texts.extend(D::ALL.iter().map(|d| d.get(lang)));
            texts.extend(X::ALL.iter().map(|x| x.get(lang)));
        }
        let mut doc = PdfDocument::new("t");
        let Some((regular, bold)) = super::super::pdf_fonts::embed(&mut doc) else {
            panic!("the fonts load");
        };
        for face in [&regular, &bold] {
            for c in texts
                .iter()
                .flat_map(|t| t.chars())
                .filter(|c| !c.is_whitespace())
            {
                let glyph = face.parsed.lookup_glyph_index(c as u32).unwrap_or(0);
                assert_ne!(glyph, 0, "no glyph for {c:?}");
            }
        }
    }
}
