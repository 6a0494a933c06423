//! Plans in French and Spanish: every output of every sample in the plan's
//! language, numbers and dates in its conventions, translations of a custom
//! framework checked and listed, and every character printable.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use tempfile::TempDir;

/// The nine samples, each generated in French and in Spanish (all formats).
fn generated(language: &str) -> &'static Path {
    static FRENCH: OnceLock<TempDir> = OnceLock::new();
    static SPANISH: OnceLock<TempDir> = OnceLock::new();
    let cell = if language == "fr" { &FRENCH } else { &SPANISH };
    cell.get_or_init(|| {
        let out = TempDir::new().unwrap();
        let samples: Vec<String> = dgplan::samples::SAMPLES
            .iter()
            .map(|s| sample(s.name).display().to_string())
            .collect();
        let mut args = vec!["generate"];
        args.extend(samples.iter().map(String::as_str));
        let out_arg = out.path().display().to_string();
        args.extend(["--out", &out_arg, "--language", language]);
        let run = dgplan(&args);
        assert!(run.status.success(), "{}", stderr(&run));
        assert!(
            !stderr(&run).contains("cannot show"),
            "a character the PDF fonts lack: {}",
            stderr(&run)
        );
        out
    })
    .path()
}

/// Words of at least four letters in a text, as written. Identifiers
/// (rule ids such as `core-governance-ldc`, `context.digital_id`) are not
/// words: a token joined by a hyphen, underscore or dot is skipped. Elided
/// articles are split off ("d'information" holds "information").
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| {
        c.is_whitespace() || (!c.is_alphanumeric() && !matches!(c, '-' | '_' | '.' | '\'' | '’'))
    })
    .map(|token| token.trim_matches(|c: char| matches!(c, '-' | '_' | '.' | '\'' | '’')))
    .filter(|token| {
        !token.contains(['-', '_', '.']) && !token.contains(|c: char| c.is_ascii_digit())
    })
    .flat_map(|token| token.split(['\'', '’']))
    .filter(|w| w.chars().count() >= 4)
}

/// Every text of a TOML file (values, not keys), joined.
fn toml_texts(path: &Path) -> String {
    toml_values(&std::fs::read_to_string(path).unwrap())
}

