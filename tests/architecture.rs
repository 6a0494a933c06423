//! The code keeps the shape `docs/architecture.md` describes: every engine
//! and comparison stage is in the document, every file the document names
//! exists, and no function grows past the length the project allows.

use std::fs;
use std::path::{Path, PathBuf};

/// Functions longer than this are split into named steps. Tables of data
/// (a `const` or `static` array) are not functions and do not count.
const MOST_LINES_PER_FUNCTION: usize = 120;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn architecture() -> String {
    fs::read_to_string(root().join("docs/architecture.md")).expect("docs/architecture.md exists")
}

fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn every_stage_is_in_the_architecture_document() {
    let text = architecture();
    for file in rust_files(&root().join("src/engine")) {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(
            text.contains(&format!("`{name}`")) || text.contains(&format!("src/engine/{name}")),
            "docs/architecture.md does not mention src/engine/{name}"
        );
    }
    for file in rust_files(&root().join("src/compare")) {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(
            text.contains(&format!("src/compare/{name}")),
            "docs/architecture.md does not mention src/compare/{name}"
        );
    }
}

#[test]
fn every_stage_has_unit_tests_beside_it() {
    let stages = stage_numbers();
    let mut files: Vec<PathBuf> = stages
        .iter()
        .map(|(module, _)| root().join("src/engine").join(format!("{module}.rs")))
        .collect();
    for module in [
        "index",
        "readiness",
        "components",
        "costs",
        "narratives",
        "changes",
        "inputs",
        "versions",
    ] {
        files.push(root().join("src/compare").join(format!("{module}.rs")));
    }
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("#[cfg(test)]") && text.contains("#[test]"),
            "{} has no unit tests",
            file.display()
        );
    }
}

#[test]
fn every_path_the_document_names_exists() {
    let text = architecture();
    let mut named = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || "`(),".contains(c)) {
        let word = word.trim_end_matches(['.', ':', ';']);
        let word = word.split('*').next().unwrap_or(word);
        if [
            "src/",
            "docs/",
            "frameworks/",
            "templates/",
            "tests/",
            "data/",
        ]
        .iter()
        .any(|p| word.starts_with(p))
        {
            named.push(word.to_string());
        }
    }
    assert!(named.len() > 20, "{named:?}");
    for path in named {
        assert!(
            root().join(&path).exists(),
            "docs/architecture.md names {path}, which does not exist"
        );
    }
}

/// The engine's stages by file name, in the order of the document's table.
fn stage_numbers() -> Vec<(String, u32)> {
    architecture()
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let number = cells.get(1)?.parse::<u32>().ok()?;
            let file = cells.get(2)?.trim_matches('`').strip_suffix(".rs")?;
            Some((file.to_string(), number))
        })
        .collect()
}

/// The engine modules a file imports, outside its tests.
fn engine_imports(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut found = Vec::new();
    for statement in code.split(';') {
        let statement = statement.trim();
        let Some(path) = statement
            .strip_prefix("use super::")
            .or_else(|| statement.strip_prefix("use crate::engine::"))
        else {
            continue;
        };
        let names = path.trim_start_matches('{').split(',');
        for name in names {
            let path = name.trim().split("::").next().unwrap_or("");
            let module = path.split_whitespace().next().unwrap_or("");
            if !module.is_empty() && module.chars().all(|c| c.is_lowercase() || c == '_') {
                found.push(module.to_string());
            }
        }
    }
    found
}

