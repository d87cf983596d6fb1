//! A delegate's laptop joined to the chair's host: "Tham gia hội nghị" finds the
//! meeting (or takes its address and PIN), then the delegate scores their own sheet
//! in the same grid. A value is written to this laptop's journal and sent; the cell
//! looks saved only once the host has committed it. The delegate's client and its
//! worker thread ([`crate::live::delegate`], shared with `thidua join`) do the
//! sending, so a slow or dropped network never blocks typing.

use super::i18n::{Lang, T};
use super::scoring::{CellKey, Sending};
use crate::live::delegate::{Delegate, DelegateError, Joining, JournalPlace, Report, Worker};
use crate::model::Session;
use crate::model::config::Config;
use crate::model::event::{Actor, Event, Record};
use crate::model::points::{MAX_QUANTITY, Points};
use crate::net::client::token_of;
use crate::net::discovery::{self, Found};
use crate::net::journal::Binding;
use crate::net::protocol::{EventResult, SheetView};
use crate::text::net::N;
use eframe::egui;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// The join form.
#[derive(Default)]
pub struct JoinState {
    pub address: String,
    pub pin: String,
    pub found: Vec<Found>,
    pub listening: Option<Receiver<Vec<Found>>>,
    pub error: Option<String>,
}

pub enum JoinAction {
    Listen,
    Join,
    Back,
}

pub fn show_join(ui: &mut egui::Ui, state: &mut JoinState, lang: Lang) -> Option<JoinAction> {
    let mut action = None;
    if let Some(found) = state.listening.as_ref().and_then(|r| r.try_recv().ok()) {
        state.found = found;
        state.listening = None;
    }
    ui.heading(T::JoinHeading.get(lang));
    ui.label(T::JoinExplain.get(lang));
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let listening = state.listening.is_some();
        if ui
            .add_enabled(!listening, egui::Button::new(T::JoinListen.get(lang)))
            .clicked()
        {
            action = Some(JoinAction::Listen);
        }
        if listening {
            ui.spinner();
            ui.label(T::JoinListening.get(lang));
        }
    });
    for meeting in &state.found {
        if let Some(address) = meeting.address()
            && ui
                .selectable_label(
                    state.address == address,
                    format!("{}  —  {address}", meeting.name),
                )
                .clicked()
        {
            state.address = address;
        }
    }
    ui.add_space(6.0);
    let mut enter = false;
    egui::Grid::new("join-form").num_columns(2).show(ui, |ui| {
        let label = ui.label(T::JoinAddress.get(lang));
        ui.add(egui::TextEdit::singleline(&mut state.address).desired_width(320.0))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(T::NetPin.get(lang));
        let pin = ui
            .add(egui::TextEdit::singleline(&mut state.pin).desired_width(120.0))
            .labelled_by(label.id);
        // Enter after the PIN joins, as the button does.
        if pin.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            enter = true;
        }
        ui.end_row();
    });
    if let Some(error) = &state.error {
        super::style::banner(ui, error, super::style::ERROR_BG, super::style::ERROR_TEXT);
    }
    ui.horizontal(|ui| {
        let ready = !state.address.trim().is_empty()
            && (!state.pin.trim().is_empty() || token_of(&state.address).is_some());
        if ui
            .add_enabled(ready, egui::Button::new(T::JoinButton.get(lang)))
            .clicked()
            || (enter && ready)
        {
            action = Some(JoinAction::Join);
        }
        if ui.button(T::Back.get(lang)).clicked() {
            action = Some(JoinAction::Back);
        }
    });
    action
}

/// Starts listening for meetings on the network, in the background.
pub fn listen(state: &mut JoinState, ctx: &egui::Context) {
    let (tx, rx) = mpsc::channel();
    let ctx = ctx.clone();
    std::thread::spawn(move || {
        let _ = tx.send(discovery::browse(Duration::from_secs(3)));
        ctx.request_repaint();
    });
    state.listening = Some(rx);
}

/// The delegate's sheet while joined to a host.
pub struct ClientMeeting {
    /// This delegate's sheet as the host has committed it.
    pub session: Session,
    pub scorer: usize,
    pub address: String,
    /// Values not yet committed, or refused, per cell.
    pub sending: BTreeMap<CellKey, Sending>,
    /// The chair reopened the sheet, with the reason; or a refused submission.
    pub notice: Option<String>,
    /// The last failure to reach the host (shown until it answers again).
    pub offline: Option<DelegateError>,
    worker: Worker,
    view_events: u64,
}

/// A submission is not a cell: it is kept under this key.
pub const SUBMIT_KEY: CellKey = (usize::MAX, usize::MAX);

