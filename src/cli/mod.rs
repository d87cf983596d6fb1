//! The command line: check, new, import, tally, verify, export, sheet, sample,
//! pledge, blank-sheets. Thin:
//! it reads files, turns them into events for the store, and prints what the model
//! says. Every sentence it prints comes from [`crate::text::cli`].
//! Exit codes: 0 ok, 1 invalid or failed input, 2 usage.
//!
//! This file holds the clap definitions, the dispatch and what the commands share;
//! each command lives in its own file.

mod blank_sheets;
mod check;
mod export;
mod find;
mod host;
mod import;
mod join;
mod new;
mod pledge;
mod sample;
mod sheet;
mod synthetic;
mod tally;
mod verify;

pub use check::config_summary;

use crate::model::config::Config;
use crate::model::problem::{Issue, Problems};
use crate::model::reader::MAX_FILE_BYTES;
use crate::store::{Integrity, MeetingFile};
use crate::text::Lang;
use crate::text::cli::C;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "thidua",
    version,
    about = "Chấm điểm, tổng hợp và xếp hạng thi đua của cụm thi đua.\nScoring, tally and ranking for an emulation cluster's year-end meeting."
)]
pub struct Cli {
    /// Ngôn ngữ của thông báo: vi (mặc định) hoặc en; cũng đọc THIDUA_LANG. /
    /// Language of messages: vi (default) or en. Also THIDUA_LANG.
    #[arg(long, global = true, value_name = "vi|en")]
    pub lang: Option<String>,
    /// Mở trình sửa cấu hình cụm: với tệp cấu hình đã cho, hoặc một cụm mới. /
    /// Open the cluster editor: with the config given, or a new cluster.
    #[arg(long)]
    pub edit: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Tệp cấu hình cụm (.json) hoặc tệp hội nghị (.thidua) để mở trong cửa sổ. /
    /// A cluster config (.json) or a meeting file (.thidua) to open in the window.
    pub file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Kiểm tra tệp cấu hình cụm; in tóm tắt hoặc mọi lỗi. /
    /// Validate a cluster config; print a summary or every problem.
    Check { config: PathBuf },
    /// Tạo tệp hội nghị từ tệp cấu hình cụm. /
    /// Create a meeting file from a cluster config.
    New {
        config: PathBuf,
        /// Tệp hội nghị sẽ tạo (không bao giờ ghi đè). /
        /// The meeting file to create (never overwritten).
        #[arg(short, long)]
        output: PathBuf,
        /// Mã các đơn vị có đại biểu dự họp (mặc định: tất cả). /
        /// Member ids whose delegates are present (default: all).
        #[arg(long, value_delimiter = ',')]
        present: Option<Vec<String>>,
        /// Ngày họp, YYYY-MM-DD. / Meeting date, YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        place: Option<String>,
        #[arg(long)]
        chair: Option<String>,
        #[arg(long)]
        secretary: Option<String>,
    },
    /// Nhập phiếu chấm của đại biểu (thidua.sheet/1) vào tệp hội nghị. /
    /// Add delegate sheets (thidua.sheet/1) to a meeting file.
    Import {
        meeting: PathBuf,
        #[arg(required = true)]
        sheets: Vec<PathBuf>,
    },
    /// In kết quả tổng hợp, xếp hạng và đề nghị khen thưởng. /
    /// Print the tally, ranking and proposed commendations.
    Tally {
        meeting: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: TallyFormat,
    },
    /// Kiểm tra chuỗi băm của tệp hội nghị, hoặc một tệp kết quả (có thể đối chiếu
    /// với tệp hội nghị đã tạo ra nó). / Check a meeting file's hash chain, or a
    /// results document (optionally against the meeting file it came from).
    Verify {
        file: PathBuf,
        /// Tệp hội nghị mà kết quả phải khớp. /
        /// The meeting file the results must match.
        #[arg(long)]
        session: Option<PathBuf>,
    },
    /// Ghi các tệp gửi Ủy ban MTTQ thành phố: kết quả .json, tổng hợp .csv, .xlsx,
    /// .pdf. / Write what goes to the city Front: results .json, summary .csv, .xlsx,
    /// .pdf.
    Export {
        meeting: PathBuf,
        /// Một hoặc nhiều tệp đầu ra; định dạng theo phần mở rộng. /
        /// One or more output files; the format follows the extension.
        #[arg(short, long, required = true, num_args = 1..)]
        output: Vec<PathBuf>,
    },
    /// Lưu phiếu chấm của một đại biểu (thidua.sheet/1) để mang sang máy của chủ trì.
    /// / Save one delegate's sheet (thidua.sheet/1) to carry to the chair's laptop.
    Sheet {
        meeting: PathBuf,
        /// Mã đơn vị của người chấm. / The scorer's member id.
        scorer: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Mở chấm qua mạng nội bộ (không cửa sổ): in địa chỉ và mã tham gia của từng
    /// đại biểu. / Serve the meeting on the local network (no window): prints the
    /// address and each delegate's join code.
    Host {
        meeting: PathBuf,
        /// Cổng (0: cổng trống bất kỳ). / The port (0: any free one).
        #[arg(long, default_value_t = 7878)]
        port: u16,
        /// Ghi mã tham gia ra tệp JSON: mã đơn vị → PIN và đường dẫn. /
        /// Write the join codes as JSON: member id → PIN and link.
        #[arg(long)]
        codes: Option<PathBuf>,
        /// In phiếu mã tham gia ra tệp PDF (8 phiếu một trang A4). /
        /// Print the join-code slips to a PDF (8 to an A4 page).
        #[arg(long)]
        slips: Option<PathBuf>,
    },
    /// Liệt kê các hội nghị đang mở chấm qua mạng nội bộ (mDNS). /
    /// List the meetings served on the local network (mDNS).
    Find {
        /// Nghe trong bấy nhiêu giây. / Listen this many seconds.
        #[arg(long, default_value_t = 3)]
        wait: u64,
    },
    /// Đại biểu chấm qua mạng theo kịch bản: gửi từng điểm của phiếu rồi nộp. /
    /// A scripted delegate: sends a sheet's scores one event at a time, then submits.
    Join {
        /// Địa chỉ máy chủ trì (host:port) hoặc đường dẫn tham gia. /
        /// The host's address (host:port) or a join link.
        address: String,
        #[arg(long)]
        pin: Option<String>,
        /// Phiếu chấm (thidua.sheet/1) cần gửi. / The sheet (thidua.sheet/1) to send.
        #[arg(long)]
        sheet: PathBuf,
        /// Nhật ký các điểm đã gửi (mặc định: cạnh tệp phiếu). /
        /// The journal of sent events (default: beside the sheet).
        #[arg(long)]
        journal: Option<PathBuf>,
        /// Chờ máy chủ trì tối đa bấy nhiêu giây. / Wait for the host at most this long.
        #[arg(long, default_value_t = 300)]
        timeout: u64,
        /// Nghỉ bấy nhiêu mili giây giữa hai điểm, như đại biểu đang gõ (để thử). /
        /// Pause this many milliseconds between scores, as a delegate typing (for tests).
        #[arg(long, default_value_t = 0)]
        pace: u64,
    },
    /// In bản giao ước thi đua (PDF A4) từ tệp cấu hình cụm: tiêu chí, thang điểm,
    /// cách chấm điểm, xếp loại, khen thưởng và chỗ ký của từng đơn vị. /
    /// Print the emulation pledge (A4 PDF) from a cluster config: criteria, points,
    /// scoring, classification and commendation rules, a signature block per member.
    Pledge {
        config: PathBuf,
        /// Tệp PDF sẽ ghi. / The PDF file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// In phiếu chấm điểm giấy (PDF) từ tệp cấu hình cụm: mỗi đơn vị chấm một bộ
    /// phiếu, ô trống để ghi điểm từng đơn vị được chấm. / Print paper score sheets
    /// (PDF) from a cluster config: one set per scoring member, empty boxes for the
    /// points of each member it scores.
    BlankSheets {
        config: PathBuf,
        /// Tệp PDF sẽ ghi. / The PDF file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Chỉ in phiếu của đơn vị chấm có mã này. /
        /// Only the sheets of the scoring member with this id.
        #[arg(long)]
        scorer: Option<String>,
    },
    /// In kết quả tổng hợp của cuộc họp mẫu kèm theo (chấm trong bộ nhớ). /
    /// Print the bundled sample meeting's tally (scored in memory).
    Sample,
    /// Ghi một hội nghị sinh tự động theo quy mô (meeting, large, stress), mọi phiếu
    /// đã chấm và nộp (để đo). / Write a generated meeting of a given scale (meeting,
    /// large, stress), every sheet scored and submitted (for measurements).
    #[command(hide = true)]
    Synthetic {
        #[arg(long, default_value = "large")]
        scale: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Ghi từng sự kiện chấm điểm một, in số thứ tự của mỗi sự kiện khi nó đã nằm
    /// trên đĩa (dùng cho kiểm thử sự cố). / Commit score events one at a time,
    /// printing each sequence number once it is on disk (used by the crash tests).
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
        eprintln!("{}", C::Error.fill(self.lang, &[&text]));
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
        Some(Command::Check { config }) => check::check(&out, &config),
        Some(Command::New {
            config,
            output,
            present,
            date,
            place,
            chair,
            secretary,
        }) => new::new_meeting(
            &out,
            &config,
            &output,
            present,
            new::MeetingArgs {
                date,
                place,
                chair,
                secretary,
            },
        ),
        Some(Command::Import { meeting, sheets }) => import::import(&out, &meeting, &sheets),
        Some(Command::Tally { meeting, format }) => tally::tally(&out, &meeting, format),
        Some(Command::Verify { file, session }) => verify::verify(&out, &file, session.as_deref()),
        Some(Command::Export { meeting, output }) => export::export(&out, &meeting, &output),
        Some(Command::Sheet {
            meeting,
            scorer,
            output,
        }) => sheet::save_sheet(&out, &meeting, &scorer, &output),
        Some(Command::Sample) => sample::demo(&out),
        Some(Command::Pledge { config, output }) => pledge::pledge(&out, &config, &output),
        Some(Command::BlankSheets {
            config,
            output,
            scorer,
        }) => blank_sheets::blank_sheets(&out, &config, &output, scorer.as_deref()),
        Some(Command::Host {
            meeting,
            port,
            codes,
            slips,
        }) => host::host(&out, &meeting, port, codes.as_deref(), slips.as_deref()),
        Some(Command::Find { wait }) => find::find(&out, std::time::Duration::from_secs(wait)),
        Some(Command::Join {
            address,
            pin,
            sheet,
            journal,
            timeout,
            pace,
        }) => join::join(
            &out,
            &address,
            pin.as_deref(),
            &sheet,
            journal.as_deref(),
            std::time::Duration::from_secs(timeout),
            std::time::Duration::from_millis(pace),
        ),
        Some(Command::ScoreStream { meeting, count }) => {
            synthetic::score_stream(&out, &meeting, count)
        }
        Some(Command::Synthetic { scale, output }) => {
            synthetic::synthetic_meeting(&out, &scale, &output)
        }
        // Without a command the window opens (see main.rs); here, say what to use.
        None => Err(out.error(C::NoCommand.get(out.lang))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failed) => ExitCode::from(1),
    }
}

/// A file's bytes, refused with a message when it is missing, unreadable or larger
/// than any file the program reads.
fn read_limited(out: &Out, path: &Path) -> Result<Vec<u8>, Failed> {
    let shown = path.display();
    let size = std::fs::metadata(path)
        .map_err(|e| out.error(&format!("{shown}: {}", io_text(&e, out.lang))))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(out.error(&format!(
            "{shown}: {}",
            Issue::TooLarge {
                size,
                limit: MAX_FILE_BYTES
            }
            .text(out.lang)
        )));
    }
    std::fs::read(path).map_err(|e| out.error(&format!("{shown}: {}", io_text(&e, out.lang))))
}

fn io_text(error: &std::io::Error, lang: Lang) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => C::FileNotFound.get(lang).into(),
        std::io::ErrorKind::PermissionDenied => C::FileNoPermission.get(lang).into(),
        std::io::ErrorKind::IsADirectory => C::FileIsFolder.get(lang).into(),
        _ => C::FileUnreadable.fill(lang, &[error]),
    }
}

