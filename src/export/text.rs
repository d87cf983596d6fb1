//! The tally as plain text for a terminal: what `thidua tally` prints.

use crate::model::Session;
use crate::model::exact::Rounded;
use crate::model::tally::{Basis, Tally};
use crate::text::Lang;
use crate::text::export::X;

fn pad_right(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(len)))
}

fn pad_left(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{}{text}", " ".repeat(width.saturating_sub(len)))
}

fn show(r: Option<Rounded>, lang: Lang) -> String {
    r.map_or_else(|| "—".to_string(), |r| r.display(lang.decimal_separator()))
}

/// One line saying whether the figures are final.
pub fn status_line(session: &Session, tally: &Tally, lang: Lang) -> String {
    if session.finalized {
        return X::StatusFinal.get(lang).to_string();
    }
    let mut line = if tally.sheets_missing() > 0 {
        X::StatusProvisional.fill(lang, &[&tally.sheets_missing(), &tally.sheets_expected])
    } else if tally.facts_missing > 0 {
        X::StatusFactsMissing.fill(lang, &[&tally.facts_missing])
    } else {
        X::StatusComplete.fill(lang, &[&tally.sheets_submitted, &tally.sheets_expected])
    };
    if let Some((false, needed)) = session.quorum() {
        line.push_str(&X::StatusBelowQuorum.fill(
            lang,
            &[
                &session.present_count(),
                &session.config().members.len(),
                &needed,
            ],
        ));
    }
    line
}

pub fn tally_text(session: &Session, tally: &Tally, head: &str, lang: Lang) -> String {
    let config = session.config();
    let sep = lang.decimal_separator();
    let mut out = String::new();
    out.push_str(&format!(
        "{}\n{}\n\n",
        super::wording::title_line(session, lang),
        status_line(session, tally, lang)
    ));
    let name_width = config
        .members
        .iter()
        .map(|m| m.short.chars().count())
        .max()
        .unwrap_or(8)
        .max(8);
    let class_width = config
        .classes
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(8)
        .max(8);
    let separate = config.scoring.self_rule == crate::model::config::SelfRule::Separate;
    let self_heading = X::SelfScore.get(lang);
    let self_width = self_heading.chars().count().max(7);
    let by_percent = config.scoring.compare == crate::model::config::Compare::PercentOfOwnMax;
    let percent_columns = |own_max: &str, percent: &str| {
        if by_percent {
            format!("  {}  {}", pad_left(own_max, 9), pad_left(percent, 8))
        } else {
            String::new()
        }
    };
    out.push_str(&format!(
        "{}  {}  {}{}  {}  {}{}\n",
        pad_left(X::Rank.get(lang), 4),
        pad_right(X::Member.get(lang), name_width),
        pad_left(X::Total.get(lang), 9),
        percent_columns(X::OwnMax.get(lang), X::Percent.get(lang)),
        pad_right(X::Class.get(lang), class_width),
        X::Sheets.get(lang),
        if separate {
            format!("  {}", pad_left(self_heading, self_width))
        } else {
            String::new()
        }
    ));
    for &m in &tally.order {
        let r = &tally.members[m];
        let class = r.class.map_or("—", |c| config.classes[c].name.as_str());
        out.push_str(&format!(
            "{}  {}  {}{}  {}  {}{}\n",
            pad_left(&r.rank.map_or("—".into(), |k| k.to_string()), 4),
            pad_right(&config.members[m].short, name_width),
            pad_left(&show(r.total, lang), 9),
            percent_columns(&r.own_max.display(sep), &show(r.percent, lang)),
            pad_right(class, class_width),
            pad_left(&format!("{}/{}", r.sheets_counted, r.sheets_expected), 5),
            if separate {
                format!("  {}", pad_left(&show(r.self_total, lang), self_width))
            } else {
                String::new()
            }
        ));
    }
    if !config.commendations.is_empty() {
        out.push_str(&format!("\n{}\n", X::ProposedCommendations.get(lang)));
    }
    for (c, (rule, result)) in config
        .commendations
        .iter()
        .zip(&tally.commendations)
        .enumerate()
    {
        out.push_str(&format!(
            "  {}\n",
            X::CommendationSeats.fill(lang, &[&rule.name, &result.quota])
        ));
        let vacancy = super::wording::vacant_seats_line(config, tally, c, lang);
        if result.proposals.is_empty() && vacancy.is_none() {
            out.push_str(&format!("    {}\n", X::NoEligibleNote.get(lang)));
        }
        for p in &result.proposals {
            let mut line = format!(
                "    - {}: {}",
                config.members[p.member].short,
                p.status.text(lang)
            );
            if let Some(b) = p.ballot {
                line.push_str(&format!(
                    " ({})",
                    X::BallotVotes.fill(lang, &[&b.votes, &b.base, &b.percent().display(sep)])
                ));
            }
            let basis = super::wording::basis_sentence(config, tally, p, lang).or(match &p.basis {
                Basis::ChairDecision(reason) => Some(X::DecidedByMeeting.fill(lang, &[reason])),
                Basis::Tied => Some(X::TiedForSeats.fill(lang, &[&result.open_seats])),
                Basis::TieBrokenBy(_) | Basis::Rank => None,
            });
            if let Some(basis) = basis {
                line.push_str(&format!(" [{basis}]"));
            }
            out.push_str(&line);
            out.push('\n');
        }
        // The members the tie left without a seat, and why.
        for (m, why) in super::wording::left_out_of_tie(config, tally, c, lang) {
            out.push_str(&format!(
                "    - {}: {} [{why}]\n",
                config.members[m].short,
                X::TieNoSeat.get(lang)
            ));
        }
        // Fewer names than seats: how many stay empty and why.
        if let Some(vacancy) = vacancy {
            out.push_str(&format!("    {vacancy}\n"));
        }
    }
    if let Some((h, d)) = session.next_year {
        out.push_str(&format!(
            "\n{}\n",
            X::NextYearShort.fill(lang, &[&config.members[h].short, &config.members[d].short])
        ));
    }
    out.push_str(&format!(
        "\n{}\n",
        X::SessionCheckCode.fill(lang, &[&verification_code(head)])
    ));
    out
}

