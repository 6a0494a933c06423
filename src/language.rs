//! The language a plan is written in, and the tool's own words in it.
//!
//! A plan is written in one language from its first sentence to its last:
//! the framework's texts come translated with the framework
//! ([`crate::framework::translation`]), the documents' fixed wording with
//! the templates of that language, and every word dgplan itself composes
//! (a quarter, an amount, "not assessed", a chart's axis) from the phrase
//! catalogue below: `templates/phrases.toml` in English and
//! `templates/<code>/phrases.toml` in each other language, built in.
//!
//! The language in force is held per thread and set for the length of one
//! plan's build or one document's rendering ([`speaking`]). Passing it down
//! through the hundreds of places that format a number or a date would
//! bury those functions' purpose; a scoped setting keeps each entry point a
//! pure function of its inputs all the same, since the entry point sets it
//! from the plan's own language and restores the previous one on leaving.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The languages dgplan writes plans in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, PartialOrd, Ord,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Fr,
    Es,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::En, Language::Fr, Language::Es];

    /// The ISO 639-1 code, as written in `profile.toml` and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Es => "es",
        }
    }

    /// The language's name in English, for messages.
    pub fn english_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Fr => "French",
            Language::Es => "Spanish",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Language {
    type Err = String;
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Language::from_code(code).ok_or_else(|| {
            format!(
                "dgplan writes plans in {}; \"{code}\" is not one of them",
                codes_listed()
            )
        })
    }
}

/// "en (English), fr (French) and es (Spanish)".
pub fn codes_listed() -> String {
    let all: Vec<String> = Language::ALL
        .iter()
        .map(|l| format!("{} ({})", l.code(), l.english_name()))
        .collect();
    crate::words::join_english(&all)
}

thread_local! {
    static CURRENT: Cell<Language> = const { Cell::new(Language::En) };
}

/// The language in force on this thread.
pub fn current() -> Language {
    CURRENT.with(Cell::get)
}

/// Sets `language` until the returned guard is dropped, then restores the
/// language that was in force.
#[must_use = "the language is in force only while the guard lives"]
pub fn speaking(language: Language) -> Speaking {
    let before = CURRENT.with(|c| c.replace(language));
    Speaking { before }
}

pub struct Speaking {
    before: Language,
}

impl Drop for Speaking {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(self.before));
    }
}

/// The phrase catalogues, by language, as shipped.
const CATALOGUES: [(Language, &str, &str); 3] = [
    (
        Language::En,
        "templates/phrases.toml",
        include_str!("../templates/phrases.toml"),
    ),
    (
        Language::Fr,
        "templates/fr/phrases.toml",
        include_str!("../templates/fr/phrases.toml"),
    ),
    (
        Language::Es,
        "templates/es/phrases.toml",
        include_str!("../templates/es/phrases.toml"),
    ),
];

type Catalogue = HashMap<String, String>;

fn catalogues() -> &'static HashMap<Language, Catalogue> {
    static PARSED: OnceLock<HashMap<Language, Catalogue>> = OnceLock::new();
    PARSED.get_or_init(|| {
        CATALOGUES
            .iter()
            .map(|(language, _, text)| (*language, flatten(text).unwrap_or_default()))
            .collect()
    })
}

/// The catalogue's phrases by dotted key ("money.million"); sections nest.
fn flatten(text: &str) -> Result<Catalogue, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut out = Catalogue::new();
    fn walk(prefix: &str, table: &toml::Table, out: &mut Catalogue) -> Result<(), String> {
        for (key, value) in table {
            let key = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                toml::Value::String(text) => {
                    out.insert(key, text.clone());
                }
                toml::Value::Table(inner) => walk(&key, inner, out)?,
                _ => return Err(format!("{key}: a phrase is text")),
            }
        }
        Ok(())
    }
    walk("", &table, &mut out)?;
    Ok(out)
}

/// The phrase `key` in the language in force. A key missing from a
/// translation falls back to English, and one missing from English shows as
/// `⟦key⟧`: tests check both never happen.
pub fn say(key: &str) -> &'static str {
    let all = catalogues();
    all.get(&current())
        .and_then(|c| c.get(key))
        .or_else(|| all.get(&Language::En).and_then(|c| c.get(key)))
        .map_or("⟦missing phrase⟧", String::as_str)
}

