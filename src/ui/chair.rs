//! The chair's tools: the secret ballot, tie decisions, next year's head and deputy,
//! finalizing, and how firm the result is.

use super::confirm::{self, Answer, Question};
use super::i18n::{Lang, T};
use super::meeting::OpenMeeting;
use super::style;
use super::tally_view::tie_key_text;
use crate::model::Session;
use crate::model::confidence::{Change, Scenario, class_margin};
use crate::model::config::{Aggregate, BallotBase, BallotRule, TieBreak};
use crate::model::event::{Actor, Event};

use crate::model::session::{BallotRecord, CountError, EventError};
use crate::model::tally::{Basis, ProposalStatus, ballot_base, ballot_passes, vote_share};
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
    /// Finalizing asked for and not yet confirmed: where the button pressed was (the
    /// question never stands there).
    pub confirm_finalize: Option<egui::Rect>,
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
    quorum_line(
        ui,
        meeting.session().present_count(),
        meeting.config(),
        lang,
    );
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
    // What the last import did (before any, how importing works), in a space of
    // fixed height that scrolls when many files came in, so the ballots below never
    // move when a report appears.
    let height = 2.0 * (ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y);
    egui::ScrollArea::vertical()
        .id_salt("import-report")
        .max_height(height)
        .min_scrolled_height(height)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if state.import_report.is_empty() {
                ui.label(RichText::new(T::SheetsExplain.get(lang)).color(style::HINT_TEXT));
            }
            for (ok, line) in &state.import_report {
                let color = if *ok {
                    style::OK_GREEN
                } else {
                    style::ERROR_TEXT
                };
                ui.label(RichText::new(line).color(color));
            }
        });
    ui.separator();
}

/// Whether enough members are present to hold the meeting, from the moment
/// attendance is taken (version 2 configs with a quorum).
pub fn quorum_line(ui: &mut egui::Ui, present: usize, config: &crate::model::Config, lang: Lang) {
    let Some(quorum) = config.rules.quorum else {
        return;
    };
    let members = config.members.len();
    let needed = quorum.at_least_of(members);
    let args: [&dyn std::fmt::Display; 4] = [&present, &members, &needed, &quorum.text()];
    let (text, color) = if present >= needed {
        (T::QuorumMet.fill(lang, &args), style::OK_GREEN)
    } else {
        (T::QuorumNotMet.fill(lang, &args), style::ERROR_TEXT)
    };
    ui.label(RichText::new(text).color(color).strong());
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
    for (c, rule) in config.commendations.iter().enumerate() {
        let Some(ballot_rule) = rule.ballot else {
            continue;
        };
        let result = &meeting.tally.commendations[c];
        ui.heading(T::BallotHeading.fill(lang, &[&rule.name]));
        ui.label(need_text(&ballot_rule, session, lang));
        let latest = session.latest_ballot(c);
        if let Some(ballot) = latest {
            restate(ui, meeting, c, &ballot_rule, ballot, lang);
        }
        // Another round only where the rules need one: none yet, a member the
        // ranking proposes did not reach the votes needed, or a tie at the quota
        // line that the rules let a ballot break.
        let failed = result
            .proposals
            .iter()
            .any(|p| p.status == ProposalStatus::BallotFailed);
        let tie_to_break = result.open_seats > 0 && config.tie_break.contains(&TieBreak::Ballot);
        if !session.finalized && (latest.is_none() || failed || tie_to_break) {
            let entering = Round {
                session,
                commendation: c,
                number: latest.map_or(0, |b| b.round) + 1,
                rule: ballot_rule,
            };
            let form = state.ballots.entry(c).or_default();
            ballot_form(ui, meeting, &entering, form, lang, events);
        }
        ui.separator();
    }
}

/// The base of a ballot in words: the delegates present, the members, or the valid
/// ballots.
fn base_text(rule: &BallotRule, session: &Session, lang: Lang) -> String {
    match rule.base {
        BallotBase::Present => T::BasePresent.fill(lang, &[&session.present_count()]),
        BallotBase::Members => T::BaseMembers.fill(lang, &[&session.config().members.len()]),
        BallotBase::Valid => T::BaseValid.get(lang).to_string(),
    }
}

/// The fewest votes that pass out of `base`, if any can.
fn fewest_passing(rule: &BallotRule, base: u32) -> Option<u32> {
    (0..=base).find(|&v| ballot_passes(rule, v, base))
}

