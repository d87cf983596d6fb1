//! The command line: check, new, import, tally, verify. Thin: it reads files, turns
//! them into events for the store, and prints what the model says.
//! Exit codes: 0 ok, 1 invalid or failed input, 2 usage.

use crate::clock::now;
use crate::export::{csv::summary_csv, results::results_document, text};
use crate::model::config::Config;
use crate::model::event::{Actor, Event};
use crate::model::problem::{Lang, Problems};
use crate::model::reader::MAX_FILE_BYTES;
use crate::model::sheet::{ImportPlan, Sheet, plan_import};
use crate::model::{Session, Tally};
use crate::sample;
use crate::store::{Integrity, MeetingFile};
use crate::ui::i18n::plural;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(
    name = "thidua",
    version,
    about = "Chấm điểm, tổng hợp và xếp hạng thi đua của cụm thi đua.\nScoring, tally and ranking for an emulation cluster's year-end meeting."
)]
pub struct Cli {
    /// Language of messages: vi (default) or en. Also THIDUA_LANG.
    #[arg(long, global = true, value_name = "vi|en")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A cluster config (.json) or a meeting file (.thidua) to open in the window.
    pub file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate a cluster config; print a summary or every problem.
    Check { config: PathBuf },
    /// Create a meeting file from a cluster config.
    New {
        config: PathBuf,
        /// The meeting file to create (never overwritten).
        #[arg(short, long)]
        output: PathBuf,
        /// Member ids whose delegates are present (default: all).
        #[arg(long, value_delimiter = ',')]
        present: Option<Vec<String>>,
        /// Meeting date, YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        place: Option<String>,
        #[arg(long)]
        chair: Option<String>,
        #[arg(long)]
        secretary: Option<String>,
    },
    /// Add delegate sheets (thidua.sheet/1) to a meeting file.
    Import {
        meeting: PathBuf,
        #[arg(required = true)]
        sheets: Vec<PathBuf>,
    },
    /// Print the tally, ranking and proposed commendations.
    Tally {
        meeting: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: TallyFormat,
    },
    /// Check a meeting file's hash chain, or a results document (optionally against
    /// the meeting file it came from).
    Verify {
        file: PathBuf,
        /// The meeting file the results must match.
        #[arg(long)]
        session: Option<PathBuf>,
    },
    /// Write what goes to the city Front: results .json, summary .csv, .xlsx, .pdf.
    Export {
        meeting: PathBuf,
        /// One or more output files; the format follows the extension.
        #[arg(short, long, required = true, num_args = 1..)]
        output: Vec<PathBuf>,
    },
    /// Save one delegate's sheet (thidua.sheet/1) to carry to the chair's laptop.
    Sheet {
        meeting: PathBuf,
        /// The scorer's member id.
        scorer: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Print the bundled sample meeting's tally (scored in memory).
    Sample,
    /// Commit score events one at a time, printing each sequence number once it is
    /// on disk (used by the crash tests).
    /// Write a generated meeting of a given scale (meeting, large, stress), every
    /// sheet scored and submitted (for measurements).
    #[command(hide = true)]
    Synthetic {
        #[arg(long, default_value = "large")]
        scale: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    #[command(hide = true)]
    ScoreStream {
        meeting: PathBuf,
        #[arg(long, default_value_t = 1000)]
        count: u64,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum TallyFormat {
    Text,
    Json,
    Csv,
}

/// A failure already explained to the user; the message is on stderr.
struct Failed;

type Outcome = Result<(), Failed>;

struct Out {
    lang: Lang,
}

impl Out {
    fn error(&self, text: &str) -> Failed {
        eprintln!("{}: {text}", self.lang.pick("lỗi", "error"));
        Failed
    }

    fn say(&self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (e.g. `| head`) is not an error worth a panic.
        let _ = writeln!(stdout, "{text}");
    }
}

fn language(flag: Option<&str>) -> Lang {
    flag.map(str::to_string)
        .or_else(|| std::env::var("THIDUA_LANG").ok())
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let lang = language(cli.lang.as_deref());
    let out = Out { lang };
    let result = match cli.command {
        Some(Command::Check { config }) => check(&out, &config),
        Some(Command::New {
            config,
            output,
            present,
            date,
            place,
            chair,
            secretary,
        }) => new_meeting(
            &out,
            &config,
            &output,
            present,
            MeetingArgs {
                date,
                place,
                chair,
                secretary,
            },
        ),
        Some(Command::Import { meeting, sheets }) => import(&out, &meeting, &sheets),
        Some(Command::Tally { meeting, format }) => tally(&out, &meeting, format),
        Some(Command::Verify { file, session }) => verify(&out, &file, session.as_deref()),
        Some(Command::Export { meeting, output }) => export(&out, &meeting, &output),
        Some(Command::Sheet {
            meeting,
            scorer,
            output,
        }) => save_sheet(&out, &meeting, &scorer, &output),
        Some(Command::Sample) => demo(&out),
        Some(Command::ScoreStream { meeting, count }) => score_stream(&out, &meeting, count),
        Some(Command::Synthetic { scale, output }) => synthetic_meeting(&out, &scale, &output),
        // Without a command the window opens (see main.rs); here, say what to use.
        None => Err(out.error(out.lang.pick(
            "hãy nêu một lệnh; xem `thidua --help`",
            "name a command; see `thidua --help`",
        ))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failed) => ExitCode::from(1),
    }
}

fn read_limited(out: &Out, path: &Path) -> Result<Vec<u8>, Failed> {
    let shown = path.display();
    let size = std::fs::metadata(path)
        .map_err(|e| out.error(&format!("{shown}: {}", io_text(&e, out.lang))))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(out.error(&format!(
            "{shown}: {}",
            crate::model::problem::Issue::TooLarge {
                size,
                limit: MAX_FILE_BYTES
            }
            .text(out.lang)
        )));
    }
    std::fs::read(path).map_err(|e| out.error(&format!("{shown}: {}", io_text(&e, out.lang))))
}

fn io_text(error: &std::io::Error, lang: Lang) -> String {
    match (error.kind(), lang) {
        (std::io::ErrorKind::NotFound, Lang::Vi) => "không tìm thấy tệp".into(),
        (std::io::ErrorKind::PermissionDenied, Lang::Vi) => "không có quyền đọc tệp".into(),
        (std::io::ErrorKind::IsADirectory, Lang::Vi) => "đây là thư mục, không phải tệp".into(),
        (_, Lang::Vi) => format!("không đọc được tệp ({error})"),
        (_, Lang::En) => error.to_string(),
    }
}

fn report_problems(out: &Out, path: &Path, problems: &Problems) -> Failed {
    for p in &problems.0 {
        eprintln!("{}:{}", path.display(), prefix_colon(&p.text(out.lang)));
    }
    let n = problems.0.len();
    eprintln!(
        "{}",
        match out.lang {
            Lang::Vi => format!("{n} lỗi; hãy sửa tệp theo từng vị trí ở trên rồi kiểm tra lại."),
            Lang::En => format!(
                "{n} {}; fix the file at each place above and check again.",
                plural(n, "problem", "problems")
            ),
        }
    );
    Failed
}

/// `12:7: …` follows `file:` directly; a path-only problem gets a space.
fn prefix_colon(text: &str) -> String {
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        text.to_string()
    } else {
        format!(" {text}")
    }
}

fn load_config(out: &Out, path: &Path) -> Result<(Vec<u8>, Config), Failed> {
    let bytes = read_limited(out, path)?;
    match Config::from_bytes(&bytes) {
        Ok(config) => Ok((bytes, config)),
        Err(problems) => Err(report_problems(out, path, &problems)),
    }
}

fn check(out: &Out, path: &Path) -> Outcome {
    let (_, config) = load_config(out, path)?;
    out.say(&config_summary(&config, out.lang));
    Ok(())
}

pub fn config_summary(config: &Config, lang: Lang) -> String {
    let sep = lang.decimal_separator();
    let items = config.item_count();
    let mut lines = vec![
        format!("{} — {}", config.cluster.name, config.cluster.year),
        config.cluster.organizer.clone(),
    ];
    if let Some(note) = &config.cluster.note {
        lines.push(format!("({note})"));
    }
    let head = |role| {
        config
            .members
            .iter()
            .find(|m| m.role == role)
            .map_or("—".to_string(), |m| m.short.clone())
    };
    use crate::model::config::Role;
    match lang {
        Lang::Vi => {
            lines.push(format!(
                "{} {} (cụm trưởng: {}, cụm phó: {})",
                config.members.len(),
                config.cluster.member_label,
                head(Role::Head),
                head(Role::Deputy)
            ));
            lines.push(format!(
                "{} nhóm tiêu chí, {} tiêu chí, tổng điểm tối đa {}",
                config.groups.len(),
                items,
                config.max_total().display(sep)
            ));
            lines.push(format!(
                "{} mục điểm thưởng/trừ, {} mức xếp loại, {} hình thức khen thưởng",
                config.adjustments.len(),
                config.classes.len(),
                config.commendations.len()
            ));
            lines.push(format!("config_sha256: {}", config.sha256));
            lines.push("Cấu hình hợp lệ.".into());
        }
        Lang::En => {
            let count = |n: usize, one: &str, other: &str| format!("{n} {}", plural(n, one, other));
            lines.push(format!(
                "{} (head: {}, deputy: {})",
                count(config.members.len(), "member", "members"),
                head(Role::Head),
                head(Role::Deputy)
            ));
            lines.push(format!(
                "{}, {}, maximum total {}",
                count(config.groups.len(), "criteria group", "criteria groups"),
                count(items, "item", "items"),
                config.max_total().display(sep)
            ));
            lines.push(format!(
                "{}, {}, {}",
                count(
                    config.adjustments.len(),
                    "bonus/deduction item",
                    "bonus/deduction items"
                ),
                count(config.classes.len(), "class", "classes"),
                count(config.commendations.len(), "commendation", "commendations")
            ));
            lines.push(format!("config_sha256: {}", config.sha256));
            lines.push("The config is valid.".into());
        }
    }
    lines.join("\n")
}

struct MeetingArgs {
    date: Option<String>,
    place: Option<String>,
    chair: Option<String>,
    secretary: Option<String>,
}

fn new_meeting(
    out: &Out,
    config_path: &Path,
    output: &Path,
    present: Option<Vec<String>>,
    meeting: MeetingArgs,
) -> Outcome {
    let (bytes, config) = load_config(out, config_path)?;
    // Check the arguments against the config before creating any file.
    if let Some(ids) = &present {
        for id in ids {
            if config.member(id.trim()).is_none() {
                return Err(out.error(&match out.lang {
                    Lang::Vi => format!("--present: không có đơn vị nào có mã \"{id}\""),
                    Lang::En => format!("--present: no member has the id \"{id}\""),
                }));
            }
        }
    }
    let mut events = Vec::new();
    if let Some(ids) = &present {
        for member in &config.members {
            let here = ids.iter().any(|id| id.trim() == member.id);
            if !here {
                events.push(Event::Attendance {
                    member: member.id.clone(),
                    present: false,
                });
            }
        }
    }
    let any_detail = meeting.date.is_some()
        || meeting.place.is_some()
        || meeting.chair.is_some()
        || meeting.secretary.is_some();
    if any_detail {
        events.push(Event::Meeting {
            date: meeting
                .date
                .unwrap_or_else(|| crate::clock::today().format("%Y-%m-%d").to_string()),
            place: meeting.place.unwrap_or_default(),
            chair: meeting.chair.unwrap_or_default(),
            secretary: meeting.secretary.unwrap_or_default(),
        });
    }
    let mut trial = Session::new(Arc::new(config.clone()));
    for event in &events {
        if let Err(e) = trial.check(&Actor::Chair, event) {
            return Err(out.error(&e.text(out.lang)));
        }
        let _ = trial.apply(&crate::model::Record {
            seq: 0,
            at: String::new(),
            by: Actor::Chair,
            event: event.clone(),
        });
    }
    let at = now();
    let mut file =
        MeetingFile::create(output, &bytes, &at).map_err(|e| out.error(&e.text(out.lang)))?;
    file.append_all(Actor::Chair, events, &at)
        .map_err(|e| out.error(&e.text(out.lang)))?;
    out.say(&match out.lang {
        Lang::Vi => format!(
            "Đã tạo tệp hội nghị {} cho {} ({} đơn vị, {} có mặt).",
            output.display(),
            config.cluster.name,
            config.members.len(),
            file.session().present_count()
        ),
        Lang::En => format!(
            "Created meeting file {} for {} ({} members, {} present).",
            output.display(),
            config.cluster.name,
            config.members.len(),
            file.session().present_count()
        ),
    });
    Ok(())
}

fn open_meeting(out: &Out, path: &Path) -> Result<MeetingFile, Failed> {
    let file = MeetingFile::open(path).map_err(|e| out.error(&e.text(out.lang)))?;
    if let Integrity::Broken(breaks) = file.integrity()
        && breaks.iter().any(|b| b.is_damage())
    {
        eprintln!(
            "{}",
            out.lang.pick(
                "CẢNH BÁO: tệp hội nghị không còn nguyên vẹn; chỉ mở để xem, không ghi được:",
                "WARNING: the meeting file does not verify; it is open read-only:"
            )
        );
        for b in breaks {
            eprintln!("  - {}", b.text(out.lang));
        }
    }
    Ok(file)
}

fn import(out: &Out, meeting: &Path, sheets: &[PathBuf]) -> Outcome {
    let mut file = open_meeting(out, meeting)?;
    let mut failed = 0;
    for path in sheets {
        match import_one(out, &mut file, path) {
            Ok(line) => out.say(&line),
            Err(Failed) => failed += 1,
        }
    }
    if failed > 0 {
        eprintln!("{}", import_failures(failed, sheets.len(), out.lang));
        return Err(Failed);
    }
    Ok(())
}

/// What an import with failures left behind. Each sheet is its own transaction, so
/// a failed sheet changes nothing and the others are in the meeting file (imported
/// now or already there).
fn import_failures(failed: usize, total: usize, lang: Lang) -> String {
    let ok = total.saturating_sub(failed);
    match (lang, ok, total) {
        (Lang::Vi, 0, 1) => "Phiếu chấm không nhập được; tệp hội nghị không thay đổi.".into(),
        (Lang::Vi, 0, _) => {
            format!("Không nhập được phiếu nào trong {total} phiếu; tệp hội nghị không thay đổi.")
        }
        (Lang::Vi, _, _) => format!(
            "{failed}/{total} phiếu không nhập được; {ok} phiếu còn lại đã có trong tệp hội nghị."
        ),
        (Lang::En, 0, 1) => "The sheet was not imported; the meeting file is unchanged.".into(),
        (Lang::En, 0, _) => {
            format!("None of the {total} sheets was imported; the meeting file is unchanged.")
        }
        (Lang::En, _, _) => format!(
            "{failed} of {total} sheets {} not imported; the other {ok} {} in the meeting file.",
            plural(failed, "was", "were"),
            plural(ok, "is", "are")
        ),
    }
}

fn import_one(out: &Out, file: &mut MeetingFile, path: &Path) -> Result<String, Failed> {
    let bytes = read_limited(out, path)?;
    let sheet =
        Sheet::from_bytes(&bytes, file.config()).map_err(|p| report_problems(out, path, &p))?;
    let scorer = file.config().members[sheet.scorer].short.clone();
    let source = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let shown = path.display();
    match plan_import(file.session(), &sheet, &source) {
        Err(e) => Err(out.error(&format!("{shown}: {}", e.text(out.lang)))),
        Ok(ImportPlan::Unchanged) => Ok(match out.lang {
            Lang::Vi => {
                format!("{shown}: phiếu của {scorer} đã có trong hội nghị, không thay đổi.")
            }
            Lang::En => {
                format!("{shown}: {scorer}'s sheet is already in the meeting; nothing changed.")
            }
        }),
        Ok(ImportPlan::Events(events)) => {
            let cells = events
                .iter()
                .filter(|e| matches!(e, Event::Score { .. }))
                .count();
            let seq = file
                .append_all(Actor::Chair, events, &now())
                .map_err(|e| out.error(&format!("{shown}: {}", e.text(out.lang))))?;
            Ok(match out.lang {
                Lang::Vi => format!(
                    "{shown}: đã nhập và nộp phiếu của {scorer} ({cells} ô điểm; đã lưu đến sự kiện số {seq})."
                ),
                Lang::En => format!(
                    "{shown}: imported and submitted {scorer}'s sheet ({cells} {}; committed through event #{seq}).",
                    plural(cells, "cell", "cells")
                ),
            })
        }
    }
}

fn tally(out: &Out, meeting: &Path, format: TallyFormat) -> Outcome {
    let file = open_meeting(out, meeting)?;
    print_tally(out, file.session(), file.head(), format);
    Ok(())
}

fn print_tally(out: &Out, session: &Session, head: &str, format: TallyFormat) {
    let tally = Tally::compute(session);
    match format {
        TallyFormat::Text => out.say(text::tally_text(session, &tally, head, out.lang).trim_end()),
        TallyFormat::Json => {
            let doc = results_document(session, &tally, head);
            out.say(&serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        TallyFormat::Csv => {
            let bytes = summary_csv(session, &tally, out.lang, false);
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(&bytes);
        }
    }
}

fn verify(out: &Out, path: &Path, session: Option<&Path>) -> Outcome {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json || session.is_some() {
        return verify_results(out, path, session);
    }
    let file = MeetingFile::open(path).map_err(|e| out.error(&e.text(out.lang)))?;
    let events = file.last_seq();
    match file.integrity() {
        Integrity::Broken(breaks) if breaks.iter().any(|b| b.is_damage()) => {
            eprintln!(
                "{}",
                match out.lang {
                    Lang::Vi => format!(
                        "{}: KHÔNG HỢP LỆ — tệp đã bị thay đổi hoặc hư hỏng:",
                        path.display()
                    ),
                    Lang::En => format!(
                        "{}: FAILED — the file was altered or damaged:",
                        path.display()
                    ),
                }
            );
            for b in breaks {
                eprintln!("  - {}", b.text(out.lang));
            }
            Err(Failed)
        }
        _ => {
            out.say(&match out.lang {
                Lang::Vi => format!(
                    "{}: OK — {events} sự kiện, chuỗi kiểm tra nguyên vẹn.\nconfig_sha256: {}\nsession_head: {}\nMã kiểm tra: {}",
                    path.display(),
                    file.config().sha256,
                    file.head(),
                    text::verification_code(file.head())
                ),
                Lang::En => format!(
                    "{}: OK — {events} {}, the hash chain verifies.\nconfig_sha256: {}\nsession_head: {}\nCheck code: {}",
                    path.display(),
                    plural(events, "event", "events"),
                    file.config().sha256,
                    file.head(),
                    text::verification_code(file.head())
                ),
            });
            Ok(())
        }
    }
}

fn verify_results(out: &Out, path: &Path, session: Option<&Path>) -> Outcome {
    use crate::export::results::{compare_with_meeting, read_results};
    let bytes = std::fs::read(path)
        .map_err(|e| out.error(&format!("{}: {}", path.display(), io_text(&e, out.lang))))?;
    let fail = |problems: Vec<crate::export::results::ResultsProblem>| {
        eprintln!(
            "{}",
            match out.lang {
                Lang::Vi => format!("{}: KHÔNG HỢP LỆ", path.display()),
                Lang::En => format!("{}: FAILED", path.display()),
            }
        );
        for p in problems {
            eprintln!("  - {}", p.text(out.lang));
        }
        Failed
    };
    let doc = read_results(&bytes).map_err(fail)?;
    if let Some(meeting_path) = session {
        let file = open_meeting(out, meeting_path)?;
        let problems = compare_with_meeting(&doc, &file.config().sha256, file.last_seq(), |n| {
            file.session_at(n).ok()
        });
        if !problems.is_empty() {
            return Err(fail(problems));
        }
    }
    let head = doc
        .get("session_head")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    out.say(&match (out.lang, session) {
        (Lang::Vi, None) => format!(
            "{}: OK — nội dung nguyên vẹn. Mã kiểm tra phiên họp: {}",
            path.display(),
            text::verification_code(head)
        ),
        (Lang::En, None) => format!(
            "{}: OK — the content is intact. Session check code: {}",
            path.display(),
            text::verification_code(head)
        ),
        (Lang::Vi, Some(m)) => format!(
            "{}: OK — nội dung nguyên vẹn và khớp với tệp hội nghị {}.",
            path.display(),
            m.display()
        ),
        (Lang::En, Some(m)) => format!(
            "{}: OK — intact, and it matches the meeting file {}.",
            path.display(),
            m.display()
        ),
    });
    Ok(())
}

fn export(out: &Out, meeting: &Path, outputs: &[PathBuf]) -> Outcome {
    let file = open_meeting(out, meeting)?;
    let mut failed = false;
    for path in outputs {
        match crate::export::write(&file, path, out.lang) {
            Ok(()) => out.say(&match out.lang {
                Lang::Vi => format!("Đã xuất {}", path.display()),
                Lang::En => format!("Exported {}", path.display()),
            }),
            Err(e) => {
                out.error(&format!("{}: {}", path.display(), e.text(out.lang)));
                failed = true;
            }
        }
    }
    if failed { Err(Failed) } else { Ok(()) }
}

fn save_sheet(out: &Out, meeting: &Path, scorer: &str, output: &Path) -> Outcome {
    let file = open_meeting(out, meeting)?;
    let Some(s) = file.config().member(scorer) else {
        return Err(out.error(&match out.lang {
            Lang::Vi => format!("không có đơn vị nào có mã \"{scorer}\""),
            Lang::En => format!("no member has the id \"{scorer}\""),
        }));
    };
    crate::export::write_sheet(file.session(), s, output, &now())
        .map_err(|e| out.error(&e.text(out.lang)))?;
    out.say(&match out.lang {
        Lang::Vi => format!(
            "Đã lưu phiếu chấm của {} vào {}",
            file.config().members[s].short,
            output.display()
        ),
        Lang::En => format!(
            "Saved {}'s sheet to {}",
            file.config().members[s].short,
            output.display()
        ),
    });
    Ok(())
}

fn synthetic_meeting(out: &Out, scale: &str, output: &Path) -> Outcome {
    let Some(scale) = crate::synthetic::SCALES
        .into_iter()
        .find(|s| s.name == scale)
    else {
        return Err(out.error("scale: meeting, large or stress"));
    };
    let bytes = crate::synthetic::config_bytes(scale);
    let mut file =
        MeetingFile::create(output, &bytes, &now()).map_err(|e| out.error(&e.text(out.lang)))?;
    let config = file.config().clone();
    for s in 0..scale.members {
        file.append_all(
            Actor::Chair,
            crate::synthetic::sheet_events(&config, s),
            &now(),
        )
        .map_err(|e| out.error(&e.text(out.lang)))?;
    }
    out.say(&format!("{} events", file.last_seq()));
    Ok(())
}

/// Walks the first open sheet's cells, changing one value per event, each committed
/// on its own; prints "committed N" only after N is on disk.
fn score_stream(out: &Out, meeting: &Path, count: u64) -> Outcome {
    let mut file = open_meeting(out, meeting)?;
    let config = file.config().clone();
    let Some(scorer) = (0..config.members.len())
        .find(|&m| file.session().is_present(m) && !file.session().is_submitted(m))
    else {
        return Err(out.error("no open sheet to score"));
    };
    let cells: Vec<(usize, usize)> = (0..config.members.len())
        .filter(|&t| config.scores_target(scorer, t))
        .flat_map(|t| (0..config.cells.len()).map(move |c| (t, c)))
        .collect();
    let scorer_id = config.members[scorer].id.clone();
    for _ in 0..count {
        let (t, c) = cells[file.last_seq() as usize % cells.len()];
        let cell = &config.cells[c];
        let current = file.session().score(scorer, t, c).map_or(0, |p| p.0);
        let next = (current + cell.step.0) % (cell.max.0 + cell.step.0);
        let event = Event::Score {
            scorer: scorer_id.clone(),
            target: config.members[t].id.clone(),
            item: cell.id.clone(),
            value: Some(crate::model::Points(next)),
        };
        let seq = file
            .append(Actor::Member(scorer_id.clone()), event, &now())
            .map_err(|e| out.error(&e.text(out.lang)))?;
        out.say(&format!("committed {seq}"));
    }
    Ok(())
}

/// With no arguments: the bundled sample meeting, scored in memory and tallied.
fn demo(out: &Out) -> Outcome {
    let (session, head) = sample::sample_meeting().map_err(|e| out.error(&e))?;
    out.say(out.lang.pick(
        "Cuộc họp mẫu (dữ liệu minh họa, chấm trong bộ nhớ, không ghi tệp).\n",
        "Sample meeting (example data, scored in memory, no file written).\n",
    ));
    print_tally(out, &session, &head, TallyFormat::Text);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_import_says_what_was_saved() {
        // One sheet, and it failed: there are no "others".
        assert_eq!(
            import_failures(1, 1, Lang::En),
            "The sheet was not imported; the meeting file is unchanged."
        );
        assert_eq!(
            import_failures(1, 1, Lang::Vi),
            "Phiếu chấm không nhập được; tệp hội nghị không thay đổi."
        );
        assert_eq!(
            import_failures(3, 3, Lang::En),
            "None of the 3 sheets was imported; the meeting file is unchanged."
        );
        assert_eq!(
            import_failures(3, 3, Lang::Vi),
            "Không nhập được phiếu nào trong 3 phiếu; tệp hội nghị không thay đổi."
        );
        assert_eq!(
            import_failures(1, 3, Lang::En),
            "1 of 3 sheets was not imported; the other 2 are in the meeting file."
        );
        assert_eq!(
            import_failures(2, 3, Lang::En),
            "2 of 3 sheets were not imported; the other 1 is in the meeting file."
        );
        assert_eq!(
            import_failures(1, 3, Lang::Vi),
            "1/3 phiếu không nhập được; 2 phiếu còn lại đã có trong tệp hội nghị."
        );
    }

    #[test]
    fn the_config_summary_counts_in_good_english() {
        let bytes = crate::sample::SAMPLE_CONFIG;
        let Ok(config) = Config::from_bytes(bytes) else {
            panic!("the sample config loads");
        };
        let text = config_summary(&config, Lang::En);
        assert!(text.contains("6 members (head: Long Biên"), "{text}");
        assert!(
            text.contains("4 bonus/deduction items, 4 classes, 2 commendations"),
            "{text}"
        );
        // A cluster with one of each reads in the singular.
        let mut doc: serde_json::Value = serde_json::from_slice(bytes).unwrap_or_default();
        doc["criteria"] = serde_json::json!([doc["criteria"][0].clone()]);
        doc["criteria"][0]["items"] = serde_json::json!([doc["criteria"][0]["items"][0].clone()]);
        doc["adjustments"] = serde_json::json!([doc["adjustments"][0].clone()]);
        doc["commendations"] = serde_json::json!([doc["commendations"][1].clone()]);
        doc["tie_break"] = serde_json::json!(["bonus"]);
        let bytes = serde_json::to_vec(&doc).unwrap_or_default();
        let config = match Config::from_bytes(&bytes) {
            Ok(c) => c,
            Err(p) => panic!("{}", p.text(Lang::En)),
        };
        let text = config_summary(&config, Lang::En);
        assert!(
            text.contains("1 criteria group, 1 item, maximum total 6"),
            "{text}"
        );
        assert!(
            text.contains("1 bonus/deduction item, 4 classes, 1 commendation"),
            "{text}"
        );
    }
}
