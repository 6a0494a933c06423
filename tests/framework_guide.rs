//! docs/framework-guide.md, carried out as written: its shell lines are run
//! in order with this build of dgplan first on PATH, and each TOML block
//! marked `<!-- guide:FILE -->` is added to the end of my-framework/FILE.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;
use tempfile::TempDir;

enum Step {
    Run(String),
    Append { file: String, text: String },
}

fn steps(guide: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    for block in code_blocks(guide) {
        let target = block.note.as_deref().and_then(|n| n.strip_prefix("guide:"));
        match (block.kind.as_str(), target) {
            ("sh", _) => steps.extend(
                block
                    .text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| Step::Run(l.to_string())),
            ),
            ("toml", Some(file)) => steps.push(Step::Append {
                file: file.to_string(),
                text: block.text,
            }),
            _ => {} // examples to read, not to run
        }
    }
    steps
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn the_worked_example_in_the_framework_guide_works() {
    let guide = std::fs::read_to_string(root().join("docs/framework-guide.md")).unwrap();
    let steps = steps(&guide);
    assert!(
        steps.iter().any(|s| matches!(s, Step::Append { .. })),
        "the guide adds to the framework"
    );
    let dir = TempDir::new().unwrap();
    copy_dir(&root().join("frameworks"), &dir.path().join("frameworks"));
    copy_dir(&root().join("samples"), &dir.path().join("samples"));

    let mut last = String::new();
    for step in &steps {
        match step {
            Step::Run(command) => last = shell_ok(dir.path(), command),
            Step::Append { file, text } => {
                let path = dir.path().join("my-framework").join(file);
                let mut content = std::fs::read_to_string(&path).unwrap();
                content.push('\n');
                content.push_str(text);
                std::fs::write(path, content).unwrap();
            }
        }
    }

    // What the guide says the reader will see.
    let check = shell_ok(dir.path(), "dgplan check --framework my-framework");
    assert!(check.contains("76 components, 114 rules"), "{check}");
    let plan: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("plans/fji/plan.json")).unwrap(),
    )
    .unwrap();
    let fisheries = selected(&plan, "fisheries-licensing").expect("Fiji gets the new component");
    // Funded under the services pillar, or waiting for money, ranked.
    match fisheries.get("cause") {
        Some(cause) => assert_eq!(cause, "funding"),
        None => assert_eq!(fisheries["pillar"], "services"),
    }
    assert_eq!(fisheries["because"][0]["rule"], "fisheries-sector");
    assert!(
        fisheries["because"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Fiji names fisheries as a priority sector")
    );
    let master = std::fs::read_to_string(dir.path().join("plans/fji/master-plan.md")).unwrap();
    assert!(master.contains("Online fisheries licensing and catch reporting"));
    // The last command of the guide is explain for Fiji.
    assert!(last.contains("rule `fisheries-sector`"), "{last}");
    assert!(last.contains("fisheries"), "{last}");
    assert!(
        last.contains("`payment-gateway`") || last.contains("`digital-id`"),
        "{last}"
    );

    let lao = shell_ok(
        dir.path(),
        "dgplan explain samples/lao-pdr fisheries-licensing --framework my-framework",
    );
    assert!(lao.contains("Not in the plan"), "{lao}");
    assert!(lao.contains("`fisheries-sector`"), "{lao}");

    // The mistake the guide shows is reported as the guide says.
    let components = dir.path().join("my-framework/components.toml");
    let content = std::fs::read_to_string(&components).unwrap();
    std::fs::write(
        &components,
        content.replacen(
            "requires = [\"payment-gateway\", \"digital-id\"]\nduration_months = 12\nlevel",
            "requires = [\"payment-gateways\", \"digital-id\"]\nduration_months = 12\nlevel",
            1,
        ),
    )
    .unwrap();
    let mistake = shell(dir.path(), "dgplan check --framework my-framework");
    assert_eq!(mistake.status.code(), Some(1));
    let message = text(&mistake);
    assert!(
        message.contains("my-framework/components.toml:"),
        "{message}"
    );
    assert!(
        message.contains("unknown component `payment-gateways`"),
        "{message}"
    );
    assert!(
        message.contains("did you mean `payment-gateway`?"),
        "{message}"
    );
}
