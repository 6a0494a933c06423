//! master-plan.md and roadmap.md: structure, content, escaping, templates.

mod common;

use common::*;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

struct Documents {
    master: String,
    roadmap: String,
    plan: Value,
}

fn documents_of(folder: &Path) -> Documents {
    let (_out, country) = generate_one(folder);
    let read = |name: &str| std::fs::read_to_string(country.join(name)).unwrap();
    Documents {
        master: read("master-plan.md"),
        roadmap: read("roadmap.md"),
        plan: serde_json::from_str(&read("plan.json")).unwrap(),
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Headings of a level, as plain text.
fn headings(markdown: &str, level: HeadingLevel) -> Vec<String> {
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { level: l, .. }) if l == level => {
                current = Some(String::new())
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(l)) if l == level => found.extend(current.take()),
            _ => {}
        }
    }
    found
}

/// Every table: its header cells and rows, as plain text.
fn tables(markdown: &str) -> Vec<(Vec<String>, Vec<Vec<String>>)> {
    let mut tables = Vec::new();
    let mut header: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    let mut in_head = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Table(_)) => {
                header.clear();
                rows.clear();
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                header = std::mem::take(&mut row);
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.push(cell.take().unwrap_or_default()),
            Event::End(TagEnd::TableRow) if !in_head => rows.push(std::mem::take(&mut row)),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::Table) => tables.push((header.clone(), rows.clone())),
            _ => {}
        }
    }
    tables
}

/// GFM pads or drops cells silently, so check the source: every line of a
/// table has as many unescaped `|` as its header line.
fn assert_tables_well_formed(markdown: &str, name: &str) {
    let pipes = |line: &str| {
        let mut count = 0;
        let mut escaped = false;
        for c in line.chars() {
            if c == '|' && !escaped {
                count += 1;
            }
            escaped = c == '\\' && !escaped;
        }
        count
    };
    let mut expected: Option<usize> = None;
    let mut in_code = false;
    for (number, line) in markdown.lines().enumerate() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if in_code || !line.starts_with('|') {
            expected = None;
            continue;
        }
        match expected {
            None => expected = Some(pipes(line)),
            Some(n) => assert_eq!(
                pipes(line),
                n,
                "{name}:{}: ragged table row: {line}",
                number + 1
            ),
        }
    }
}

fn assert_reads_cleanly(markdown: &str, name: &str) {
    for bad in [
        "None",
        "null",
        "NaN",
        "{{",
        "{%",
        "{country}",
        "{lead}",
        "inf ",
    ] {
        assert!(!markdown.contains(bad), "{name} contains `{bad}`");
    }
    // No machine-length decimals: amounts and indices are rounded for people.
    for word in markdown.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
        if let Some((_, decimals)) = word.split_once('.') {
            assert!(decimals.len() <= 4, "{name}: unrounded number {word}");
        }
    }
    // No empty sections: every heading is followed by content before the next heading.
    let mut last_heading: Option<&str> = None;
    for line in markdown.lines().filter(|l| !l.trim().is_empty()) {
        if line.starts_with('#') {
            if let Some(previous) = last_heading {
                let nested = line.starts_with(
                    &"#".repeat(previous.chars().take_while(|c| *c == '#').count() + 1),
                );
                assert!(nested, "{name}: section `{previous}` is empty");
            }
            last_heading = Some(line);
        } else {
            last_heading = None;
        }
    }
}

#[test]
fn master_plans_have_every_chapter_in_order_and_clean_tables() {
    for name in SAMPLES {
        let docs = documents_of(&sample(name));
        let chapters = headings(&docs.master, HeadingLevel::H2);
        let expected: Vec<String> =
            std::iter::once(docs.plan["country"]["name"].as_str().unwrap().to_string())
                .chain(std::iter::once("Abbreviations".to_string()))
                .chain(CHAPTERS.iter().map(|c| c.to_string()))
                .collect();
        assert_eq!(chapters, expected, "{name}");
        assert_tables_well_formed(&docs.master, &format!("{name}/master-plan.md"));
        assert_tables_well_formed(&docs.roadmap, &format!("{name}/roadmap.md"));
        assert_reads_cleanly(&docs.master, &format!("{name}/master-plan.md"));
        assert_reads_cleanly(&docs.roadmap, &format!("{name}/roadmap.md"));
        for (header, rows) in tables(&docs.master)
            .iter()
            .chain(tables(&docs.roadmap).iter())
        {
            assert!(!rows.is_empty(), "{name}: table {header:?} has no rows");
        }
    }
}

