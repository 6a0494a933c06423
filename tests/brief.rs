//! The cabinet brief (`brief.md`, `brief.pdf`): two to four pages a
//! minister reads before the cabinet meeting, telling the same story as the
//! master plan with the same figures.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use rayon::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const SAMPLES: [&str; 7] = [
    "estonia",
    "fiji",
    "kenya",
    "lao-pdr",
    "liberia",
    "republic-of-korea",
    "rwanda",
];

/// Every sample generated once, by one run of the binary.
fn generated() -> &'static (TempDir, Vec<PathBuf>) {
    static RUN: OnceLock<(TempDir, Vec<PathBuf>)> = OnceLock::new();
    RUN.get_or_init(|| {
        let out = TempDir::new().unwrap();
        let folders: Vec<PathBuf> = SAMPLES.iter().map(|s| sample(s)).collect();
        let folders: Vec<&Path> = folders.iter().map(PathBuf::as_path).collect();
        let output = generate(&folders, out.path());
        assert!(output.status.success(), "{}", stderr(&output));
        let mut countries: Vec<PathBuf> = std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        countries.sort();
        assert_eq!(countries.len(), SAMPLES.len());
        (out, countries)
    })
}

fn read(country: &Path, file: &str) -> String {
    std::fs::read_to_string(country.join(file)).unwrap()
}

fn plan(country: &Path) -> Value {
    serde_json::from_str(&read(country, "plan.json")).unwrap()
}

/// The text between `before` and the next `after` in `text`.
fn between<'a>(text: &'a str, before: &str, after: &str) -> &'a str {
    let start = text
        .find(before)
        .unwrap_or_else(|| panic!("no {before:?} in:\n{text}"))
        + before.len();
    let rest = &text[start..];
    &rest[..rest.find(after).unwrap_or(rest.len())]
}

/// The items of the numbered list that follows `heading`.
fn numbered_items(markdown: &str, heading: &str) -> Vec<String> {
    let section = between(markdown, heading, "\n#");
    section
        .lines()
        .filter_map(|line| {
            let (number, text) = line.split_once(". ")?;
            number
                .chars()
                .all(|c| c.is_ascii_digit())
                .then(|| text.to_string())
        })
        .collect()
}

#[test]
fn every_sample_has_a_brief_of_two_to_four_pages() {
    for country in &generated().1 {
        let brief = read(country, "brief.md");
        assert!(
            brief.starts_with("<!-- pdf:skip -->\n# Cabinet brief: "),
            "{brief}"
        );
        let pages = lopdf::Document::load(country.join("brief.pdf"))
            .unwrap()
            .get_pages()
            .len();
        assert!(
            (2..=4).contains(&pages),
            "{}: the brief has {pages} pages",
            country.display()
        );
    }
}

