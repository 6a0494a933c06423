//! Issue 17: charts a ministry can print without words printed over bars,
//! lines or each other, and a list of the abbreviations the plan uses.
//!
//! The chart tests read the charts' draw lists (the same `Picture` the PDF
//! and the SVG files are made from) for every sample, with its envelope
//! scaled from 0.3 to 3 times, as `generate --budget-scale` does.
//!
//! A text's box: from its anchor across its measured width, and from 0.75
//! of its size above the baseline (capitals and ascenders) to 0.2 of its
//! size below it (descenders). What may collide with it:
//! - a mark: a rectangle or closed shape filled with a dark colour (a bar,
//!   a milestone, a swatch). A pale fill (a phase band, the radar's score
//!   area) is a background that text may sit on;
//! - a line: a segment of a line or of a shape's outline, unless a white
//!   rectangle drawn after the line and before the text covers the text's
//!   box (a label set on a white ground, as on a map);
//! - another text's box.

mod common;

use common::*;
use dgplan::render::draw::{Draw, Picture, Rgb};
use dgplan::render::fonts::Fonts;
use dgplan::render::layout::extent;

const SAMPLES: [&str; 7] = [
    "estonia",
    "fiji",
    "kenya",
    "lao-pdr",
    "liberia",
    "republic-of-korea",
    "rwanda",
];
const SCALES: [f64; 7] = [0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0];

#[derive(Debug, Clone, Copy)]
struct Box2 {
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
}

impl Box2 {
    fn overlaps(&self, other: &Box2) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    fn covers(&self, other: &Box2) -> bool {
        self.left <= other.left
            && self.right >= other.right
            && self.top <= other.top
            && self.bottom >= other.bottom
    }

    /// Whether the segment from `a` to `b` passes through the box's inside.
    fn crossed_by(&self, a: (f32, f32), b: (f32, f32)) -> bool {
        // Clip the segment's parameter range to each slab in turn.
        let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
        for (start, delta, low, high) in [
            (a.0, b.0 - a.0, self.left, self.right),
            (a.1, b.1 - a.1, self.top, self.bottom),
        ] {
            if delta.abs() < 1e-6 {
                if start <= low || start >= high {
                    return false;
                }
                continue;
            }
            let (mut u0, mut u1) = ((low - start) / delta, (high - start) / delta);
            if u0 > u1 {
                std::mem::swap(&mut u0, &mut u1);
            }
            t0 = t0.max(u0);
            t1 = t1.min(u1);
            if t0 >= t1 {
                return false;
            }
        }
        true
    }
}

fn text_box(fonts: &Fonts, draw: &Draw) -> Option<Box2> {
    let Draw::Text { y, size, .. } = draw else {
        return None;
    };
    let (left, right) = extent(fonts, draw);
    Some(Box2 {
        left,
        right,
        top: y - 0.75 * size,
        bottom: y + 0.2 * size,
    })
}

fn is_pale(color: Rgb) -> bool {
    0.2126 * color.0 + 0.7152 * color.1 + 0.0722 * color.2 >= 0.8
}

fn is_white(color: Rgb) -> bool {
    color.0 > 0.99 && color.1 > 0.99 && color.2 > 0.99
}

fn bounds(points: &[(f32, f32)]) -> Box2 {
    points.iter().fold(
        Box2 {
            left: f32::MAX,
            top: f32::MAX,
            right: f32::MIN,
            bottom: f32::MIN,
        },
        |b, (x, y)| Box2 {
            left: b.left.min(*x),
            top: b.top.min(*y),
            right: b.right.max(*x),
            bottom: b.bottom.max(*y),
        },
    )
}

/// A dark filled mark's box.
fn mark_box(draw: &Draw) -> Option<Box2> {
    match draw {
        Draw::Rect {
            x,
            y,
            w,
            h,
            fill: Some(fill),
            ..
        } if !is_pale(*fill) => Some(Box2 {
            left: *x,
            top: *y,
            right: x + w,
            bottom: y + h,
        }),
        Draw::Polygon {
            points,
            fill: Some(fill),
            ..
        } if !is_pale(*fill) => Some(bounds(points)),
        _ => None,
    }
}

