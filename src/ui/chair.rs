//! The chair's tools: the secret ballot, tie decisions, next year's head and deputy,
//! finalizing, and how firm the result is.

use super::i18n::{Lang, T};
use super::meeting::OpenMeeting;
use super::style;
use super::tally_view::tie_key_text;
use crate::model::Session;
use crate::model::confidence::{Change, LineMargin, Scenario, class_margin, line_margin};
use crate::model::config::{Aggregate, BallotBase};
use crate::model::event::{Actor, Event};

use crate::model::session::{CountError, EventError};
use crate::model::tally::{Basis, ballot_base, ballot_passes, vote_share};
use eframe::egui::{self, RichText};
use std::collections::BTreeMap;

/// What the chair asks for beyond recording an event.
pub enum ChairAction {
    Record(Actor, Event),
    PickSheets,
    ImportSheets(Vec<std::path::PathBuf>),
}

/// What the chair is typing, per commendation with a ballot, and per tie.
#[derive(Default)]
pub struct ChairState {
    pub sheet_path: String,
    /// One line per imported file: whether it went in, and what happened.
    pub import_report: Vec<(bool, String)>,
    pub ballots: BTreeMap<usize, BallotForm>,
    pub ties: BTreeMap<usize, TieForm>,
    pub head: Option<usize>,
    pub deputy: Option<usize>,
    pub finalize_check: Option<Vec<String>>,
    pub confirm_finalize: bool,
}

#[derive(Default, Clone)]
pub struct BallotForm {
    pub issued: String,
    pub valid: String,
    pub votes: BTreeMap<usize, String>,
    pub error: Option<String>,
}

#[derive(Default, Clone)]
pub struct TieForm {
    pub chosen: Vec<usize>,
    pub reason: String,
}

fn count(text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() {
        Some(0)
    } else {
        t.parse().ok()
    }
}

fn labelled_number(ui: &mut egui::Ui, label: &str, value: &mut String) {
    let l = ui.label(label);
    ui.add_sized([90.0, 30.0], egui::TextEdit::singleline(value))
        .labelled_by(l.id);
}

pub fn show(
    ui: &mut egui::Ui,
    meeting: &mut OpenMeeting,
    state: &mut ChairState,
    lang: Lang,
) -> Vec<ChairAction> {
    let mut events = Vec::new();
    let mut actions = Vec::new();
    egui::ScrollArea::vertical()
        .id_salt("chair-scroll")
        .show(ui, |ui| {
            ui.set_max_width(1100.0);
            sheets(ui, meeting, state, lang, &mut actions);
            ballots(ui, meeting, state, lang, &mut events);
            ties(ui, meeting, state, lang, &mut events);
            next_year(ui, meeting, state, lang, &mut events);
            finalize(ui, meeting, state, lang, &mut events);
            ui.add_space(12.0);
            confidence(ui, meeting, lang);
        });
    actions.extend(
        events
            .into_iter()
            .map(|(by, event)| ChairAction::Record(by, event)),
    );
    actions
}

fn sheets(
    ui: &mut egui::Ui,
    meeting: &OpenMeeting,
    state: &mut ChairState,
    lang: Lang,
    actions: &mut Vec<ChairAction>,
) {
    ui.heading(T::SheetsHeading.get(lang));
    ui.label(T::SheetsExplain.get(lang));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                meeting.writable(),
                egui::Button::new(T::ImportSheets.get(lang)),
            )
            .clicked()
        {
            actions.push(ChairAction::PickSheets);
        }
        let l = ui.label(T::PathLabel.get(lang));
        let field = ui
            .add(egui::TextEdit::singleline(&mut state.sheet_path).desired_width(420.0))
            .labelled_by(l.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button(T::ImportOne.get(lang)).clicked() || entered)
            && !state.sheet_path.trim().is_empty()
        {
            actions.push(ChairAction::ImportSheets(vec![
                state.sheet_path.trim().into(),
            ]));
        }
    });
    for (ok, line) in &state.import_report {
        let color = if *ok {
            style::OK_GREEN
        } else {
            style::ERROR_TEXT
        };
        ui.label(RichText::new(line).color(color));
    }
    ui.separator();
}

