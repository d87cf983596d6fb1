//! The desktop app: start, setup, scoring and tally screens. Views draw state and
//! return what the user asked for; this module turns that into events for the
//! meeting file, so no view ever changes meeting data itself.

mod actions;
pub mod audit;
pub mod chair;
pub mod client;
mod confirm;
mod dialogs;
pub mod editor;
mod editor_form;
mod editor_items;
mod editor_sections;
pub mod facts;
pub mod grid;
pub mod i18n;
pub mod input_order;
pub mod meeting;
pub mod network;
pub mod paper;
pub mod prefs;
pub mod projector;
pub mod scoring;
pub mod setup;
pub mod start;
pub mod style;
pub mod tally_view;

use crate::store::Integrity;
use eframe::egui::{self, RichText};
use i18n::{Lang, T};
use meeting::OpenMeeting;
use prefs::Prefs;
use scoring::GridState;
use setup::{SetupAction, SetupState};
use start::{StartAction, StartState};
use std::path::{Path, PathBuf};

const PREFS_KEY: &str = "thidua-prefs";

static PROCESS_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Remembers when the process started, for `THIDUA_PRINT_STARTUP_MS`.
pub fn mark_process_start() {
    PROCESS_START.get_or_init(std::time::Instant::now);
}

/// With `THIDUA_PRINT_STARTUP_MS=1`, prints the time from process start to the end of
/// the first frame; with `=exit`, then closes the window (for measurements).
fn report_startup(ctx: &egui::Context) {
    let Ok(mode) = std::env::var("THIDUA_PRINT_STARTUP_MS") else {
        return;
    };
    if let Some(start) = PROCESS_START.get() {
        println!("startup_ms {}", start.elapsed().as_millis());
    }
    if mode == "exit" {
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

/// Where the app may look and write, injected so tests run in temporary folders.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// Where a meeting made from the bundled sample is saved.
    pub documents: PathBuf,
    /// Whether native file dialogs may be opened (never in tests).
    pub file_dialogs: bool,
    /// A file to open at start (`thidua FILE`).
    pub open: Option<PathBuf>,
    /// Start in the cluster editor (`thidua --edit [CONFIG]`): with `open`, that
    /// config; without, a new cluster.
    pub edit: bool,
    /// Where the recent files are recorded the moment a meeting is created or opened
    /// (`None`: nowhere), so a crash never hides the last meeting.
    pub state_dir: Option<PathBuf>,
}

impl AppOptions {
    pub fn for_user(open: Option<PathBuf>, edit: bool) -> AppOptions {
        let dirs = directories::UserDirs::new();
        let documents = dirs
            .as_ref()
            .and_then(|d| d.document_dir().map(Path::to_path_buf))
            .or_else(|| dirs.as_ref().map(|d| d.home_dir().to_path_buf()))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        AppOptions {
            documents,
            file_dialogs: true,
            open,
            edit,
            state_dir: eframe::storage_dir("thidua"),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tab {
    Scoring,
    Tally,
    Chair,
    Audit,
    Network,
    /// Version 2: the figures the chair enters once per member.
    Facts,
}

enum Screen {
    Start,
    Setup(Box<SetupState>),
    Meeting,
    /// A delegate's laptop: finding the chair's host, then scoring through it.
    Join(Box<client::JoinState>),
    Client(Box<client::ClientMeeting>),
    /// The cluster editor: a new cluster or a config file being changed.
    Editor(Box<editor::EditorState>),
}

pub struct ThiduaApp {
    pub prefs: Prefs,
    options: AppOptions,
    screen: Screen,
    pub start: StartState,
    pub meeting: Option<OpenMeeting>,
    pub grid: GridState,
    pub tab: Tab,
    /// The page the meeting screen showed in its last frame.
    shown_tab: Tab,
    /// A refusal from the meeting file or the rules, shown until the next action.
    pub message: Option<String>,
    first_frame_done: bool,
    /// A confirmation (e.g. where a file was saved), shown until the next action.
    pub notice: Option<String>,
    pub chair: chair::ChairState,
    pub audit: audit::AuditState,
    pub network: network::NetworkState,
    pub projector: projector::ProjectorState,
    /// Paper sheets being typed in (the scoring tab shows one while it is open).
    pub paper: paper::PaperState,
    pub facts: facts::FactsState,
    input_order: input_order::InputOrder,
}

impl ThiduaApp {
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> ThiduaApp {
        Self::with_opening(cc, options, None)
    }

    /// [`ThiduaApp::new`], given the opening of `options.open` already under way on
    /// another thread (see [`run`]).
    fn with_opening(
        cc: &eframe::CreationContext<'_>,
        options: AppOptions,
        opening: Option<Opening>,
    ) -> ThiduaApp {
        style::install_fonts(&cc.egui_ctx);
        style::apply_theme(&cc.egui_ctx);
        let mut prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        if let Some(dir) = &options.state_dir {
            prefs.merge_recent(crate::store::recent::load(dir));
        }
        if prefs.zoom > 0.0 && (prefs.zoom - 1.0).abs() > f32::EPSILON {
            cc.egui_ctx.set_zoom_factor(prefs.zoom);
        }
        let mut app = ThiduaApp {
            prefs,
            options: options.clone(),
            screen: Screen::Start,
            start: StartState::default(),
            meeting: None,
            grid: GridState::default(),
            tab: Tab::Scoring,
            shown_tab: Tab::Scoring,
            message: None,
            first_frame_done: false,
            notice: None,
            chair: chair::ChairState::default(),
            audit: audit::AuditState::default(),
            projector: projector::ProjectorState::default(),
            paper: paper::PaperState::default(),
            facts: facts::FactsState::default(),
            input_order: input_order::InputOrder::default(),
            network: network::NetworkState::default(),
        };
        if options.edit {
            match options.open {
                Some(path) => app.edit_config(Some(path)),
                None => app.new_cluster(),
            }
        } else if let Some(path) = options.open {
            match opening.map(std::thread::JoinHandle::join) {
                Some(Ok(result)) => app.opened(&path, result),
                _ => app.open(&path),
            }
        }
        app
    }

    pub fn lang(&self) -> Lang {
        self.prefs.lang()
    }

    /// The cluster editor, when it is the screen shown.
    pub fn editor(&self) -> Option<&editor::EditorState> {
        match &self.screen {
            Screen::Editor(state) => Some(state),
            _ => None,
        }
    }

    /// Keys or clicks still waiting for their frame (see [`input_order`]), or a focus
    /// change not yet made.
    pub fn input_waiting(&self) -> bool {
        self.input_order.is_holding() || self.grid.focus_pending() || self.paper.focus_pending()
    }

    pub fn is_on_start(&self) -> bool {
        matches!(self.screen, Screen::Start)
    }

    /// The delegate's sheet while this laptop is joined to a host.
    pub fn client(&self) -> Option<&client::ClientMeeting> {
        match &self.screen {
            Screen::Client(joined) => Some(joined),
            _ => None,
        }
    }

    pub fn is_in_setup(&self) -> bool {
        matches!(self.screen, Screen::Setup(_))
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang();
        egui::Panel::top("top-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new("thidua")
                        .strong()
                        .color(style::ACCENT)
                        .size(20.0),
                );
                if self.meeting.is_some() && matches!(self.screen, Screen::Meeting) {
                    ui.separator();
                    for (tab, label, key) in [
                        (Tab::Scoring, T::TabScoring, "F2"),
                        (Tab::Tally, T::TabTally, "F3"),
                        (Tab::Chair, T::TabChair, "F4"),
                        (Tab::Audit, T::TabAudit, "F5"),
                        (Tab::Network, T::TabNetwork, "F6"),
                    ] {
                        ui.selectable_value(&mut self.tab, tab, label.get(lang))
                            .on_hover_text(T::TabKey.fill(lang, &[&key]));
                    }
                    if self
                        .meeting
                        .as_ref()
                        .is_some_and(|m| m.config().has_facts())
                    {
                        ui.selectable_value(&mut self.tab, Tab::Facts, T::TabFacts.get(lang))
                            .on_hover_text(T::TabKey.fill(lang, &[&"F7"]));
                    }
                    ui.separator();
                    ui.menu_button(T::ExportMenu.get(lang), |ui| {
                        for (label, extensions) in [
                            (T::ExportJson, &["json"][..]),
                            (T::ExportXlsx, &["xlsx"][..]),
                            (T::ExportCsv, &["csv"][..]),
                            (T::ExportPdf, &["pdf"][..]),
                            (T::ExportAll, &["json", "xlsx", "csv", "pdf"][..]),
                        ] {
                            if ui.button(label.get(lang)).clicked() {
                                self.export(extensions);
                                ui.close();
                            }
                        }
                        ui.separator();
                        if ui
                            .button(T::SaveCopy.get(lang))
                            .on_hover_text(T::SaveCopyHint.get(lang))
                            .clicked()
                        {
                            self.save_copy();
                            ui.close();
                        }
                    });
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let mut chosen = lang;
                    egui::ComboBox::from_id_salt("language")
                        .selected_text(match lang {
                            Lang::Vi => T::LangNameVi.get(lang),
                            Lang::En => T::LangNameEn.get(lang),
                        })
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut chosen, Lang::Vi, T::LangNameVi.get(lang));
                            ui.selectable_value(&mut chosen, Lang::En, T::LangNameEn.get(lang));
                        })
                        .response
                        .on_hover_text(T::Language.get(lang));
                    if chosen != lang {
                        self.prefs.set_lang(chosen);
                    }
                    if ui.button("A+").on_hover_text(T::ZoomIn.get(lang)).clicked() {
                        egui::gui_zoom::zoom_in(ui.ctx());
                    }
                    if ui
                        .button("A−")
                        .on_hover_text(T::ZoomOut.get(lang))
                        .clicked()
                    {
                        egui::gui_zoom::zoom_out(ui.ctx());
                    }
                    if !matches!(self.screen, Screen::Start)
                        && ui.button(T::StartScreen.get(lang)).clicked()
                    {
                        self.screen = Screen::Start;
                    }
                });
            });
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang();
        let Some(meeting) = &self.meeting else { return };
        if !matches!(self.screen, Screen::Meeting) {
            return;
        }
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                let config = meeting.config();
                let cluster =
                    T::ClusterLine.fill(lang, &[&config.cluster.name, &config.cluster.year]);
                ui.label(RichText::new(cluster).small().strong());
                ui.separator();
                ui.label(
                    RichText::new(T::MeetingFile.fill(lang, &[&meeting.file.path().display()]))
                        .small(),
                );
                ui.separator();
                ui.label(
                    RichText::new(T::SavedEvents.fill(lang, &[&meeting.file.last_seq()])).small(),
                );
                ui.separator();
                ui.label(RichText::new(tally_view::status_text(meeting, lang).0).small());
            });
        });
    }

    fn meeting_screen(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang();
        let Some(meeting) = self.meeting.as_mut() else {
            self.screen = Screen::Start;
            return;
        };
        use egui::{Key, Modifiers};
        let keys = ui.input_mut(|i| {
            [
                i.consume_key(Modifiers::NONE, Key::F2),
                i.consume_key(Modifiers::NONE, Key::F3),
                i.consume_key(Modifiers::NONE, Key::F4),
                i.consume_key(Modifiers::NONE, Key::F5),
                i.consume_key(Modifiers::NONE, Key::F6),
                i.consume_key(Modifiers::NONE, Key::F7),
                i.consume_key(Modifiers::COMMAND, Key::PageDown),
                i.consume_key(Modifiers::COMMAND, Key::PageUp),
                i.consume_key(Modifiers::COMMAND, Key::Z) && !i.modifiers.shift,
                i.consume_key(Modifiers::COMMAND, Key::Y)
                    || i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
            ]
        });
        let [f2, f3, f4, f5, f6, f7, next, previous, undo, redo] = keys;
        let f7 = f7 && meeting.config().has_facts();
        for (pressed, tab) in [
            (f2, Tab::Scoring),
            (f3, Tab::Tally),
            (f4, Tab::Chair),
            (f5, Tab::Audit),
            (f6, Tab::Network),
            (f7, Tab::Facts),
        ] {
            if pressed {
                self.tab = tab;
            }
        }
        let mut grid_actions = Vec::new();
        // The sheet leaves the screen (another page by key or click, another
        // delegate): what was being typed is saved (or refused) in its own cell first.
        let before = std::mem::replace(&mut self.shown_tab, self.tab);
        let left_sheet = before == Tab::Scoring && self.tab != Tab::Scoring;
        if before != Tab::Scoring && self.tab == Tab::Scoring {
            // Back on the sheet: its grid takes the keyboard again where it was.
            self.grid.come_back(ui.ctx());
            self.paper.come_back(ui.ctx());
        }
        if left_sheet || (self.tab == Tab::Scoring && (next || previous)) {
            grid_actions.extend(self.grid.finish_typing(&meeting.sheet_source()));
        }
        if before == Tab::Facts && self.tab != Tab::Facts {
            grid_actions.extend(
                self.facts
                    .finish_typing(meeting)
                    .into_iter()
                    .map(|(by, event)| scoring::GridAction::Record(by, event)),
            );
        }
        if before != Tab::Facts && self.tab == Tab::Facts {
            self.facts.come_back(ui.ctx());
        }
        if undo || redo {
            // An edit still being typed is simply abandoned; otherwise the last saved
            // change is taken back (as a new event).
            if self.tab == Tab::Scoring && self.paper.open.is_some() {
                // A paper entry is not the meeting's: undo never reaches past it.
                self.paper.abandon_typing();
            } else if self.grid.is_typing(meeting.delegate) {
                self.grid.abandon_typing(meeting.delegate);
            } else {
                let result = if undo { meeting.undo() } else { meeting.redo() };
                if let Some(Err(e)) = result {
                    self.message = Some(T::CannotUndo.fill(lang, &[&e.text(lang)]));
                } else {
                    self.message = None;
                }
            }
        }
        if next || previous {
            grid_actions.push(scoring::GridAction::SelectDelegate(
                meeting.neighbour_delegate(next),
            ));
        }
        let mut chair_actions = Vec::new();
        let mut network_actions = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| {
            if let Integrity::Broken(breaks) = meeting.file.integrity() {
                let mut text = T::ReadOnly.get(lang).to_string();
                for b in breaks {
                    text.push_str(&format!("\n• {}", b.text(lang)));
                }
                style::banner(ui, &text, style::ERROR_BG, style::ERROR_TEXT);
            }
            // One line, always there, filled once the screen below has had this
            // frame's keys: a message never pushes what is below it, and never lags.
            let line = style::reserve_message_line(ui);
            match self.tab {
                Tab::Tally => {
                    projector_controls(ui, &mut self.projector, meeting, lang);
                    tally_view::show(ui, meeting, lang);
                }
                Tab::Chair => chair_actions = chair::show(ui, meeting, &mut self.chair, lang),
                Tab::Audit => audit::show(ui, meeting, &mut self.audit, lang),
                Tab::Network => {
                    network_actions = network::show(ui, meeting, &mut self.network, lang)
                }
                Tab::Facts => grid_actions.extend(
                    facts::show(ui, meeting, &mut self.facts, lang)
                        .into_iter()
                        .map(|(by, event)| scoring::GridAction::Record(by, event)),
                ),
                Tab::Scoring if self.paper.open.is_some() => {
                    paper::show(ui, meeting, &mut self.paper, lang);
                    if self.paper.open.is_none() {
                        // Back to the sheets: what the paper screen came to is said there.
                        if let Some((text, error)) = self.paper.message.take() {
                            if error {
                                self.message = Some(text);
                            } else {
                                self.notice = Some(text);
                            }
                        }
                        self.grid.reset();
                    }
                }
                Tab::Scoring => grid_actions.extend(scoring::show(
                    ui,
                    &meeting.sheet_source(),
                    &mut self.grid,
                    lang,
                )),
            }
            if std::mem::take(&mut self.grid.fresh_refusal)
                | std::mem::take(&mut self.paper.fresh_refusal)
            {
                // A value just refused is newer than any older message.
                self.message = None;
                self.notice = None;
            }
            let screen = match self.tab {
                Tab::Scoring if self.paper.open.is_some() => {
                    // A confirmation from before the paper sheet opened is old news.
                    self.notice = None;
                    self.paper.line.take()
                }
                Tab::Scoring => self.grid.line.take(),
                Tab::Facts => self.facts.line.take(),
                _ => None,
            };
            let network_error = self
                .network
                .error
                .as_ref()
                .filter(|_| self.tab == Tab::Network);
            // A refusal first, then what the screen says of itself (a value refused
            // there outranks an older confirmation), then the state of the meeting.
            let (text, tone) = match (self.message.as_ref().or(network_error), &screen) {
                (Some(message), _) => (message.clone(), style::Tone::Error),
                (None, Some((text, style::Tone::Error))) => (text.clone(), style::Tone::Error),
                _ => match (&self.notice, screen) {
                    (Some(notice), _) => (notice.clone(), style::Tone::Done),
                    (None, Some((text, tone))) if tone != style::Tone::Hint => (text, tone),
                    _ if meeting.session().finalized => {
                        (T::Finalized.get(lang).to_string(), style::Tone::Notice)
                    }
                    (None, Some(hint)) => hint,
                    (None, None) => {
                        // The figures' page is F7 where the config has figures.
                        let hint = if meeting.config().has_facts() {
                            T::MessageLineHintFacts
                        } else {
                            T::MessageLineHint
                        };
                        (hint.get(lang).to_string(), style::Tone::Hint)
                    }
                },
            };
            style::tone_line_in(ui, line, &text, tone);
        });
        for action in network_actions {
            self.on_network_action(ui.ctx(), action);
        }
        for action in chair_actions {
            self.on_chair_action(action);
        }
        if let Some(meeting) = self.meeting.as_mut() {
            paper::show_start(ui, meeting, &mut self.paper, lang);
        }
        self.on_grid_actions(grid_actions);
    }
}