/// Prints every problem at its place in the file, then how many there were.
fn report_problems(out: &Out, path: &Path, problems: &Problems) -> Failed {
    for p in &problems.0 {
        eprintln!("{}:{}", path.display(), prefix_colon(&p.text(out.lang)));
    }
    eprintln!("{}", C::ProblemsFound.fill(out.lang, &[&problems.0.len()]));
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

/// Writes a whole file in place of `path` (never half of one), or says why not.
fn write_file(out: &Out, path: &Path, bytes: &[u8]) -> Outcome {
    crate::store::files::write_atomically(path, bytes)
        .map_err(|e| out.error(&format!("{}: {}", path.display(), io_text(&e, out.lang))))
}

fn load_config(out: &Out, path: &Path) -> Result<(Vec<u8>, Config), Failed> {
    let bytes = read_limited(out, path)?;
    match Config::from_bytes(&bytes) {
        Ok(config) => Ok((bytes, config)),
        Err(problems) => Err(report_problems(out, path, &problems)),
    }
}

/// Opens a meeting file to change it; one that does not verify opens read-only,
/// with a warning and every break listed.
fn open_meeting(out: &Out, path: &Path) -> Result<MeetingFile, Failed> {
    warn_if_damaged(out, MeetingFile::open(path))
}

/// Opens a meeting file to read it, without writing a byte to it (the commands that
/// only print or export), with the same warning as [`open_meeting`].
fn read_meeting(out: &Out, path: &Path) -> Result<MeetingFile, Failed> {
    warn_if_damaged(out, MeetingFile::open_to_read(path))
}

fn warn_if_damaged(
    out: &Out,
    opened: Result<MeetingFile, crate::store::StoreError>,
) -> Result<MeetingFile, Failed> {
    let file = opened.map_err(|e| out.error(&e.text(out.lang)))?;
    if let Integrity::Broken(breaks) = file.integrity()
        && breaks.iter().any(|b| b.is_damage())
    {
        eprintln!("{}", C::MeetingReadOnly.get(out.lang));
        for b in breaks {
            eprintln!("  - {}", b.text(out.lang));
        }
    }
    Ok(file)
}