#[test]
fn every_component_appears_in_both_documents() {
    for name in SAMPLES {
        let docs = documents_of(&sample(name));
        let profiles = headings(&docs.master, HeadingLevel::H3);
        for c in docs.plan["components"].as_array().unwrap() {
            let title = c["title"].as_str().unwrap();
            assert!(
                profiles.iter().any(|h| h == title),
                "{name}: no profile for {title}"
            );
            let in_roadmap = tables(&docs.roadmap).iter().any(|(header, rows)| {
                header[0] == "Component" && rows.iter().any(|r| r[0] == title)
            });
            assert!(
                in_roadmap,
                "{name}: {title} missing from the roadmap's phase tables"
            );
            assert!(
                docs.roadmap
                    .contains(&format!("    {title}").replace(':', " "))
                    || docs.roadmap.contains(title)
            );
        }
        for d in docs.plan["deferred"].as_array().unwrap() {
            assert!(
                docs.roadmap.contains(d["title"].as_str().unwrap()),
                "{name}: deferred item missing"
            );
        }
    }
}

#[test]
fn every_kpi_row_has_a_baseline_and_a_target_per_phase() {
    let docs = documents_of(&sample("rwanda"));
    // Each key result area has two tables: the figures (unit, baseline and
    // a target per phase), then where the baseline comes from and the owner.
    let kpi_tables: Vec<_> = tables(&docs.master)
        .into_iter()
        .filter(|(h, _)| h[0] == "KPI")
        .collect();
    let (figures, sources): (Vec<_>, Vec<_>) = kpi_tables
        .iter()
        .partition(|(header, _)| header[1] == "Unit");
    assert!(!figures.is_empty());
    assert_eq!(figures.len(), sources.len());
    let phases = docs.plan["phases"].as_array().unwrap().len();
    let mut rows = 0;
    for (header, body) in &figures {
        assert_eq!(header.len(), 3 + phases, "{header:?}");
        for row in body {
            rows += 1;
            assert!(!row[2].trim().is_empty(), "KPI {} has no baseline", row[0]);
            for target in &row[3..3 + phases] {
                assert!(!target.trim().is_empty(), "KPI {} lacks a target", row[0]);
            }
        }
    }
    assert_eq!(rows, docs.plan["kpis"].as_array().unwrap().len());
    let mut sourced = 0;
    for (header, body) in &sources {
        assert_eq!(header, &["KPI", "Baseline source", "Owner"]);
        for row in body {
            sourced += 1;
            assert!(
                !row[1].trim().is_empty(),
                "KPI {} has no baseline source",
                row[0]
            );
            assert!(!row[2].trim().is_empty(), "KPI {} has no owner", row[0]);
        }
    }
    assert_eq!(sourced, rows);
    // The index baselines carry their year.
    assert!(
        docs.master
            .contains("| E-Government Development Index | UN E-Government Survey 2024"),
        "EGDI baseline row"
    );
    assert!(
        docs.master.contains("| index, 0 to 1 | 0.5799 |"),
        "EGDI baseline"
    );
}

#[test]
fn roadmap_has_a_gantt_chart_and_a_text_timeline() {
    let docs = documents_of(&sample("lao-pdr"));
    assert!(docs.roadmap.contains("```mermaid\ngantt\n"));
    let tasks = docs
        .roadmap
        .lines()
        .filter(|l| l.starts_with("    ") && l.contains(" :20"))
        .count();
    assert_eq!(tasks, docs.plan["components"].as_array().unwrap().len());
    assert!(docs.roadmap.contains("```timeline\n"));
    assert!(docs.roadmap.contains("2027 2028 2029 2030 2031"));
    let milestones = tables(&docs.roadmap)
        .into_iter()
        .find(|(h, _)| h[0] == "When")
        .unwrap();
    assert_eq!(
        milestones.1.len(),
        docs.plan["components"].as_array().unwrap().len()
    );
    assert!(
        milestones.1.iter().all(|r| r[0].starts_with('Q')),
        "milestones dated by quarter"
    );
}