fn projector_controls(
    ui: &mut egui::Ui,
    projector: &mut projector::ProjectorState,
    meeting: &OpenMeeting,
    lang: Lang,
) {
    let tally = &meeting.tally;
    ui.horizontal_wrapped(|ui| {
        // A real button, framed, that stays pressed while the projector is open.
        if ui
            .add(
                egui::Button::new(RichText::new(T::OpenProjector.get(lang)).strong())
                    .selected(projector.open)
                    .min_size(egui::vec2(0.0, 32.0)),
            )
            .on_hover_text(T::ProjectorHint.get(lang))
            .clicked()
        {
            projector.open = !projector.open;
        }
        if ui
            .checkbox(&mut projector.hide_until_all, T::HideUntilAll.get(lang))
            .changed()
        {
            projector.revealed = false;
        }
        let missing = tally.sheets_missing();
        if projector.can_reveal(tally) {
            ui.label(
                RichText::new(T::ProjectorHidden.fill(lang, &[&missing])).color(style::WARN_TEXT),
            );
            if ui
                .button(T::RevealProvisional.fill(lang, &[&missing]))
                .clicked()
            {
                projector.revealed = true;
            }
        } else if projector.can_hide_again(tally) && ui.button(T::HideAgain.get(lang)).clicked() {
            projector.revealed = false;
        }
    });
}

