//! What `scripts/typing-under-load.sh` types, and the config it types into. Not a
//! test and not an export.
//!
//! - `typing_sheet config SCALE` writes the cluster config that `thidua synthetic
//!   --scale SCALE` uses (meeting, large, stress) to stdout, for `thidua new`.
//! - `typing_sheet values CONFIG.json N` prints the first N cells of the first
//!   member's sheet in the order Tab walks the grid (row by row, left to right),
//!   one line each: target id, item id, the value in hundredths of a point, the text
//!   typed. Each value is within its item's maximum and on its step, and commas and
//!   points alternate; the text is read back with the app's own reader to check it
//!   means that value. With N larger than the sheet, the whole sheet.

use thidua::model::config::Config;
use thidua::model::points::Points;
use thidua::model::typing::{SheetLayout, read_value};
use thidua::synthetic::SCALES;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["config", scale] => {
            let Some(scale) = SCALES.iter().find(|s| s.name == scale) else {
                fail(&format!("unknown scale {scale}"));
            };
            let bytes = thidua::synthetic::config_bytes(*scale);
            print!("{}", String::from_utf8_lossy(&bytes));
        }
        ["values", config, n] => {
            let bytes = std::fs::read(config).unwrap_or_else(|e| fail(&format!("{config}: {e}")));
            let config = Config::from_bytes(&bytes)
                .unwrap_or_else(|_| fail(&format!("{config}: not a valid cluster config")));
            let n: usize = n.parse().unwrap_or_else(|_| fail("N must be a number"));
            values(&config, n);
        }
        _ => fail("usage: typing_sheet config SCALE | values CONFIG.json N"),
    }
}

fn values(config: &Config, n: usize) {
    let scorer = 0;
    let layout = SheetLayout::new(config, scorer);
    for (i, (target, cell)) in layout.keys().take(n).enumerate() {
        let limits = &config.cells[cell];
        let steps = if limits.step.0 > 0 {
            limits.max.0 / limits.step.0
        } else {
            0
        };
        let k = (i as i64 * 7 + 3) % (steps + 1);
        let value = Points(k * limits.step.0);
        let separator = if i % 2 == 1 { ',' } else { '.' };
        let text = value.display(separator);
        match read_value(config, cell, &text) {
            Ok(Some(read)) if read == value => {}
            other => fail(&format!(
                "{text} for {} reads as {other:?}, not {value:?}",
                limits.id
            )),
        }
        println!(
            "{} {} {} {text}",
            config.members[target].id, limits.id, value.0
        );
    }
}

fn fail(message: &str) -> ! {
    eprintln!("typing_sheet: {message}");
    std::process::exit(2);
}