#[test]
fn engine_stages_use_only_earlier_stages() {
    let stages = stage_numbers();
    assert!(stages.len() >= 16, "{stages:?}");
    let number = |module: &str| stages.iter().find(|(f, _)| f == module).map(|(_, n)| *n);
    let mut backwards = Vec::new();
    for file in rust_files(&root().join("src/engine")) {
        let module = file.file_stem().unwrap().to_str().unwrap().to_string();
        if module == "mod" {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        // A helper (not a stage) may use stage 0 only.
        let own = number(&module).unwrap_or(1);
        for used in engine_imports(&text) {
            if let Some(theirs) = number(&used)
                && theirs >= own
            {
                backwards.push(format!("{module} uses {used}"));
            }
        }
    }
    assert!(
        backwards.is_empty(),
        "stages must use only earlier stages: {backwards:?}"
    );
}

#[test]
fn the_import_reader_finds_grouped_and_nested_imports() {
    let code = "use super::Given;\nuse super::trace as later;\nuse super::{amounts, choices::Choices};\nuse crate::engine::text::Filler;\nuse crate::plan::Plan;\n#[cfg(test)]\nmod tests { use super::trace; }";
    assert_eq!(
        engine_imports(code),
        ["trace", "amounts", "choices", "text"]
    );
}

#[test]
fn no_function_is_longer_than_the_project_allows() {
    let mut too_long = Vec::new();
    for file in rust_files(&root().join("src")) {
        let text = fs::read_to_string(&file).unwrap();
        for (name, line, length) in function_lengths(&text) {
            if length > MOST_LINES_PER_FUNCTION {
                let file = file.strip_prefix(root()).unwrap().display().to_string();
                too_long.push(format!("{file}:{line} {name}: {length} lines"));
            }
        }
    }
    assert!(
        too_long.is_empty(),
        "split these into named steps (at most {MOST_LINES_PER_FUNCTION} lines each):\n{}",
        too_long.join("\n")
    );
}

#[test]
fn the_length_counter_reads_rust_as_rust() {
    let code = r##"
fn short() {
    let brace = '{';
    let text = "}}} {";
    let raw = r#"}"#;
    // a comment with }
    /* and { another */
    let life: &'static str = "x";
}

pub(crate) fn second<'a>(x: &'a str) -> &'a str {
    x
}
"##;
    assert_eq!(
        function_lengths(code),
        vec![("short".to_string(), 2, 8), ("second".to_string(), 11, 3)]
    );
}

/// Each function's name, first line (1-based) and length in lines, from
/// its `fn` line to its closing brace. Braces inside strings, characters
/// and comments do not count.
fn function_lengths(text: &str) -> Vec<(String, usize, usize)> {
    let code = blank_out_literals(text);
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(name) = function_name(line) else {
            continue;
        };
        let mut depth = 0i64;
        let mut opened = false;
        'lines: for (offset, later) in lines[start..].iter().enumerate() {
            for c in later.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    ';' if !opened && depth == 0 => break 'lines,
                    _ => {}
                }
                if opened && depth == 0 {
                    found.push((name.clone(), start + 1, offset + 1));
                    break 'lines;
                }
            }
        }
    }
    found
}

/// The name of the function a line declares, if it declares one.
fn function_name(line: &str) -> Option<String> {
    let mut words = line.split_whitespace().peekable();
    while let Some(word) = words.next() {
        match word {
            "pub" | "const" | "async" | "unsafe" | "extern" => continue,
            w if w.starts_with("pub(") => continue,
            "fn" => {
                let name: String = words
                    .next()?
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                return (!name.is_empty()).then_some(name);
            }
            _ => return None,
        }
    }
    None
}

/// The text with the contents of strings, characters and comments replaced
/// by spaces, line breaks kept, so that only code's own braces remain.
fn blank_out_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let keep = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        if rest.starts_with(&['/', '/']) {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if rest.starts_with(&['/', '*']) {
            while i < chars.len() && !chars[i..].starts_with(&['*', '/']) {
                out.push(keep(chars[i]));
                i += 1;
            }
            i += 2;
        } else if chars[i] == 'r' && matches!(rest.get(1), Some('"' | '#')) {
            let hashes = rest[1..].iter().take_while(|c| **c == '#').count();
            if rest.get(1 + hashes) != Some(&'"') {
                out.push('r');
                i += 1;
                continue;
            }
            i += 2 + hashes;
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while i < chars.len() && !chars[i..].starts_with(&close) {
                out.push(keep(chars[i]));
                i += 1;
            }
            i += close.len();
        } else if chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                out.push(keep(*chars.get(i).unwrap_or(&' ')));
                i += 1;
            }
            i += 1;
        } else if chars[i] == '\'' && is_char_literal(rest) {
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `'x'` and `'\n'` are characters; `'a` in `&'a str` is a lifetime.
fn is_char_literal(rest: &[char]) -> bool {
    matches!(rest, ['\'', '\\', ..] | ['\'', _, '\'', ..])
}