/// The segments a drawing strokes.
fn segments(draw: &Draw) -> Vec<((f32, f32), (f32, f32))> {
    match draw {
        Draw::Line { points, .. } => points.windows(2).map(|w| (w[0], w[1])).collect(),
        Draw::Polygon {
            points,
            stroke: Some(_),
            ..
        } => {
            let mut closed = points.clone();
            closed.push(points[0]);
            closed.windows(2).map(|w| (w[0], w[1])).collect()
        }
        _ => Vec::new(),
    }
}

/// A white rectangle drawn between `from` and `to` that covers `text`.
fn knocked_out(draws: &[Draw], from: usize, to: usize, text: &Box2) -> bool {
    draws[from + 1..to].iter().any(|d| match d {
        Draw::Rect {
            x,
            y,
            w,
            h,
            fill: Some(fill),
            ..
        } if is_white(*fill) => Box2 {
            left: *x,
            top: *y,
            right: x + w,
            bottom: y + h,
        }
        .covers(text),
        _ => false,
    })
}

/// Every collision in a picture, described for the failure message.
fn collisions(fonts: &Fonts, picture: &Picture) -> Vec<String> {
    let draws = &picture.draws;
    let mut found = Vec::new();
    let texts: Vec<(usize, Box2, &Draw)> = draws
        .iter()
        .enumerate()
        .filter_map(|(i, d)| text_box(fonts, d).map(|b| (i, b, d)))
        .collect();
    for (k, (i, tb, td)) in texts.iter().enumerate() {
        let name = match td {
            Draw::Text { text, .. } => text.as_str(),
            _ => "",
        };
        if tb.left < -0.5
            || tb.right > picture.width + 0.5
            || tb.top < 0.0
            || tb.bottom > picture.height
        {
            found.push(format!("{name:?} runs outside the picture"));
        }
        for (_, other, od) in &texts[k + 1..] {
            if tb.overlaps(other) {
                found.push(format!("{name:?} overlaps text {od:?}"));
            }
        }
        for (j, d) in draws.iter().enumerate() {
            if mark_box(d).is_some_and(|mark| tb.overlaps(&mark)) {
                found.push(format!("{name:?} overlaps the mark {d:?}"));
            }
            let crossing = segments(d).iter().any(|(a, b)| tb.crossed_by(*a, *b));
            if crossing && !(j < *i && knocked_out(draws, j, *i, tb)) {
                found.push(format!("{name:?} is struck through by {d:?}"));
            }
        }
    }
    found
}

/// Every sample's plan at every envelope scale.
fn plans() -> Vec<(String, dgplan::plan::Plan)> {
    let framework = dgplan::framework::Framework::builtin().unwrap();
    let mut plans = Vec::new();
    for name in SAMPLES {
        let input = dgplan::input::load_country(&sample(name), &framework).unwrap();
        for scale in SCALES {
            let mut scaled = input.clone();
            scaled.plan.budget_scale = scale;
            let plan = dgplan::engine::build_plan(&scaled, &framework, "2026-12-29");
            plans.push((format!("{name} at {scale}x"), plan));
        }
    }
    plans
}

/// Every UN Member State's plan drafted from public data, as
/// `generate --all-egdi` drafts them.
fn member_state_plans() -> Vec<(String, dgplan::plan::Plan)> {
    let framework = dgplan::framework::Framework::builtin().unwrap();
    let (sources, _) = dgplan::pipeline::member_state_drafts(&framework, "2026-12-29");
    sources
        .iter()
        .map(|source| {
            let input = source.load(&framework).unwrap();
            let plan = dgplan::engine::build_plan(&input, &framework, "2026-12-29");
            (source.label(), plan)
        })
        .collect()
}