fn ballots(
    ui: &mut egui::Ui,
    meeting: &OpenMeeting,
    state: &mut ChairState,
    lang: Lang,
    events: &mut Vec<(Actor, Event)>,
) {
    let session = meeting.session();
    let config = meeting.config();
    let sep = lang.decimal_separator();
    for (c, rule) in config.commendations.iter().enumerate() {
        let Some(ballot_rule) = rule.ballot else {
            continue;
        };
        let result = &meeting.tally.commendations[c];
        let last_round = session.latest_ballot(c).map_or(0, |b| b.round);
        ui.heading(T::BallotHeading.fill(lang, &[&rule.name]));
        let base_text = match ballot_rule.base {
            BallotBase::Present => T::BasePresent.fill(lang, &[&session.present_count()]),
            BallotBase::Members => T::BaseMembers.fill(lang, &[&config.members.len()]),
            BallotBase::Valid => T::BaseValid.get(lang).to_string(),
        };
        let comparison = if ballot_rule.strict {
            T::MoreThan
        } else {
            T::AtLeast
        };
        ui.label(T::ThresholdRule.fill(
            lang,
            &[
                &comparison.get(lang),
                &ballot_rule.threshold.display(sep),
                &base_text,
            ],
        ));
        if let Some(b) = session.latest_ballot(c) {
            ui.label(
                RichText::new(T::RecordedRound.fill(lang, &[&b.round, &b.issued, &b.valid]))
                    .strong(),
            );
        }
        let form = state.ballots.entry(c).or_default();
        let round = last_round + 1;
        ui.label(RichText::new(T::EnterRound.fill(lang, &[&round])).strong());
        ui.horizontal(|ui| {
            labelled_number(ui, T::Issued.get(lang), &mut form.issued);
            labelled_number(ui, T::Valid.get(lang), &mut form.valid);
        });
        let valid = count(&form.valid);
        egui::Grid::new(("ballot-votes", c))
            .num_columns(3)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for &m in &result.eligible {
                    let text = form.votes.entry(m).or_default();
                    labelled_number(
                        ui,
                        &T::VotesFor.fill(lang, &[&config.members[m].short]),
                        text,
                    );
                    let preview = match (count(text), valid) {
                        (Some(v), Some(valid)) if !text.trim().is_empty() => {
                            let base = ballot_base(&ballot_rule, session, valid);
                            let percent = if base == 0 {
                                "—".to_string()
                            } else {
                                vote_share(v, base).display(sep)
                            };
                            let passes = ballot_passes(&ballot_rule, v, base);
                            let verdict = if passes { T::Passes } else { T::Fails };
                            let color = if passes {
                                style::OK_GREEN
                            } else {
                                style::ERROR_TEXT
                            };
                            RichText::new(format!(
                                "{v}/{base} = {percent}% — {}",
                                verdict.get(lang)
                            ))
                            .color(color)
                        }
                        _ => RichText::new(""),
                    };
                    ui.label(preview);
                    ui.end_row();
                }
            });
        if result.eligible.is_empty() {
            ui.label(T::NoEligible.get(lang));
        }
        if let Some(error) = &form.error {
            style::banner(ui, error, style::ERROR_BG, style::ERROR_TEXT);
        }
        let button = egui::Button::new(T::RecordBallot.fill(lang, &[&round]));
        if ui
            .add_enabled(meeting.writable() && !result.eligible.is_empty(), button)
            .clicked()
        {
            match ballot_event(session, c, round, form, lang) {
                Ok(event) => {
                    form.error = None;
                    events.push((Actor::Chair, event));
                    *form = BallotForm::default();
                }
                Err(message) => form.error = Some(message),
            }
        }
        ui.separator();
    }
}

