//! A framework's texts in another language.
//!
//! A framework folder holds its English texts in its eight (or nine) files
//! and, for each other language, a subfolder named by the language's code
//! (`fr/`, `es/`) with one file per framework file. A translation file
//! mirrors its framework file, keyed by the ids of the framework's items,
//! and holds only the texts a plan shows:
//!
//! ```toml
//! [components.gov-council]
//! title = "Organe de pilotage et mandat du gouvernement numérique"
//! [components.pmo.versions."pmo.small-state"]
//! text = "..."
//! ```
//!
//! Items without an id are keyed by their abbreviation (glossary terms) or
//! their position from 1 (governance bodies). The translated framework is
//! the English one with each text replaced, loaded and checked as usual, so
//! rules, conditions and costs are those of the English files. A text
//! without a translation, or a translation of a text the framework does not
//! have, is an error naming the file and line: no plan mixes languages.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{FRAMEWORK_FILES, FrameworkSources, GLOSSARY_FILE};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, did_you_mean};
use crate::language::Language;

/// The texts of each framework file a plan shows, as paths from the top of
/// the file: `name[]` steps into each item of a list of tables.
pub const TEXT_FIELDS: [(&str, &[&str]); 9] = [
    (
        "framework.toml",
        &[
            "framework.title",
            "framework.description",
            "framework.vision",
            "framework.vision_versions[].text",
            "framework.level_names",
            "phases[].name",
            "phases[].purpose",
            "phases[].versions[].text",
            "pillars[].name",
            "pillars[].description",
            "pillars[].versions[].text",
            "enablers[].name",
            "enablers[].description",
            "enablers[].versions[].text",
            "cost_model.running_basis",
            "cost_model.basis",
            "financing_sources[].name",
            "financing_sources[].description",
            "pppp_models[].name",
            "pppp_models[].description",
            "pppp_models[].example",
            "pacing[].name",
            "pacing[].description",
            "governance_models[].name",
            "governance_models[].summary",
            "governance_models[].coordination",
            "governance_models[].data_sharing",
            "governance_models[].bodies[].name",
            "governance_models[].bodies[].chair",
            "governance_models[].bodies[].members",
            "governance_models[].bodies[].role",
            "governance_models[].bodies[].meets",
        ],
    ),
    (
        "dimensions.toml",
        &[
            "dimensions[].name",
            "dimensions[].description",
            "dimensions[].levels",
            "dimensions[].questions[].ask",
            "dimensions[].questions[].answers",
        ],
    ),
    (
        "recommendations.toml",
        &[
            "recommendations[].title",
            "recommendations[].principle",
            "recommendations[].versions[].text",
            "recommendations[].tailoring[].text",
            "decisions[].text",
            "open_questions[].text",
        ],
    ),
    (
        "components.toml",
        &[
            "components[].title",
            "components[].summary",
            "components[].lead",
            "components[].change_management",
            "components[].milestone",
            "components[].versions[].text",
            "components[].versions[].milestone",
        ],
    ),
    ("rules.toml", &["rules[].because"]),
    (
        "risks.toml",
        &[
            "risks[].title",
            "risks[].description",
            "risks[].mitigation",
            "risks[].drivers[].because",
        ],
    ),
    (
        "kpis.toml",
        &[
            "key_result_areas[].name",
            "key_result_areas[].description",
            "monitoring.reviews",
            "kpis[].name",
            "kpis[].definition",
            "kpis[].unit",
            "kpis[].owner",
            "kpis[].target.not_started",
            "kpis[].target.under_way",
            "kpis[].target.done",
            "kpis[].target.after",
        ],
    ),
    ("precedents.toml", &["precedents[].text"]),
    (
        "glossary.toml",
        &["terms[].abbreviation", "terms[].meaning"],
    ),
];

/// The vocabulary's words a plan names in running text: a translation
/// gives each sector and hazard its name (`[vocabulary.sectors]`).
const NAMED_WORDS: [&str; 2] = ["sectors", "hazards"];

/// Where a text sits in a file: "components", "gov-council", "title", and
/// "[2]" for the third entry of a list of texts.
type Key = Vec<String>;