#[test]
fn the_brief_has_its_six_parts_with_the_plan_s_values() {
    for country in &generated().1 {
        let brief = read(country, "brief.md");
        let plan = plan(country);
        for heading in [
            "## Where ",
            "## Decisions asked of Cabinet",
            "## The phases",
            "## The money",
            "## The main risks",
            "## The first 100 days",
        ] {
            assert!(brief.contains(heading), "{heading} missing:\n{brief}");
        }
        assert!(brief.contains("](readiness.svg)"), "the readiness chart");
        // One line per phase, with its name.
        let phases = between(&brief, "## The phases", "\n## ");
        let names: Vec<&str> = phases
            .lines()
            .filter_map(|l| l.strip_prefix("- **")?.split("**").next())
            .collect();
        let expected: Vec<&str> = plan["phases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, expected);
        // The three risks the plan picks, in its order.
        let risks = between(&brief, "## The main risks", "\n## ");
        let titles: Vec<&str> = risks
            .lines()
            .filter_map(|l| l.strip_prefix("- **")?.split("**").next())
            .collect();
        let picked: Vec<&str> = plan["brief"]["top_risks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| {
                let risk = plan["risks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| &r["id"] == id)
                    .unwrap();
                risk["title"].as_str().unwrap()
            })
            .collect();
        assert!(picked.len() <= 3);
        assert_eq!(titles, picked);
        // No tool artefacts in a text for ministers.
        for artefact in ["dgplan", "plan.json", "(R", "profile.toml", "_"] {
            let shown = brief.replace("readiness.svg", "");
            assert!(
                !shown.contains(artefact),
                "{}: {artefact:?} in the brief",
                country.display()
            );
        }
    }
}

#[test]
fn the_brief_s_money_is_the_master_plan_s() {
    for country in &generated().1 {
        let brief = read(country, "brief.md");
        let master = read(country, "master-plan.md");
        let plan = plan(country);
        // The total cost of the funded programme.
        let total = between(&brief, "costs an indicative ", " over ");
        assert_eq!(total, between(&master, "costs an indicative ", " over "));
        let usd = plan["financing"]["total_cost_usd_millions"]
            .as_f64()
            .unwrap();
        assert!(total.contains(&format_number(usd)), "{total} vs {usd}");
        // The running cost a year once the plan ends.
        let recurrent = between(&brief, "must carry ", " a year");
        assert_eq!(recurrent, between(&master, "must carry ", " a year"));
        // What the components not yet financed cost, once.
        if plan["financing"]["gap_usd_millions"]
            .as_f64()
            .is_some_and(|g| g > 0.0)
        {
            let unfunded = between(
                between(&brief, "## The money", "\n|"),
                " more component",
                " not yet financed",
            );
            let unfunded = between(unfunded, "(", ")");
            assert_eq!(
                unfunded,
                between(&master, "The unfunded pipeline below costs ", ";")
            );
            assert!(brief.contains(&format!(
                "within the envelope of {}",
                between(&master, "fits the envelope of ", ":")
            )));
        }
    }
}

/// An amount as the documents print it, to compare with plan.json.
fn format_number(millions: f64) -> String {
    let digits = if millions >= 10.0 { 1 } else { 2 };
    let text = format!("{millions:.digits$}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

#[test]
fn the_brief_asks_for_the_master_plan_s_decisions_with_cost_and_timing() {
    for country in &generated().1 {
        let brief = read(country, "brief.md");
        let master = read(country, "master-plan.md");
        let asked = numbered_items(&brief, "## Decisions asked of Cabinet");
        let in_master = numbered_items(&master, "### Decisions that matter most");
        assert!(!asked.is_empty() && asked.len() <= 5);
        let texts: Vec<&str> = asked
            .iter()
            .map(|d| d.split(" **Cost").next().unwrap())
            .collect();
        assert_eq!(texts, in_master);
        for decision in &asked {
            let cost = between(between(decision, " **Cost", ". **When:** "), ":** ", "\n");
            assert!(
                cost.starts_with("USD ") || cost.contains(" (USD ") || cost == "No cost of its own",
                "{decision}"
            );
            let when = between(decision, " **When:** ", "\n");
            assert!(when.contains(" 20"), "{decision}");
        }
    }
}

#[test]
fn the_first_100_days_count_from_the_cabinet_decision() {
    for country in &generated().1 {
        let brief = read(country, "brief.md");
        let master = read(country, "master-plan.md");
        let plan = plan(country);
        let actions = plan["brief"]["first_100_days"].as_array().unwrap();
        assert!((3..=6).contains(&actions.len()), "{actions:?}");
        let section = between(&brief, "## The first 100 days", "\n## ");
        let items: Vec<&str> = section.lines().filter(|l| l.starts_with("- **")).collect();
        assert_eq!(items.len(), actions.len(), "{section}");
        assert!(items[0].starts_with("- **On approval:**"), "{section}");
        for item in &items[1..] {
            assert!(
                item.starts_with("- **Within ") && item.contains(" days of approval:**")
                    || item.starts_with("- **By day 100:**"),
                "{item}"
            );
        }
        // No calendar day, and no lead time the schedule does not keep.
        for month in ["January", "February", "March", "April"] {
            assert!(!section.contains(month), "{section}");
        }
        assert!(!section.contains("six months"), "{section}");
        // The approval is assumed when the master plan's milestone has it.
        if let Some(milestone) = master
            .lines()
            .find(|l| l.starts_with("- Q") && l.contains("Cabinet decision adopted"))
        {
            let when = milestone[2..].split(':').next().unwrap();
            assert!(
                items[0].contains(&format!("approves the plan by {when}")),
                "{}: {}",
                items[0],
                milestone
            );
        }
        // A body the schedule sets up after the first 100 days is not
        // convened in them; the brief says when it is set up.
        let meets = items
            .iter()
            .find(|i| i.contains(" meet"))
            .copied()
            .unwrap_or("");
        for body in ["Programme Management Office", "Government CIO Network"] {
            if section.contains(body) && plan["brief"]["bodies_later"].to_string().contains(body) {
                assert!(!meets.contains(body), "{meets}");
                assert!(
                    section.contains(&format!("{body} is set up from Q")),
                    "{section}"
                );
            }
        }
        // Long lists are cut to the largest few and a count.
        for item in &items {
            assert!(item.matches("; ").count() <= 3, "{item}");
        }
    }
}

#[test]
fn lao_pdr_convenes_only_the_council_and_sets_up_its_offices_later() {
    let country = generated().1.iter().find(|c| c.ends_with("lao")).unwrap();
    let brief = read(country, "brief.md");
    let section = between(&brief, "## The first 100 days", "\n## ");
    assert!(
        section.contains("Programme Management Office is set up from Q2 2027"),
        "{section}"
    );
    assert!(
        section.contains("The plan assumes Cabinet approves the plan by Q2 2027"),
        "{section}"
    );
}

#[test]
fn a_phase_line_names_what_the_plan_funds_in_that_phase() {
    for country in &generated().1 {
        let brief = read(country, "brief.md");
        let plan = plan(country);
        let phases = between(&brief, "## The phases", "\n## ");
        let funds_services = plan["components"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["pillar"] == "services");
        for phase in plan["phases"].as_array().unwrap() {
            let name = phase["name"].as_str().unwrap();
            let line = phases
                .lines()
                .find(|l| l.starts_with(&format!("- **{name}**")))
                .unwrap();
            assert!(
                funds_services || !line.contains("services online"),
                "{}: {line}",
                country.display()
            );
            // The largest funded component starting in the phase is named.
            let largest = plan["components"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["phase"] == phase["id"])
                .max_by(|a, b| {
                    a["cost_usd_millions"]
                        .as_f64()
                        .partial_cmp(&b["cost_usd_millions"].as_f64())
                        .unwrap()
                });
            if let Some(c) = largest {
                let title = c["title"].as_str().unwrap().to_lowercase();
                assert!(line.to_lowercase().contains(&title), "{title}: {line}");
            }
        }
    }
}

#[test]
fn illustrative_or_derived_scores_are_called_so_where_they_are_stated() {
    for country in &generated().1 {
        let brief = read(country, "brief.md");
        let plan = plan(country);
        let stands = between(&brief, "## Where ", "\n## ");
        let method = plan["assessment"]["method"]
            .as_str()
            .unwrap()
            .to_lowercase();
        if method.contains("illustrative") || method.contains("not an official") {
            assert!(
                stands.contains("illustrative scores, not an official assessment"),
                "{stands}"
            );
        }
        if plan["assessment"]["derived_from_indices"] == true {
            assert!(stands.contains("published indices"), "{stands}");
        }
    }
}

#[test]
fn the_main_risks_are_rated_medium_or_above() {
    for country in &generated().1 {
        let brief = read(country, "brief.md");
        let plan = plan(country);
        let section = between(&brief, "## The main risks", "\n## ");
        for line in section.lines().filter(|l| l.starts_with("- **")) {
            let score: i64 = between(line, " likelihood, ", " of 5)").parse().unwrap();
            assert!(score >= 3, "{line}");
        }
        let shown = section.lines().filter(|l| l.starts_with("- **")).count();
        let risks = plan["risks"].as_array().unwrap();
        if shown < 3 && shown < risks.len() {
            assert!(
                section.contains("rates its other risks low")
                    || section.contains("rates no risk above low"),
                "{section}"
            );
        }
    }
    // Estonia's plan rates every risk low: the brief says so and names the highest.
    let estonia = generated().1.iter().find(|c| c.ends_with("est")).unwrap();
    let section = between(&read(estonia, "brief.md"), "## The main risks", "\n## ").to_string();
    assert!(
        section.contains("The plan rates no risk above low"),
        "{section}"
    );
}

#[test]
fn the_brief_lists_the_questions_to_confirm_with_the_cost_at_stake() {
    for country in &generated().1 {
        let brief = read(country, "brief.md");
        let plan = plan(country);
        let questions = plan["open_questions"].as_array().unwrap();
        let heading = "## Questions to confirm before Cabinet";
        assert_eq!(brief.contains(heading), !questions.is_empty());
        if questions.is_empty() {
            continue;
        }
        let section = between(&brief, heading, "\n## ");
        for q in questions {
            let asked = q["text"].as_str().unwrap().split('?').next().unwrap();
            assert!(section.contains(asked), "{asked}:\n{section}");
        }
        assert!(section.contains("USD "), "{section}");
    }
}

#[test]
fn the_brief_s_wording_has_one_figure_per_fact_and_no_jargon() {
    for country in &generated().1 {
        let brief = read(country, "brief.md");
        for jargon in [
            "pipeline",
            "envelope leaves",
            "wait for money",
            "Table the data protection bill",
        ] {
            assert!(!brief.contains(jargon), "{}: {jargon:?}", country.display());
        }
        // A decision costing a law and its authority says so.
        for line in brief.lines().filter(|l| l.contains("data protection")) {
            if line.contains("**Cost") {
                assert!(
                    line.contains("**Cost of the data protection law and authority:** USD"),
                    "{line}"
                );
            }
        }
        // Every abbreviation the framework defines and the brief uses is listed at its end.
        let plan = plan(country);
        let listed = brief.split("## Abbreviations").nth(1).unwrap_or("");
        let body = brief.split("## Abbreviations").next().unwrap();
        for term in plan["glossary"].as_array().unwrap() {
            let abbreviation = term["abbreviation"].as_str().unwrap();
            let used = body
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == abbreviation);
            if used {
                assert!(
                    listed.contains(&format!("| {abbreviation} |")),
                    "{abbreviation}"
                );
            }
        }
    }
    let lao = generated().1.iter().find(|c| c.ends_with("lao")).unwrap();
    let money = between(&read(lao, "brief.md"), "## The money", "\n|").to_string();
    assert!(
        money.contains("Five more components (USD 24 million) are not yet financed."),
        "{money}"
    );
    assert_eq!(money.matches("USD 24 million").count(), 1, "{money}");
}

#[test]
fn the_decisions_come_before_the_readiness_chart() {
    for country in &generated().1 {
        let brief = read(country, "brief.md");
        let decisions = brief.find("## Decisions asked of Cabinet").unwrap();
        let chart = brief.find("](readiness.svg)").unwrap();
        let stands = brief.find("## Where ").unwrap();
        assert!(stands < decisions && decisions < chart);
    }
}

#[test]
fn the_brief_template_is_exported_and_can_be_replaced() {
    let dir = TempDir::new().unwrap();
    let output = dgplan(&["templates", "export", &dir.path().display().to_string()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let exported = std::fs::read_to_string(dir.path().join("brief.md")).unwrap();
    assert!(exported.contains("brief.decisions"));
    std::fs::write(
        dir.path().join("brief.md"),
        "# Note for the minister of {{ plan.country.name }}\n\n## Costs\n\n{{ doc.financing.total }}\n\n## Risks\n{% for r in brief.risks %}\n- {{ r.title }}\n{%- endfor %}\n",
    )
    .unwrap();
    let out = TempDir::new().unwrap();
    let output = dgplan(&[
        "generate",
        &sample("fiji").display().to_string(),
        "--templates",
        &dir.path().display().to_string(),
        "--out",
        &out.path().display().to_string(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let brief = std::fs::read_to_string(out.path().join("fji/brief.md")).unwrap();
    assert!(
        brief.starts_with("# Note for the minister of Republic of Fiji\n"),
        "{brief}"
    );
    assert_eq!(brief.matches("\n- ").count(), 3, "{brief}");
    assert!(out.path().join("fji/brief.pdf").exists());
}

/// Every plan drafted from public data (193 UN Member States) has a brief
/// of two to four pages: laid out through the library, in parallel.
#[test]
fn every_member_state_draft_has_a_brief_of_two_to_four_pages() {
    let framework = dgplan::framework::Framework::builtin().unwrap();
    let fonts = dgplan::render::fonts::Fonts::load().unwrap();
    let templates = dgplan::render::Templates::load(None).unwrap();
    let (drafts, problems) = dgplan::pipeline::member_state_drafts(&framework, "2026-12-29");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(drafts.len(), 193);
    let wrong: Vec<String> = drafts
        .par_iter()
        .filter_map(|source| {
            let input = source
                .load(&framework)
                .expect("a public-data draft is valid");
            let plan = dgplan::engine::build_plan(&input, &framework, "2026-12-29");
            let (_, laid) = dgplan::render::brief_layout(&templates, &fonts, &plan).unwrap();
            let pages = laid.pages.len();
            (!(2..=4).contains(&pages)).then(|| format!("{}: {pages} pages", source.label()))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}

/// The briefs of Lao PDR and Fiji, reviewed as written.
#[test]
fn golden_briefs() {
    for country in &generated().1 {
        let name = match country.file_name().unwrap().to_str().unwrap() {
            "lao" => "lao-pdr-brief",
            "fji" => "fiji-brief",
            _ => continue,
        };
        insta::assert_snapshot!(name, read(country, "brief.md"));
    }
}

/// The brief's PDF has no cover: its first page opens with the title block
/// (title, country, lead institution, date, status) and goes straight on to
/// the text and the readiness chart; every page has the running header and
/// its number.
#[test]
fn the_brief_pdf_opens_with_a_title_block_not_a_cover() {
    use dgplan::render::draw::Draw;
    let framework = dgplan::framework::Framework::builtin().unwrap();
    let fonts = dgplan::render::fonts::Fonts::load().unwrap();
    let templates = dgplan::render::Templates::load(None).unwrap();
    let input = dgplan::input::load_country(&sample("lao-pdr"), &framework).unwrap();
    let plan = dgplan::engine::build_plan(&input, &framework, "2026-12-29");
    let (_, laid) = dgplan::render::brief_layout(&templates, &fonts, &plan).unwrap();
    let texts = |page: &[Draw]| -> Vec<String> {
        page.iter()
            .filter_map(|d| match d {
                Draw::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    };
    let first = texts(&laid.pages[0]);
    let joined = first.join("\n");
    for expected in [
        "Cabinet brief: National Digital",
        "Country: Lao People's Democratic Republic",
        "Lead institution: Ministry of Technology and Communications",
        "Date: 29 December 2026",
        "Draft for consultation",
        "Where Lao PDR stands",
        "Decisions asked of Cabinet",
    ] {
        assert!(
            joined.contains(expected),
            "{expected:?} not on page 1:\n{joined}"
        );
    }
    // The readiness chart follows the decisions, by page 2.
    assert!(laid.pages[..2].iter().any(|page| {
        texts(page)
            .iter()
            .any(|t| t.contains("Leadership and ownership"))
    }));
    // No coloured band across the top of the page, as a cover has.
    assert!(!laid.pages[0].iter().any(|d| matches!(
        d,
        Draw::Rect { y, w, fill: Some(_), .. } if *y < 1.0 && *w > 500.0
    )));
    let total = laid.pages.len();
    for (i, page) in laid.pages.iter().enumerate() {
        let texts = texts(page);
        assert!(texts.contains(&format!("Page {} of {total}", i + 1)));
        assert!(texts.iter().any(|t| t.starts_with("Cabinet brief: ")));
    }
}
