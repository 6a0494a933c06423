//! The README's five-minute walk-through, run exactly as written: each `sh`
//! line is run by the shell with this build of dgplan first on PATH, and each
//! `toml` block marked `<!-- edit: FILE -->` is typed into FILE the way a
//! user would: a line whose key (commented out or not) matches is replaced.

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

    let dir = TempDir::new().unwrap();
    // The walk-through compares with a shipped sample.
    let samples = dir.path().join("samples");
    for name in SAMPLES {
        std::fs::create_dir_all(samples.join(name)).unwrap();
        for file in ["profile.toml", "readiness.toml"] {
            std::fs::copy(sample(name).join(file), samples.join(name).join(file)).unwrap();
        }
    }
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
