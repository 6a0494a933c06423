//! Two countries with different profiles must read differently because their
//! inputs differ. This measures how many main-text sentences two sample
//! plans share once names, numbers and dates are masked, and holds pairs
//! of very different samples to at most half.
//!
//! Run `bash bench/similarity.sh` to print the figure for every pair.

mod common;

use std::collections::BTreeSet;

use common::{generate_one, sample};

/// Pairs of samples whose profiles differ in readiness band, income, group
/// and hazards (an advanced economy against a developing country, a small
/// island state against a least developed country in Africa): their plans
/// may share at most half of their sentences.
const VERY_DIFFERENT: &[(&str, &str)] = &[
    ("fiji", "liberia"),
    ("fiji", "rwanda"),
    ("estonia", "lao-pdr"),
    ("estonia", "fiji"),
    ("estonia", "liberia"),
    ("estonia", "kenya"),
    ("republic-of-korea", "lao-pdr"),
    ("republic-of-korea", "fiji"),
    ("republic-of-korea", "rwanda"),
    ("republic-of-korea", "liberia"),
];

/// Pairs of developing countries in different groups (a small island state,
/// least developed countries, a large lower-middle-income country). They
/// share the foundations a low readiness calls for, so more of their text
/// is common; this limit keeps it from growing back.
const DIFFERENT_GROUPS: &[(&str, &str)] = &[
    ("fiji", "kenya"),
    ("fiji", "lao-pdr"),
    ("kenya", "lao-pdr"),
    ("kenya", "liberia"),
];

/// The limit the issue sets for very different profiles.
const MAX_SHARED: f64 = 0.5;
/// The limit for developing countries in different groups.
const MAX_SHARED_IN_BAND: f64 = 0.56;

const SAMPLES: &[&str] = &[
    "estonia",
    "fiji",
    "kenya",
    "lao-pdr",
    "liberia",
    "republic-of-korea",
    "rwanda",
];

struct Sentences {
    name: &'static str,
    set: BTreeSet<String>,
}

/// The master plan's main text, before the annexes, without tables,
/// headings, charts or code blocks, and without the questions to confirm:
/// like the table of foundations, they restate which facts the profile
/// leaves out, so two countries that leave out the same facts are asked the
/// same questions.
fn main_text(markdown: &str) -> String {
    let body = markdown
        .split("\n## Annex A")
        .next()
        .expect("split yields at least one part");
    let mut text = String::new();
    let mut in_code = false;
    let mut in_questions = false;
    for line in body.lines() {
        let line = line.trim();
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if line.starts_with('#') {
            in_questions = line == "### Questions to confirm";
        }
        if in_code
            || in_questions
            || line.starts_with('|')
            || line.starts_with('#')
            || line.starts_with("![")
            || line.starts_with('<')
        {
            continue;
        }
        text.push_str(line.trim_start_matches(['-', '*', '>', ' ']));
        text.push(' ');
    }
    text
}

/// Replaces the names the plan was given and every number by a marker, so
/// that only the reasoning and the wording are compared.
fn mask(text: &str, names: &[String]) -> String {
    let mut masked = text.replace(['*', '_', '`'], "");
    let mut names: Vec<&String> = names.iter().filter(|n| !n.is_empty()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for name in names {
        masked = masked.replace(name.as_str(), "NAME");
    }
    for month in (1..=12).map(dgplan::words::month_name) {
        masked = masked.replace(month, "MONTH");
    }
    let chars: Vec<char> = masked.chars().collect();
    let mut out = String::with_capacity(masked.len());
    let mut in_number = false;
    for (i, &ch) in chars.iter().enumerate() {
        let inside_number = in_number
            && matches!(ch, '.' | ',')
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if ch.is_ascii_digit() {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else if !inside_number {
            // A separator inside a number like 1,234.5 is part of it.
            in_number = false;
            out.push(ch);
        }
    }
    out
}

fn sentences(text: &str) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        current.push(ch);
        let ends =
            matches!(ch, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|c| c.is_whitespace());
        if ends {
            push_sentence(&mut set, &current);
            current.clear();
        }
    }
    push_sentence(&mut set, &current);
    set
}

