//! The audit trail: every event, who made it, and what changed, filterable by
//! delegate and by member scored. Only visible rows are laid out.

use super::i18n::{Lang, T};
use super::meeting::OpenMeeting;
use crate::model::Config;
use crate::model::event::{Actor, Event};
use crate::model::history::AuditRow;
use crate::model::points::Points;
use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

#[derive(Default)]
pub struct AuditState {
    pub delegate: Option<usize>,
    pub target: Option<usize>,
}

fn points(value: Option<Points>, lang: Lang) -> String {
    value.map_or_else(|| "—".into(), |v| v.display(lang.decimal_separator()))
}

fn who(by: &Actor, config: &Config, lang: Lang) -> String {
    match by {
        Actor::Chair => T::ChairActor.get(lang).to_string(),
        Actor::Member(id) => config
            .member(id)
            .map_or_else(|| id.clone(), |m| config.members[m].short.clone()),
    }
}

fn name(config: &Config, id: &str) -> String {
    config
        .member(id)
        .map_or_else(|| id.to_string(), |m| config.members[m].short.clone())
}

/// What happened, in words; for a score, with the old and new value.
pub fn describe(row: &AuditRow, config: &Config, lang: Lang) -> String {
    match &row.record.event {
        Event::Score {
            scorer,
            target,
            item,
            value,
        } => T::AuditScore.fill(
            lang,
            &[
                &name(config, scorer),
                &cell_name(config, item, lang),
                &name(config, target),
                &points(row.old.flatten(), lang),
                &points(*value, lang),
            ],
        ),
        Event::Fact {
            member,
            item,
            value,
        } => T::AuditFact.fill(
            lang,
            &[
                &cell_name(config, item, lang),
                &name(config, member),
                &points(row.old.flatten(), lang),
                &points(*value, lang),
            ],
        ),
        Event::Submit { scorer } => T::AuditSubmit.fill(lang, &[&name(config, scorer)]),
        Event::Reopen { scorer, reason } => {
            T::AuditReopen.fill(lang, &[&name(config, scorer), reason])
        }
        Event::Attendance { member, present } => {
            let state = if *present { T::PresentWord } else { T::Absent };
            T::AuditAttendance.fill(lang, &[&name(config, member), &state.get(lang)])
        }
        e @ Event::Meeting { .. } if e.clears() => T::AuditMeetingCleared.get(lang).to_string(),
        Event::Meeting { date, place, .. } => {
            let date = day(date);
            match place.trim() {
                "" => T::AuditMeetingNoPlace.fill(lang, &[&date]),
                place => T::AuditMeeting.fill(lang, &[&date, &place]),
            }
        }
        Event::Ballot {
            commendation,
            round,
            issued,
            valid,
            votes,
        } => {
            let list: Vec<String> = votes
                .iter()
                .map(|(m, v)| format!("{} {v}", name(config, m)))
                .collect();
            T::AuditBallot.fill(
                lang,
                &[
                    &commendation_name(config, commendation),
                    round,
                    issued,
                    valid,
                    &list.join(", "),
                ],
            )
        }
        Event::DecideTie {
            commendation,
            chosen,
            reason,
        } => {
            let list: Vec<String> = chosen.iter().map(|m| name(config, m)).collect();
            T::AuditDecision.fill(
                lang,
                &[
                    &commendation_name(config, commendation),
                    &list.join(", "),
                    reason,
                ],
            )
        }
        e @ Event::NextYear { .. } if e.clears() => T::AuditNextYearCleared.get(lang).to_string(),
        Event::NextYear { head, deputy } => {
            T::AuditNextYear.fill(lang, &[&name(config, head), &name(config, deputy)])
        }
        Event::Finalize => T::AuditFinalize.get(lang).to_string(),
        Event::ImportSheet { scorer, source, .. } => {
            T::AuditImport.fill(lang, &[&name(config, scorer), source])
        }
        Event::PaperSheet {
            scorer,
            entered_by,
            checked_by,
            corrections,
        } => T::AuditPaper.fill(
            lang,
            &[
                &name(config, scorer),
                entered_by,
                checked_by,
                &corrections.len(),
            ],
        ),
    }
}

/// A scored cell as the sheets call it: a criterion by its number ("tiêu chí 6.3"),
/// a bonus or deduction by its name (its id is the config's, not the reader's).
fn cell_name(config: &Config, id: &str, lang: Lang) -> String {
    match config.adjustments.iter().find(|a| a.id == id) {
        Some(adjustment) => T::AuditAdjustment.fill(lang, &[&adjustment.name]),
        None => T::AuditCriterion.fill(lang, &[&id]),
    }
}

/// A commendation by its name, as every other screen calls it (its id only if the
/// config no longer has it).
fn commendation_name(config: &Config, id: &str) -> String {
    config
        .commendations
        .iter()
        .find(|c| c.id == id)
        .map_or_else(|| id.to_string(), |c| c.name.clone())
}

/// A stored `2024-12-20` the Vietnamese way, `20/12/2024`; other text as it is.
fn day(date: &str) -> String {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| date.to_string())
}

/// `2024-12-20T09:30:05+07:00` → `20/12 09:30:05`.
pub fn when(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.format("%d/%m %H:%M:%S").to_string())
        .unwrap_or_else(|_| at.to_string())
}

fn filter_combo(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    value: &mut Option<usize>,
    config: &Config,
    lang: Lang,
) {
    let l = ui.label(label);
    let shown = value.map_or_else(
        || T::All.get(lang).to_string(),
        |m| config.members[m].short.clone(),
    );
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(200.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, T::All.get(lang));
            for (m, member) in config.members.iter().enumerate() {
                ui.selectable_value(value, Some(m), &member.short);
            }
        })
        .response
        .labelled_by(l.id);
}