/// Reads the form; impossible counts are refused here with the model's own reason.
fn ballot_event(
    session: &Session,
    c: usize,
    round: u32,
    form: &BallotForm,
    lang: Lang,
) -> Result<Event, String> {
    let config = session.config();
    let not_a_count = |what: &str| T::NotACount.fill(lang, &[&what]);
    let issued = count(&form.issued).ok_or_else(|| not_a_count(T::Issued.get(lang)))?;
    let valid = count(&form.valid).ok_or_else(|| not_a_count(T::Valid.get(lang)))?;
    let mut votes = BTreeMap::new();
    for (&m, text) in &form.votes {
        let v = count(text).ok_or_else(|| not_a_count(&config.members[m].short))?;
        votes.insert(config.members[m].id.clone(), v);
    }
    let event = Event::Ballot {
        commendation: config.commendations[c].id.clone(),
        round,
        issued,
        valid,
        votes,
    };
    match session.check(&Actor::Chair, &event) {
        Ok(()) => Ok(event),
        Err(EventError::ImpossibleCount(e)) => Err(count_text(&e, lang)),
        Err(e) => Err(e.text(lang)),
    }
}

fn count_text(error: &CountError, lang: Lang) -> String {
    T::CountRefused.fill(lang, &[&error.text(lang)])
}

fn ties(
    ui: &mut egui::Ui,
    meeting: &OpenMeeting,
    state: &mut ChairState,
    lang: Lang,
    events: &mut Vec<(Actor, Event)>,
) {
    let config = meeting.config();
    let sep = lang.decimal_separator();
    for (c, result) in meeting.tally.commendations.iter().enumerate() {
        if result.open_seats == 0 {
            continue;
        }
        let tied: Vec<usize> = result
            .proposals
            .iter()
            .filter(|p| p.basis == Basis::Tied)
            .map(|p| p.member)
            .collect();
        let names: Vec<String> = tied
            .iter()
            .map(|&m| config.members[m].short.clone())
            .collect();
        let total = tied
            .first()
            .and_then(|&m| meeting.tally.members[m].total)
            .map_or_else(String::new, |t| t.display(sep));
        ui.heading(T::TieHeading.fill(lang, &[&config.commendations[c].name]));
        let keys: Vec<String> = config
            .tie_break
            .iter()
            .map(|k| tie_key_text(*k, config, lang))
            .collect();
        let why = if keys.is_empty() {
            T::NoTieBreak.get(lang).to_string()
        } else {
            T::TieKeysEqual.fill(lang, &[&keys.join(", ")])
        };
        style::banner(
            ui,
            &T::TieExplain.fill(lang, &[&names.join(", "), &total, &result.open_seats, &why]),
            style::WARN_BG,
            style::WARN_TEXT,
        );
        let form = state.ties.entry(c).or_default();
        ui.label(T::ChooseSeats.fill(lang, &[&result.open_seats]));
        for &m in &tied {
            let mut on = form.chosen.contains(&m);
            if ui.checkbox(&mut on, &config.members[m].short).changed() {
                form.chosen.retain(|x| *x != m);
                if on {
                    form.chosen.push(m);
                }
            }
        }
        let l = ui.label(T::Reason.get(lang));
        ui.add(
            egui::TextEdit::multiline(&mut form.reason)
                .desired_rows(2)
                .desired_width(700.0),
        )
        .labelled_by(l.id);
        let ready = form.chosen.len() == result.open_seats && !form.reason.trim().is_empty();
        let button = egui::Button::new(T::RecordDecision.get(lang));
        if ui
            .add_enabled(ready && meeting.writable(), button)
            .clicked()
        {
            events.push((
                Actor::Chair,
                Event::DecideTie {
                    commendation: config.commendations[c].id.clone(),
                    chosen: form
                        .chosen
                        .iter()
                        .map(|&m| config.members[m].id.clone())
                        .collect(),
                    reason: crate::model::reader::nfc(form.reason.trim()),
                },
            ));
            *form = TieForm::default();
        }
        ui.separator();
    }
    for d in &meeting.session().decisions {
        let chosen: Vec<String> = d
            .chosen
            .iter()
            .map(|&m| config.members[m].short.clone())
            .collect();
        ui.label(T::DecisionRecorded.fill(
            lang,
            &[
                &config.commendations[d.commendation].name,
                &chosen.join(", "),
                &d.reason,
            ],
        ));
    }
}

