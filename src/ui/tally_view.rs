//! The chair's live tally: ranking, classes, proposals, who has scored whom, and a
//! chart. It only reads the tally the meeting keeps; it never recomputes it.

use super::i18n::{Lang, T};
use super::meeting::OpenMeeting;
use super::style;
use crate::export::text::verification_code;
use crate::export::wording::vacant_seats_line;
use crate::model::Config;
use crate::model::config::{SelfRule, TieBreak};
use crate::model::exact::Rounded;
use crate::model::tally::{Basis, ProposalStatus, Tally};
use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

pub fn status_text(meeting: &OpenMeeting, lang: Lang) -> (String, bool) {
    let t = &meeting.tally;
    if meeting.session().finalized {
        (T::FinalResults.get(lang).to_string(), false)
    } else if t.is_provisional() {
        (
            T::Provisional.fill(lang, &[&t.sheets_missing(), &t.sheets_expected]),
            true,
        )
    } else {
        (
            T::AllIn.fill(lang, &[&t.sheets_submitted, &t.sheets_expected]),
            false,
        )
    }
}

fn show_value(r: Option<Rounded>, lang: Lang) -> String {
    r.map_or_else(|| "—".into(), |r| r.display(lang.decimal_separator()))
}

pub fn tie_key_text(key: TieBreak, config: &Config, lang: Lang) -> String {
    match key {
        TieBreak::Group(g) => T::KeyGroup.fill(lang, &[&config.groups[g].id]),
        TieBreak::Bonus => T::KeyBonus.get(lang).into(),
        TieBreak::Deductions => T::KeyDeductions.get(lang).into(),
        TieBreak::Ballot => T::KeyBallot.get(lang).into(),
    }
}

/// The proposal column for one member: commendation and status.
fn proposal_text(tally: &Tally, config: &Config, member: usize, lang: Lang) -> String {
    for (c, result) in tally.commendations.iter().enumerate() {
        if let Some(p) = result.proposals.iter().find(|p| p.member == member) {
            if p.status == ProposalStatus::BallotFailed {
                continue;
            }
            return format!("{}: {}", p.status.text(lang), config.commendations[c].name);
        }
    }
    String::new()
}

pub fn show(ui: &mut egui::Ui, meeting: &OpenMeeting, lang: Lang) {
    let tally = &meeting.tally;
    let config = meeting.config();
    let (status, provisional) = status_text(meeting, lang);
    if provisional {
        style::banner(ui, &status, style::WARN_BG, style::WARN_TEXT);
    } else {
        style::banner(
            ui,
            &status,
            egui::Color32::from_rgb(0xe3, 0xf4, 0xe8),
            style::OK_GREEN,
        );
    }
    egui::ScrollArea::vertical()
        .id_salt("tally-scroll")
        .show(ui, |ui| {
            egui::ScrollArea::horizontal()
                .id_salt("ranking-across")
                .show(ui, |ui| ranking_table(ui, meeting, lang));
            ui.add_space(12.0);
            commendations(ui, tally, config, lang);
            ui.add_space(12.0);
            ui.columns(2, |columns| {
                completion_grid(&mut columns[0], meeting, lang);
                chart(&mut columns[1], tally, config, lang);
            });
            ui.add_space(8.0);
            ui.label(
                RichText::new(T::CheckCode.fill(lang, &[&verification_code(meeting.file.head())]))
                    .small(),
            );
            ui.label(RichText::new(T::Recomputed.get(lang)).small());
        });
}