fn push_sentence(set: &mut BTreeSet<String>, sentence: &str) {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    // Fragments such as "Q# #:" or a lone name say nothing about reasoning.
    if words.len() >= 4 {
        set.insert(words.join(" "));
    }
}

fn plan_sentences(name: &'static str) -> Sentences {
    let (_out, folder) = generate_one(&sample(name));
    let markdown = std::fs::read_to_string(folder.join("master-plan.md")).unwrap();
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("plan.json")).unwrap()).unwrap();
    Sentences {
        name,
        set: sentences(&mask(&main_text(&markdown), &names_of(&plan))),
    }
}

/// Names that differ between countries by definition: the country, its
/// institutions and named systems.
fn names_of(plan: &serde_json::Value) -> Vec<String> {
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let mut names = Vec::new();
    for key in ["name", "short_name", "display_name"] {
        names.extend(text(&plan["country"][key]));
    }
    for key in [
        "lead_institution",
        "lead_short",
        "sponsor",
        "national_strategy",
    ] {
        names.extend(text(&plan["settings"][key]));
    }
    if let Some(list) = plan["in_place"].as_array() {
        names.extend(list.iter().filter_map(|c| text(&c["name"])));
    }
    names
}

/// Share of the smaller plan's sentences that the other plan also has.
fn shared(a: &Sentences, b: &Sentences) -> f64 {
    let common = a.set.intersection(&b.set).count();
    common as f64 / a.set.len().min(b.set.len()).max(1) as f64
}

fn all_plans() -> Vec<Sentences> {
    SAMPLES.iter().map(|s| plan_sentences(s)).collect()
}

#[test]
fn plans_for_different_countries_read_differently() {
    let plans = all_plans();
    let find = |name: &str| plans.iter().find(|p| p.name == name);
    let mut report = String::new();
    let mut too_similar = Vec::new();
    for a in 0..plans.len() {
        for b in a + 1..plans.len() {
            let share = shared(&plans[a], &plans[b]);
            report.push_str(&format!(
                "{:>18} {:>18}  {:>3.0}% of {} / {} sentences\n",
                plans[a].name,
                plans[b].name,
                share * 100.0,
                plans[a].set.len(),
                plans[b].set.len()
            ));
        }
    }
    println!("{report}");
    // `SHOW_SHARED=fiji,kenya` lists the sentences two plans share.
    if let Ok(pair) = std::env::var("SHOW_SHARED")
        && let Some((x, y)) = pair.split_once(',')
        && let (Some(a), Some(b)) = (find(x), find(y))
    {
        for sentence in a.set.intersection(&b.set) {
            println!("  {sentence}");
        }
    }
    let limits = VERY_DIFFERENT.iter().map(|pair| (pair, MAX_SHARED)).chain(
        DIFFERENT_GROUPS
            .iter()
            .map(|pair| (pair, MAX_SHARED_IN_BAND)),
    );
    for ((x, y), limit) in limits {
        let (Some(a), Some(b)) = (find(x), find(y)) else {
            panic!("sample {x} or {y} is missing");
        };
        let share = shared(a, b);
        if share > limit {
            too_similar.push(format!(
                "{x} / {y}: {:.0}% (limit {:.0}%)",
                share * 100.0,
                limit * 100.0
            ));
        }
    }
    assert!(
        too_similar.is_empty(),
        "plans for different countries share too many sentences:\n{}\n\n{report}",
        too_similar.join("\n")
    );
}

#[test]
fn masking_hides_names_and_numbers_but_keeps_the_words() {
    let text = mask(
        "Fiji spends USD 12.5 million by March 2029.",
        &["Fiji".to_string()],
    );
    assert_eq!(text, "NAME spends USD # million by MONTH #.");
    let set = sentences("One two three four. Five six seven: eight nine. Ten.");
    assert_eq!(set.len(), 2, "{set:?}");
}

#[test]
fn main_text_stops_at_the_annexes_and_skips_tables() {
    let text =
        main_text("Intro text here.\n| a | b |\n## 1. Heading\nBody.\n## Annex A. X\nAnnex.");
    assert!(text.contains("Intro text here."));
    assert!(text.contains("Body."));
    assert!(!text.contains("Annex."));
    assert!(!text.contains("| a |"));
}
