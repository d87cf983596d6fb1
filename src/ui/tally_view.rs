//! The chair's live tally: ranking, classes, proposals, who has scored whom, and a
//! chart. It only reads the tally the meeting keeps; it never recomputes it.

use super::i18n::{Lang, T};
use super::meeting::OpenMeeting;
use super::projector::BarScale;
use super::style;
use crate::export::text::verification_code;
use crate::export::wording::{
    basis_sentence, left_out_of_tie, tie_sentence, unresolved_tie_line, vacant_seats_line,
};
use crate::model::Config;
use crate::model::config::{SelfRule, TieBreak};
use crate::model::exact::Rounded;
use crate::model::tally::{Basis, ProposalStatus, Tally};
use crate::text::export::X;
use eframe::egui::{self, RichText, text::LayoutJob};
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
        TieBreak::Group(g) => T::KeyGroup.fill(
            lang,
            &[&crate::export::wording::group_label(config, g, lang)],
        ),
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

/// The widest of these texts in `font`, in points.
fn widest<'a>(ui: &egui::Ui, font: &egui::FontId, texts: impl IntoIterator<Item = &'a str>) -> f32 {
    texts
        .into_iter()
        .map(|t| {
            ui.painter()
                .layout_no_wrap(t.to_string(), font.clone(), egui::Color32::BLACK)
                .size()
                .x
        })
        .fold(0.0, f32::max)
}

/// The height of `text` in `font` wrapped at `width`.
fn wrapped_height(ui: &egui::Ui, font: &egui::FontId, text: &str, width: f32) -> f32 {
    ui.painter()
        .layout(text.to_string(), font.clone(), egui::Color32::BLACK, width)
        .size()
        .y
}

/// A heading of at most two lines, ending in "…" if it needs more; the whole text
/// on hover then.
fn two_line_heading(ui: &mut egui::Ui, text: &str, width: f32) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let mut job = LayoutJob::simple(
        text.to_string(),
        egui::FontId::new(font.size * 0.85, super::style::bold()),
        ui.visuals().strong_text_color(),
        width,
    );
    job.wrap.max_rows = 2;
    job.wrap.break_anywhere = false;
    ui.add(egui::Label::new(job)).on_hover_text(text);
}

/// A group as its column heading shows it: "1. Công tác tuyên giáo".
pub fn group_heading(config: &Config, g: usize) -> String {
    let group = &config.groups[g];
    format!("{}. {}", group.id, group.name)
}

/// The proposal column for one member: commendation and status, then how a tie at
/// a seat line placed it, if one did.
fn proposal_cell(tally: &Tally, config: &Config, member: usize, lang: Lang) -> String {
    let mut text = proposal_text(tally, config, member, lang);
    let listed_for = tally.commendation_of(member).map(|(c, _)| c);
    for (c, standing) in tally.tie_standings(member) {
        let why = tie_sentence(config, &standing, lang);
        let line = if Some(c) == listed_for {
            why
        } else {
            // A tie for another commendation than the one shown: name it.
            X::TieNoteFor.fill(lang, &[&config.commendations[c].name, &why])
        };
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&line);
    }
    text
}