fn ranking_table(ui: &mut egui::Ui, meeting: &OpenMeeting, lang: Lang) {
    let tally = &meeting.tally;
    let config = meeting.config();
    let separate = config.scoring.self_rule == SelfRule::Separate;
    let sep = lang.decimal_separator();
    // What the room looks for first stays on the left: rank, name, total, class and
    // the proposal; the detail follows and scrolls sideways on small screens.
    let mut table = TableBuilder::new(ui)
        .id_salt("ranking")
        .striped(true)
        .vscroll(false)
        .column(Column::exact(56.0))
        .column(Column::initial(170.0).at_least(140.0).clip(true))
        .column(Column::exact(110.0))
        .column(Column::initial(250.0).clip(true))
        .column(Column::initial(330.0).at_least(200.0).clip(true))
        .column(Column::exact(70.0));
    for _ in &config.groups {
        table = table.column(Column::exact(78.0));
    }
    table = table
        .column(Column::exact(120.0))
        .column(Column::exact(100.0));
    if separate {
        table = table.column(Column::exact(90.0));
    }
    table
        .header(30.0, |mut h| {
            for text in [
                T::Rank,
                T::Member,
                T::Total,
                T::Class,
                T::Proposal,
                T::Sheets,
            ] {
                h.col(|ui| {
                    ui.strong(text.get(lang));
                });
            }
            for g in &config.groups {
                h.col(|ui| {
                    ui.strong(T::Group.fill(lang, &[&g.id]))
                        .on_hover_text(&g.name);
                });
            }
            for text in [T::Bonus, T::Deduction] {
                h.col(|ui| {
                    ui.strong(text.get(lang));
                });
            }
            if separate {
                h.col(|ui| {
                    ui.strong(T::SelfTotal.get(lang));
                });
            }
        })
        .body(|body| {
            body.rows(32.0, tally.order.len(), |mut row| {
                let m = tally.order[row.index()];
                let r = &tally.members[m];
                row.col(|ui| {
                    ui.label(r.rank.map_or("—".into(), |k| k.to_string()));
                });
                row.col(|ui| {
                    ui.label(RichText::new(&config.members[m].short).strong())
                        .on_hover_text(&config.members[m].name);
                });
                row.col(|ui| {
                    ui.label(RichText::new(show_value(r.total, lang)).strong().size(19.0));
                });
                row.col(|ui| {
                    let class = r.class.map_or(T::NotScoredYet.get(lang), |c| {
                        config.classes[c].name.as_str()
                    });
                    ui.label(class);
                });
                row.col(|ui| {
                    let text = proposal_text(tally, config, m, lang);
                    ui.add(egui::Label::new(&text).truncate())
                        .on_hover_text(&text);
                });
                row.col(|ui| {
                    ui.label(format!("{}/{}", r.sheets_counted, r.sheets_expected));
                });
                for g in &r.groups {
                    row.col(|ui| {
                        ui.label(g.display(sep));
                    });
                }
                row.col(|ui| {
                    ui.label(r.bonus.display(sep));
                });
                row.col(|ui| {
                    ui.label(r.deductions.display(sep));
                });
                if separate {
                    row.col(|ui| {
                        ui.label(show_value(r.self_total, lang));
                    });
                }
            });
        });
}

fn commendations(ui: &mut egui::Ui, tally: &Tally, config: &Config, lang: Lang) {
    if config.commendations.is_empty() {
        return;
    }
    ui.heading(T::Commendations.get(lang));
    for (c, (rule, result)) in config
        .commendations
        .iter()
        .zip(&tally.commendations)
        .enumerate()
    {
        ui.label(RichText::new(T::Seats.fill(lang, &[&rule.name, &result.quota])).strong());
        if result.proposals.is_empty() {
            ui.label(T::NoEligible.get(lang));
        }
        for p in &result.proposals {
            let mut line = format!(
                "• {}: {}",
                config.members[p.member].short,
                p.status.text(lang)
            );
            if let Some(b) = p.ballot {
                line.push_str(&format!(
                    " — {}",
                    T::BallotShare.fill(
                        lang,
                        &[
                            &b.votes,
                            &b.base,
                            &b.percent().display(lang.decimal_separator())
                        ]
                    )
                ));
            }
            match &p.basis {
                Basis::TieBrokenBy(key) => line.push_str(&format!(
                    " ({})",
                    T::TieBrokenBy.fill(lang, &[&tie_key_text(*key, config, lang)])
                )),
                Basis::ChairDecision(reason) => {
                    line.push_str(&format!(" ({})", T::DecidedBy.fill(lang, &[reason])))
                }
                Basis::Tied => line.push_str(&format!(
                    " ({})",
                    T::TiedFor.fill(lang, &[&result.open_seats])
                )),
                Basis::Rank => {}
            }
            let color = match p.status {
                ProposalStatus::Proposed => style::OK_GREEN,
                ProposalStatus::AwaitingBallot | ProposalStatus::TieUnresolved => style::WARN_TEXT,
                ProposalStatus::BallotFailed => style::ERROR_TEXT,
            };
            ui.label(RichText::new(line).color(color));
        }
        // Fewer names than seats: say how many stay empty and why.
        if let Some(line) = vacant_seats_line(config, tally, c, lang) {
            ui.label(RichText::new(line).color(style::WARN_TEXT));
        }
    }
}