/// A short code derived from the chain head, for paper: `3F2A-91C0-77DE`.
pub fn verification_code(head: &str) -> String {
    let upper: String = head.chars().take(12).collect::<String>().to_uppercase();
    upper
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::wording::tests::{one_of_three_seats, partly_scored};
    use crate::export::wording::vacant_seats_line;

    fn tally_of(session: &Session, lang: Lang) -> String {
        tally_text(session, &Tally::compute(session), &"ab".repeat(32), lang)
    }

    #[test]
    fn the_tally_says_under_a_commendation_how_many_seats_stay_open() {
        let session = one_of_three_seats();
        let tally = Tally::compute(&session);
        for (lang, seats) in [
            (Lang::Vi, "  Bằng khen (3 suất)\n"),
            (Lang::En, "  Bằng khen (3 seats)\n"),
        ] {
            let text = tally_of(&session, lang);
            let open = vacant_seats_line(session.config(), &tally, 0, lang).expect("2 open seats");
            let under = format!(
                "{seats}    - ĐV0: {}\n    {open}\n",
                tally.commendations[0].proposals[0].status.text(lang)
            );
            assert!(text.contains(&under), "`{under}` not in:\n{text}");
        }
    }

    #[test]
    fn english_counts_in_the_tally_agree_with_their_number() {
        let session = partly_scored(1, &[9500, 8000, 7000, 6000], 3);
        let text = tally_of(&session, Lang::En);
        assert!(
            text.contains("PROVISIONAL — 1 of 4 sheets missing\n"),
            "{text}"
        );
        assert!(text.contains("  Bằng khen (1 seat)\n"), "{text}");
        assert_eq!(
            X::BallotVotes.fill(Lang::En, &[&1, &1, &"100.00"]),
            "1/1 vote, 100.00%"
        );
        assert_eq!(X::TiedForSeats.fill(Lang::En, &[&1]), "tied for 1 seat");
        let vi = tally_of(&session, Lang::Vi);
        assert!(
            vi.contains("KẾT QUẢ TẠM TÍNH — còn thiếu 1 trong 4 phiếu chấm"),
            "{vi}"
        );
    }
}