fn member_combo(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    value: &mut Option<usize>,
    session: &Session,
) {
    let config = session.config();
    let l = ui.label(label);
    let shown = value.map_or_else(|| "—".to_string(), |m| config.members[m].short.clone());
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(220.0)
        .show_ui(ui, |ui| {
            for (m, member) in config.members.iter().enumerate() {
                ui.selectable_value(value, Some(m), &member.short);
            }
        })
        .response
        .labelled_by(l.id);
}

fn next_year(
    ui: &mut egui::Ui,
    meeting: &OpenMeeting,
    state: &mut ChairState,
    lang: Lang,
    events: &mut Vec<(Actor, Event)>,
) {
    let session = meeting.session();
    let config = session.config();
    ui.heading(T::NextYearHeading.get(lang));
    if let Some((h, d)) = session.next_year {
        ui.label(
            T::NextYearRecorded.fill(lang, &[&config.members[h].short, &config.members[d].short]),
        );
        state.head.get_or_insert(h);
        state.deputy.get_or_insert(d);
    }
    ui.horizontal(|ui| {
        member_combo(
            ui,
            "next-head",
            T::RoleHead.get(lang),
            &mut state.head,
            session,
        );
        member_combo(
            ui,
            "next-deputy",
            T::RoleDeputy.get(lang),
            &mut state.deputy,
            session,
        );
        let ready = matches!((state.head, state.deputy), (Some(h), Some(d)) if h != d);
        let changed = session.next_year != state.head.zip(state.deputy);
        if ui
            .add_enabled(
                ready && changed && meeting.writable(),
                egui::Button::new(T::RecordNextYear.get(lang)),
            )
            .clicked()
            && let (Some(h), Some(d)) = (state.head, state.deputy)
        {
            events.push((
                Actor::Chair,
                Event::NextYear {
                    head: config.members[h].id.clone(),
                    deputy: config.members[d].id.clone(),
                },
            ));
        }
    });
    if matches!((state.head, state.deputy), (Some(h), Some(d)) if h == d) {
        ui.label(RichText::new(T::HeadDeputyDiffer.get(lang)).color(style::ERROR_TEXT));
    }
    ui.separator();
}

fn finalize(
    ui: &mut egui::Ui,
    meeting: &OpenMeeting,
    state: &mut ChairState,
    lang: Lang,
    events: &mut Vec<(Actor, Event)>,
) {
    let session = meeting.session();
    ui.heading(T::FinalizeHeading.get(lang));
    if session.finalized {
        ui.label(
            RichText::new(T::Finalized.get(lang))
                .color(style::OK_GREEN)
                .strong(),
        );
        return;
    }
    ui.label(T::FinalizeExplain.get(lang));
    if ui
        .add_enabled(
            meeting.writable(),
            egui::Button::new(T::FinalizeButton.get(lang)),
        )
        .clicked()
    {
        let missing = meeting.tally.missing(session);
        if missing.is_empty() {
            state.finalize_check = None;
            state.confirm_finalize = true;
        } else {
            state.finalize_check = Some(missing.iter().map(|m| m.text(lang)).collect());
        }
    }
    if let Some(list) = &state.finalize_check {
        let mut text = T::CannotFinalize.get(lang).to_string();
        for item in list {
            text.push_str(&format!("\n• {item}"));
        }
        style::banner(ui, &text, style::ERROR_BG, style::ERROR_TEXT);
    }
    if state.confirm_finalize {
        let modal = egui::Modal::new(egui::Id::unique("confirm-finalize")).show(ui.ctx(), |ui| {
            ui.set_max_width(520.0);
            ui.heading(T::FinalizeHeading.get(lang));
            ui.label(T::ConfirmFinalize.get(lang));
            ui.horizontal(|ui| {
                if ui
                    .button(RichText::new(T::FinalizeButton.get(lang)).strong())
                    .clicked()
                {
                    events.push((Actor::Chair, Event::Finalize));
                    state.confirm_finalize = false;
                }
                if ui.button(T::Cancel.get(lang)).clicked() {
                    state.confirm_finalize = false;
                }
            });
        });
        if modal.should_close() {
            state.confirm_finalize = false;
        }
    }
    ui.separator();
}