/// Every text of a TOML document (values, not keys or comments), joined.
fn toml_values(text: &str) -> String {
    fn walk(value: &toml::Value, out: &mut String) {
        match value {
            toml::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            toml::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            toml::Value::Table(t) => t.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let table: toml::Table = text.parse().unwrap();
    let mut out = String::new();
    walk(&toml::Value::Table(table), &mut out);
    out
}

fn toml_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// The English words a French or Spanish plan must not show: every word of
/// the framework's English texts, the English templates and the English
/// phrase catalogue, less those the language's own texts also use (names,
/// shared words such as "national" or "plan") and those of the sample
/// profiles (names of institutions and systems, kept as written).
fn english_only_words(language: &str) -> BTreeSet<String> {
    let root = root();
    let mut english = String::new();
    for file in toml_files(&root.join("frameworks/default")) {
        english.push_str(&toml_texts(&file));
    }
    english.push_str(&toml_texts(&root.join("templates/phrases.toml")));
    for name in ["master-plan", "roadmap", "brief", "comparison", "macros"] {
        let text = std::fs::read_to_string(root.join(format!("templates/{name}.md"))).unwrap();
        english.push_str(&strip_tera(&text));
    }
    let mut theirs = String::new();
    for file in toml_files(&root.join("frameworks/default").join(language)) {
        theirs.push_str(&toml_texts(&file));
    }
    theirs.push_str(&toml_texts(
        &root.join(format!("templates/{language}/phrases.toml")),
    ));
    for name in ["master-plan", "roadmap", "brief", "comparison", "macros"] {
        let path = root.join(format!("templates/{language}/{name}.md"));
        theirs.push_str(&strip_tera(&std::fs::read_to_string(path).unwrap()));
    }
    let mut theirs: BTreeSet<String> = words(&theirs).map(str::to_lowercase).collect();
    // The framework's ids: Annex C, which traces the plan, names rules,
    // pacing and governance models by id ("registries", "measured").
    theirs.extend(framework_ids());
    words(&english)
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(str::to_lowercase)
        .filter(|w| !theirs.contains(w))
        .collect()
}

/// Every `id` of the built-in framework's files.
fn framework_ids() -> BTreeSet<String> {
    fn walk(value: &toml::Value, out: &mut BTreeSet<String>) {
        match value {
            toml::Value::Table(t) => {
                for (k, v) in t {
                    match (k.as_str(), v) {
                        ("id", toml::Value::String(id)) => {
                            out.insert(id.to_lowercase());
                        }
                        _ => walk(v, out),
                    }
                }
            }
            toml::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut ids = BTreeSet::new();
    for file in toml_files(&root().join("frameworks/default")) {
        let table: toml::Table = std::fs::read_to_string(file).unwrap().parse().unwrap();
        walk(&toml::Value::Table(table), &mut ids);
    }
    ids
}

/// A template's words, without its tera tags and comments.
fn strip_tera(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '<']) {
        out.push_str(&rest[..open]);
        let close = match &rest[open..open + 2.min(rest.len() - open)] {
            "{{" => "}}",
            "{%" => "%}",
            "{#" => "#}",
            "<!" => "-->",
            _ => {
                out.push_str(&rest[open..open + 1]);
                rest = &rest[open + 1..];
                continue;
            }
        };
        match rest[open..].find(close) {
            Some(end) => rest = &rest[open + end + close.len()..],
            None => rest = "",
        }
        out.push(' ');
    }
    out.push_str(rest);
    out
}

/// The text a reader sees in each output of a country folder, by file.
fn texts_of(folder: &Path) -> BTreeMap<String, String> {
    let mut texts = BTreeMap::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = match path.extension().and_then(|e| e.to_str()) {
            Some("md") => strip_comments(&std::fs::read_to_string(&path).unwrap()),
            Some("svg") => strip_xml(&std::fs::read_to_string(&path).unwrap()),
            Some("json") => json_texts(&std::fs::read_to_string(&path).unwrap()),
            Some("docx") => strip_xml(&docx_text(&path)),
            _ => continue,
        };
        texts.insert(name, text);
    }
    texts
}

/// Markdown without its HTML comments (layout marks a reader never sees).
fn strip_comments(markdown: &str) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        rest = rest[open..]
            .find("-->")
            .map_or("", |end| &rest[open + end + 3..]);
    }
    out.push_str(rest);
    out
}

fn strip_xml(xml: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in xml.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                out.push(' ');
            }
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn docx_text(path: &Path) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// plan.json's texts: string values with a space (sentences and names;
/// identifiers such as "not_started" have none).
fn json_texts(json: &str) -> String {
    fn walk(value: &serde_json::Value, out: &mut String) {
        match value {
            serde_json::Value::String(s) if s.contains(' ') => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => map
                .iter()
                // The EGDI group is a value of the survey's own ("Very High").
                .filter(|(k, _)| !matches!(k.as_str(), "trace" | "framework" | "egdi_group"))
                .for_each(|(_, v)| walk(v, out)),
            _ => {}
        }
    }
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut out = String::new();
    walk(&value, &mut out);
    out
}

/// The words of a sample's own inputs (names of institutions and systems,
/// evidence), which a plan keeps as written, by the ISO code of its folder.
fn input_words() -> BTreeMap<String, BTreeSet<String>> {
    dgplan::samples::SAMPLES
        .iter()
        .map(|s| {
            let profile: toml::Table = s.profile.parse().unwrap();
            let iso3 = profile["country"]["iso3"].as_str().unwrap().to_lowercase();
            let text = toml_values(s.profile) + &toml_values(s.readiness);
            // Names as written, and the plural dgplan makes of a unit ("provinces").
            let own = words(&text)
                .flat_map(|w| [w.to_lowercase(), format!("{}s", w.to_lowercase())])
                .collect();
            (iso3, own)
        })
        .collect()
}