/// "components.gov-council.title", quoting steps that hold a dot.
pub fn key_text(key: &[String]) -> String {
    let steps: Vec<String> = key
        .iter()
        .map(|step| {
            if step.starts_with('[') || !step.contains(['.', ' ', '"']) {
                step.clone()
            } else {
                format!("\"{step}\"")
            }
        })
        .collect();
    steps.join(".").replace(".[", "[")
}

/// The English texts of a framework file by key, in file order.
fn english_texts(file: &str, table: &toml::Table) -> Vec<(Key, String)> {
    let mut found = Vec::new();
    let specs = TEXT_FIELDS
        .iter()
        .find(|(name, _)| *name == file)
        .map_or(&[][..], |(_, specs)| specs);
    let root = toml::Value::Table(table.clone());
    for spec in specs {
        let steps: Vec<&str> = spec.split('.').collect();
        collect(&root, &steps, &mut Vec::new(), &mut found);
    }
    if file == "framework.toml"
        && let Some(toml::Value::Table(vocabulary)) = table.get("vocabulary")
    {
        for kind in NAMED_WORDS {
            if let Some(toml::Value::Array(words)) = vocabulary.get(kind) {
                for word in words.iter().filter_map(toml::Value::as_str) {
                    let key = vec!["vocabulary".into(), kind.into(), word.into()];
                    found.push((key, word.replace('_', " ")));
                }
            }
        }
    }
    found
}

/// The name an item of a list of tables goes by in a translation file.
fn item_key(item: &toml::Value, position: usize) -> String {
    ["id", "abbreviation"]
        .iter()
        .find_map(|field| item.get(field).and_then(toml::Value::as_str))
        .map_or_else(|| (position + 1).to_string(), str::to_string)
}

fn collect(value: &toml::Value, steps: &[&str], key: &mut Key, found: &mut Vec<(Key, String)>) {
    let Some((step, rest)) = steps.split_first() else {
        match value {
            toml::Value::String(text) => found.push((key.clone(), text.clone())),
            toml::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let toml::Value::String(text) = item {
                        let mut at = key.clone();
                        at.push(format!("[{i}]"));
                        found.push((at, text.clone()));
                    }
                }
            }
            _ => {}
        }
        return;
    };
    if let Some(list) = step.strip_suffix("[]") {
        let Some(toml::Value::Array(items)) = value.get(list) else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            key.push(list.to_string());
            key.push(item_key(item, i));
            collect(item, rest, key, found);
            key.truncate(key.len() - 2);
        }
    } else if let Some(inner) = value.get(*step) {
        key.push(step.to_string());
        collect(inner, rest, key, found);
        key.pop();
    }
}

/// Replaces the English text at `key` by `text`; false when there is none.
fn replace(table: &mut toml::Table, file: &str, key: &[String], text: &str) -> bool {
    fn go(value: &mut toml::Value, key: &[String], text: &str) -> bool {
        let Some((step, rest)) = key.split_first() else {
            *value = toml::Value::String(text.to_string());
            return true;
        };
        if let Some(index) = step.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            return match (value, index.parse::<usize>()) {
                (toml::Value::Array(items), Ok(i)) if i < items.len() => {
                    go(&mut items[i], rest, text)
                }
                _ => false,
            };
        }
        match value.get_mut(step.as_str()) {
            Some(toml::Value::Array(items)) if !rest.is_empty() && !rest[0].starts_with('[') => {
                let Some((wanted, rest)) = rest.split_first() else {
                    return false;
                };
                let position = items
                    .iter()
                    .enumerate()
                    .position(|(i, item)| item_key(item, i) == *wanted);
                match position {
                    Some(i) => go(&mut items[i], rest, text),
                    None => false,
                }
            }
            Some(inner) => go(inner, rest, text),
            None => false,
        }
    }
    if file == "framework.toml" && key.len() == 3 && key[0] == "vocabulary" {
        // Words keep their ids; their names go into a table of their own.
        let names = table
            .entry("vocabulary")
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let Some(names) = names.as_table_mut() else {
            return false;
        };
        let kind = format!("{}_names", key[1].trim_end_matches('s'));
        let entry = names
            .entry(kind)
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let Some(entry) = entry.as_table_mut() {
            entry.insert(key[2].clone(), toml::Value::String(text.to_string()));
            return true;
        }
        return false;
    }
    let mut root = toml::Value::Table(std::mem::take(table));
    let done = go(&mut root, key, text);
    if let toml::Value::Table(back) = root {
        *table = back;
    }
    done
}