#[test]
fn two_countries_differ_in_substance() {
    let lao = documents_of(&sample("lao-pdr"));
    let korea = documents_of(&sample("republic-of-korea"));
    let section = |md: &str, from: &str, to: &str| -> String {
        let start = md.find(from).unwrap();
        let end = md[start..].find(to).unwrap() + start;
        md[start..end].to_string()
    };
    let decisions = |md: &str| -> Vec<String> {
        section(
            md,
            "### Decisions that matter most",
            "### Cost and financing",
        )
        .lines()
        .filter(|l| l.starts_with(char::is_numeric))
        .map(|l| l.replace("Lao PDR", "X").replace("Republic of Korea", "X"))
        .collect()
    };
    let (a, b) = (decisions(&lao.master), decisions(&korea.master));
    assert!(a.len() >= 3 && b.len() >= 3);
    let shared = a.iter().filter(|d| b.contains(d)).count();
    assert!(
        shared < a.len().min(b.len()) / 2 + 1,
        "executive summaries share {shared} decisions:\n{a:#?}\n{b:#?}"
    );
    let pillars = |md: &str| -> Vec<String> {
        section(md, "## 5. Strategic pillars", "## 6.")
            .lines()
            .filter(|l| l.starts_with("**"))
            .map(|l| l.split("**").nth(1).unwrap().to_string())
            .collect()
    };
    let (pa, pb) = (pillars(&lao.master), pillars(&korea.master));
    assert_ne!(pa, pb);
    assert!(pa.contains(&"Governing body and mandate for digital government".to_string()));
    assert!(!pb.contains(&"Governing body and mandate for digital government".to_string()));
    // Lao PDR's envelope binds and leaves a ranked pipeline; Korea states none.
    assert!(
        lao.master
            .contains("The funded programme fits the envelope of USD 85 million")
    );
    assert!(lao.master.contains("### Unfunded pipeline"));
    assert!(
        korea
            .master
            .contains("the profile states no budget envelope")
    );
    assert!(!korea.master.contains("### Unfunded pipeline"));
}

#[test]
fn names_with_markdown_characters_do_not_break_the_documents() {
    let odd = variant(
        "fiji",
        &[
            (
                "profile.toml",
                "name = \"Republic of Fiji\"",
                "name = \"Republic of *Fiji* | <Islands> #1\"",
            ),
            (
                "profile.toml",
                "short_name = \"Fiji\"",
                "short_name = \"Fiji_[test]\"",
            ),
            (
                "profile.toml",
                "lead_institution = \"Ministry of Communications\"",
                "lead_institution = \"Ministry of ICT | Comms & *Digital*\"",
            ),
        ],
    );
    let docs = documents_of(odd.path());
    let h2 = headings(&docs.master, HeadingLevel::H2);
    assert_eq!(h2[0], "Republic of *Fiji* | <Islands> #1");
    // The country, the list of abbreviations and the chapters.
    assert_eq!(h2.len(), 16);
    assert_tables_well_formed(&docs.master, "master-plan.md");
    assert_tables_well_formed(&docs.roadmap, "roadmap.md");
    let governance = tables(&docs.master)
        .into_iter()
        .find(|(h, _)| h[0] == "Body")
        .unwrap();
    assert!(
        governance
            .1
            .iter()
            .any(|r| r[1] == "The Ministry of ICT | Comms & *Digital*"),
        "{governance:?}"
    );
    let h1 = headings(&docs.roadmap, HeadingLevel::H1);
    assert_eq!(h1[0], "Fiji_[test]: digital government roadmap 2027-2031");
    // The Mermaid chart takes names without its own syntax characters.
    assert!(
        docs.roadmap
            .contains("title Fiji_[test] digital government roadmap 2027-2031")
    );
}