fn ranking_table(ui: &mut egui::Ui, meeting: &OpenMeeting, lang: Lang) {
    let tally = &meeting.tally;
    let config = meeting.config();
    let separate = config.scoring.self_rule == SelfRule::Separate;
    let sep = lang.decimal_separator();
    let body_font = egui::TextStyle::Body.resolve(ui.style());
    let pad = 16.0;
    // Names and classes in full: their columns are as wide as the widest of them.
    let name_width = (widest(
        ui,
        &body_font,
        config.members.iter().map(|m| m.short.as_str()),
    ) * 1.06
        + pad)
        .clamp(140.0, 320.0);
    let class_width = (widest(
        ui,
        &body_font,
        config
            .classes
            .iter()
            .map(|c| c.name.as_str())
            .chain([T::NotScoredYet.get(lang), T::Class.get(lang)]),
    ) + pad)
        .clamp(120.0, 320.0);
    let proposal_width = 400.0;
    let group_width = 128.0;
    let proposals: Vec<String> = tally
        .order
        .iter()
        .map(|&m| proposal_cell(tally, config, m, lang))
        .collect();
    // A row is as tall as its longest wrapped text: nothing is cut.
    let heights: Vec<f32> = tally
        .order
        .iter()
        .zip(&proposals)
        .map(|(&m, proposal)| {
            let name = wrapped_height(ui, &body_font, &config.members[m].short, name_width - pad);
            let class = tally.members[m].class.map_or(0.0, |c| {
                wrapped_height(ui, &body_font, &config.classes[c].name, class_width - pad)
            });
            let proposal = wrapped_height(ui, &body_font, proposal, proposal_width - 8.0);
            (name.max(class).max(proposal) + 10.0).max(32.0)
        })
        .collect();
    let heading_height = body_font.size * 0.85 * 2.0 * 1.3 + 8.0;
    // What the room looks for first stays on the left: rank, name, total, class and
    // the proposal; the detail follows and scrolls sideways on small screens.
    // Ranked by the share of each member's own maximum: that share stands beside
    // the total, or the order would look wrong.
    let by_percent = config.scoring.compare == crate::model::config::Compare::PercentOfOwnMax;
    let mut table = TableBuilder::new(ui)
        .id_salt("ranking")
        .striped(true)
        .vscroll(false)
        .column(Column::exact(56.0))
        .column(Column::exact(name_width))
        .column(Column::exact(110.0));
    if by_percent {
        table = table.column(Column::exact(120.0));
    }
    table = table
        .column(Column::exact(class_width))
        .column(Column::exact(proposal_width))
        .column(Column::exact(70.0));
    for _ in &config.groups {
        table = table.column(Column::exact(group_width));
    }
    table = table
        .column(Column::exact(120.0))
        .column(Column::exact(100.0));
    if separate {
        table = table.column(Column::exact(90.0));
    }
    table
        .header(heading_height, |mut h| {
            for text in [T::Rank, T::Member, T::Total] {
                h.col(|ui| {
                    ui.strong(text.get(lang));
                });
            }
            if by_percent {
                h.col(|ui| {
                    two_line_heading(ui, T::PercentOfOwnMax.get(lang), 112.0);
                });
            }
            for text in [T::Class, T::Proposal, T::Sheets] {
                h.col(|ui| {
                    ui.strong(text.get(lang));
                });
            }
            for g in 0..config.groups.len() {
                h.col(|ui| {
                    two_line_heading(ui, &group_heading(config, g), group_width - 8.0);
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
            body.heterogeneous_rows(heights.into_iter(), |mut row| {
                let i = row.index();
                let m = tally.order[i];
                let r = &tally.members[m];
                // Without a counted sheet nothing is known yet: "—", not "0,00".
                let figure = |v: Rounded| {
                    if r.total.is_some() {
                        v.display(sep)
                    } else {
                        "—".to_string()
                    }
                };
                row.col(|ui| {
                    ui.label(r.rank.map_or("—".into(), |k| k.to_string()));
                });
                row.col(|ui| {
                    ui.add(
                        egui::Label::new(RichText::new(&config.members[m].short).strong()).wrap(),
                    )
                    .on_hover_text(&config.members[m].name);
                });
                row.col(|ui| {
                    ui.label(RichText::new(show_value(r.total, lang)).strong().size(19.0));
                });
                if by_percent {
                    row.col(|ui| {
                        ui.label(
                            RichText::new(show_value(r.percent, lang))
                                .strong()
                                .size(19.0),
                        )
                        .on_hover_text(T::OwnMaxIs.fill(lang, &[&r.own_max.display(sep)]));
                    });
                }
                row.col(|ui| {
                    let class = r.class.map_or(T::NotScoredYet.get(lang), |c| {
                        config.classes[c].name.as_str()
                    });
                    ui.add(egui::Label::new(class).wrap());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&proposals[i]).wrap());
                });
                row.col(|ui| {
                    ui.label(format!("{}/{}", r.sheets_counted, r.sheets_expected));
                });
                for g in &r.groups {
                    row.col(|ui| {
                        ui.label(figure(*g));
                    });
                }
                row.col(|ui| {
                    ui.label(figure(r.bonus));
                });
                row.col(|ui| {
                    ui.label(figure(r.deductions));
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
            // How a tie at the seat line placed it, in words with both values; a
            // tie still standing is said once below, with all its members.
            let why = match &p.basis {
                Basis::Tied => None,
                _ => basis_sentence(config, tally, p, lang).or(match &p.basis {
                    Basis::ChairDecision(reason) => Some(T::DecidedBy.fill(lang, &[reason])),
                    _ => None,
                }),
            };
            if let Some(why) = why {
                line.push_str(&format!(" — {why}"));
            }
            let color = match p.status {
                ProposalStatus::Proposed => style::OK_GREEN,
                ProposalStatus::AwaitingBallot | ProposalStatus::TieUnresolved => style::WARN_TEXT,
                ProposalStatus::BallotFailed => style::ERROR_TEXT,
            };
            ui.add(egui::Label::new(RichText::new(line).color(color)).wrap());
        }
        // The members the tie left without a seat, and why.
        for (m, why) in left_out_of_tie(config, tally, c, lang) {
            ui.add(
                egui::Label::new(format!(
                    "• {}: {} — {why}",
                    config.members[m].short,
                    X::TieNoSeat.get(lang)
                ))
                .wrap(),
            );
        }
        // A tie still standing: who, what was equal, and that the chair decides.
        if let Some(line) = result
            .tie
            .as_ref()
            .and_then(|tie| unresolved_tie_line(config, tie, lang))
        {
            ui.add(egui::Label::new(RichText::new(line).color(style::WARN_TEXT)).wrap());
        }
        // Fewer names than seats: say how many stay empty and why.
        if let Some(line) = vacant_seats_line(config, tally, c, lang) {
            ui.label(RichText::new(line).color(style::WARN_TEXT));
        }
    }
}

/// A square of the progress matrix, and the type of its names, in points.
pub const MATRIX_CELL: f32 = 28.0;
pub const MATRIX_FONT: f32 = 13.0;

/// The matrix's column headings: each member's short name in full, turned to read
/// upwards so 30 of them fit side by side; their galleys and the heading's height.
pub fn matrix_headings(
    painter: &egui::Painter,
    names: &[&str],
    font: &egui::FontId,
    color: egui::Color32,
) -> (Vec<std::sync::Arc<egui::Galley>>, f32) {
    let galleys: Vec<_> = names
        .iter()
        .map(|n| painter.layout_no_wrap(n.to_string(), font.clone(), color))
        .collect();
    let height = galleys.iter().map(|g| g.size().x).fold(0.0, f32::max) + 8.0;
    (galleys, height)
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
    let cell = MATRIX_CELL;
    let font = egui::FontId::proportional(MATRIX_FONT);
    let ink = ui.visuals().text_color();
    let names: Vec<&str> = config.members.iter().map(|m| m.short.as_str()).collect();
    let (headings, heading_height) = matrix_headings(ui.painter(), &names, &font, ink);
    let name_width = widest(ui, &font, delegates.iter().map(|&s| names[s])) + 12.0;
    let size = egui::vec2(
        name_width + n as f32 * cell,
        heading_height + delegates.len() as f32 * cell,
    );
    egui::ScrollArea::horizontal()
        .id_salt("completion")
        .show(ui, |ui| {
            let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
            let painter = ui.painter_at(rect);
            // Each name turned a quarter to read upwards, ending just above its column.
            for (t, galley) in headings.into_iter().enumerate() {
                let x = rect.left() + name_width + t as f32 * cell + cell / 2.0;
                let pos = egui::pos2(x - galley.size().y / 2.0, rect.top() + heading_height - 4.0);
                painter.add(
                    egui::epaint::TextShape::new(pos, galley, ink)
                        .with_angle(-std::f32::consts::FRAC_PI_2),
                );
            }
            let mut hovered = None;
            for (row, &s) in delegates.iter().enumerate() {
                let y = rect.top() + heading_height + row as f32 * cell;
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

/// The chart's stretch of points: the projector's scale (a round value below the
/// lowest total to one at or above the highest), so totals of 82 to 96 do not all
/// look alike on a scale from 0. `None` without any total.
pub fn chart_range(totals: &[Rounded]) -> Option<(f64, f64)> {
    let scale = BarScale::new(totals, 8)?;
    let point = 10f64.powi(i32::from(scale.decimals));
    Some((scale.low as f64 / point, scale.high as f64 / point))
}

/// The member a bar's position stands for: bars go down in rank order from the top,
/// at positions n−1 … 0. `None` between bars.
pub fn chart_member(order: &[usize], position: f64) -> Option<usize> {
    let n = order.len();
    let rounded = position.round();
    if (position - rounded).abs() > 1e-6 || rounded < 0.0 || rounded >= n as f64 {
        return None;
    }
    Some(order[n - 1 - rounded as usize])
}

/// The totals as bars side by side, one per scored member in rank order, each named
/// on its axis; the scale starts near the lowest total.
fn chart(ui: &mut egui::Ui, tally: &Tally, config: &Config, lang: Lang) {
    ui.label(RichText::new(T::Chart.get(lang)).strong());
    let ranked: Vec<usize> = tally
        .order
        .iter()
        .copied()
        .filter(|&m| tally.members[m].total.is_some())
        .collect();
    let totals: Vec<Rounded> = ranked
        .iter()
        .filter_map(|&m| tally.members[m].total)
        .collect();
    let Some((low, high)) = chart_range(&totals) else {
        ui.label(T::NoSheetsYet.get(lang));
        return;
    };
    let n = ranked.len();
    let value = |t: Rounded| t.units as f64 / 10f64.powi(i32::from(t.decimals));
    let bars: Vec<egui_plot::Bar> = ranked
        .iter()
        .enumerate()
        .filter_map(|(i, &m)| {
            tally.members[m].total.map(|t| {
                egui_plot::Bar::new((n - 1 - i) as f64, value(t))
                    .name(&config.members[m].short)
                    .fill(style::ACCENT)
            })
        })
        .collect();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let names_width = widest(
        ui,
        &font,
        ranked.iter().map(|&m| config.members[m].short.as_str()),
    ) + 16.0;
    let row = font.size * 1.5;
    let sep = lang.decimal_separator();
    let shorts: Vec<String> = config.members.iter().map(|m| m.short.clone()).collect();
    let order = ranked.clone();
    let member_axis = egui_plot::AxisHints::new_y()
        .formatter(move |mark, _| {
            chart_member(&order, mark.value).map_or_else(String::new, |m| shorts[m].clone())
        })
        .label_spacing(row * 0.6..=row * 0.8)
        .min_thickness(names_width);
    egui_plot::Plot::new("totals-chart")
        .height(n as f32 * row + 48.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_double_click_reset(false)
        .allow_boxed_zoom(false)
        .show_grid([true, false])
        .custom_y_axes(vec![member_axis])
        .y_grid_spacer(move |_| {
            (0..n)
                .map(|i| egui_plot::GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .x_axis_formatter(move |mark, _| {
            let text = format!("{}", mark.value);
            text.replace('.', &sep.to_string())
        })
        .default_x_bounds(low, high)
        .default_y_bounds(-0.6, n as f64 - 0.4)
        .auto_bounds([false, false])
        .show(ui, |plot| {
            plot.bar_chart(
                egui_plot::BarChart::new(T::Total.get(lang), bars)
                    .width(0.6)
                    .horizontal(),
            )
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
    fn the_progress_matrix_names_every_column_in_full_without_overlap() {
        // The 30 wards of a large cluster, long names among them.
        let wards = [
            "Hoàn Kiếm",
            "Cửa Nam",
            "Ba Đình",
            "Ngọc Hà",
            "Giảng Võ",
            "Hai Bà Trưng",
            "Vĩnh Tuy",
            "Bạch Mai",
            "Đống Đa",
            "Kim Liên",
            "Văn Miếu - Quốc Tử Giám",
            "Láng",
            "Ô Chợ Dừa",
            "Hồng Hà",
            "Lĩnh Nam",
            "Hoàng Mai",
            "Vĩnh Hưng",
            "Tương Mai",
            "Định Công",
            "Hoàng Liệt",
            "Yên Sở",
            "Thanh Xuân",
            "Khương Đình",
            "Phương Liệt",
            "Cầu Giấy",
            "Nghĩa Đô",
            "Yên Hòa",
            "Tây Hồ",
            "Phú Thượng",
            "Tây Tựu",
        ];
        for n in [12, 30] {
            let names = wards[..n].to_vec();
            let seen = std::sync::Arc::new(std::sync::Mutex::new(None));
            let out = seen.clone();
            let mut h = Harness::builder()
                .with_size(egui::vec2(900.0, 300.0))
                .with_context_setup(style::install_fonts)
                .build_ui(move |ui| {
                    let font = egui::FontId::proportional(MATRIX_FONT);
                    let (galleys, height) =
                        matrix_headings(ui.painter(), &names, &font, egui::Color32::BLACK);
                    let sizes: Vec<egui::Vec2> = galleys.iter().map(|g| g.size()).collect();
                    let texts: Vec<String> = galleys.iter().map(|g| g.text().to_string()).collect();
                    *out.lock().unwrap() = Some((sizes, texts, height));
                });
            h.run();
            let (sizes, texts, height) = seen.lock().unwrap().take().unwrap();
            // Every name in full, on one line (not initials run together).
            assert_eq!(texts, wards[..n]);
            for (size, name) in sizes.iter().zip(&texts) {
                // Turned upwards, a name takes its line's height across: less than a
                // column, so neighbours never touch; its length fits the heading.
                assert!(size.y <= MATRIX_CELL - 4.0, "{name}: {size:?}");
                assert!(size.x <= height, "{name}: {size:?} > {height}");
                assert!(size.y < size.x || name.chars().count() <= 2, "{name}");
            }
        }
    }

    #[test]
    fn the_chart_names_its_bars_and_starts_near_the_lowest_total() {
        let totals = |units: &[i64]| -> Vec<Rounded> {
            units
                .iter()
                .map(|&units| Rounded { units, decimals: 2 })
                .collect()
        };
        // Totals of 82 to 96: a scale from 80, not from 0.
        let (low, high) = chart_range(&totals(&[9561, 9089, 9089, 8500, 8250])).unwrap();
        assert_eq!((low, high), (80.0, 96.0));
        assert!(chart_range(&[]).is_none());
        // The bars go down in rank order; each whole position names one member.
        let order = [4, 0, 2];
        assert_eq!(chart_member(&order, 2.0), Some(4));
        assert_eq!(chart_member(&order, 1.0), Some(0));
        assert_eq!(chart_member(&order, 0.0), Some(2));
        assert_eq!(chart_member(&order, 0.5), None);
        assert_eq!(chart_member(&order, 3.0), None);
        assert_eq!(chart_member(&order, -1.0), None);
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