/// A translation file's texts by key, with where each is written.
fn translated_texts(source: &SourceFile) -> Result<Vec<(Key, Spanned<String>)>, Diagnostics> {
    let root = DeTable::parse(&source.text).map_err(|error| {
        Diagnostics::from(Diagnostic::at(
            source,
            error.span().unwrap_or(0..0),
            format!("this translation file cannot be read: {}", error.message()),
        ))
    })?;
    let mut found = Vec::new();
    fn walk(value: &Spanned<DeValue>, key: &mut Key, found: &mut Vec<(Key, Spanned<String>)>) {
        match value.get_ref() {
            DeValue::String(text) => {
                found.push((key.clone(), Spanned::new(value.span(), text.to_string())))
            }
            DeValue::Table(table) => {
                for (k, v) in table.iter() {
                    key.push(k.get_ref().to_string());
                    walk(v, key, found);
                    key.pop();
                }
            }
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    key.push(format!("[{i}]"));
                    walk(item, key, found);
                    key.pop();
                }
            }
            _ => found.push((key.clone(), Spanned::new(value.span(), String::new()))),
        }
    }
    let root = Spanned::new(0..source.text.len(), DeValue::Table(root.into_inner()));
    walk(&root, &mut Vec::new(), &mut found);
    Ok(found)
}

/// The texts of one framework file left untranslated in a language.
pub struct Untranslated {
    /// The translation file that should hold them.
    pub file: String,
    pub texts: Vec<(String, String)>,
}

/// The framework's sources in `language`: each English file with its
/// texts replaced from `translations` (the files of the language's
/// subfolder, by framework file name). Every problem is reported.
pub fn translate(
    english: &FrameworkSources,
    language: Language,
    translations: &BTreeMap<String, SourceFile>,
) -> Result<FrameworkSources, Diagnostics> {
    if translations.is_empty()
        && let Some(first) = english.files.first()
    {
        let folder = translated_path(first, language);
        let folder = folder.parent().unwrap_or(Path::new(""));
        return Err(Diagnostic::file(
            folder,
            format!(
                "the framework has no {} translation: this folder is missing",
                language.english_name()
            ),
        )
        .with_hint(format!(
            "write the plan in English, or translate the framework: `dgplan frameworks --framework {} --missing {}` lists every text, in the files to create",
            folder.parent().unwrap_or(Path::new(".")).display(),
            language.code()
        ))
        .into());
    }
    let mut diagnostics = Diagnostics::default();
    let mut files = Vec::new();
    for source in &english.files {
        let name = file_name(&source.path);
        let Ok(mut table) = source.text.parse::<toml::Table>() else {
            files.push(source.clone());
            continue;
        };
        let texts = english_texts(&name, &table);
        let Some(translation) = translations.get(&name) else {
            diagnostics.push(
                Diagnostic::file(
                    &translated_path(source, language),
                    format!(
                        "the framework has no {} translation of {name}",
                        language.english_name()
                    ),
                )
                .with_hint(format!(
                    "`dgplan frameworks --missing {}` writes the texts to translate; save them as this file and translate each one",
                    language.code()
                )),
            );
            continue;
        };
        match translated_texts(translation) {
            Err(d) => diagnostics.extend(d),
            Ok(given) => {
                check(&texts, &given, translation, language, &mut diagnostics);
                // A text the framework does not have is reported by `check`.
                // An abbreviation names its term: it is replaced last, once
                // the texts found by it are.
                let (names, texts): (Vec<_>, Vec<_>) = given
                    .iter()
                    .partition(|(key, _)| key.last().is_some_and(|k| k == "abbreviation"));
                for (key, text) in texts.into_iter().chain(names) {
                    replace(&mut table, &name, key, text.get_ref());
                }
            }
        }
        let text = toml::to_string(&table).unwrap_or_else(|_| source.text.clone());
        files.push(SourceFile::new(translated_path(source, language), text));
    }
    diagnostics.into_result(FrameworkSources { files })
}