#[derive(Debug)]
pub enum JoinError {
    Delegate(DelegateError),
    /// The code opens a member the config does not have.
    Config(String),
    Worker(String),
}

impl JoinError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            JoinError::Delegate(e) => e.text(lang),
            JoinError::Config(text) | JoinError::Worker(text) => text.clone(),
        }
    }
}

/// The host's committed values for this delegate's row, as a session.
fn session_from(config: &Arc<Config>, view: &SheetView) -> Option<(Session, usize)> {
    let scorer = config.member(&view.scorer)?;
    let mut session = Session::new(config.clone());
    let apply = |session: &mut Session, event: Event| {
        let record = Record {
            seq: session.event_count() + 1,
            at: String::new(),
            by: Actor::Chair,
            origin: None,
            event,
        };
        let _ = session.apply(&record);
    };
    // What the chair entered for every member (version 2), shown on the sheet.
    for fact in &view.facts {
        if let Ok(value) = Points::parse_up_to(&fact.value, MAX_QUANTITY) {
            let event = Event::Fact {
                member: fact.target.clone(),
                item: fact.item.clone(),
                value: Some(value),
            };
            apply(&mut session, event);
        }
    }
    for cell in &view.values {
        // Counts and actuals may be larger than any points value.
        if let Ok(points) = Points::parse_up_to(&cell.value, MAX_QUANTITY) {
            let event = Event::Score {
                scorer: view.scorer.clone(),
                target: cell.target.clone(),
                item: cell.item.clone(),
                value: Some(points),
            };
            apply(&mut session, event);
        }
    }
    if !view.present {
        apply(
            &mut session,
            Event::Attendance {
                member: view.scorer.clone(),
                present: false,
            },
        );
    }
    if view.submitted {
        apply(
            &mut session,
            Event::Submit {
                scorer: view.scorer.clone(),
            },
        );
    }
    Some((session, scorer))
}

impl ClientMeeting {
    /// Joins `address` with `pin` (or the token a link carries), reads the sheet and
    /// starts the worker that sends this laptop's events. `journals` is the folder
    /// where the journal of unsent events is kept.
    pub fn join(
        address: &str,
        pin: &str,
        journals: PathBuf,
        lang: Lang,
        wake: impl Fn() + Send + 'static,
    ) -> Result<ClientMeeting, JoinError> {
        // This laptop's own device id: a new journal sends under it, so the laptop
        // is one device of its delegate's code however often it joins.
        let device_file = journals.join("device-id");
        let device = std::fs::read_to_string(&device_file)
            .ok()
            .map(|d| d.trim().to_string())
            .filter(|d| d.len() == 32)
            .unwrap_or_else(|| {
                let fresh = crate::net::random_hex();
                let _ = std::fs::create_dir_all(&journals);
                let _ = crate::store::files::write_atomically(&device_file, fresh.as_bytes());
                fresh
            });
        let pin = pin.trim();
        let mut delegate = Delegate::connect(Joining {
            address,
            pin: (!pin.is_empty()).then_some(pin),
            journal: JournalPlace::Folder {
                folder: &journals,
                device: &device,
            },
            // The window waits for this: a host that does not answer soon is said so.
            until: std::time::Instant::now() + Duration::from_secs(10),
        })
        .map_err(JoinError::Delegate)?;
        let notice = match delegate.binding() {
            Binding::SetAside { old } => Some(
                N::JournalSetAside
                    .fill(lang, &[&delegate.journal_path().display(), &old.display()]),
            ),
            _ => None,
        };
        let config = delegate.config().clone();
        let view = delegate.view().clone();
        let (session, scorer) =
            session_from(&config, &view).ok_or_else(|| JoinError::Config(view.scorer.clone()))?;
        // What this laptop typed before (the app closed or killed before the host
        // answered) shows as being sent, as it is.
        let mut sending = BTreeMap::new();
        for event in delegate.unanswered_events() {
            if let Event::Score {
                target,
                item,
                value,
                ..
            } = event
                && let (Some(t), Some(c)) = (config.member(&target), config.cell(&item))
            {
                let text = value.map_or_else(String::new, |v| v.display(','));
                sending.insert((t, c), Sending::Pending(text));
            }
        }
        // Sending goes on as long as the window is open.
        delegate.set_until(None);
        let worker = Worker::spawn(delegate, Some(Duration::from_secs(3)), wake)
            .map_err(|e| JoinError::Worker(e.to_string()))?;
        Ok(ClientMeeting {
            session,
            scorer,
            address: address.trim().to_string(),
            sending,
            notice: notice.or_else(|| view.reopened.clone()),
            offline: None,
            worker,
            view_events: view.events,
        })
    }

    pub fn config(&self) -> &Config {
        self.session.config()
    }