/// The phrases of a section that only some languages have, such as
/// `[articles]` and `[contractions]`, in the language in force, by key.
pub fn section(name: &str) -> &'static [(String, &'static str)] {
    type Sections = HashMap<(Language, String), Vec<(String, &'static str)>>;
    // Read on every placeholder a plan fills: gathered once.
    static SECTIONS: OnceLock<Sections> = OnceLock::new();
    let sections = SECTIONS.get_or_init(|| {
        let mut all = Sections::new();
        for (language, catalogue) in catalogues() {
            for (key, text) in catalogue {
                if let Some((section, rest)) = key.split_once('.') {
                    all.entry((*language, section.to_string()))
                        .or_default()
                        .push((rest.to_string(), text.as_str()));
                }
            }
        }
        all.values_mut().for_each(|entries| entries.sort());
        all
    });
    sections
        .get(&(current(), name.to_string()))
        .map_or(&[], Vec::as_slice)
}

/// Sections a language has for its own grammar, not translations of
/// English phrases.
const OWN_GRAMMAR: [&str; 2] = ["articles.", "contractions."];

/// The phrase `key` with its `{name}` placeholders filled from `values`.
pub fn say_with(key: &str, values: &[(&str, &str)]) -> String {
    fill(say(key), values)
}

/// `text` with each `{name}` of `values` replaced, a preposition before a
/// value joined to its article as the language wants ("de" + "le Sénégal"
/// reads "du Sénégal"); other braces are kept.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) => match values.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => {
                    crate::words::append_value(&mut out, value);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            },
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every catalogue's problems: unreadable, keys missing or extra against
/// English, placeholders that differ. Empty when all is well.
pub fn catalogue_problems() -> Vec<String> {
    let mut problems = Vec::new();
    let parsed: Vec<(Language, &str, Result<Catalogue, String>)> = CATALOGUES
        .iter()
        .map(|(l, path, text)| (*l, *path, flatten(text)))
        .collect();
    let Some((_, _, Ok(english))) = parsed.iter().find(|(l, _, _)| *l == Language::En) else {
        return vec!["templates/phrases.toml cannot be read".into()];
    };
    for (language, path, catalogue) in &parsed {
        let catalogue = match catalogue {
            Ok(c) => c,
            Err(e) => {
                problems.push(format!("{path}: {e}"));
                continue;
            }
        };
        if *language == Language::En {
            continue;
        }
        let mut keys: Vec<&String> = english
            .keys()
            .filter(|k| !OWN_GRAMMAR.iter().any(|g| k.starts_with(g)))
            .collect();
        keys.sort();
        for key in keys {
            match catalogue.get(key) {
                None => problems.push(format!("{path}: {key} is missing")),
                Some(text) if placeholders(text) != placeholders(&english[key]) => {
                    problems.push(format!(
                        "{path}: {key} has placeholders {:?}, English has {:?}",
                        placeholders(text),
                        placeholders(&english[key])
                    ))
                }
                Some(_) => {}
            }
        }
        let mut extra: Vec<&String> = catalogue
            .keys()
            .filter(|k| !english.contains_key(*k))
            .filter(|k| !OWN_GRAMMAR.iter().any(|g| k.starts_with(g)))
            .collect();
        extra.sort();
        for key in extra {
            problems.push(format!("{path}: {key} is not in English"));
        }
    }
    problems
}

/// The `{name}` placeholders of a text, sorted.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                names.push(after[..close].to_string());
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_has_every_english_phrase_with_its_placeholders() {
        assert_eq!(catalogue_problems(), Vec::<String>::new());
    }

    #[test]
    fn the_language_is_scoped_and_restored() {
        assert_eq!(current(), Language::En);
        {
            let _fr = speaking(Language::Fr);
            assert_eq!(current(), Language::Fr);
            {
                let _es = speaking(Language::Es);
                assert_eq!(current(), Language::Es);
            }
            assert_eq!(current(), Language::Fr);
        }
        assert_eq!(current(), Language::En);
    }

    #[test]
    fn fill_replaces_known_names_and_keeps_other_braces() {
        assert_eq!(
            fill("T{q} {year} {other}", &[("q", "2"), ("year", "2027")]),
            "T2 2027 {other}"
        );
    }

    #[test]
    fn codes_round_trip() {
        for l in Language::ALL {
            assert_eq!(l.code().parse::<Language>(), Ok(l));
        }
        assert!(
            "de".parse::<Language>()
                .unwrap_err()
                .contains("es (Spanish)")
        );
    }
}