pub fn show(ui: &mut egui::Ui, meeting: &mut OpenMeeting, state: &mut AuditState, lang: Lang) {
    let config = meeting.config().clone();
    ui.horizontal(|ui| {
        filter_combo(
            ui,
            "audit-delegate",
            T::FilterDelegate.get(lang),
            &mut state.delegate,
            &config,
            lang,
        );
        filter_combo(
            ui,
            "audit-target",
            T::FilterTarget.get(lang),
            &mut state.target,
            &config,
            lang,
        );
    });
    let delegate = state.delegate;
    let target = state.target;
    let log = meeting.audit();
    let rows: Vec<&AuditRow> = log
        .rows
        .iter()
        .rev()
        .filter(|r| {
            delegate.is_none_or(|d| {
                r.scorer == Some(d)
                    || matches!(&r.record.by, Actor::Member(id) if config.member(id) == Some(d))
            })
        })
        .filter(|r| target.is_none_or(|t| r.target == Some(t)))
        .collect();
    ui.label(RichText::new(T::AuditCount.fill(lang, &[&rows.len(), &log.rows.len()])).small());
    TableBuilder::new(ui)
        .id_salt("audit")
        .striped(true)
        .auto_shrink([false, false])
        .column(Column::exact(60.0))
        .column(Column::exact(140.0))
        .column(Column::exact(220.0))
        .column(Column::remainder().clip(true))
        .header(28.0, |mut h| {
            for t in [T::Seq, T::Time, T::Who, T::What] {
                h.col(|ui| {
                    ui.strong(t.get(lang));
                });
            }
        })
        .body(|body| {
            body.rows(28.0, rows.len(), |mut row| {
                let r = rows[row.index()];
                row.col(|ui| {
                    ui.label(r.record.seq.to_string());
                });
                row.col(|ui| {
                    ui.label(when(&r.record.at));
                });
                row.col(|ui| {
                    let by = who(&r.record.by, &config, lang);
                    match &r.record.origin {
                        // Sent over the network: which device, so a borrowed laptop shows.
                        Some(origin) => {
                            let device = &origin.device[..origin.device.len().min(8)];
                            ui.label(T::AuditDevice.fill(lang, &[&by, &device]))
                                .on_hover_text(&origin.device);
                        }
                        None => {
                            ui.label(by);
                        }
                    }
                });
                row.col(|ui| {
                    let text = describe(r, &config, lang);
                    ui.add(egui::Label::new(&text).truncate())
                        .on_hover_text(&text);
                });
            });
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::event::Record;

    fn row(event: Event) -> AuditRow {
        AuditRow {
            record: Record {
                seq: 1,
                at: "2024-12-20T09:00:00+07:00".into(),
                by: Actor::Chair,
                origin: None,
                event,
            },
            old: None,
            scorer: None,
            target: None,
        }
    }

    fn meeting(place: &str) -> Event {
        Event::Meeting {
            date: "2024-12-20".into(),
            place: place.into(),
            chair: String::new(),
            secretary: String::new(),
        }
    }

    #[test]
    fn meeting_details_read_with_a_vietnamese_date_and_no_dangling_comma() {
        let config = Config::from_bytes(crate::sample::SAMPLE_CONFIG).unwrap();
        let with_place = describe(&row(meeting("Hội trường quận")), &config, Lang::Vi);
        assert_eq!(
            with_place,
            "Thông tin hội nghị: ngày 20/12/2024, tại Hội trường quận"
        );
        let no_place = describe(&row(meeting("")), &config, Lang::Vi);
        assert_eq!(no_place, "Thông tin hội nghị: ngày 20/12/2024");
        assert!(!no_place.ends_with(','), "{no_place}");
    }

    #[test]
    fn a_score_names_its_criterion_by_number_and_a_bonus_by_name() {
        let config = Config::from_bytes(crate::sample::WARDS_CONFIG).unwrap();
        let score = |item: &str| Event::Score {
            scorer: "ba-dinh".into(),
            target: "lang".into(),
            item: item.into(),
            value: Some(Points(50)),
        };
        let item = describe(&row(score("6.3")), &config, Lang::Vi);
        assert_eq!(item, "Ba Đình chấm tiêu chí 6.3 cho Láng: từ — thành 0,5");
        let deduction = describe(&row(score("d1")), &config, Lang::Vi);
        assert_eq!(
            deduction,
            "Ba Đình chấm “Chậm gửi báo cáo” cho Láng: từ — thành 0,5"
        );
    }

    #[test]
    fn a_ballot_names_its_commendation_not_its_id() {
        let config = Config::from_bytes(crate::sample::SAMPLE_CONFIG).unwrap();
        let ballot = Event::Ballot {
            commendation: config.commendations[0].id.clone(),
            round: 1,
            issued: 6,
            valid: 6,
            votes: [("hoang-mai".to_string(), 5)].into(),
        };
        let text = describe(&row(ballot), &config, Lang::Vi);
        let name = &config.commendations[0].name;
        assert!(
            text.starts_with(&format!("Bỏ phiếu {name} vòng 1")),
            "{text}"
        );
        assert!(text.ends_with("Hoàng Mai 5"), "{text}");
    }

    #[test]
    fn an_undone_first_entry_reads_as_taken_back_not_as_blanks() {
        let config = Config::from_bytes(crate::sample::SAMPLE_CONFIG).unwrap();
        let details = describe(&row(Event::no_meeting_details()), &config, Lang::Vi);
        assert_eq!(details, "Bỏ thông tin hội nghị đã ghi (hoàn tác)");
        let pair = describe(&row(Event::no_next_year()), &config, Lang::En);
        assert_eq!(pair, "Next year's head and deputy taken back (undo)");
    }
}
