//! Helpers shared by the integration tests: they run the real `dgplan`
//! binary on fixture folders, as a user would.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

/// A fixed date so that outputs are reproducible.
pub const EPOCH: &str = "1798502400"; // 2026-12-29

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name)
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}

pub fn dgplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dgplan"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("NO_COLOR")
        .output()
        .expect("the dgplan binary runs")
}

/// `dgplan` run from `dir`, as a user in that folder would, without colour.
pub fn dgplan_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dgplan"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("NO_COLOR", "1")
        .output()
        .expect("the dgplan binary runs")
}

/// `dgplan compare INPUTS --out OUT`.
pub fn compare(inputs: &[&Path], out: &Path) -> Output {
    let mut args: Vec<String> = vec!["compare".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.push("--out".into());
    args.push(out.display().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    dgplan(&args)
}

/// The text of one chapter (from its heading to the next `## `).
pub fn chapter<'a>(markdown: &'a str, heading: &str) -> &'a str {
    let start = markdown
        .find(&format!("## {heading}"))
        .unwrap_or_else(|| panic!("no chapter {heading}"));
    let rest = &markdown[start + 3..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

pub fn generate(folders: &[&Path], out: &Path) -> Output {
    let mut args: Vec<String> = vec!["generate".into()];
    args.extend(folders.iter().map(|f| f.display().to_string()));
    args.push("--out".into());
    args.push(out.display().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    dgplan(&args)
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Generates one folder and returns its plan.json.
/// Generates one country folder into a fresh temporary folder, requiring
/// success; returns the temporary folder (keep it alive) and the country's
/// output folder inside it.
pub fn generate_one(folder: &Path) -> (TempDir, PathBuf) {
    let out = TempDir::new().unwrap();
    let output = generate(&[folder], out.path());
    assert!(
        output.status.success(),
        "generation failed:\n{}",
        stderr(&output)
    );
    let country = country_folder(out.path());
    (out, country)
}

/// The one country folder a run wrote into `out`.
pub fn country_folder(out: &Path) -> PathBuf {
    std::fs::read_dir(out)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
}

pub fn plan_of(folder: &Path) -> Value {
    let (_out, country) = generate_one(folder);
    serde_json::from_str(&std::fs::read_to_string(country.join("plan.json")).unwrap()).unwrap()
}

/// A copy of a sample with text replaced in its files: `(file, from, to)`.
pub fn variant(sample_name: &str, edits: &[(&str, &str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for file in ["profile.toml", "readiness.toml"] {
        let mut text = std::fs::read_to_string(sample(sample_name).join(file)).unwrap();
        for (target, from, to) in edits {
            if *target == file {
                assert!(
                    text.contains(from),
                    "{file} of {sample_name} has no `{from}`"
                );
                text = text.replace(from, to);
            }
        }
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    dir
}

pub fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_string())
        .collect()
}

pub fn component<'a>(plan: &'a Value, id: &str) -> Option<&'a Value> {
    plan["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
}

/// A component the plan selected: in the funded programme or left out of
/// it (for money, time or a prerequisite).
pub fn selected<'a>(plan: &'a Value, id: &str) -> Option<&'a Value> {
    component(plan, id).or_else(|| {
        plan["deferred"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
    })
}

pub const SAMPLES: [&str; 5] = ["lao-pdr", "rwanda", "fiji", "kenya", "republic-of-korea"];

/// The default framework with one file edited.
pub fn framework_with(file: &str, from: &str, to: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    for entry in std::fs::read_dir(root().join("frameworks/default")).unwrap() {
        let entry = entry.unwrap();
        // The translations, in fr/ and es/, are not framework files.
        if entry.path().is_dir() {
            continue;
        }
        let mut text = std::fs::read_to_string(entry.path()).unwrap();
        if entry.file_name() == file {
            assert!(text.contains(from), "{file} has no `{from}`");
            text = text.replacen(from, to, 1);
        }
        std::fs::write(dir.path().join(entry.file_name()), text).unwrap();
    }
    dir
}

/// The master plan's chapter headings, in order.
pub const CHAPTERS: [&str; 14] = [
    "1. Executive summary",
    "2. National context and alignment",
    "3. Readiness analysis",
    "4. Vision, goals and guiding principles",
    "5. Strategic pillars and programmes",
    "6. Whole-of-government governance",
    "7. Enablers",
    "8. Implementation roadmap summary",
    "9. Costing and financing",
    "10. Monitoring and evaluation",
    "11. Risks and mitigations",
    "Annex A. Component profiles",
    "Annex B. Assumptions and method",
    "Annex C. How the plan was derived",
];

/// Runs a command line as a user types it, in `dir`, with this build of
/// dgplan first on PATH: for the README and the guides, run as written.
pub fn shell(dir: &Path, command: &str) -> Output {
    let binary = Path::new(env!("CARGO_BIN_EXE_dgplan"));
    Command::new("sh")
        .args(["-c", command])
        .current_dir(dir)
        .env(
            "PATH",
            format!(
                "{}:{}",
                binary.parent().unwrap().display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("the shell runs")
}

/// A fenced code block of a Markdown document, with the HTML comment that
/// stands on the line before it, if any (such as `edit: tonga/profile.toml`).
pub struct CodeBlock {
    pub kind: String,
    pub note: Option<String>,
    pub text: String,
}

/// The fenced code blocks of a Markdown document, in order.
pub fn code_blocks(markdown: &str) -> Vec<CodeBlock> {
    let mut blocks = Vec::new();
    let mut previous = "";
    let mut open: Option<CodeBlock> = None;
    for line in markdown.lines() {
        match open.as_mut() {
            Some(_) if line.starts_with("```") => blocks.extend(open.take()),
            Some(block) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            None => {
                if let Some(kind) = line.strip_prefix("```") {
                    open = Some(CodeBlock {
                        kind: kind.to_string(),
                        note: previous
                            .strip_prefix("<!-- ")
                            .and_then(|l| l.strip_suffix(" -->"))
                            .map(str::to_string),
                        text: String::new(),
                    });
                }
            }
        }
        previous = line;
    }
    blocks
}

/// Runs a command line with [`shell`], requires it to succeed, and returns
/// what it printed (stdout, then stderr).
pub fn shell_ok(dir: &Path, command: &str) -> String {
    let output = shell(dir, command);
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "`{command}` failed:\n{printed}");
    printed
}