/// The second window for the projector, drawn from the same state.
fn show_projector(
    ctx: &egui::Context,
    projector: &mut projector::ProjectorState,
    meeting: &OpenMeeting,
    lang: Lang,
) {
    let builder = egui::ViewportBuilder::default()
        .with_title(T::ProjectorTitle.get(lang))
        .with_inner_size([1280.0, 720.0]);
    ctx.show_viewport_immediate(
        egui::ViewportId::from_hash_of("projector"),
        builder,
        |ui, _class| {
            egui::CentralPanel::default()
                .frame(
                    egui::Frame::new()
                        .fill(egui::Color32::WHITE)
                        .inner_margin(24),
                )
                .show(ui, |ui| projector::show(ui, meeting, projector, lang));
            let (close, f11, fullscreen) = ui.input(|i| {
                (
                    i.viewport().close_requested(),
                    i.key_pressed(egui::Key::F11),
                    i.viewport().fullscreen.unwrap_or(false),
                )
            });
            if f11 {
                ui.ctx()
                    .send_viewport_cmd(egui::ViewportCommand::Fullscreen(!fullscreen));
            }
            if close {
                projector.open = false;
            }
        },
    );
}

impl eframe::App for ThiduaApp {
    /// Runs before egui sees a frame's input: see [`input_order`].
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        let grid_shown = matches!(self.screen, Screen::Client(_))
            || (matches!(self.screen, Screen::Meeting) && self.tab == Tab::Scoring);
        let (focus_pending, grid_typing) = if !grid_shown {
            (false, false)
        } else if self.paper.open.is_some() {
            (self.paper.focus_pending(), self.paper.has_keyboard(ctx))
        } else {
            (self.grid.focus_pending(), self.grid.has_keyboard(ctx))
        };
        if self
            .input_order
            .split(raw_input, focus_pending, grid_typing)
        {
            ctx.request_repaint();
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let lang = self.lang();
        // Scores the host committed from delegates' laptops (nothing when not hosting,
        // and only an atomic read when nothing is new).
        if let Some(meeting) = self.meeting.as_mut() {
            meeting.refresh();
        }
        self.handle_dropped_files(ui.ctx());
        self.top_bar(ui);
        self.status_bar(ui);
        match &mut self.screen {
            Screen::Start => {
                let recent = self.prefs.recent.clone();
                let last = self.prefs.last_meeting().map(Path::to_path_buf);
                let mut action = None;
                egui::CentralPanel::default().show(ui, |ui| {
                    action = start::show(ui, &mut self.start, &recent, last.as_deref(), lang);
                });
                match action {
                    Some(StartAction::Open(path)) => self.open(&path),
                    Some(StartAction::UseSample) => self.use_sample(),
                    Some(StartAction::Join) => {
                        self.screen = Screen::Join(Box::default());
                    }
                    Some(StartAction::NewCluster) => self.new_cluster(),
                    Some(StartAction::EditConfig(path)) => self.edit_config(path),
                    Some(StartAction::PickFile) => {
                        if let Some(path) = self.pick_file() {
                            self.open(&path);
                        }
                    }
                    None => {}
                }
            }
            Screen::Join(state) => {
                let mut action = None;
                egui::CentralPanel::default().show(ui, |ui| {
                    action = client::show_join(ui, state, lang);
                });
                match action {
                    Some(client::JoinAction::Listen) => client::listen(state, ui.ctx()),
                    Some(client::JoinAction::Back) => self.screen = Screen::Start,
                    Some(client::JoinAction::Join) => {
                        let ctx = ui.ctx().clone();
                        let journals = self
                            .options
                            .state_dir
                            .clone()
                            .unwrap_or_else(|| self.options.documents.clone())
                            .join("journals");
                        match client::ClientMeeting::join(
                            &state.address,
                            &state.pin,
                            journals,
                            lang,
                            move || ctx.request_repaint(),
                        ) {
                            Ok(joined) => {
                                self.grid = GridState::default();
                                self.screen = Screen::Client(Box::new(joined));
                            }
                            Err(e) => state.error = Some(e.text(lang)),
                        }
                    }
                    None => {}
                }
            }
            Screen::Client(joined) => {
                let mut actions = Vec::new();
                egui::CentralPanel::default().show(ui, |ui| {
                    actions = client::show_client(ui, joined, &mut self.grid, lang);
                });
                for action in actions {
                    if let scoring::GridAction::Record(_, event) = action {
                        joined.send(event);
                    }
                }
            }
            Screen::Setup(_) => {
                let Screen::Setup(mut setup) = std::mem::replace(&mut self.screen, Screen::Start)
                else {
                    return;
                };
                let action = setup::show(ui, &mut setup, lang);
                self.screen = Screen::Setup(setup);
                match action {
                    Some(SetupAction::Create) => {
                        if let Screen::Setup(mut setup) =
                            std::mem::replace(&mut self.screen, Screen::Start)
                        {
                            self.create_meeting(&mut setup);
                            if matches!(self.screen, Screen::Start) {
                                self.screen = Screen::Setup(setup);
                            }
                        }
                    }
                    Some(SetupAction::ChooseLocation) => {
                        if self.options.file_dialogs
                            && let Screen::Setup(setup) = &mut self.screen
                        {
                            let name = Path::new(&setup.output)
                                .file_name()
                                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                            if let Ok(Some(path)) = dialogs::save_file("thidua", &["thidua"], &name)
                            {
                                setup.output = path.display().to_string();
                            }
                        }
                    }
                    Some(SetupAction::Back) => self.screen = Screen::Start,
                    None => {}
                }
            }
            Screen::Editor(state) => {
                if let Some(editor::EditorAction::Close) = editor::show(ui, state, lang) {
                    self.screen = Screen::Start;
                }
            }
            Screen::Meeting => {
                self.meeting_screen(ui);
                if self.projector.open
                    && let Some(meeting) = &self.meeting
                {
                    show_projector(ui.ctx(), &mut self.projector, meeting, lang);
                }
            }
        }
        self.prefs.zoom = ui.ctx().zoom_factor();
        if !self.first_frame_done {
            self.first_frame_done = true;
            fit_to_screen(ui.ctx());
            report_startup(ui.ctx());
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}

/// The window's first size: it fits a 1366×768 laptop screen with its taskbar and
/// title bar; the screens are laid out for 1280×720 and more.
pub const WINDOW_SIZE: [f32; 2] = [1280.0, 680.0];

/// Room kept for a taskbar when the window is checked against the screen, in points.
const TASKBAR: f32 = 40.0;

/// Maximizes the window when, as first opened, it does not fit on the screen (a
/// 1280×720 projector resolution, a small laptop), so no control starts off screen.
fn fit_to_screen(ctx: &egui::Context) {
    let (monitor, outer) = ctx.input(|i| (i.viewport().monitor_size, i.viewport().outer_rect));
    if let (Some(monitor), Some(outer)) = (monitor, outer)
        && (outer.width() > monitor.x || outer.height() > monitor.y - TASKBAR)
    {
        ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
    }
}

/// A meeting file being opened on a thread of its own.
type Opening = std::thread::JoinHandle<Result<crate::store::MeetingFile, crate::store::StoreError>>;

/// Starts the window; `open` is a file given on the command line.
pub fn run(open: Option<PathBuf>, edit: bool) -> eframe::Result {
    // A meeting file given on the command line is read while the window and its
    // graphics start: for a large meeting that halves the time to the first frame.
    let opening: Option<Opening> = open
        .clone()
        .filter(|path| !edit && crate::store::is_meeting_path(path))
        .map(|path| std::thread::spawn(move || crate::store::MeetingFile::open(&path)));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("thidua")
            .with_app_id("thidua")
            .with_inner_size(WINDOW_SIZE)
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true)
            .with_icon(std::sync::Arc::new(
                eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png"))
                    .unwrap_or_default(),
            )),
        ..Default::default()
    };
    eframe::run_native(
        "thidua",
        options,
        Box::new(move |cc| {
            Ok(Box::new(ThiduaApp::with_opening(
                cc,
                AppOptions::for_user(open, edit),
                opening,
            )))
        }),
    )
}