fn english_in_outputs(language: &str) -> Vec<String> {
    let english = english_only_words(language);
    let inputs = input_words();
    let mut found = Vec::new();
    for entry in std::fs::read_dir(generated(language)).unwrap() {
        let folder = entry.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        let iso3 = folder.file_name().unwrap().to_string_lossy().to_string();
        let own = &inputs[&iso3];
        for (file, text) in texts_of(&folder) {
            for line in text.lines() {
                let hits: Vec<&str> = words(line)
                    .map(|w| (w, w.to_lowercase()))
                    .filter(|(_, l)| english.contains(l) && !own.contains(l))
                    .map(|(w, _)| w)
                    .collect();
                if !hits.is_empty() {
                    found.push(format!(
                        "{}/{file}: {hits:?} in \"{}\"",
                        folder.file_name().unwrap().to_string_lossy(),
                        line.chars().take(160).collect::<String>()
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn no_english_in_any_output_of_any_sample_in_french() {
    let found = english_in_outputs("fr");
    assert!(
        found.is_empty(),
        "{} lines with English:\n{}",
        found.len(),
        found[..found.len().min(40)].join("\n")
    );
}

#[test]
fn no_english_in_any_output_of_any_sample_in_spanish() {
    let found = english_in_outputs("es");
    assert!(
        found.is_empty(),
        "{} lines with English:\n{}",
        found.len(),
        found[..found.len().min(40)].join("\n")
    );
}

#[test]
fn the_english_word_list_catches_english() {
    // The scan is only as good as its list: plain English sentences of the
    // framework must be caught.
    let english = english_only_words("fr");
    for word in ["governing", "ministries", "should", "strengthens", "which"] {
        assert!(english.contains(word), "{word} is not in the list");
    }
    for word in ["national", "plan", "digital", "services"] {
        assert!(!english.contains(word), "{word} is French too");
    }
}

#[test]
fn figures_dates_and_quarters_follow_the_language() {
    let senegal = generated("fr").join("sen");
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(senegal.join("plan.json")).unwrap()).unwrap();
    assert_eq!(plan["language"], "fr");
    let master = std::fs::read_to_string(senegal.join("master-plan.md")).unwrap();
    let total = plan["financing"]["total_cost_usd_millions"]
        .as_f64()
        .unwrap();
    // No-break spaces hold an amount and a date together on a line.
    let french_total = format!("USD\u{a0}{:.1}\u{a0}millions", total).replace('.', ",");
    assert!(
        master.contains(&french_total),
        "{french_total} not in the plan"
    );
    assert!(
        master.contains("29\u{a0}décembre 2026"),
        "the date in French"
    );
    assert!(master.contains(" T1 20"), "quarters as T1 2027");
    assert!(!master.contains(" Q1 20"), "no English quarter");

    let bolivia = generated("es").join("bol");
    let master = std::fs::read_to_string(bolivia.join("master-plan.md")).unwrap();
    assert!(
        master.contains("29\u{a0}de diciembre de 2026"),
        "the date in Spanish"
    );
    assert!(master.contains("millones"));
}

#[test]
fn the_word_files_say_their_language_and_keep_every_accent() {
    let senegal = generated("fr").join("sen");
    let xml = docx_text(&senegal.join("master-plan.docx"));
    assert!(xml.contains("État") || xml.contains("é"), "accents kept");
    let pdf = std::fs::read(senegal.join("master-plan.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn every_character_of_the_translations_is_in_the_pdf_fonts() {
    let fonts = dgplan::render::fonts::Fonts::load().unwrap();
    let root = root();
    let mut text = String::new();
    for language in ["fr", "es"] {
        for file in toml_files(&root.join("frameworks/default").join(language)) {
            text.push_str(&toml_texts(&file));
        }
        for name in [
            "master-plan",
            "roadmap",
            "brief",
            "comparison",
            "macros",
            "phrases",
        ] {
            let ext = if name == "phrases" { "toml" } else { "md" };
            let path = root.join(format!("templates/{language}/{name}.{ext}"));
            text.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    // The typography the renderers add for French and Spanish.
    text.push_str("\u{202f}\u{a0}«»");
    for face in dgplan::render::draw::Face::ALL {
        let missing = fonts.missing(face, &text);
        assert!(missing.is_empty(), "{face:?} lacks {missing:?}");
    }
}

/// A copy of the built-in framework with its French translation, in a
/// folder of its own.
fn framework_copy() -> TempDir {
    let dir = TempDir::new().unwrap();
    let from = root().join("frameworks/default");
    std::fs::create_dir(dir.path().join("fr")).unwrap();
    for file in toml_files(&from) {
        std::fs::copy(&file, dir.path().join(file.file_name().unwrap())).unwrap();
    }
    for file in toml_files(&from.join("fr")) {
        std::fs::copy(&file, dir.path().join("fr").join(file.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn a_translation_missing_a_text_is_refused_with_its_file_and_line() {
    let framework = framework_copy();
    let path = framework.path().join("fr/components.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen(
        "[components.pmo]\ntitle = ",
        "[components.pmo]\ntitre = ",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    let out = TempDir::new().unwrap();
    let run = dgplan(&[
        "generate",
        &sample("senegal").display().to_string(),
        "--framework",
        &framework.path().display().to_string(),
        "--out",
        &out.path().display().to_string(),
    ]);
    assert!(!run.status.success());
    let err = stderr(&run);
    assert!(
        err.contains("components.pmo.title has no French text"),
        "{err}"
    );
    assert!(
        err.contains("components.pmo.titre"),
        "the extra key is named too: {err}"
    );
    assert!(err.contains("fr/components.toml:"), "file and line: {err}");
    assert!(!out.path().join("sen").exists(), "nothing written");
}

#[test]
fn frameworks_missing_lists_what_to_translate_and_its_output_completes_the_translation() {
    let framework = framework_copy();
    let spanish = framework.path().join("es");
    let run = dgplan(&[
        "frameworks",
        "--framework",
        &framework.path().display().to_string(),
        "--missing",
        "es",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let listing = String::from_utf8(run.stdout.clone()).unwrap();
    assert!(stderr(&run).contains("have no Spanish translation"));
    // Each part, saved as the file its heading names, is a translation file
    // (here left in English): the framework then loads in Spanish.
    std::fs::create_dir(&spanish).unwrap();
    let mut files = 0;
    for part in listing.split("# ---- ").skip(1) {
        let (heading, body) = part.split_once(" ----\n").unwrap();
        let name = Path::new(heading.trim()).file_name().unwrap();
        std::fs::write(spanish.join(name), body).unwrap();
        files += 1;
    }
    assert_eq!(files, 9, "one part per framework file");
    let run = dgplan(&[
        "frameworks",
        "--framework",
        &framework.path().display().to_string(),
        "--missing",
        "es",
    ]);
    assert!(run.stdout.is_empty());
    assert!(stderr(&run).contains("every text has a Spanish translation"));
    let check = dgplan(&[
        "check",
        "--framework",
        &framework.path().display().to_string(),
        &sample("bolivia").display().to_string(),
    ]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn an_unknown_language_is_an_error_naming_the_three() {
    let dir = variant(
        "senegal",
        &[("profile.toml", "language = \"fr\"", "language = \"de\"")],
    );
    let run = dgplan(&["check", &dir.path().display().to_string()]);
    assert!(!run.status.success());
    let err = stderr(&run);
    assert!(err.contains("plan.language"), "{err}");
    assert!(err.contains("fr (French)"), "{err}");
    assert!(err.contains("profile.toml:"), "{err}");
}

#[test]
fn the_same_inputs_give_the_same_french_bytes() {
    let first = generated("fr").join("sen");
    let out = TempDir::new().unwrap();
    let run = dgplan(&[
        "generate",
        &sample("senegal").display().to_string(),
        "--out",
        &out.path().display().to_string(),
    ]);
    assert!(run.status.success());
    for file in [
        "master-plan.md",
        "master-plan.pdf",
        "brief.docx",
        "plan.json",
    ] {
        assert_eq!(
            std::fs::read(first.join(file)).unwrap(),
            std::fs::read(out.path().join("sen").join(file)).unwrap(),
            "{file} differs"
        );
    }
}

#[test]
fn a_templates_folder_overrides_the_french_templates_from_its_fr_subfolder() {
    let templates = TempDir::new().unwrap();
    let export = dgplan(&[
        "templates",
        "export",
        &templates.path().display().to_string(),
    ]);
    assert!(export.status.success(), "{}", stderr(&export));
    assert!(templates.path().join("fr/brief.md").exists());
    let brief = templates.path().join("fr/brief.md");
    let text = std::fs::read_to_string(&brief).unwrap();
    std::fs::write(
        &brief,
        format!("{text}\nNote du ministère : version de travail.\n"),
    )
    .unwrap();
    let out = TempDir::new().unwrap();
    let run = dgplan(&[
        "generate",
        &sample("senegal").display().to_string(),
        "--templates",
        &templates.path().display().to_string(),
        "--formats",
        "md",
        "--out",
        &out.path().display().to_string(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let written = std::fs::read_to_string(out.path().join("sen/brief.md")).unwrap();
    assert!(written.contains("version de travail"));
}
