//! The tally as plain text for a terminal: what `thidua tally` prints.

use crate::model::Session;
use crate::model::exact::Rounded;
use crate::model::problem::Lang;
use crate::model::tally::{Basis, Tally};

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
        return lang
            .pick("KẾT QUẢ CHÍNH THỨC (đã chốt)", "FINAL RESULTS")
            .to_string();
    }
    if tally.is_provisional() {
        return match lang {
            Lang::Vi => format!(
                "KẾT QUẢ TẠM TÍNH — còn thiếu {} trong {} phiếu chấm",
                tally.sheets_missing(),
                tally.sheets_expected
            ),
            Lang::En => format!(
                "PROVISIONAL — {} of {} sheets missing",
                tally.sheets_missing(),
                tally.sheets_expected
            ),
        };
    }
    match lang {
        Lang::Vi => format!(
            "Đã nộp đủ {}/{} phiếu chấm (chưa chốt kết quả)",
            tally.sheets_submitted, tally.sheets_expected
        ),
        Lang::En => format!(
            "All {}/{} sheets submitted (not finalized)",
            tally.sheets_submitted, tally.sheets_expected
        ),
    }
}

pub fn tally_text(session: &Session, tally: &Tally, head: &str, lang: Lang) -> String {
    let config = session.config();
    let mut out = String::new();
    out.push_str(&format!(
        "{} — {} {}\n{}\n\n",
        config.cluster.name,
        lang.pick("năm", "year"),
        config.cluster.year,
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
    out.push_str(&format!(
        "{}  {}  {}  {}  {}{}\n",
        pad_left(lang.pick("Hạng", "Rank"), 4),
        pad_right(lang.pick("Đơn vị", "Member"), name_width),
        pad_left(lang.pick("Tổng điểm", "Total"), 9),
        pad_right(lang.pick("Xếp loại", "Class"), class_width),
        lang.pick("Phiếu", "Sheets"),
        if separate {
            lang.pick("  Tự chấm", "  Self")
        } else {
            ""
        }
    ));
    for &m in &tally.order {
        let r = &tally.members[m];
        let class = r.class.map_or("—", |c| config.classes[c].name.as_str());
        out.push_str(&format!(
            "{}  {}  {}  {}  {}{}\n",
            pad_left(&r.rank.map_or("—".into(), |k| k.to_string()), 4),
            pad_right(&config.members[m].short, name_width),
            pad_left(&show(r.total, lang), 9),
            pad_right(class, class_width),
            pad_left(&format!("{}/{}", r.sheets_counted, r.sheets_expected), 5),
            if separate {
                format!("  {}", pad_left(&show(r.self_total, lang), 7))
            } else {
                String::new()
            }
        ));
    }
    if !config.commendations.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            lang.pick("Đề nghị khen thưởng", "Proposed commendations")
        ));
    }
    for (rule, result) in config.commendations.iter().zip(&tally.commendations) {
        out.push_str(&format!(
            "  {} ({} {})\n",
            rule.name,
            result.quota,
            lang.pick("suất", "seats")
        ));
        if result.proposals.is_empty() {
            out.push_str(&format!(
                "    {}\n",
                lang.pick("(không có đơn vị đủ điều kiện)", "(no eligible member)")
            ));
        }
        for p in &result.proposals {
            let mut line = format!(
                "    - {}: {}",
                config.members[p.member].short,
                p.status.text(lang)
            );
            if let Some(b) = p.ballot {
                line.push_str(&match lang {
                    Lang::Vi => format!(
                        " ({}/{} phiếu, {}%)",
                        b.votes,
                        b.base,
                        b.percent().display(',')
                    ),
                    Lang::En => format!(" ({}/{} votes, {}%)", b.votes, b.base, b.percent()),
                });
            }
            match &p.basis {
                Basis::TieBrokenBy(key) => line.push_str(&format!(
                    " [{} {}]",
                    lang.pick("tách bằng điểm theo", "tie broken by"),
                    super::results::tie_break_code(*key, session)
                )),
                Basis::ChairDecision(reason) => line.push_str(&format!(
                    " [{}: {reason}]",
                    lang.pick("hội nghị quyết định", "decided by the meeting")
                )),
                Basis::Tied => line.push_str(&match lang {
                    Lang::Vi => format!(" [bằng điểm tranh {} suất]", result.open_seats),
                    Lang::En => format!(" [tied for {} seat(s)]", result.open_seats),
                }),
                Basis::Rank => {}
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    if let Some((h, d)) = session.next_year {
        out.push_str(&format!(
            "\n{}: {} — {}: {}\n",
            lang.pick("Cụm trưởng năm sau", "Next year's head"),
            config.members[h].short,
            lang.pick("cụm phó", "deputy"),
            config.members[d].short
        ));
    }
    out.push_str(&format!(
        "\n{}: {}\n",
        lang.pick("Mã kiểm tra phiên họp", "Session check code"),
        verification_code(head)
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