/// What a member needs, in words: the share of what, and (where the base is known
/// before the count) how many votes that is.
fn need_text(rule: &BallotRule, session: &Session, lang: Lang) -> String {
    let base = base_text(rule, session, lang);
    let known = match rule.base {
        BallotBase::Valid => None,
        _ => fewest_passing(rule, ballot_base(rule, session, 0)),
    };
    let percent = rule.threshold_text(lang.decimal_separator());
    match (known, rule.strict) {
        (Some(votes), true) => T::BallotNeedMoreVotes.fill(lang, &[&percent, &base, &votes]),
        (Some(votes), false) => T::BallotNeedAtLeastVotes.fill(lang, &[&percent, &base, &votes]),
        (None, true) => T::BallotNeedMore.fill(lang, &[&percent, &base]),
        (None, false) => T::BallotNeedAtLeast.fill(lang, &[&percent, &base]),
    }
}

/// The last round restated: the counts, each member's votes and share against the
/// threshold, who is proposed, and whether another round is needed.
fn restate(
    ui: &mut egui::Ui,
    meeting: &OpenMeeting,
    c: usize,
    rule: &BallotRule,
    ballot: &BallotRecord,
    lang: Lang,
) {
    let session = meeting.session();
    let config = session.config();
    let sep = lang.decimal_separator();
    let result = &meeting.tally.commendations[c];
    let base = ballot_base(rule, session, ballot.valid);
    let base_words = match rule.base {
        BallotBase::Valid => format!("{} ({base})", T::BaseValid.get(lang)),
        _ => base_text(rule, session, lang),
    };
    egui::Frame::new()
        .fill(style::GROUP_BG)
        .inner_margin(egui::Margin::symmetric(12, 8))
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(
                    T::RecordedRound.fill(lang, &[&ballot.round, &ballot.issued, &ballot.valid]),
                )
                .strong(),
            );
            // In ranking order, as the ballot listed them.
            let mut voted: Vec<usize> = ballot.votes.iter().map(|(m, _)| *m).collect();
            voted.sort_by_key(|m| meeting.tally.order.iter().position(|o| o == m));
            for m in voted {
                let votes = ballot.votes_for(m);
                let passes = ballot_passes(rule, votes, base);
                let (verdict, color) = if passes {
                    (T::Passes, style::OK_GREEN)
                } else {
                    (T::Fails, style::ERROR_TEXT)
                };
                let line = T::BallotResultLine.fill(
                    lang,
                    &[
                        &config.members[m].short,
                        &votes,
                        &vote_share(votes, base).display(sep),
                        &base_words,
                        &verdict.get(lang),
                    ],
                );
                ui.label(RichText::new(line).color(color));
            }
            let names = |status: ProposalStatus| -> Vec<String> {
                result
                    .proposals
                    .iter()
                    .filter(|p| p.status == status && p.ballot.is_some())
                    .map(|p| config.members[p.member].short.clone())
                    .collect()
            };
            let (proposed, failed) = (
                names(ProposalStatus::Proposed),
                names(ProposalStatus::BallotFailed),
            );
            let conclusion = if proposed.is_empty() {
                T::BallotNonePassed.get(lang).to_string()
            } else {
                T::BallotProposedAfter
                    .fill(lang, &[&config.commendations[c].name, &proposed.join(", ")])
            };
            ui.label(RichText::new(conclusion).strong());
            let tied: Vec<String> = result
                .proposals
                .iter()
                .filter(|p| p.basis == Basis::Tied)
                .map(|p| config.members[p.member].short.clone())
                .collect();
            let next = ballot.round + 1;
            if !failed.is_empty() {
                ui.label(T::BallotAnotherRound.fill(lang, &[&failed.join(", "), &next]));
            } else if !tied.is_empty() && config.tie_break.contains(&TieBreak::Ballot) {
                ui.label(T::BallotTieStands.fill(lang, &[&tied.join(", "), &next]));
            } else {
                ui.label(T::BallotSettled.get(lang));
            }
        });
}

/// What the counts typed so far allow: nothing yet, a refusal, or the counts.
enum Counts {
    Incomplete,
    Refused(String),
    Ready { issued: u32, valid: u32 },
}