/// Who has scored whom: one painted square per delegate and member (green: every
/// item scored, amber: partly, grey: not yet), the counts on hover. Painting keeps a
/// 30 × 30 grid cheap to draw every frame.
fn completion_grid(ui: &mut egui::Ui, meeting: &OpenMeeting, lang: Lang) {
    let session = meeting.session();
    let config = meeting.config();
    ui.label(RichText::new(T::Completion.get(lang)).strong());
    let items = config.item_count();
    let delegates = meeting.delegates();
    let n = config.members.len();
    let cell = 28.0f32;
    let name_width = 180.0f32;
    let size = egui::vec2(
        name_width + n as f32 * cell,
        (delegates.len() + 1) as f32 * cell,
    );
    egui::ScrollArea::horizontal()
        .id_salt("completion")
        .show(ui, |ui| {
            let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
            let painter = ui.painter_at(rect);
            let font = egui::FontId::proportional(12.0);
            let ink = ui.visuals().text_color();
            for (t, member) in config.members.iter().enumerate() {
                let x = rect.left() + name_width + t as f32 * cell + cell / 2.0;
                painter.text(
                    egui::pos2(x, rect.top() + cell / 2.0),
                    egui::Align2::CENTER_CENTER,
                    initials(&member.short),
                    font.clone(),
                    ink,
                );
            }
            let mut hovered = None;
            for (row, &s) in delegates.iter().enumerate() {
                let y = rect.top() + (row + 1) as f32 * cell;
                let done = session.is_submitted(s);
                let color = if done { style::OK_GREEN } else { ink };
                painter.text(
                    egui::pos2(rect.left(), y + cell / 2.0),
                    egui::Align2::LEFT_CENTER,
                    &config.members[s].short,
                    font.clone(),
                    color,
                );
                for t in 0..n {
                    let square = egui::Rect::from_min_size(
                        egui::pos2(rect.left() + name_width + t as f32 * cell, y),
                        egui::vec2(cell, cell),
                    )
                    .shrink(2.0);
                    if !config.scores_target(s, t) {
                        continue;
                    }
                    let filled = session
                        .row(s, t)
                        .iter()
                        .zip(&config.cells)
                        .filter(|(v, c)| v.is_some() && c.is_item())
                        .count();
                    let fill = if filled == items {
                        style::OK_GREEN
                    } else if filled == 0 {
                        egui::Color32::from_gray(0xd8)
                    } else {
                        egui::Color32::from_rgb(0xe0, 0xa0, 0x20)
                    };
                    painter.rect_filled(square, 2.0, fill);
                    if response.hover_pos().is_some_and(|p| square.contains(p)) {
                        hovered = Some((s, t, filled));
                    }
                }
            }
            if let Some((s, t, filled)) = hovered {
                response.on_hover_text(T::CompletionHover.fill(
                    lang,
                    &[
                        &config.members[s].short,
                        &config.members[t].short,
                        &filled,
                        &items,
                    ],
                ));
            }
        });
    let submitted: Vec<&str> = delegates
        .iter()
        .filter(|&&s| session.is_submitted(s))
        .map(|&s| config.members[s].short.as_str())
        .collect();
    ui.label(
        RichText::new(format!(
            "{}: {}",
            T::SubmittedShort.get(lang),
            submitted.join(", ")
        ))
        .small(),
    );
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .collect()
}

fn chart(ui: &mut egui::Ui, tally: &Tally, config: &Config, lang: Lang) {
    ui.label(RichText::new(T::Chart.get(lang)).strong());
    let scale = 10f64.powi(config.scoring.decimals as i32);
    let bars: Vec<egui_plot::Bar> = tally
        .order
        .iter()
        .enumerate()
        .filter_map(|(i, &m)| {
            tally.members[m].total.map(|t| {
                egui_plot::Bar::new(i as f64, t.units as f64 / scale)
                    .name(&config.members[m].short)
                    .fill(style::ACCENT)
            })
        })
        .collect();
    egui_plot::Plot::new("totals-chart")
        .height(220.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.bar_chart(egui_plot::BarChart::new(T::Total.get(lang), bars).width(0.6))
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::wording::tests::{one_of_three_seats, seat_session};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    fn shown(session: &crate::model::Session, lang: Lang) -> Harness<'static> {
        let tally = Tally::compute(session);
        let config = session.config().clone();
        let mut h = Harness::builder()
            .with_size(egui::vec2(900.0, 400.0))
            .with_context_setup(style::install_fonts)
            .build_ui(move |ui| commendations(ui, &tally, &config, lang));
        h.run();
        h
    }

    #[test]
    fn the_tally_says_why_seats_stay_open() {
        let session = one_of_three_seats();
        let h = shown(&session, Lang::Vi);
        assert!(h.query_by_label_contains("Bằng khen — 3 suất").is_some());
        assert!(h.query_by_label_contains("• ĐV0: đề nghị").is_some());
        assert!(
            h.query_by_label(
                "Còn trống 2 suất: không còn đơn vị nào đạt mức xếp loại tối thiểu (Xuất sắc)."
            )
            .is_some()
        );
        let h = shown(&session, Lang::En);
        assert!(h.query_by_label_contains("Bằng khen — 3 seats").is_some());
        assert!(
            h.query_by_label(
                "2 seats stay open: no remaining member reached the minimum class (Xuất sắc)."
            )
            .is_some()
        );
    }

    #[test]
    fn a_full_list_says_nothing_about_open_seats() {
        // Two seats, two members of the class: every seat is taken.
        let session = seat_session(2, &[9500, 9400, 7000, 6000]);
        let h = shown(&session, Lang::En);
        assert!(h.query_by_label_contains("Bằng khen — 2 seats").is_some());
        assert!(h.query_by_label_contains("stay open").is_none());
        assert!(h.query_by_label_contains("stays open").is_none());
    }
}