#[test]
fn documents_are_byte_identical_across_runs() {
    let first = documents_of(&sample("kenya"));
    let second = documents_of(&sample("kenya"));
    assert!(first.master == second.master);
    assert!(first.roadmap == second.roadmap);
}

#[test]
fn golden_lao_pdr() {
    let docs = documents_of(&sample("lao-pdr"));
    insta::assert_snapshot!("lao-pdr-master-plan", docs.master);
    insta::assert_snapshot!("lao-pdr-roadmap", docs.roadmap);
}

#[test]
fn golden_fiji() {
    let docs = documents_of(&sample("fiji"));
    insta::assert_snapshot!("fiji-master-plan", docs.master);
    insta::assert_snapshot!("fiji-roadmap", docs.roadmap);
}

#[test]
fn exported_templates_can_be_edited_and_used() {
    let dir = TempDir::new().unwrap();
    let templates = dir.path().join("my-templates");
    let output = dgplan(&["templates", "export", &templates.display().to_string()]);
    assert!(output.status.success(), "{}", stderr(&output));
    for name in ["master-plan.md", "roadmap.md", "macros.md"] {
        assert!(templates.join(name).exists(), "{name} not exported");
    }
    // Keep only an edited roadmap: the master plan falls back to the built-in.
    std::fs::remove_file(templates.join("master-plan.md")).unwrap();
    std::fs::remove_file(templates.join("macros.md")).unwrap();
    let roadmap = std::fs::read_to_string(templates.join("roadmap.md")).unwrap();
    std::fs::write(
        templates.join("roadmap.md"),
        roadmap.replace("## Milestones", "## Milestones agreed with the Ministry"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = generate_fiji_with(&templates, &out);
    assert!(output.status.success(), "{}", stderr(&output));
    let roadmap = std::fs::read_to_string(out.join("fji/roadmap.md")).unwrap();
    assert!(roadmap.contains("## Milestones agreed with the Ministry"));
    let master = std::fs::read_to_string(out.join("fji/master-plan.md")).unwrap();
    assert!(master.contains("## 1. Executive summary"));
}

fn generate_with_template(name: &str, text: &str) -> (std::process::Output, TempDir) {
    let dir = TempDir::new().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join(name), text).unwrap();
    let out = dir.path().join("out");
    let output = generate_fiji_with(&templates, &out);
    assert!(
        !out.join("fji").exists(),
        "files were written despite the template error"
    );
    (output, dir)
}

#[test]
fn template_syntax_errors_name_the_file_and_line() {
    let (output, _dir) = generate_with_template(
        "roadmap.md",
        "# Roadmap\n\nFine line\n{% if doc.country %}\nno end\n",
    );
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("templates/roadmap.md:6:1: template error: syntax error"),
        "{err}"
    );
    assert!(err.contains("is not closed"), "{err}");
}

#[test]
fn unknown_template_variables_name_the_file_and_line() {
    let (output, _dir) = generate_with_template(
        "roadmap.md",
        "# Roadmap\n\nCountry: {{ doc.country }}\nLead: {{ doc.leader }}\n",
    );
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("templates/roadmap.md:4:"), "{err}");
    assert!(err.contains("unknown variable `doc.leader`"), "{err}");
}

#[test]
fn templates_cannot_read_the_environment() {
    let (output, _dir) =
        generate_with_template("roadmap.md", "# Roadmap\n\n{{ get_env(name=\"HOME\") }}\n");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("templates cannot read the environment"),
        "{}",
        stderr(&output)
    );
}

/// Generates the Fiji sample into `out` with the templates of `templates`.
fn generate_fiji_with(templates: &Path, out: &Path) -> std::process::Output {
    dgplan(&[
        "generate",
        &sample("fiji").display().to_string(),
        "--out",
        &out.display().to_string(),
        "--templates",
        &templates.display().to_string(),
    ])
}