/// The round being entered: of which commendation's ballot, its number, its rule.
struct Round<'a> {
    session: &'a Session,
    commendation: usize,
    number: u32,
    rule: BallotRule,
}

impl Round<'_> {
    /// The ballot event these counts and `votes` would make.
    fn event(&self, issued: u32, valid: u32, votes: BTreeMap<String, u32>) -> Event {
        Event::Ballot {
            commendation: self.session.config().commendations[self.commendation]
                .id
                .clone(),
            round: self.number,
            issued,
            valid,
            votes,
        }
    }

    /// Why the model would refuse these counts, in words; `None` when it would not.
    fn refusal(
        &self,
        issued: u32,
        valid: u32,
        votes: BTreeMap<String, u32>,
        lang: Lang,
    ) -> Option<String> {
        let event = self.event(issued, valid, votes);
        self.session
            .check(&Actor::Chair, &event)
            .err()
            .map(|e| e.text(lang))
    }

    /// The issued and valid ballots typed, checked by the model's own rules.
    fn counts(&self, form: &BallotForm, lang: Lang) -> Counts {
        if form.issued.trim().is_empty() || form.valid.trim().is_empty() {
            return Counts::Incomplete;
        }
        let not_a_count = |what: T| Counts::Refused(T::NotACount.fill(lang, &[&what.get(lang)]));
        let Some(issued) = count(&form.issued) else {
            return not_a_count(T::Issued);
        };
        let Some(valid) = count(&form.valid) else {
            return not_a_count(T::Valid);
        };
        match self.refusal(issued, valid, BTreeMap::new(), lang) {
            Some(why) => Counts::Refused(T::CountRefused.fill(lang, &[&why])),
            None => Counts::Ready { issued, valid },
        }
    }
}

/// One member's votes against the counts: the share and whether it passes, only for
/// counts the model accepts; otherwise why not, and never a verdict.
fn vote_preview(
    round: &Round,
    counts: &Counts,
    member: usize,
    text: &str,
    lang: Lang,
) -> (RichText, Option<String>) {
    let (session, rule) = (round.session, &round.rule);
    let config = session.config();
    if text.trim().is_empty() {
        return (RichText::new(""), None);
    }
    let Some(votes) = count(text) else {
        let why = T::NotACount.fill(lang, &[&config.members[member].short]);
        return (RichText::new(&why).color(style::ERROR_TEXT), Some(why));
    };
    let Counts::Ready { issued, valid } = *counts else {
        return (RichText::new("—").color(style::HINT_TEXT), None);
    };
    let one = [(config.members[member].id.clone(), votes)].into();
    if let Some(why) = round.refusal(issued, valid, one, lang) {
        return (RichText::new(&why).color(style::ERROR_TEXT), Some(why));
    }
    let sep = lang.decimal_separator();
    let base = ballot_base(rule, session, valid);
    let percent = if base == 0 {
        "—".to_string()
    } else {
        vote_share(votes, base).display(sep)
    };
    let passes = ballot_passes(rule, votes, base);
    let (verdict, color) = if passes {
        (T::Passes, style::OK_GREEN)
    } else {
        (T::Fails, style::ERROR_TEXT)
    };
    let shown = format!("{votes}/{base} = {percent}% — {}", verdict.get(lang));
    (RichText::new(shown).color(color), None)
}

