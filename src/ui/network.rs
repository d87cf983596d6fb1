//! "Qua mạng" (F6): the chair serves the meeting on the room's network and sees,
//! per delegate, the join code (PIN, link, QR code), which devices used it, and how
//! far the sheet is; a code can be revoked and a new one issued, after the chair
//! confirms it in a dialog that says what happens.

use super::confirm::{self, Answer, Question};
use super::i18n::{Lang, T};
use super::meeting::OpenMeeting;
use super::style;
use crate::model::grant;
use eframe::egui::{self, Color32, RichText};
use egui_extras::{Column, TableBuilder};

pub struct NetworkState {
    pub port: String,
    /// The delegate whose QR code is shown large.
    pub shown: Option<String>,
    pub published: bool,
    /// Why serving or printing failed; shown in the meeting's message line.
    pub error: Option<String>,
    /// A revocation asked for and not yet confirmed: whose code, and where the
    /// button pressed was (the question never stands there).
    pub confirm_reissue: Option<(String, egui::Rect)>,
}

impl Default for NetworkState {
    fn default() -> NetworkState {
        NetworkState {
            port: "7878".into(),
            shown: None,
            published: false,
            error: None,
            confirm_reissue: None,
        }
    }
}

pub enum NetworkAction {
    Start {
        port: u16,
    },
    /// The slips to hand out, as a PDF beside the meeting file.
    PrintSlips {
        base: String,
    },
    Reissue(String),
    Publish(bool),
}

pub fn show(
    ui: &mut egui::Ui,
    meeting: &OpenMeeting,
    state: &mut NetworkState,
    lang: Lang,
) -> Vec<NetworkAction> {
    let mut actions = Vec::new();
    ui.heading(T::NetHeading.get(lang));
    let Some(link) = &meeting.host else {
        ui.label(T::NetExplain.get(lang));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label(T::NetPort.get(lang));
            ui.add(egui::TextEdit::singleline(&mut state.port).desired_width(80.0))
                .labelled_by(label.id);
            let start = ui.add_enabled(
                meeting.writable(),
                egui::Button::new(RichText::new(T::NetStart.get(lang)).strong()),
            );
            if start.clicked() {
                match state.port.trim().parse::<u16>() {
                    Ok(port) => actions.push(NetworkAction::Start { port }),
                    Err(_) => state.error = Some(T::NetBadPort.get(lang).into()),
                }
            }
        });
        return actions;
    };
    let port = link.running.addr.port();
    let base = crate::net::base_url(&link.addresses, port);
    let shown_addresses = base.trim_start_matches("http://").to_string();
    let shown_addresses = if link.addresses.len() > 1 {
        let all: Vec<String> = link
            .addresses
            .iter()
            .map(|ip| format!("{ip}:{port}"))
            .collect();
        all.join(", ")
    } else {
        shown_addresses
    };
    ui.label(
        RichText::new(T::NetServing.fill(lang, &[&shown_addresses]))
            .strong()
            .color(style::OK_GREEN),
    );
    ui.label(T::NetHowToJoin.get(lang));
    ui.horizontal(|ui| {
        if ui
            .checkbox(&mut state.published, T::NetPublish.get(lang))
            .changed()
        {
            actions.push(NetworkAction::Publish(state.published));
        }
        if ui.button(T::NetSlips.get(lang)).clicked() {
            actions.push(NetworkAction::PrintSlips { base: base.clone() });
        }
    });
    ui.add_space(6.0);

    let codes = link.running.host.codes();
    let over = link.running.host.over_allowance();
    let refused_device = link.running.host.refused_a_device();
    let session = meeting.session();
    let config = meeting.config();
    let rows: Vec<_> = meeting
        .delegates()
        .into_iter()
        .filter_map(|m| {
            let id = &config.members[m].id;
            codes
                .codes()
                .iter()
                .find(|c| &c.scorer == id && !c.revoked)
                .map(|c| (m, c.clone()))
        })
        .collect();
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_max_width(900.0);
            TableBuilder::new(ui)
                .id_salt("join-codes")
                .striped(true)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::exact(250.0))
                .column(Column::exact(90.0))
                .column(Column::exact(180.0))
                .column(Column::exact(140.0))
                .column(Column::exact(180.0))
                .header(30.0, |mut h| {
                    for title in [
                        T::Member,
                        T::NetPin,
                        T::NetDevices,
                        T::NetProgress,
                        T::NetCode,
                    ] {
                        h.col(|ui| {
                            ui.strong(title.get(lang));
                        });
                    }
                })
                .body(|body| {
                    body.rows(34.0, rows.len(), |mut row| {
                        let (m, code) = &rows[row.index()];
                        let short = &config.members[*m].short;
                        row.col(|ui| {
                            if ui
                                .selectable_label(
                                    state.shown.as_deref() == Some(&code.scorer),
                                    short,
                                )
                                .clicked()
                            {
                                state.shown = Some(code.scorer.clone());
                            }
                        });
                        row.col(|ui| {
                            ui.monospace(grant::pin_for_people(&code.pin));
                        });
                        row.col(|ui| {
                            devices_cell(ui, code, refused_device.contains(&code.scorer), lang);
                        });
                        row.col(|ui| {
                            let (filled, total) = session.progress(*m);
                            let text = if session.is_submitted(*m) {
                                T::SubmittedShort.get(lang).to_string()
                            } else {
                                format!("{filled}/{total}")
                            };
                            if over.contains(&code.scorer) {
                                // Its devices sent as much as a sheet may take: the
                                // chair hears of it here, by the code to reissue.
                                ui.label(
                                    RichText::new(T::NetOverAllowance.fill(lang, &[&text]))
                                        .color(style::ERROR_TEXT)
                                        .strong(),
                                )
                                .on_hover_text(T::NetOverAllowanceHint.get(lang));
                            } else {
                                ui.label(text);
                            }
                        });
                        row.col(|ui| {
                            let button = ui
                                .button(T::NetReissue.get(lang))
                                .on_hover_text(T::NetReissueHint.get(lang));
                            if button.clicked() {
                                state.confirm_reissue = Some((code.scorer.clone(), button.rect));
                            }
                        });
                    });
                });
        });
        if let Some((m, code)) = rows
            .iter()
            .find(|(_, c)| state.shown.as_deref() == Some(&c.scorer))
        {
            ui.vertical(|ui| {
                let link = crate::net::client::join_link(&base, &code.token);
                ui.strong(&config.members[*m].short);
                qr(ui, &link);
                ui.label(
                    RichText::new(T::NetPinLine.fill(lang, &[&grant::pin_for_people(&code.pin)]))
                        .size(22.0)
                        .strong(),
                );
                ui.label(RichText::new(&link).small());
            });
        }
    });
    if let Some((scorer, origin)) = state.confirm_reissue.clone() {
        let Some((m, code)) = rows.iter().find(|(_, c)| c.scorer == scorer) else {
            state.confirm_reissue = None;
            return actions;
        };
        let short = &config.members[*m].short;
        let question = Question {
            title: &T::NetConfirmReissueTitle.fill(lang, &[short]),
            body: &T::NetConfirmReissueBody.fill(lang, &[short, &grant::pin_for_people(&code.pin)]),
            yes: T::NetConfirmReissue.get(lang),
            no: T::NetKeepCode.get(lang),
        };
        match confirm::ask(
            ui.ctx(),
            egui::Id::unique("confirm-reissue"),
            origin,
            &question,
        ) {
            Answer::Open => {}
            Answer::Yes => {
                actions.push(NetworkAction::Reissue(scorer));
                state.confirm_reissue = None;
            }
            Answer::No => state.confirm_reissue = None,
        }
    }
    actions
}

