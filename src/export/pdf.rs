//! The minutes (biên bản) as an A4 PDF in the look of a Vietnamese administrative
//! document: national motto and issuing body at the top, the record, the ranked
//! table, ballots, proposals, signature blocks, page numbers and a check code that
//! ties the paper to the meeting file.

use super::pdf_layout::{
    A4, Align, BODY, Row, SIGN_SPACE, Signature, Table, Writer, date_words, document_header,
    keep_together, line_height, place_date,
};
use super::text::verification_code;
use super::wording;
use crate::model::Session;
use crate::model::tally::{ProposalStatus, Tally};
use crate::text::Lang;
use crate::text::export::X;
use printpdf::PdfDocument;

pub use super::pdf_fonts::{NOTO_SERIF, NOTO_SERIF_BOLD};

pub fn minutes(
    session: &Session,
    tally: &Tally,
    head: &str,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let config = session.config();
    let sep = lang.decimal_separator();
    let mut doc = PdfDocument::new(X::MinutesDocumentTitle.get(lang));
    let mut w = Writer::new(&mut doc, A4).ok_or_else(|| X::FontUnreadable.get(lang).to_string())?;
    // A member's short name is never broken across lines ("Hoàn / Kiếm").
    let full = |m: usize| keep_together(&config.members[m].name, &config.members[m].short);
    let short = |m: usize| keep_together(&config.members[m].short, &config.members[m].short);
    let date = session
        .meeting
        .as_ref()
        .map(|m| place_date(&m.place, &date_words(&m.date, lang), lang));
    document_header(&mut w, config, date.as_deref(), lang);

    w.centered(X::MinutesTitle.get(lang), 14.0, true);
    w.centered(
        &X::MinutesSubtitle.fill(lang, &[&config.cluster.year]),
        13.0,
        true,
    );
    w.centered(&config.cluster.name, 13.0, true);
    if tally.is_provisional() || !session.finalized {
        w.gap(1.0);
        w.centered(&wording::status_line(session, tally, lang), 11.0, false);
    }
    w.gap(4.0);

    // Sections are numbered as they come: the ballots' only when there were any.
    let mut section = 0;
    let mut heading = |w: &mut Writer, title: X| {
        w.heading(section, title.get(lang));
        section += 1;
    };

    heading(&mut w, X::SectionAttendance);
    match &session.meeting {
        Some(m) => {
            let date = date_words(&m.date, lang);
            let place = if m.place.is_empty() {
                "—".to_string()
            } else {
                m.place.clone()
            };
            w.paragraph(&X::DatePlace.fill(lang, &[&date, &place]), BODY, false, 8.0);
            let chair = if m.chair.is_empty() {
                "—".to_string()
            } else {
                m.chair.clone()
            };
            let secretary = if m.secretary.is_empty() {
                "—".to_string()
            } else {
                m.secretary.clone()
            };
            w.paragraph(
                &X::ChairSecretary.fill(lang, &[&chair, &secretary]),
                BODY,
                false,
                8.0,
            );
        }
        None => w.paragraph(X::NoMeetingDetails.get(lang), BODY, false, 8.0),
    }
    let present: Vec<String> = (0..config.members.len())
        .filter(|&m| session.is_present(m))
        .map(short)
        .collect();
    let absent: Vec<String> = (0..config.members.len())
        .filter(|&m| !session.is_present(m))
        .map(short)
        .collect();
    let mut attendance = X::Attendance.fill(
        lang,
        &[&present.len(), &config.members.len(), &present.join(", ")],
    );
    if !absent.is_empty() {
        attendance.push(' ');
        attendance.push_str(&X::Absent.fill(lang, &[&absent.join(", ")]));
    }
    w.paragraph(&attendance, BODY, false, 8.0);

    heading(&mut w, X::SectionMethod);
    w.paragraph(&wording::scoring_method(config, lang), BODY, false, 8.0);

    heading(&mut w, X::SectionScores);
    // Ranked by the share of the own maximum: the share stands beside the total.
    let by_percent = config.scoring.compare == crate::model::config::Compare::PercentOfOwnMax;
    let rows: Vec<Row> = tally
        .order
        .iter()
        .map(|&m| {
            let r = &tally.members[m];
            let mut cells = vec![
                r.rank.map_or("—".into(), |k| k.to_string()),
                full(m),
                r.total.map_or("—".into(), |t| t.display(sep)),
            ];
            if by_percent {
                cells.push(r.percent.map_or("—".into(), |t| t.display(sep)));
            }
            cells.push(
                r.class
                    .map_or(String::new(), |c| config.classes[c].name.clone()),
            );
            Row::plain(cells)
        })
        .collect();
    let (headers, widths, aligns): (&[X], &[f32], &[Align]) = if by_percent {
        (
            &[X::Rank, X::Member, X::Total, X::Percent, X::Class],
            &[13.0, 62.0, 22.0, 20.0, 55.0],
            &[
                Align::Center,
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Left,
            ],
        )
    } else {
        (
            &[X::Rank, X::Member, X::Total, X::Class],
            &[13.0, 70.0, 22.0, 60.0],
            &[Align::Center, Align::Left, Align::Right, Align::Left],
        )
    };
    let mut table = Table {
        headers: headers.iter().map(|t| t.get(lang).to_string()).collect(),
        header_size: 10.5,
        widths,
        aligns,
        size: 10.5,
        leading: 1.45,
        min_height: 0.0,
    };
    // The names get the room they need on one line, the class names give it.
    let widths = w.fit_widths(&table, &rows, w.paper.text_width(), &[1]);
    table.widths = &widths;
    w.table(&table, &rows);

    let ballots = wording::ballot_sentences(session, lang);
    if !ballots.is_empty() {
        heading(&mut w, X::SectionBallots);
        for b in &ballots {
            w.paragraph(b, BODY, false, 8.0);
        }
    }

    heading(&mut w, X::SectionCommendations);
    if config.commendations.is_empty() {
        w.paragraph(X::NoCommendationRules.get(lang), BODY, false, 8.0);
    }
    for (c, (rule, result)) in config
        .commendations
        .iter()
        .zip(&tally.commendations)
        .enumerate()
    {
        let title = X::CommendationSeats.fill(lang, &[&rule.name, &result.quota]);
        w.paragraph(&format!("{title}:"), BODY, true, 8.0);
        let listed: Vec<_> = result
            .proposals
            .iter()
            .filter(|p| p.status != ProposalStatus::BallotFailed)
            .collect();
        let vacancy = wording::vacant_seats_line(config, tally, c, lang);
        if listed.is_empty() && vacancy.is_none() {
            let none = format!("— {}", X::NoEligibleMember.get(lang));
            w.paragraph(&none, BODY, false, 12.0);
        }
        for p in listed {
            w.paragraph(
                &format!(
                    "— {} ({}): {}.",
                    full(p.member),
                    p.status.text(lang),
                    wording::proposal_reason(session, tally, p, lang)
                ),
                BODY,
                false,
                12.0,
            );
        }
        // Fewer names than seats: how many stay empty and why.
        if let Some(vacancy) = vacancy {
            w.paragraph(&format!("— {vacancy}"), BODY, false, 12.0);
        }
    }
    for line in wording::decision_lines(session, lang) {
        w.paragraph(&line, BODY, false, 8.0);
    }

    // The last section, the closing words and the signatures stay together: the
    // signatures never stand alone on a page.
    let next = wording::next_year_line(session, lang)
        .unwrap_or_else(|| X::NotYetAgreed.get(lang).to_string());
    let code = verification_code(head);
    let closing = X::MinutesClosing.fill(lang, &[&code]);
    let (secretary, chair) = match &session.meeting {
        Some(m) => (m.secretary.clone(), m.chair.clone()),
        None => (String::new(), String::new()),
    };
    let sign = |title: X, name: String| Signature {
        titles: vec![title.get(lang).to_string()],
        hint: X::SignHint.get(lang).to_string(),
        room: SIGN_SPACE,
        name,
    };
    let (left, right) = (sign(X::SignSecretary, secretary), sign(X::SignChair, chair));
    let tail = 1.5
        + line_height(BODY)
        + w.paragraph_height(&next, BODY, false, 8.0)
        + 2.0
        + w.paragraph_height(&closing, 11.0, false, 8.0)
        + 6.0
        + w.signature_height(Some(&left), Some(&right));
    w.ensure(tail);
    heading(&mut w, X::SectionNextYear);
    w.paragraph(&next, BODY, false, 8.0);
    w.gap(2.0);
    w.paragraph(&closing, 11.0, false, 8.0);
    w.gap(6.0);
    w.signature_row(Some(&left), Some(&right));
    Ok(w.finish(doc, &X::CheckCode.fill(lang, &[&code]), lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::wording::tests::{one_of_three_seats, partly_scored, seat_session};
    use crate::export::wording::vacant_seats_line;

    /// The minutes' words as `pdftotext` reads them, every run of white space one space.
    fn minutes_words(session: &Session, lang: Lang) -> String {
        let tally = Tally::compute(session);
        let bytes = match minutes(session, &tally, &"ab".repeat(32), lang) {
            Ok(bytes) => bytes,
            Err(e) => panic!("{e}"),
        };
        crate::export::pdf_layout::pdf_pages(&bytes).join(" ")
    }

    #[test]
    fn the_minutes_say_under_a_commendation_how_many_seats_stay_open() {
        let session = one_of_three_seats();
        let tally = Tally::compute(&session);
        for (lang, seats) in [
            (Lang::Vi, "Bằng khen (3 suất):"),
            (Lang::En, "Bằng khen (3 seats):"),
        ] {
            let words = minutes_words(&session, lang);
            let open = vacant_seats_line(session.config(), &tally, 0, lang).expect("2 open seats");
            let (at_seats, at_open) = (words.find(seats), words.find(&open));
            assert!(at_seats.is_some(), "`{seats}` not in the minutes:\n{words}");
            assert!(at_open.is_some(), "`{open}` not in the minutes:\n{words}");
            assert!(
                at_seats < at_open,
                "the open seats come under their commendation"
            );
        }
    }

    #[test]
    fn the_signatures_never_stand_alone_on_a_page() {
        // Each member more moves the end of the minutes down by a table row: over
        // these counts the end meets the foot of a page in every way it can.
        for members in 2..=40 {
            let totals: Vec<i64> = (0..members).map(|i| 9900 - 50 * i as i64).collect();
            let session = seat_session(2, &totals);
            let tally = Tally::compute(&session);
            let Ok(bytes) = minutes(&session, &tally, &"ab".repeat(32), Lang::Vi) else {
                panic!("the minutes print");
            };
            let pages = crate::export::pdf_layout::pdf_pages(&bytes);
            let Some(signed) = pages.iter().find(|p| p.contains("THƯ KÝ")) else {
                panic!("{members} members: no signatures in {pages:?}");
            };
            for before in [
                "CỤM TRƯỞNG, CỤM PHÓ NĂM SAU",
                "Biên bản được lập từ tệp hội nghị",
            ] {
                assert!(
                    signed.contains(before),
                    "{members} members: the signatures' page lacks `{before}`: {signed}"
                );
            }
        }
    }

    #[test]
    fn english_counts_in_the_minutes_agree_with_their_number() {
        // One seat, one sheet of four missing.
        let words = minutes_words(&partly_scored(1, &[9500, 8000, 7000, 6000], 3), Lang::En);
        assert!(words.contains("Bằng khen (1 seat):"), "{words}");
        assert!(
            words.contains("PROVISIONAL — 1 of 4 sheets missing"),
            "{words}"
        );
        assert!(words.contains("delegates of 4 of 4 members"), "{words}");
        let words = minutes_words(&seat_session(2, &[9500, 9400, 7000]), Lang::En);
        assert!(words.contains("Bằng khen (2 seats):"), "{words}");
        assert!(
            !words.contains("seats stay open"),
            "every seat taken:\n{words}"
        );
    }
}