    /// Hands an event of this delegate's sheet to the worker; the cell shows it as
    /// being sent until the host answers.
    pub fn send(&mut self, event: Event) {
        if let Event::Score {
            target,
            item,
            value,
            ..
        } = &event
        {
            let config = self.session.config();
            let (Some(t), Some(c)) = (config.member(target), config.cell(item)) else {
                return;
            };
            let text = value.map_or_else(String::new, |v| v.display(','));
            self.sending.insert((t, c), Sending::Pending(text));
        }
        self.worker.send(event);
    }

    /// The cell an event is about; a submission is kept under [`SUBMIT_KEY`].
    fn key_of(&self, event: &Event) -> CellKey {
        let config = self.session.config();
        match event {
            Event::Score { target, item, .. } => config
                .member(target)
                .zip(config.cell(item))
                .unwrap_or(SUBMIT_KEY),
            _ => SUBMIT_KEY,
        }
    }

    /// Takes in what the worker reported: answers, the sheet as the host has it.
    /// Returns whether anything changed.
    pub fn poll(&mut self, lang: Lang) -> bool {
        let mut changed = false;
        while let Some(message) = self.worker.try_report() {
            changed = true;
            match message {
                Report::Answer(answer) => {
                    self.offline = None;
                    let key = self.key_of(&answer.event);
                    let event = answer.event;
                    match answer.result {
                        EventResult::Committed { .. } | EventResult::Duplicate { .. } => {
                            let record = Record {
                                seq: self.session.event_count() + 1,
                                at: String::new(),
                                by: Actor::Chair,
                                origin: None,
                                event,
                            };
                            let _ = self.session.apply(&record);
                            if matches!(self.sending.get(&key), Some(Sending::Pending(_))) {
                                self.sending.remove(&key);
                            }
                        }
                        EventResult::Refused { vi, en, .. } => {
                            let reason = match lang {
                                Lang::Vi => vi,
                                Lang::En => en,
                            };
                            if key == SUBMIT_KEY {
                                self.notice = Some(reason);
                            } else {
                                let text = match self.sending.get(&key) {
                                    Some(Sending::Pending(text)) => text.clone(),
                                    _ => String::new(),
                                };
                                self.sending.insert(key, Sending::Refused { text, reason });
                            }
                        }
                    }
                }
                Report::View(view) => {
                    self.offline = None;
                    if view.events != self.view_events && self.sending.is_empty() {
                        let config = self.session.config_arc().clone();
                        if let Some((session, _)) = session_from(&config, &view) {
                            self.session = session;
                        }
                        self.view_events = view.events;
                        self.notice = view
                            .reopened
                            .as_ref()
                            .filter(|_| !view.submitted)
                            .map(|reason| T::ReopenedByChair.fill(lang, &[reason]));
                    }
                }
                Report::Offline(why) => self.offline = Some(why),
                Report::Online => self.offline = None,
            }
        }
        changed
    }

    /// Cells this laptop is still sending.
    pub fn pending(&self) -> usize {
        self.sending
            .values()
            .filter(|s| matches!(s, Sending::Pending(_)))
            .count()
    }
}

/// The delegate's screen: where the sheet goes, what is saved, then the grid.
pub fn show_client(
    ui: &mut egui::Ui,
    meeting: &mut ClientMeeting,
    grid: &mut super::scoring::GridState,
    lang: Lang,
) -> Vec<super::scoring::GridAction> {
    meeting.poll(lang);
    let config = meeting.session.config();
    let who = config.members[meeting.scorer].short.clone();
    ui.label(
        egui::RichText::new(T::ClientHeading.fill(lang, &[&who, &meeting.address]))
            .strong()
            .color(super::style::ACCENT),
    );
    let (filled, total) = meeting.session.progress(meeting.scorer);
    ui.label(T::ClientStatus.fill(lang, &[&filled, &total, &meeting.pending()]));
    if let Some(why) = &meeting.offline {
        super::style::banner(
            ui,
            &T::ClientOffline.fill(lang, &[&why.text(lang)]),
            super::style::WARN_BG,
            super::style::WARN_TEXT,
        );
    }
    if let Some(notice) = &meeting.notice {
        super::style::banner(ui, notice, super::style::WARN_BG, super::style::WARN_TEXT);
    }
    let source = super::scoring::SheetSource {
        session: &meeting.session,
        delegate: meeting.scorer,
        delegates: None,
        writable: !meeting.session.finalized,
        sending: Some(&meeting.sending),
    };
    let line = super::style::reserve_message_line(ui);
    let actions = super::scoring::show(ui, &source, grid, lang);
    if let Some((text, tone)) = grid.line.take() {
        super::style::tone_line_in(ui, line, &text, tone);
    }
    actions
}