/// What `frameworks --missing` lists: each file's texts with no
/// translation, and the English of each.
pub fn untranslated(
    english: &FrameworkSources,
    language: Language,
    translations: &BTreeMap<String, SourceFile>,
) -> Vec<Untranslated> {
    let mut out = Vec::new();
    for source in &english.files {
        let name = file_name(&source.path);
        let Ok(table) = source.text.parse::<toml::Table>() else {
            continue;
        };
        let given: HashSet<Key> = translations
            .get(&name)
            .and_then(|t| translated_texts(t).ok())
            .map(|texts| texts.into_iter().map(|(k, _)| k).collect())
            .unwrap_or_default();
        let texts: Vec<(String, String)> = english_texts(&name, &table)
            .into_iter()
            .filter(|(key, _)| !given.contains(key))
            .map(|(key, text)| (key_text(&key), text))
            .collect();
        if !texts.is_empty() {
            out.push(Untranslated {
                file: format!("{}/{name}", language.code()),
                texts,
            });
        }
    }
    out
}

/// Texts by key as a translation file writes them: one table per item,
/// lists of texts as lists.
pub fn as_toml(texts: &[(String, String)]) -> String {
    // Each table once, with all its texts, in the order first met.
    let mut tables: indexmap::IndexMap<&str, indexmap::IndexMap<&str, Vec<&str>>> =
        indexmap::IndexMap::new();
    let mut lists = HashSet::new();
    for (key, text) in texts {
        let (path, index) = match key.rsplit_once('[') {
            Some((path, _)) if key.ends_with(']') => (path, true),
            _ => (key.as_str(), false),
        };
        if index {
            lists.insert(path);
        }
        let (section, field) = split_last_step(path);
        tables
            .entry(section)
            .or_default()
            .entry(field)
            .or_default()
            .push(text);
    }
    let quote = |text: &str| toml::Value::String(text.to_string()).to_string();
    let mut out = String::new();
    for (section, fields) in tables {
        out.push_str(&format!("\n[{section}]\n"));
        for (field, values) in fields {
            let path = format!("{section}.{field}");
            if lists.contains(path.as_str()) {
                out.push_str(&format!("{field} = [\n"));
                for value in values {
                    out.push_str(&format!("  {},\n", quote(value)));
                }
                out.push_str("]\n");
            } else if let Some(value) = values.first() {
                out.push_str(&format!("{field} = {}\n", quote(value)));
            }
        }
    }
    out.trim_start().to_string()
}

/// "a.b.\"c.d\".field" as ("a.b.\"c.d\"", "field"): the last step is never quoted.
fn split_last_step(path: &str) -> (&str, &str) {
    path.rsplit_once('.').unwrap_or(("", path))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string()
}

/// `frameworks/default/fr/components.toml` beside `frameworks/default/components.toml`.
fn translated_path(source: &SourceFile, language: Language) -> std::path::PathBuf {
    let parent = source.path.parent().unwrap_or(Path::new(""));
    parent
        .join(language.code())
        .join(source.path.file_name().unwrap_or_default())
}

/// Missing, extra and mistyped texts, and placeholders that differ.
fn check(
    english: &[(Key, String)],
    given: &[(Key, Spanned<String>)],
    translation: &SourceFile,
    language: Language,
    diagnostics: &mut Diagnostics,
) {
    let wanted: BTreeMap<&Key, &String> = english.iter().map(|(k, t)| (k, t)).collect();
    let written: BTreeMap<&Key, &Spanned<String>> = given.iter().map(|(k, t)| (k, t)).collect();
    let known: Vec<String> = english.iter().map(|(k, _)| key_text(k)).collect();
    for (key, text) in given {
        let shown = key_text(key);
        match wanted.get(key) {
            None => {
                let mut d = Diagnostic::at(
                    translation,
                    text.span(),
                    format!("the framework has no text {shown} to translate"),
                )
                .with_field(shown.clone());
                d = match did_you_mean(&shown, known.iter().map(String::as_str)) {
                    Some(meant) => d.with_hint(format!("did you mean {meant}?")),
                    None => d.with_hint(
                        "remove it, or check the id against the framework file beside this folder",
                    ),
                };
                diagnostics.push(d);
            }
            Some(english) => {
                let (ours, theirs) = (placeholders(english), placeholders(text.get_ref()));
                if ours != theirs {
                    diagnostics.push(
                        Diagnostic::at(
                            translation,
                            text.span(),
                            format!(
                                "the {} text has placeholders {} but the English has {}",
                                language.english_name(),
                                listed(&theirs),
                                listed(&ours)
                            ),
                        )
                        .with_field(shown)
                        .with_hint("keep every {placeholder} of the English text, spelt the same; move it where the sentence needs it"),
                    );
                }
            }
        }
    }
    for (key, english_text) in english {
        if !written.contains_key(key) {
            let shown = key_text(key);
            let section_span = section_span(given, key);
            diagnostics.push(
                Diagnostic::at(
                    translation,
                    section_span,
                    format!("{shown} has no {} text", language.english_name()),
                )
                .with_field(shown)
                .with_hint(format!(
                    "translate the English: \"{}\"",
                    short(english_text)
                )),
            );
        }
    }
}

