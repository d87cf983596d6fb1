//! Every sentence a person reads comes from the one catalogue (`src/text/`): no code
//! outside it spells a message per language. (That every message of the catalogue
//! has both languages is tested beside it.)

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A line that chooses a text by language and spells it right there.
fn spells_a_message(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    ["Lang::Vi", "Lang::En"].iter().any(|lang| {
        code.find(lang).is_some_and(|at| {
            let rest = code[at + lang.len()..].trim_start_matches(')').trim_start();
            rest.strip_prefix("=>")
                .map(str::trim_start)
                .is_some_and(|r| r.starts_with('"') || r.starts_with("format!"))
        })
    }) || code.contains(".pick(\"")
}

#[test]
fn no_code_outside_the_catalogue_spells_a_message_per_language() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let catalogue = src.join("text");
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(&catalogue)) {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if spells_a_message(line) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "move these into src/text:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_itself_finds_what_it_looks_for() {
    assert!(spells_a_message(r#"            Lang::Vi => "Tiếng Việt","#));
    assert!(spells_a_message(
        r#"    (Missing::Sheet { scorer }, Lang::En) => format!("{scorer}'s sheet"),"#
    ));
    assert!(spells_a_message(r#"    lang.pick("có", "yes")"#));
    assert!(!spells_a_message(
        r#"            Lang::Vi => T::LangNameVi.get(lang),"#
    ));
}