/// A QR code of `text`, painted as squares (dark on white, with the quiet zone).
fn qr(ui: &mut egui::Ui, text: &str) {
    let Ok(code) = qrcode::QrCode::new(text.as_bytes()) else {
        return;
    };
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let cells = width + 2 * quiet;
    let module = (220.0 / cells as f32).floor().max(2.0);
    let side = module * cells as f32;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    for (i, color) in colors.iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (x, y) = ((i % width + quiet) as f32, (i / width + quiet) as f32);
            let min = rect.min + egui::vec2(x * module, y * module);
            painter.rect_filled(
                egui::Rect::from_min_size(min, egui::vec2(module, module)),
                0.0,
                Color32::BLACK,
            );
        }
    }
}

/// Which devices used a code and how, or that it just refused one more.
fn devices_cell(ui: &mut egui::Ui, code: &grant::JoinCode, refused: bool, lang: Lang) {
    if refused {
        ui.label(
            RichText::new(T::NetDeviceRefused.fill(lang, &[&(code.devices.len() + 1)]))
                .color(style::ERROR_TEXT)
                .strong(),
        )
        .on_hover_text(T::NetDeviceRefusedHint.fill(lang, &[&code.devices.len()]));
        return;
    }
    let count = match code.devices.len() {
        0 => T::NetNoDevice.get(lang).to_string(),
        1 => T::NetOneDevice.get(lang).to_string(),
        n => T::NetManyDevices.fill(lang, &[&n]),
    };
    let text = if code.by_pin.is_empty() {
        count
    } else {
        T::NetByPinMark.fill(lang, &[&count])
    };
    let color = if code.devices.len() > 1 {
        style::WARN_TEXT
    } else {
        Color32::from_gray(60)
    };
    let label = ui.label(RichText::new(text).color(color));
    if !code.devices.is_empty() {
        let by_link = code.devices.len().saturating_sub(code.by_pin.len());
        label.on_hover_text(T::NetDevicesHow.fill(lang, &[&code.by_pin.len(), &by_link]));
    }
}