/// Where to point for a missing text: the nearest text of the same item,
/// else the top of the file.
fn section_span(given: &[(Key, Spanned<String>)], key: &Key) -> Range<usize> {
    (1..key.len())
        .rev()
        .find_map(|len| {
            given
                .iter()
                .find(|(k, _)| k.len() >= len && k[..len] == key[..len])
                .map(|(_, t)| t.span())
        })
        .unwrap_or(0..0)
}

fn short(text: &str) -> String {
    match text.char_indices().nth(100) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_string(),
    }
}

fn listed(names: &[String]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names
            .iter()
            .map(|n| format!("{{{n}}}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The `{placeholders}` of a text, sorted, repeats kept.
fn placeholders(text: &str) -> Vec<String> {
    crate::language::placeholders(text)
}

/// The translation files of a language in a framework folder, or those
/// built in for the default framework.
pub fn read_translations(
    folder: Option<&Path>,
    language: Language,
) -> Result<BTreeMap<String, SourceFile>, Diagnostics> {
    let names = FRAMEWORK_FILES.iter().chain([&GLOSSARY_FILE]);
    match folder {
        None => Ok(builtin(language)
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    SourceFile::new(
                        format!("<built-in>/frameworks/default/{}/{name}", language.code()),
                        *text,
                    ),
                )
            })
            .collect()),
        Some(folder) => {
            let mut found = BTreeMap::new();
            let mut diagnostics = Diagnostics::default();
            for name in names {
                let path = folder.join(language.code()).join(name);
                if path.exists() {
                    match SourceFile::read(&path) {
                        Ok(file) => {
                            found.insert(name.to_string(), file);
                        }
                        Err(d) => diagnostics.push(d),
                    }
                }
            }
            diagnostics.into_result(found)
        }
    }
}

type Builtin = [(&'static str, &'static str); 9];

const BUILTIN_FR: Builtin = [
    (
        "framework.toml",
        include_str!("../../frameworks/default/fr/framework.toml"),
    ),
    (
        "dimensions.toml",
        include_str!("../../frameworks/default/fr/dimensions.toml"),
    ),
    (
        "recommendations.toml",
        include_str!("../../frameworks/default/fr/recommendations.toml"),
    ),
    (
        "components.toml",
        include_str!("../../frameworks/default/fr/components.toml"),
    ),
    (
        "rules.toml",
        include_str!("../../frameworks/default/fr/rules.toml"),
    ),
    (
        "risks.toml",
        include_str!("../../frameworks/default/fr/risks.toml"),
    ),
    (
        "kpis.toml",
        include_str!("../../frameworks/default/fr/kpis.toml"),
    ),
    (
        "precedents.toml",
        include_str!("../../frameworks/default/fr/precedents.toml"),
    ),
    (
        "glossary.toml",
        include_str!("../../frameworks/default/fr/glossary.toml"),
    ),
];

const BUILTIN_ES: Builtin = [
    (
        "framework.toml",
        include_str!("../../frameworks/default/es/framework.toml"),
    ),
    (
        "dimensions.toml",
        include_str!("../../frameworks/default/es/dimensions.toml"),
    ),
    (
        "recommendations.toml",
        include_str!("../../frameworks/default/es/recommendations.toml"),
    ),
    (
        "components.toml",
        include_str!("../../frameworks/default/es/components.toml"),
    ),
    (
        "rules.toml",
        include_str!("../../frameworks/default/es/rules.toml"),
    ),
    (
        "risks.toml",
        include_str!("../../frameworks/default/es/risks.toml"),
    ),
    (
        "kpis.toml",
        include_str!("../../frameworks/default/es/kpis.toml"),
    ),
    (
        "precedents.toml",
        include_str!("../../frameworks/default/es/precedents.toml"),
    ),
    (
        "glossary.toml",
        include_str!("../../frameworks/default/es/glossary.toml"),
    ),
];