/// The next round's counts, each member's share as it is typed (or why the counts
/// are refused), one line for the refusal or a hint, and the button that records it.
fn ballot_form(
    ui: &mut egui::Ui,
    meeting: &OpenMeeting,
    entering: &Round,
    form: &mut BallotForm,
    lang: Lang,
    events: &mut Vec<(Actor, Event)>,
) {
    let (session, c, round) = (entering.session, entering.commendation, entering.number);
    let config = meeting.config();
    let result = &meeting.tally.commendations[c];
    let before = (form.issued.clone(), form.valid.clone(), form.votes.clone());
    ui.label(RichText::new(T::EnterRound.fill(lang, &[&round])).strong());
    let mut counts = Counts::Incomplete;
    let mut row_refusal = None;
    // The counts and each member's votes in one column of fields.
    egui::Grid::new(("ballot-votes", c))
        .num_columns(3)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for (label, text) in [(T::Issued, &mut form.issued), (T::Valid, &mut form.valid)] {
                labelled_number(ui, label.get(lang), text);
                ui.end_row();
            }
            counts = entering.counts(form, lang);
            for &m in &result.eligible {
                let text = form.votes.entry(m).or_default();
                labelled_number(
                    ui,
                    &T::VotesFor.fill(lang, &[&config.members[m].short]),
                    text,
                );
                let (shown, why) = vote_preview(entering, &counts, m, text, lang);
                // A column of fixed width, read from the left, whatever it says.
                ui.allocate_ui_with_layout(
                    egui::vec2(420.0, 30.0),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        ui.set_width(420.0);
                        ui.add(egui::Label::new(shown).truncate());
                    },
                );
                if row_refusal.is_none() {
                    row_refusal = why;
                }
                ui.end_row();
            }
        });
    if result.eligible.is_empty() {
        ui.label(T::NoEligible.get(lang));
    }
    if before != (form.issued.clone(), form.valid.clone(), form.votes.clone()) {
        form.error = None;
    }
    // One line under the counts, always there: why they are refused, else the hint.
    let refused = match &counts {
        Counts::Refused(why) => Some(why.clone()),
        _ => row_refusal.map(|why| T::CountRefused.fill(lang, &[&why])),
    };
    match refused.as_ref().or(form.error.as_ref()) {
        Some(why) => style::message_line(ui, why, style::ERROR_BG, style::ERROR_TEXT, true),
        None => style::hint_line(ui, T::BallotPreviewHint.get(lang)),
    }
    let ready = matches!(counts, Counts::Ready { .. }) && refused.is_none();
    let button = egui::Button::new(T::RecordBallot.fill(lang, &[&round]));
    if ui
        .add_enabled(
            ready && meeting.writable() && !result.eligible.is_empty(),
            button,
        )
        .clicked()
    {
        match ballot_event(session, c, round, form, lang) {
            Ok(event) => {
                events.push((Actor::Chair, event));
                *form = BallotForm::default();
            }
            Err(message) => form.error = Some(message),
        }
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
    let button = ui.add_enabled(
        meeting.writable(),
        egui::Button::new(T::FinalizeButton.get(lang)),
    );
    if button.clicked() {
        let missing = meeting.tally.missing(session);
        if missing.is_empty() {
            state.finalize_check = None;
            state.confirm_finalize = Some(button.rect);
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
    if let Some(origin) = state.confirm_finalize {
        let question = Question {
            title: T::FinalizeHeading.get(lang),
            body: T::ConfirmFinalize.get(lang),
            yes: T::FinalizeButton.get(lang),
            no: T::FinalizeKeepOpen.get(lang),
        };
        match confirm::ask(
            ui.ctx(),
            egui::Id::unique("confirm-finalize"),
            origin,
            &question,
        ) {
            Answer::Open => {}
            Answer::Yes => {
                events.push((Actor::Chair, Event::Finalize));
                state.confirm_finalize = None;
            }
            Answer::No => state.confirm_finalize = None,
        }
    }
    ui.separator();
}

/// Text in a column `width` wide, wrapped between words: a long commendation name
/// takes a second line instead of running off the screen.
fn wrapped(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>, width: f32) {
    ui.allocate_ui_with_layout(
        egui::vec2(width, 0.0),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_width(width);
            ui.add(egui::Label::new(text).wrap());
        },
    );
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
            for (title, width) in [
                (T::Member, 180.0),
                (T::ToNextClass, 440.0),
                (T::ToCommendationLine, 420.0),
            ] {
                wrapped(ui, RichText::new(title.get(lang)).strong(), width);
            }
            ui.end_row();
            for &m in &meeting.tally.order {
                if meeting.tally.members[m].total.is_none() {
                    continue;
                }
                wrapped(ui, config.members[m].short.as_str(), 180.0);
                let class_text = match class_margin(meeting.session(), &meeting.tally, m) {
                    Some((class, by)) => T::NeedsForClass
                        .fill(lang, &[&by.display(sep), &config.classes[class].name]),
                    None => T::BestClass.get(lang).to_string(),
                };
                wrapped(ui, class_text.as_str(), 440.0);
                // A tie at the line is said to be a tie, with how it was settled.
                let line_text =
                    crate::export::wording::line_margin_text(&config, &meeting.tally, m, lang)
                        .unwrap_or_else(|| "—".into());
                wrapped(ui, line_text.as_str(), 420.0);
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