#[test]
fn no_chart_of_a_member_state_draft_has_a_collision_or_a_cut_title() {
    let fonts = Fonts::load().unwrap();
    let mut failures = Vec::new();
    for (name, plan) in member_state_plans() {
        for chart in [
            dgplan::render::charts::costs,
            dgplan::render::charts::roadmap,
            dgplan::render::charts::readiness,
        ] {
            let picture = chart(&plan, &fonts);
            for problem in collisions(&fonts, &picture) {
                failures.push(format!("{name}: {problem}"));
            }
            for draw in &picture.draws {
                if let Draw::Text { text, .. } = draw
                    && text.contains('…')
                {
                    failures.push(format!("{name}: a cut label {text:?}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems, first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(12)].join("\n")
    );
}

fn assert_no_collisions(chart: fn(&dgplan::plan::Plan, &Fonts) -> Picture) {
    let fonts = Fonts::load().unwrap();
    let mut failures = Vec::new();
    for (name, plan) in plans() {
        for problem in collisions(&fonts, &chart(&plan, &fonts)) {
            failures.push(format!("{name}: {problem}"));
        }
    }
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} collisions, first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(12)].join("\n")
    );
}

#[test]
fn no_label_of_the_cost_chart_collides_with_a_bar_a_line_or_another_label() {
    assert_no_collisions(dgplan::render::charts::costs);
}

#[test]
fn no_label_of_the_roadmap_collides_with_a_bar_a_line_or_another_label() {
    assert_no_collisions(dgplan::render::charts::roadmap);
}

#[test]
fn no_label_of_the_smaller_readiness_chart_of_the_brief_collides() {
    fn small(plan: &dgplan::plan::Plan, fonts: &Fonts) -> Picture {
        dgplan::render::charts::readiness_of_height(plan, fonts, 280.0)
    }
    assert_no_collisions(small);
}

#[test]
fn no_label_of_the_readiness_chart_collides_with_a_line_or_another_label() {
    assert_no_collisions(dgplan::render::charts::readiness);
}

#[test]
fn the_collision_check_sees_a_label_struck_through_and_a_label_on_a_bar() {
    let fonts = Fonts::load().unwrap();
    let label = Draw::text(
        10.0,
        20.0,
        7.0,
        dgplan::render::draw::Face::Sans,
        Rgb(0.0, 0.0, 0.0),
        "3.6",
    );
    let struck = Picture {
        width: 100.0,
        height: 100.0,
        draws: vec![
            label.clone(),
            Draw::line((0.0, 18.0), (100.0, 18.0), Rgb(1.0, 0.0, 0.0), 1.0),
        ],
    };
    assert_eq!(collisions(&fonts, &struck).len(), 1);
    let on_bar = Picture {
        width: 100.0,
        height: 100.0,
        draws: vec![
            Draw::fill(5.0, 18.0, 30.0, 50.0, Rgb(0.1, 0.2, 0.4)),
            label.clone(),
        ],
    };
    assert_eq!(collisions(&fonts, &on_bar).len(), 1);
    let clear = Picture {
        width: 100.0,
        height: 100.0,
        draws: vec![Draw::fill(5.0, 22.0, 30.0, 50.0, Rgb(0.1, 0.2, 0.4)), label],
    };
    assert!(collisions(&fonts, &clear).is_empty());
}

#[test]
fn every_component_of_the_roadmap_is_named_whole() {
    let fonts = Fonts::load().unwrap();
    let framework = dgplan::framework::Framework::builtin().unwrap();
    for name in SAMPLES {
        let input = dgplan::input::load_country(&sample(name), &framework).unwrap();
        let plan = dgplan::engine::build_plan(&input, &framework, "2026-12-29");
        let picture = dgplan::render::charts::roadmap(&plan, &fonts);
        let texts: Vec<&str> = picture
            .draws
            .iter()
            .filter_map(|d| match d {
                Draw::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        let joined = texts.join(" ");
        for text in &texts {
            assert!(
                !text.contains('…') && !text.contains("..."),
                "{name}: a cut label {text:?}"
            );
        }
        for component in &plan.components {
            assert!(
                joined.contains(&component.title),
                "{name}: {:?} is not named whole in the roadmap",
                component.title
            );
        }
    }
}

// The list of abbreviations.

/// The rows of the master plan's list of abbreviations, as (term, meaning).
fn abbreviations(markdown: &str) -> Vec<(String, String)> {
    chapter(markdown, "Abbreviations")
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Abbreviation"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            (cells[0].to_string(), cells[1].to_string())
        })
        .collect()
}

/// The document without its list of abbreviations.
fn outside_the_list(markdown: &str) -> String {
    let list = chapter(markdown, "Abbreviations");
    markdown.replacen(list, "", 1)
}

/// The words of a text, split at every character that is not a letter or
/// a digit ("CERT-EE" is two words, as a reader sees it).
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

fn uses(text: &str, term: &str) -> bool {
    words(text)
        .iter()
        .any(|w| *w == term || w.strip_suffix('s') == Some(term))
}

fn generated(names: &[&str]) -> (tempfile::TempDir, Vec<String>) {
    let out = tempfile::tempdir().unwrap();
    let folders: Vec<std::path::PathBuf> = names.iter().map(|n| sample(n)).collect();
    let folders: Vec<&std::path::Path> = folders.iter().map(|f| f.as_path()).collect();
    let run = generate(&folders, out.path());
    assert!(run.status.success(), "{}", stderr(&run));
    let mut documents = Vec::new();
    for name in names {
        let iso = match *name {
            "lao-pdr" => "lao",
            "republic-of-korea" => "kor",
            "estonia" => "est",
            "fiji" => "fji",
            "kenya" => "ken",
            "liberia" => "lbr",
            "rwanda" => "rwa",
            other => panic!("no code for {other}"),
        };
        let md = std::fs::read_to_string(out.path().join(iso).join("master-plan.md")).unwrap();
        documents.push(md);
    }
    (out, documents)
}

#[test]
fn the_list_of_abbreviations_names_the_terms_a_plan_uses_and_no_other() {
    let (_out, docs) = generated(&["fiji", "kenya"]);
    let glossary: toml::Value = toml::from_str(
        &std::fs::read_to_string(root().join("frameworks/default/glossary.toml")).unwrap(),
    )
    .unwrap();
    let terms: Vec<&str> = glossary["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["abbreviation"].as_str().unwrap())
        .collect();
    for doc in &docs {
        let listed = abbreviations(doc);
        let text = outside_the_list(doc);
        let names: Vec<&str> = listed.iter().map(|(t, _)| t.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "in alphabetical order");
        for term in &terms {
            let meanings_use = listed.iter().any(|(_, m)| uses(m, term));
            assert_eq!(
                names.contains(term),
                uses(&text, term) || meanings_use,
                "{term}: listed exactly when the document uses it"
            );
        }
        assert!(listed.iter().all(|(_, m)| !m.is_empty()));
    }
    // Fiji is an upper-middle-income small island state; Kenya is a
    // lower-middle-income country and not an island state's plan.
    let fiji: Vec<String> = abbreviations(&docs[0])
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let kenya: Vec<String> = abbreviations(&docs[1])
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert!(fiji.contains(&"UMIC".to_string()), "{fiji:?}");
    assert!(!kenya.contains(&"UMIC".to_string()), "{kenya:?}");
    assert!(kenya.contains(&"LMIC".to_string()), "{kenya:?}");
    assert!(docs[0].contains("| KPI | key performance indicator |"));
}

/// All-caps words of two to six letters or digits that are not
/// abbreviations a reader needs explained: roman numerals, quarter labels
/// (Q1-Q4), the recommendations' numbers (R1-R7), and parts of names the
/// profile gives as written ("Lao PDR", "the ARREST Agenda", "CERT-EE").
const NOT_ABBREVIATIONS: [&str; 12] = [
    "II", "III", "IV", "VI", "VII", "Q1", "Q2", "Q3", "Q4", "PDR", "ARREST", "EE",
];

fn deliberately_excluded(word: &str) -> bool {
    NOT_ABBREVIATIONS.contains(&word)
        || (word.len() == 2 && word.starts_with('R') && word[1..].parse::<u8>().is_ok())
}

#[test]
fn every_abbreviation_in_a_sample_plan_is_listed_or_deliberately_excluded() {
    let (_out, docs) = generated(&SAMPLES);
    for (name, doc) in SAMPLES.iter().zip(&docs) {
        let listed: Vec<String> = abbreviations(doc).into_iter().map(|(t, _)| t).collect();
        for word in words(&outside_the_list(doc)) {
            let bare = word.strip_suffix('s').unwrap_or(word);
            let capitals = bare.chars().filter(char::is_ascii_uppercase).count();
            let all_caps = bare
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if !(2..=6).contains(&bare.len())
                || capitals == 0
                || !all_caps
                || bare.chars().next().unwrap().is_ascii_digit()
            {
                continue;
            }
            assert!(
                listed.iter().any(|t| t == bare) || deliberately_excluded(bare),
                "{name}: {word} is neither in the list of abbreviations nor excluded"
            );
        }
    }
}

#[test]
fn a_glossary_that_lists_an_abbreviation_twice_is_refused_where_it_is_written() {
    let framework = framework_with(
        "glossary.toml",
        "abbreviation = \"CIO\"",
        "abbreviation = \"CERT\"",
    );
    let output = dgplan(&[
        "check",
        "--framework",
        &framework.path().display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("duplicate abbreviation `CERT`"), "{err}");
    // The second listing, by line and column, pointing at the first.
    let text = std::fs::read_to_string(framework.path().join("glossary.toml")).unwrap();
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("\"CERT\""))
        .nth(1)
        .unwrap()
        .0
        + 1;
    assert!(err.contains(&format!("glossary.toml:{line}:16")), "{err}");
    assert!(err.contains("already listed on line"), "{err}");

    let unknown = framework_with(
        "glossary.toml",
        "meaning = \"artificial intelligence\"",
        "meaning = \"artificial intelligence\"\nplural = \"AIs\"",
    );
    let output = dgplan(&[
        "check",
        "--framework",
        &unknown.path().display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("plural"), "{}", stderr(&output));
}

#[test]
fn a_framework_without_a_glossary_loads_and_its_plan_has_no_list() {
    let framework = framework_with("glossary.toml", "", "");
    std::fs::remove_file(framework.path().join("glossary.toml")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = dgplan(&[
        "generate",
        &sample("fiji").display().to_string(),
        "--framework",
        &framework.path().display().to_string(),
        "--out",
        &out.path().display().to_string(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let md = std::fs::read_to_string(out.path().join("fji/master-plan.md")).unwrap();
    assert!(md.contains("## 1. Executive summary"));
    assert!(!md.contains("## Abbreviations"));
}

#[test]
fn a_plan_json_written_before_the_glossary_still_reads() {
    let out = tempfile::tempdir().unwrap();
    let run = generate(&[&sample("fiji"), &sample("kenya")], out.path());
    assert!(run.status.success(), "{}", stderr(&run));
    let path = out.path().join("fji/plan.json");
    let mut plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(plan["glossary"].as_array().is_some_and(|g| !g.is_empty()));
    plan.as_object_mut().unwrap().remove("glossary");
    std::fs::write(&path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    let compared = compare(
        &[&path, &out.path().join("ken/plan.json")],
        &out.path().join("compared"),
    );
    assert!(compared.status.success(), "{}", stderr(&compared));
}

// Units.

/// The numbers a text states, other than years (four digits from 1900) and
/// the day of a date.
fn amounts(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|n| n.trim_matches('.'))
        .filter(|n| n.chars().any(|c| c.is_ascii_digit()))
        .filter(|n| !(n.len() == 4 && (n.starts_with("19") || n.starts_with("20"))))
        .filter(|n| !text.contains(&format!("of {n} ")) || !text.contains("Assessment"))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_chart_label_that_states_an_amount_in_words_states_its_unit() {
    let fonts = Fonts::load().unwrap();
    let mut failures = Vec::new();
    for (name, plan) in plans() {
        let charts = [
            ("costs", dgplan::render::charts::costs(&plan, &fonts), "USD"),
            (
                "readiness",
                dgplan::render::charts::readiness(&plan, &fonts),
                "of 5",
            ),
            (
                "roadmap",
                dgplan::render::charts::roadmap(&plan, &fonts),
                "USD",
            ),
        ];
        for (chart, picture, unit) in charts {
            for draw in &picture.draws {
                let Draw::Text { text, .. } = draw else {
                    continue;
                };
                let (left, right) = extent(&fonts, draw);
                if left < -0.5 || right > picture.width + 0.5 {
                    failures.push(format!("{name} {chart}: {text:?} runs off the chart"));
                }
                // A bare number on an axis or a bar takes the axis's unit.
                let words = text.chars().any(char::is_alphabetic);
                if words && !amounts(text).is_empty() && !text.contains(unit) {
                    failures.push(format!("{name} {chart}: {text:?}"));
                }
                if chart == "costs" && words && text.contains("USD") && !text.contains("million") {
                    failures.push(format!("{name} {chart}: {text:?} (USD what?)"));
                }
            }
        }
    }
    failures.dedup();
    assert!(failures.is_empty(), "{failures:#?}");
}