fn confidence(ui: &mut egui::Ui, meeting: &mut OpenMeeting, lang: Lang) {
    let sep = lang.decimal_separator();
    ui.heading(T::ConfidenceHeading.get(lang));
    ui.label(T::ConfidenceExplain.get(lang));
    let config = meeting.config().clone();
    egui::Grid::new("margins")
        .striped(true)
        .num_columns(3)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            ui.strong(T::Member.get(lang));
            ui.strong(T::ToNextClass.get(lang));
            ui.strong(T::ToCommendationLine.get(lang));
            ui.end_row();
            for &m in &meeting.tally.order {
                if meeting.tally.members[m].total.is_none() {
                    continue;
                }
                ui.label(&config.members[m].short);
                match class_margin(meeting.session(), &meeting.tally, m) {
                    Some((class, by)) => ui.label(
                        T::NeedsForClass
                            .fill(lang, &[&by.display(sep), &config.classes[class].name]),
                    ),
                    None => ui.label(T::BestClass.get(lang)),
                };
                match line_margin(&meeting.tally, m) {
                    Some(LineMargin::Ahead { commendation, by }) => ui.label(T::AheadBy.fill(
                        lang,
                        &[&by.display(sep), &config.commendations[commendation].name],
                    )),
                    Some(LineMargin::Behind { commendation, by }) => ui.label(T::BehindBy.fill(
                        lang,
                        &[&by.display(sep), &config.commendations[commendation].name],
                    )),
                    None => ui.label("—"),
                };
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    ui.label(RichText::new(T::RobustnessHeading.get(lang)).strong());
    let scenarios = meeting.robustness().to_vec();
    if scenarios.is_empty() {
        ui.label(T::NoSheetsYet.get(lang));
    }
    for (scenario, changes) in scenarios {
        let what = match scenario {
            Scenario::LeaveOut(s) => T::WithoutSheet.fill(lang, &[&config.members[s].short]),
            Scenario::Aggregate(a) => T::WithAggregate.fill(
                lang,
                &[&match a {
                    Aggregate::Mean => T::AggMean.get(lang),
                    Aggregate::TrimmedMean => T::AggTrimmed.get(lang),
                    Aggregate::Median => T::AggMedian.get(lang),
                }],
            ),
        };
        let commendation_changes: Vec<String> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Commendation {
                    commendation,
                    gained,
                    lost,
                } => {
                    let names = |list: &[usize]| {
                        list.iter()
                            .map(|&m| config.members[m].short.clone())
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    Some(T::SeatChange.fill(
                        lang,
                        &[
                            &config.commendations[*commendation].name,
                            &names(gained),
                            &names(lost),
                        ],
                    ))
                }
                Change::Class { .. } => None,
            })
            .collect();
        let class_changes = changes
            .iter()
            .filter(|c| matches!(c, Change::Class { .. }))
            .count();
        if commendation_changes.is_empty() {
            let mut text = format!("{what}: {}", T::NoProposalChange.get(lang));
            if class_changes > 0 {
                text.push_str(&format!(
                    " {}",
                    T::ClassChanges.fill(lang, &[&class_changes])
                ));
            }
            ui.label(RichText::new(text).color(style::OK_GREEN));
        } else {
            ui.label(
                RichText::new(format!("{what}: {}", commendation_changes.join("; ")))
                    .color(style::WARN_TEXT)
                    .strong(),
            );
        }
    }
}
