//! The README's commands, run exactly as written from an empty folder
//! outside the source tree: each `sh` line is run by the shell with this
//! build of dgplan first on PATH, and each `toml` block of the walk-through
//! marked `<!-- edit: FILE -->` is typed into FILE the way a user would: a
//! line whose key (commented out or not) matches is replaced. The excerpts
//! the README quotes from a generated plan are checked against the plan.

mod common;

use std::path::Path;

use common::*;
use tempfile::TempDir;

enum Step {
    Run(String),
    Edit { file: String, lines: Vec<String> },
}

fn walkthrough(readme: &str) -> Vec<Step> {
    let start = readme
        .find("<!-- walkthrough:start -->")
        .expect("README marks the start of the walk-through");
    let end = readme
        .find("<!-- walkthrough:end -->")
        .expect("README marks the end of the walk-through");
    let mut steps = Vec::new();
    for block in code_blocks(&readme[start..end]) {
        let lines = block
            .text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string);
        match block.kind.as_str() {
            "sh" => steps.extend(lines.map(Step::Run)),
            "toml" => steps.push(Step::Edit {
                file: block
                    .note
                    .as_deref()
                    .and_then(|n| n.strip_prefix("edit: "))
                    .expect("a toml block names its file in <!-- edit: FILE -->")
                    .to_string(),
                lines: lines.collect(),
            }),
            other => panic!("unexpected code block `{other}` in the walk-through"),
        }
    }
    steps
}

fn key_of(line: &str) -> Option<&str> {
    let line = line.strip_prefix("# ").unwrap_or(line);
    line.split_once(" = ").map(|(key, _)| key.trim())
}

fn edit(file: &Path, lines: &[String]) {
    let text = std::fs::read_to_string(file).unwrap();
    let mut out = String::new();
    let mut used = vec![false; lines.len()];
    for line in text.lines() {
        let replacement = key_of(line).and_then(|key| {
            lines
                .iter()
                .position(|l| key_of(l) == Some(key) && !key.contains(' '))
        });
        match replacement {
            Some(i) if !used[i] => {
                used[i] = true;
                out.push_str(&lines[i]);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    for (line, used) in lines.iter().zip(used) {
        assert!(
            used,
            "{}: no line for `{line}`; the README asks for a field the file does not list",
            file.display()
        );
    }
    std::fs::write(file, out).unwrap();
}

#[test]
fn the_readme_walkthrough_works_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let steps = walkthrough(&readme);
    assert!(steps.len() >= 8, "the walk-through has its steps");

    // A blank folder outside the source tree: the walk-through needs nothing
    // but dgplan itself (the sample it compares with is built in).
    let dir = empty_folder_outside_the_source_tree();
    for step in &steps {
        match step {
            Step::Run(command) => {
                shell_ok(dir.path(), command);
            }
            Step::Edit { file, lines } => edit(&dir.path().join(file), lines),
        }
    }
    assert!(dir.path().join("plans/ton/master-plan.pdf").exists());
    let comparison = std::fs::read_to_string(dir.path().join("comparison/comparison.md")).unwrap();
    assert!(comparison.contains("Fiji") && comparison.contains("Tonga"));
    let plan: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("plans/ton/plan.json")).unwrap(),
    )
    .unwrap();
    let leadership = plan["readiness"]["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "leadership")
        .unwrap();
    // (2/3 + 2/3 + 1/3 + 2/3) / 4 x 5
    assert_eq!(leadership["score"], 2.9);
    assert_eq!(
        leadership["source"],
        "assessment checklist, 4 of 4 questions answered"
    );
}

/// A new empty temporary folder, which the tests check is not inside the
/// source tree (where `samples/` would be at hand).
fn empty_folder_outside_the_source_tree() -> TempDir {
    let dir = TempDir::new().unwrap();
    let path = dir.path().canonicalize().unwrap();
    assert!(
        !path.starts_with(root().canonicalize().unwrap()),
        "{} is inside the source tree; set TMPDIR to a folder outside it",
        path.display()
    );
    assert_eq!(std::fs::read_dir(&path).unwrap().count(), 0);
    dir
}

/// The README's text from the heading `from` up to the heading `to`.
fn section<'a>(readme: &'a str, from: &str, to: &str) -> &'a str {
    let start = readme
        .find(&format!("\n{from}\n"))
        .unwrap_or_else(|| panic!("the README has a section `{from}`"));
    let end = readme[start..]
        .find(&format!("\n{to}\n"))
        .unwrap_or_else(|| panic!("the README has a section `{to}` after `{from}`"));
    &readme[start..start + end]
}

/// Runs every `sh` line of a README text in `dir`, in order.
fn run_commands(dir: &Path, text: &str) -> usize {
    let mut count = 0;
    for block in code_blocks(text).into_iter().filter(|b| b.kind == "sh") {
        for line in block.text.lines().filter(|l| !l.trim().is_empty()) {
            shell_ok(dir, line);
            count += 1;
        }
    }
    count
}

/// Text with every run of white space (line breaks included) made one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The quoted passages of a README text: each blockquote paragraph on one
/// line, cut at every `[...]` (where the README leaves text out).
fn quoted_passages(text: &str) -> Vec<String> {
    let mut paragraphs = vec![String::new()];
    for line in text.lines() {
        let Some(quoted) = line.strip_prefix('>') else {
            paragraphs.push(String::new());
            continue;
        };
        match quoted.trim() {
            "" => paragraphs.push(String::new()),
            words => {
                let paragraph = paragraphs.last_mut().unwrap();
                paragraph.push(' ');
                paragraph.push_str(words);
            }
        }
    }
    paragraphs
        .iter()
        .flat_map(|p| p.split("[...]").map(one_line).collect::<Vec<_>>())
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn quoted_passages_are_cut_at_ellipses_and_joined_across_lines() {
    let text = "From x:\n\n> ### Heading\n>\n> First line\n>   wraps here. [...]\n>\n> [...]\n> 3. An item\n> 4. Next\n> [...]\n\nAfter.\n";
    assert_eq!(
        quoted_passages(text),
        [
            "### Heading",
            "First line wraps here.",
            "3. An item 4. Next"
        ]
    );
}

#[test]
fn the_samples_section_works_from_a_blank_folder_and_quotes_the_real_plan() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let samples = section(&readme, "## The samples", "### The PDF");
    let documents = section(
        &readme,
        "### Changing the documents",
        "## Drafts from public data alone",
    );
    let dir = empty_folder_outside_the_source_tree();
    assert!(run_commands(dir.path(), samples) >= 2);
    assert!(run_commands(dir.path(), documents) >= 2);

    // "From `drafts/lao/master-plan.md` ...": the file the commands above wrote.
    let quoted_file = samples
        .split("From `")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .expect("the README says which file it quotes: From `FILE`");
    let plan = std::fs::read_to_string(dir.path().join(quoted_file)).unwrap_or_else(|e| {
        panic!("the README quotes {quoted_file}, which its commands do not write: {e}")
    });
    let plan = one_line(&plan);
    let passages = quoted_passages(samples);
    assert!(passages.len() >= 5, "{passages:?}");
    for passage in passages {
        assert!(
            plan.contains(&passage),
            "The README quotes a passage {quoted_file} does not hold; copy the current text into the README:\n{passage}"
        );
    }
}
