//! The files `dgplan init` writes: a blank country folder, or one drafted
//! from public data alone (the reference survey, group lists and
//! population). Both are one commented template; a draft from public data
//! fills in more of it, marking where each value came from. What public
//! data cannot say stays a placeholder marked "UNKNOWN, CONFIRM" or "TO
//! FILL IN"; scores derived from the published indices are marked as
//! derived and never presented as an assessment.

use crate::framework::Framework;
use crate::reference::{Edition, Reference, Row};

/// How a score is derived from a published index: the index (0 to 1) times
/// five, to one decimal. Only dimensions with a related index get one.
pub fn derived_score(index: f64) -> f64 {
    (index * 50.0).round() / 10.0
}

/// A TOML basic string: backslashes, quotes and control characters escaped,
/// so that whatever the text holds the file stays valid TOML.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The items of a TOML array of strings: `"a", "b"`.
fn quoted_list<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> String {
    words
        .into_iter()
        .map(|w| quote(w.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The plan's first year when drafted on `date` (YYYY-MM-DD): the next
/// year, or the year after `fallback` when the date cannot be read.
fn year_after(date: &str, fallback: i32) -> i32 {
    date.get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(fallback)
        + 1
}

// One template, two ways of filling it
// ------------------------------------
// Plain `init` and `init --from-egdi` write the same lines with the same
// comments, in the same order: each field of profile.toml and
// readiness.toml, what it means, its allowed values and its default. A
// draft from public data only fills in more values, each with a note line
// above it saying where it came from ("From public data", "Derived from")
// or that it is a stand-in ("TO FILL IN"). What public data does not hold,
// the `[context]` facts and `[in_place]`, stays a commented placeholder
// marked "UNKNOWN, CONFIRM", so the plan treats it as unknown.

/// One line of the template: a field, the example an optional field shows
/// commented out, and what it means.
struct Field {
    key: String,
    example: String,
    help: String,
    /// A required field left empty is written `key = ""`, which `check`
    /// refuses until it is filled in.
    required: bool,
}

fn optional(key: &str, example: impl Into<String>, help: impl Into<String>) -> Field {
    Field {
        key: key.into(),
        example: example.into(),
        help: help.into(),
        required: false,
    }
}

fn required(key: &str, help: &str) -> Field {
    Field {
        key: key.into(),
        example: "\"\"".into(),
        help: format!("REQUIRED: {help}"),
        required: true,
    }
}

/// The values a draft fills in (as TOML), each with the note lines written
/// above it.
#[derive(Default)]
struct Values(std::collections::BTreeMap<String, (String, Vec<String>)>);

impl Values {
    fn set(&mut self, key: &str, toml: String) -> &mut Self {
        self.0.insert(key.into(), (toml, Vec::new()));
        self
    }

    /// Sets a value with a note line above it (written as a comment).
    fn noted(&mut self, key: &str, toml: String, note: String) -> &mut Self {
        self.0.insert(key.into(), (toml, vec![note]));
        self
    }
}

/// The comment column: a field's comment starts here.
const COMMENT_AT: usize = 36;

/// The lines of some fields: filled in when `values` holds one, else empty
/// (required) or commented out with its example (optional).
fn field_lines(fields: &[Field], values: &Values) -> String {
    let mut out = String::new();
    for field in fields {
        let line = match values.0.get(&field.key) {
            Some((toml, notes)) => {
                for note in notes {
                    out.push_str(&format!("# {note}\n"));
                }
                format!("{} = {toml}", field.key)
            }
            None if field.required => format!("{} = \"\"", field.key),
            None => format!("# {} = {}", field.key, field.example),
        };
        out.push_str(&format!("{line:<COMMENT_AT$}  # {}\n", field.help));
    }
    out
}

/// The `[country]` fields of profile.toml.
fn country_fields() -> Vec<Field> {
    vec![
        required("name", "the country's official name"),
        optional(
            "short_name",
            "\"Lao PDR\"",
            "optional: the name used in running text; default: name",
        ),
        optional(
            "in_text",
            "\"le Sénégal\"",
            "optional, for plans in French or Spanish: the name as a sentence uses it, with its article",
        ),
        required(
            "iso3",
            "ISO 3166-1 alpha-3 code in capitals, such as \"LAO\"",
        ),
        optional(
            "region",
            "\"South-eastern Asia\"",
            "optional: default: the country's UN sub-region",
        ),
        optional(
            "groups",
            "[\"LDC\"]",
            "optional: any of \"LDC\" (least developed), \"LLDC\" (landlocked developing), \"SIDS\" (small island developing state); default none",
        ),
        optional(
            "income_group",
            "\"LMIC\"",
            "optional: \"LIC\", \"LMIC\", \"UMIC\" or \"HIC\" (World Bank); default: not stated, costs use a neutral factor",
        ),
        optional(
            "population_millions",
            "1.0",
            "optional: population in millions, above 0; default: not stated, costs are given for 1 million people",
        ),
        optional(
            "population_source",
            "\"National Statistics Office, 2025 census\"",
            "optional: where the population comes from; the plan cites it",
        ),
        optional(
            "subnational_unit",
            "\"province\"",
            "optional: what the country calls its first-level subdivisions, such as \"county\" or \"region\"; default \"province\"",
        ),
        optional(
            "subnational_unit_plural",
            "\"provinces\"",
            "optional: default: the English plural of subnational_unit",
        ),
    ]
}

/// The `[plan]` fields of profile.toml: the one place that lists them.
fn plan_fields(framework: &Framework) -> Vec<Field> {
    vec![
        Field {
            required: true,
            ..optional(
                "start_year",
                "2027",
                "REQUIRED: first calendar year of the plan, 2000 to 2100",
            )
        },
        optional(
            "horizon_years",
            "5",
            "optional: length of the plan in years, 3 to 15; default 5",
        ),
        required(
            "lead_institution",
            "the ministry or agency accountable for delivery",
        ),
        optional(
            "lead_short",
            "\"MoPT\"",
            "optional: its short name; the plan states the full name once, then uses this",
        ),
        optional(
            "language",
            "\"en\"",
            "optional: the plan's language: en (English, the default), fr (French) or es (Spanish)",
        ),
        optional(
            "national_strategy",
            "\"the National Development Strategy 2025-2030\"",
            "optional: the strategy this plan implements; the plan says it carries it out",
        ),
        optional(
            "sponsor",
            "\"Office of the Prime Minister\"",
            "optional: who sponsors the plan; default: \"the head of government\"",
        ),
        optional(
            "budget_usd_millions",
            "50.0",
            "optional: money expected for the whole plan, USD million, 0 or more; the plan funds what fits it, in order of priority, and ranks the rest; default: no envelope, everything is costed",
        ),
        optional(
            "currency",
            "\"XOF\"",
            "optional: the ISO 4217 code of the country's currency, such as \"XOF\" for the West African CFA franc; the plan gives its totals in it, then in US dollars; default: US dollars alone",
        ),
        optional(
            "usd_rate",
            "600.0",
            "with currency: units of it to one US dollar, 0.001 to 10,000,000",
        ),
        optional(
            "usd_rate_date",
            "2026-05-01",
            "optional: the day of the rate, YYYY-MM-DD without quotes; the plan cites it",
        ),
        optional(
            "budget_local_millions",
            "30000.0",
            "optional, instead of budget_usd_millions (never both): the envelope in millions of the currency above, converted at usd_rate",
        ),
        optional(
            "external_financing_share",
            "0.3",
            "optional: share expected from development partners, 0 to 1; default: the framework's mix for the country's group",
        ),
        optional(
            "priority_sectors",
            "[\"health\"]",
            format!(
                "optional: any of {}, or your own words (planned for generically, with a warning); default none",
                quoted_list(&framework.vocabulary.sectors)
            ),
        ),
        optional(
            "sdg_focus",
            "[9, 16]",
            "optional: Sustainable Development Goal numbers, 1 to 17; default none",
        ),
        optional(
            "hazards",
            "[\"flood\"]",
            format!(
                "optional: any of {}, or your own words (counted as exposure, with a warning); default none",
                quoted_list(&framework.vocabulary.hazards)
            ),
        ),
        optional(
            "framework",
            "\"../my-framework\"",
            "optional: the framework folder to plan with, from this folder; default: the built-in one; --framework on the command line wins",
        ),
    ]
}

/// What the profile asks about each `[context]` fact, in the order of
/// [`crate::vocabulary::CONTEXT_FACTS`], with the answers it takes.
const CONTEXT_QUESTIONS: [(&str, &str); 7] = [
    (
        "digital_id",
        "how far does digital identity reach? \"none\", \"partial\" or \"nationwide\"",
    ),
    (
        "data_protection_law",
        "is a data protection law in force? true or false",
    ),
    (
        "e_transactions_law",
        "do electronic transactions and signatures have legal force? true or false",
    ),
    (
        "cybersecurity_strategy",
        "is a national cybersecurity strategy adopted? true or false",
    ),
    (
        "interoperability_framework",
        "is a government interoperability framework adopted? true or false",
    ),
    (
        "government_cloud",
        "does a shared government data centre or cloud operate? true or false",
    ),
    (
        "national_portal",
        "does a national portal for government services exist? true or false",
    ),
];

/// The `[context]` and `[in_place]` part of profile.toml: facts no public
/// data holds, each a commented placeholder to confirm. Left as they are,
/// they are unknown: the plan asks them as questions to confirm.
fn unknown_facts(framework: &Framework) -> String {
    let mut out = String::from(
        "[context]
# What is already in place. No public data holds these facts, so each line
# below is a placeholder, left out of the profile until it is confirmed. A
# fact left out is \"unknown\", not \"no\": the plan says what it assumed and
# lists the fact among its questions to confirm. To confirm a fact, remove
# the \"# \" at the start of its line and replace the ? with the answer.
",
    );
    for (fact, question) in CONTEXT_QUESTIONS {
        let line = format!("# {fact} = ?");
        out.push_str(&format!(
            "{line:<COMMENT_AT$}  # UNKNOWN, CONFIRM: {question}\n"
        ));
    }
    out.push_str(&format!(
        "
{:<COMMENT_AT$}  # UNKNOWN, CONFIRM: which of the components listed below already run?
# What the country already runs, by the catalogue's component id, with its
# name: the plan does not build it again, builds on it and names it. To
# confirm, remove the \"# \" before [in_place] and add a line for each, such as:
# data-exchange = \"X-Road\"
# The catalogue's component ids and what each is:
{}
",
        "# [in_place]",
        in_place_lines(framework)
    ));
    out
}

/// The profile.toml of a draft: `opening` says where it comes from; the
/// rest is the same for every draft, with `values` filled in.
fn profile_text(framework: &Framework, opening: &str, values: &Values) -> String {
    format!(
        r##"{opening}
# How to fill it in: lines marked REQUIRED must hold a value; the others are
# optional: remove the "# " at the start of a line to use it. Lines marked
# UNKNOWN, CONFIRM are facts dgplan does not know: until you confirm them,
# the plan says what it assumed and asks them as questions to confirm. Text
# goes between double quotes; lists go in square brackets. Then run:
#   dgplan check FOLDER      (lists anything still missing or wrong)
#   dgplan generate FOLDER   (writes the draft plan)

[country]
{country}
[plan]
{plan}
{context}"##,
        country = field_lines(&country_fields(), values),
        plan = field_lines(&plan_fields(framework), values),
        context = unknown_facts(framework),
    )
}

/// The profile.toml and readiness.toml for a country, from the reference
/// data. `date` is the drafting date (YYYY-MM-DD).
pub fn from_reference(
    reference: &Reference,
    framework: &Framework,
    iso3: &str,
    date: &str,
) -> Result<(String, String), String> {
    let iso3 = iso3.trim().to_uppercase();
    let latest = reference
        .latest()
        .ok_or("the reference data holds no survey edition")?;
    let row = latest.rows.iter().find(|r| r.iso3 == iso3).ok_or_else(|| {
        format!(
            "\"{iso3}\" is not among the {} UN Member States of the UN E-Government Survey {}",
            latest.rows.len(),
            latest.year
        )
    })?;
    let profile = drafted_profile(reference, framework, latest, row, date);
    let readiness = drafted_readiness(framework, latest, row, date);
    Ok((profile, readiness))
}

fn drafted_profile(
    reference: &Reference,
    framework: &Framework,
    latest: &Edition,
    row: &Row,
    date: &str,
) -> String {
    let mut values = Values::default();
    let name = crate::reference::name_in_language(&row.iso3).unwrap_or_else(|| row.name.clone());
    set_language(&mut values);
    values
        .set("name", quote(&name))
        .set("iso3", quote(&row.iso3))
        .set("start_year", year_after(date, latest.year).to_string())
        .noted(
            "lead_institution",
            quote(crate::input::LEAD_STAND_IN),
            "TO FILL IN: a stand-in, so that a first draft of the plan can be made; write the institution's name.".into(),
        );
    fill_groups(reference, &row.iso3, &mut values);
    if let Some(people) = reference.population_millions.get(&row.iso3) {
        values
            .noted(
                "population_millions",
                round_population(*people).to_string(),
                "From public data: the World Bank's figure for 2024. Where the national statistics office's figure differs, write it and its source.".into(),
            )
            .set(
                "population_source",
                quote(crate::reference::POPULATION_SOURCE),
            );
    }
    let opening = format!(
        "# Country profile drafted by dgplan from public data:
#  - the UN E-Government Survey {survey};
#  - the {groups_source};
#  - the World Bank's population for 2024.
# Values taken from them are marked \"From public data\": check them. Lines
# marked TO FILL IN hold a stand-in to replace.
",
        survey = latest.year,
        groups_source = reference.groups_source,
    );
    profile_text(framework, &opening, &values)
}

/// Fills in a known country's UN groups, with their source.
fn fill_groups(reference: &Reference, iso3: &str, values: &mut Values) {
    let groups = reference.groups_of(iso3);
    if !groups.is_empty() {
        values.noted(
            "groups",
            format!("[{}]", quoted_list(groups.iter().map(|g| g.code()))),
            format!(
                "From public data: the {}; check they are current.",
                reference.groups_source
            ),
        );
    }
}

/// Fills in the name the UN E-Government Survey gives a code, marked as
/// taken from it.
/// A draft for a plan in another language than English says so, in the
/// language in force (`init --language`, `generate --all-egdi --language`).
fn set_language(values: &mut Values) {
    let language = crate::language::current();
    if language != crate::language::Language::En {
        values.set("language", quote(language.code()));
    }
}

fn fill_name(reference: &Reference, iso3: &str, values: &mut Values) {
    let Some(latest) = reference.latest() else {
        return;
    };
    if let Some(row) = latest.rows.iter().find(|r| r.iso3 == iso3) {
        let name = crate::reference::name_in_language(iso3).unwrap_or_else(|| row.name.clone());
        values.noted(
            "name",
            quote(&name),
            format!(
                "From public data: the name the UN E-Government Survey {} gives {iso3}; check it is the official name.",
                latest.year
            ),
        );
    }
}

/// Millions to three decimals (thousands of people), at least 0.001.
fn round_population(people: f64) -> f64 {
    ((people * 1000.0).round() / 1000.0).max(0.001)
}

/// The `[assessment]` fields of readiness.toml.
fn assessment_fields() -> Vec<Field> {
    vec![
        Field {
            required: true,
            ..optional(
                "date",
                "2026-12-29",
                "REQUIRED: date of the assessment, YYYY-MM-DD, without quotes (today's date is filled in: correct it)",
            )
        },
        required(
            "method",
            "how it was done, such as \"Self-assessment workshop with 14 ministries\"",
        ),
        optional("source", "\"\"", "optional: who carried it out"),
        optional(
            "derived_from_indices",
            "true",
            "optional: true only when the scores are derived from published indices, not assessed; delete it once assessed scores replace them",
        ),
    ]
}

/// A field per dimension: its score, with what its lowest and highest
/// levels mean.
fn score_fields(framework: &Framework) -> Vec<Field> {
    framework
        .dimensions
        .iter()
        .map(|d| Field {
            key: d.id.name.clone(),
            example: "2.0".into(),
            help: format!(
                "{}. 0: {} {}: {}",
                d.name,
                d.levels.first().map_or("", String::as_str),
                d.levels.len().saturating_sub(1),
                d.levels.last().map_or("", String::as_str),
            ),
            required: false,
        })
        .collect()
}

/// A field per dimension for its evidence note.
fn evidence_fields(framework: &Framework) -> Vec<Field> {
    framework
        .dimensions
        .iter()
        .map(|d| {
            optional(
                &d.id.name,
                "\"...\"",
                format!(
                    "optional: what the {} score rests on",
                    d.name.to_lowercase()
                ),
            )
        })
        .collect()
}

/// The `[indices]` fields: the survey edition and its five indices.
fn index_fields() -> Vec<Field> {
    let mut fields = vec![optional(
        "egdi_year",
        "2024",
        "required when any index is given: the survey edition",
    )];
    fields.extend(crate::vocabulary::INDICES.iter().map(|i| {
        optional(
            i.key,
            "0.5",
            format!("optional: {} ({}), 0 to 1", i.name, i.code),
        )
    }));
    fields
}

/// The readiness.toml of a draft: `opening` says where it comes from; the
/// rest is the same for every draft, with `values` for the fields of each
/// table.
struct ReadinessValues {
    assessment: Values,
    scores: Values,
    evidence: Values,
    indices: Values,
}

fn readiness_text(framework: &Framework, opening: &str, values: &ReadinessValues) -> String {
    format!(
        r##"{opening}
# How to fill it in: score each dimension in ONE of two ways:
#  - under [scores], a score from 0 to 5 from your own assessment; or
#  - under [answers], by answering the readiness checklist; dgplan then
#    derives the score (run `dgplan assess FOLDER` to see the working).
# A dimension given neither is "not assessed": never counted as zero, and the
# plan starts by assessing it. Remove the "# " at the start of a line to use it.

[assessment]
{assessment}
[scores]
# Scores: 0 absent, 1 initial, 2 developing, 3 defined, 4 managed, 5 optimised.
# Decimals are allowed, such as 2.5.
{scores}
[answers]
# Answer with the number of the statement that fits best, for example
# `leadership.sponsor = 2`. Do not answer a dimension that has a score above.
{answers}
[evidence]
# optional: a short note per dimension, shown beside its score in the plan,
# such as "Digital strategy adopted in 2024; no cross-ministry council yet."
{evidence}
[indices]
# optional: UN E-Government Survey values; default: the latest published values
{indices}"##,
        assessment = field_lines(&assessment_fields(), &values.assessment),
        scores = field_lines(&score_fields(framework), &values.scores),
        answers = checklist_lines(framework),
        evidence = field_lines(&evidence_fields(framework), &values.evidence),
        indices = field_lines(&index_fields(), &values.indices),
    )
}

/// Readiness results with every score derived from its dimension's related
/// published index, marked as derived.
fn drafted_readiness(framework: &Framework, latest: &Edition, row: &Row, date: &str) -> String {
    let survey = latest.year;
    let mut values = ReadinessValues {
        assessment: Values::default(),
        scores: Values::default(),
        evidence: Values::default(),
        indices: Values::default(),
    };
    values
        .assessment
        .set("date", date.to_string())
        .set("method", quote(&format!("Derived from the UN E-Government Survey {survey} indices (index x 5); not an assessment")))
        .set("source", quote(&format!("UN DESA, UN E-Government Survey {survey}")))
        .set("derived_from_indices", "true".into());
    let mut missing = Vec::new();
    for dimension in &framework.dimensions {
        let Some((index, value)) = dimension
            .related_index
            .as_ref()
            .and_then(|i| row.index(i).map(|v| (i, v)))
        else {
            missing.push(dimension.id.name.clone());
            continue;
        };
        let working = format!(
            "Derived from the UN E-Government Survey {survey}: {} {} x 5. Not an assessment.",
            index.name.to_uppercase(),
            crate::words::format_index(value)
        );
        let name = &dimension.id.name;
        values.scores.noted(
            name,
            format!("{:.1}", derived_score(value)),
            working.clone(),
        );
        values.evidence.set(name, quote(&working));
    }
    values.indices.noted(
        "egdi_year",
        survey.to_string(),
        format!("From public data: the UN E-Government Survey {survey} (UN DESA)."),
    );
    for index in crate::vocabulary::INDICES {
        if let Some(value) = row.index(index.key) {
            values.indices.set(index.key, value.to_string());
        }
    }
    let opening = format!(
        "# Readiness results drafted by dgplan from public data. The scores below are
# DERIVED from the UN E-Government Survey {survey} indices (index x 5, to one
# decimal); they are not an assessment. Replace them with the results of a
# readiness assessment, and score the dimensions that have no published
# counterpart: {}.
",
        missing.join(", ")
    );
    readiness_text(framework, &opening, &values)
}

/// A blank country folder: every field of profile.toml and readiness.toml,
/// each with what it means, its allowed values and its default. Required
/// fields hold an empty value that `check` refuses until it is filled in;
/// optional ones are commented out with an example value. `name` and `iso3`
/// fill in the country when given; a known ISO code also fills in its UN
/// groups. `date` (YYYY-MM-DD) is today's, for the assessment date and the
/// plan's first year.
pub fn blank(
    reference: &Reference,
    framework: &Framework,
    name: Option<&str>,
    iso3: Option<&str>,
    date: &str,
) -> (String, String) {
    let iso3 = iso3.map(|c| c.trim().to_uppercase());
    let mut values = Values::default();
    set_language(&mut values);
    if let Some(name) = name {
        values.set("name", quote(name));
    }
    if let Some(iso3) = &iso3 {
        values.set("iso3", quote(iso3));
        fill_groups(reference, iso3, &mut values);
        if name.is_none() {
            fill_name(reference, iso3, &mut values);
        }
    }
    values.set("start_year", year_after(date, 2026).to_string());
    let profile = profile_text(
        framework,
        "# Country profile for dgplan: the country, the plan and what is in place.\n",
        &values,
    );
    let mut readiness = ReadinessValues {
        assessment: Values::default(),
        scores: Values::default(),
        evidence: Values::default(),
        indices: Values::default(),
    };
    readiness.assessment.set("date", date.to_string());
    let readiness = readiness_text(
        framework,
        "# Readiness results for dgplan: how ready the country is, dimension by dimension.\n",
        &readiness,
    );
    (profile, readiness)
}

/// One commented line per catalogue component: its id and title.
fn in_place_lines(framework: &Framework) -> String {
    framework
        .components
        .iter()
        .map(|c| format!("#   {:<28} {}", &*c.id, c.title))
        .collect::<Vec<_>>()
        .join("\n")
}

/// For every checklist question, a commented-out answer with the answers to
/// choose from.
fn checklist_lines(framework: &Framework) -> String {
    let mut answers = String::new();
    for dimension in &framework.dimensions {
        if dimension.questions.is_empty() {
            continue;
        }
        answers.push_str(&format!("\n# {}\n", dimension.name));
        for question in &dimension.questions {
            answers.push_str(&format!(
                "# {}.{} = 0    # {}\n",
                dimension.id.name, question.id.name, question.ask
            ));
            for (number, answer) in question.answers.iter().enumerate() {
                answers.push_str(&format!("#     {number} = {answer}\n"));
            }
        }
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_the_index_times_five_to_one_decimal() {
        assert_eq!(derived_score(0.32648), 1.6);
        assert_eq!(derived_score(1.0), 5.0);
        assert_eq!(derived_score(0.0), 0.0);
    }

    #[test]
    fn every_member_state_drafts_to_a_valid_country_folder() {
        let reference = Reference::builtin();
        let framework = Framework::builtin().unwrap();
        for row in &reference.latest().unwrap().rows {
            let (profile, readiness) =
                from_reference(reference, &framework, &row.iso3, "2026-12-29").unwrap();
            let checked = crate::input::check_texts(
                &crate::diagnostics::SourceFile::new("profile.toml", profile),
                &crate::diagnostics::SourceFile::new("readiness.toml", readiness),
                &framework,
            );
            if let Err(errors) = checked {
                panic!("{}: {errors}", row.name);
            }
        }
    }

    #[test]
    fn every_context_fact_has_its_question_in_the_vocabulary_s_order() {
        let asked: Vec<&str> = CONTEXT_QUESTIONS.iter().map(|(fact, _)| *fact).collect();
        let facts: Vec<&str> = crate::vocabulary::CONTEXT_FACTS
            .iter()
            .map(|(fact, _)| *fact)
            .collect();
        assert_eq!(asked, facts);
    }

    #[test]
    fn quoted_text_is_valid_toml_whatever_it_holds() {
        let text = "A \"B\" \\ C\nD\u{1b}E\u{7f}";
        let parsed: toml::Table = toml::from_str(&format!("x = {}", quote(text))).unwrap();
        assert_eq!(parsed["x"].as_str(), Some(text));
    }

    #[test]
    fn unknown_codes_are_refused_with_the_reason() {
        let reference = Reference::builtin();
        let framework = Framework::builtin().unwrap();
        let err = from_reference(reference, &framework, "xkx", "2026-12-29").unwrap_err();
        assert!(
            err.contains("\"XKX\" is not among the 193 UN Member States"),
            "{err}"
        );
    }
}