fn builtin(language: Language) -> &'static [(&'static str, &'static str)] {
    match language {
        Language::En => &[],
        Language::Fr => &BUILTIN_FR,
        Language::Es => &BUILTIN_ES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> FrameworkSources {
        FrameworkSources::builtin()
    }

    #[test]
    fn the_builtin_translations_are_complete_and_load() {
        for language in [Language::Fr, Language::Es] {
            let translations = read_translations(None, language).unwrap();
            let sources = translate(&english(), language, &translations)
                .unwrap_or_else(|d| panic!("{language}: {d}"));
            let framework = sources
                .load(None)
                .unwrap_or_else(|d| panic!("{language}: {d}"));
            assert_ne!(
                framework.components[0].title,
                super::super::Framework::builtin().unwrap().components[0].title
            );
            assert!(untranslated(&english(), language, &translations).is_empty());
            // Every glossary term is translated whole, meaning and all.
            let english = super::super::Framework::builtin().unwrap();
            for (ours, theirs) in english.glossary.iter().zip(&framework.glossary) {
                assert_ne!(ours.meaning, theirs.meaning, "{}", ours.abbreviation.name);
            }
        }
    }

    #[test]
    fn a_missing_and_an_extra_text_are_reported_with_their_lines() {
        let mut translations = read_translations(None, Language::Fr).unwrap();
        let components = translations.get_mut("components.toml").unwrap();
        let text =
            components
                .text
                .replacen("[components.pmo]\ntitle =", "[components.pmo]\ntitel =", 1);
        assert_ne!(text, components.text, "the fixture must change the file");
        *components = SourceFile::new(components.path.clone(), text);
        let problems = translate(&english(), Language::Fr, &translations)
            .err()
            .expect("problems are reported")
            .to_string();
        assert!(
            problems.contains("components.pmo.title has no French text"),
            "{problems}"
        );
        assert!(
            problems.contains("the framework has no text components.pmo.titel"),
            "{problems}"
        );
        assert!(problems.contains("fr/components.toml:"), "{problems}");
    }

    #[test]
    fn a_changed_placeholder_is_reported() {
        let mut translations = read_translations(None, Language::Es).unwrap();
        let rules = translations.get_mut("rules.toml").unwrap();
        let text = rules.text.replacen("{country}", "{pais}", 1);
        *rules = SourceFile::new(rules.path.clone(), text);
        let problems = translate(&english(), Language::Es, &translations)
            .err()
            .expect("problems are reported")
            .to_string();
        assert!(problems.contains("{pais}"), "{problems}");
        assert!(problems.contains("es/rules.toml:"), "{problems}");
    }

    #[test]
    fn what_is_missing_reads_as_a_translation_file() {
        let mut translations = read_translations(None, Language::Fr).unwrap();
        translations.remove("risks.toml");
        let missing = untranslated(&english(), Language::Fr, &translations);
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].file, "fr/risks.toml");
        let written = as_toml(&missing[0].texts);
        // Written back as the translation file, it completes the translation.
        translations.insert(
            "risks.toml".into(),
            SourceFile::new("fr/risks.toml", written.clone()),
        );
        assert!(untranslated(&english(), Language::Fr, &translations).is_empty());
        assert!(written.starts_with("[risks.RK1]\ntitle = "), "{written}");
    }

    #[test]
    fn keys_read_as_written_in_the_files() {
        let key: Key = ["components", "pmo", "versions", "pmo.small-state", "text"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            key_text(&key),
            "components.pmo.versions.\"pmo.small-state\".text"
        );
        let list: Key = ["dimensions", "leadership", "levels", "[2]"]
            .map(String::from)
            .to_vec();
        assert_eq!(key_text(&list), "dimensions.leadership.levels[2]");
    }
}
