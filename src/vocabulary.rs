//! The words inputs, frameworks and reference data share: UN country groups,
//! income groups, the `[context]` facts a profile may state and the indices
//! the UN E-Government Survey publishes.
//!
//! It depends on no other module of dgplan but the phrase catalogue
//! ([`crate::language`], for the names documents show), so that `input`,
//! `framework` and `reference` can all use it without depending on each
//! other. (The
//! framework's own lists of sectors and hazards are framework data, in
//! [`crate::framework::Vocabulary`].)

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::language::say;

/// UN country groupings the framework's rules can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, PartialOrd, Ord)]
pub enum CountryGroup {
    /// Least developed country.
    #[serde(rename = "LDC")]
    Ldc,
    /// Landlocked developing country.
    #[serde(rename = "LLDC")]
    Lldc,
    /// Small island developing state.
    #[serde(rename = "SIDS")]
    Sids,
}

impl CountryGroup {
    pub fn code(self) -> &'static str {
        match self {
            CountryGroup::Ldc => "LDC",
            CountryGroup::Lldc => "LLDC",
            CountryGroup::Sids => "SIDS",
        }
    }

    /// The group's name in the plan's language: "least developed country".
    pub fn name(self) -> &'static str {
        say(match self {
            CountryGroup::Ldc => "vocabulary.group_ldc",
            CountryGroup::Lldc => "vocabulary.group_lldc",
            CountryGroup::Sids => "vocabulary.group_sids",
        })
    }
}

/// World Bank income groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum IncomeGroup {
    #[serde(rename = "LIC")]
    Lic,
    #[serde(rename = "LMIC")]
    Lmic,
    #[serde(rename = "UMIC")]
    Umic,
    #[serde(rename = "HIC")]
    Hic,
}

impl IncomeGroup {
    pub fn code(self) -> &'static str {
        match self {
            IncomeGroup::Lic => "LIC",
            IncomeGroup::Lmic => "LMIC",
            IncomeGroup::Umic => "UMIC",
            IncomeGroup::Hic => "HIC",
        }
    }

    /// The group's name in the plan's language, without article: "lower-middle
    /// income".
    pub fn name(self) -> &'static str {
        say(match self {
            IncomeGroup::Lic => "vocabulary.income_lic",
            IncomeGroup::Lmic => "vocabulary.income_lmic",
            IncomeGroup::Umic => "vocabulary.income_umic",
            IncomeGroup::Hic => "vocabulary.income_hic",
        })
    }
}

/// The code meant by a group written out in words, the way the World Bank
/// and the UN write them ("Lower middle income", "Upper-middle-income",
/// "LMC", "Small island developing states"), in any case: the code and
/// the group's name. `None` when the text names no group.
pub fn code_for_name(written: &str) -> Option<(&'static str, &'static str)> {
    let mut words: String = written
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    for ending in [
        "countries",
        "country",
        "economies",
        "economy",
        "states",
        "state",
    ] {
        if let Some(stem) = words.strip_suffix(ending).filter(|s| !s.is_empty()) {
            words = stem.to_string();
            break;
        }
    }
    let income = words.strip_suffix("income").unwrap_or(&words);
    let income_group = match income {
        "low" | "lic" => Some(IncomeGroup::Lic),
        "lowermiddle" | "lmic" | "lmc" => Some(IncomeGroup::Lmic),
        "uppermiddle" | "umic" | "umc" => Some(IncomeGroup::Umic),
        "high" | "hic" => Some(IncomeGroup::Hic),
        _ => None,
    };
    if let Some(group) = income_group {
        return Some((group.code(), group.name()));
    }
    let group = match words.trim_end_matches('s') {
        "leastdeveloped" | "ldc" => CountryGroup::Ldc,
        "landlockeddeveloping" | "lldc" => CountryGroup::Lldc,
        "smallislanddeveloping" | "sid" => CountryGroup::Sids,
        _ => return None,
    };
    Some((group.code(), group.name()))
}

/// The value of a `[context]` fact: yes/no, or one of a few words.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum FactValue {
    Bool(bool),
    Text(String),
}

impl fmt::Display for FactValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactValue::Bool(b) => write!(f, "{b}"),
            FactValue::Text(t) => write!(f, "\"{t}\""),
        }
    }
}

/// The facts a profile's `[context]` may state, and the values each takes.
/// Rules in a framework may only test these.
pub const CONTEXT_FACTS: &[(&str, &[&str])] = &[
    ("digital_id", &["none", "partial", "nationwide"]),
    ("data_protection_law", &[]),
    ("e_transactions_law", &[]),
    ("cybersecurity_strategy", &[]),
    ("interoperability_framework", &[]),
    ("government_cloud", &[]),
    ("national_portal", &[]),
];

/// How a `[context]` fact is named in a document, in the plan's language:
/// "Digital identity".
pub fn fact_label(name: &str) -> &'static str {
    say(&format!("vocabulary.fact_{}", fact_key(name)))
}

/// How a `[context]` fact reads inside a sentence, in the plan's language:
/// "digital identity" in English, "l'identité numérique" in French, which
/// gives the article its gender asks for.
pub fn fact_in_text(name: &str) -> &'static str {
    say(&format!("vocabulary.fact_in_text_{}", fact_key(name)))
}

/// What a `[context]` fact's value reads in a document ("partial"), in the
/// plan's language; a value dgplan does not know reads as written.
pub fn fact_value_name(value: &str) -> String {
    match value {
        "none" | "partial" | "nationwide" => say(&format!("vocabulary.fact_value_{value}")).into(),
        other => other.to_string(),
    }
}

/// The catalogue's key for a fact: its name, or `other`.
fn fact_key(name: &str) -> &str {
    if CONTEXT_FACTS.iter().any(|(n, _)| *n == name) {
        name
    } else {
        "other"
    }
}

/// One of the five indices the UN E-Government Survey publishes per country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublishedIndex {
    /// How files and framework conditions name it: `egdi`.
    pub key: &'static str,
    /// How documents abbreviate it: `EGDI`.
    pub code: &'static str,
    pub name: &'static str,
}

/// The published indices, in the order documents show them and in which
/// [`index_value`] takes their values.
pub const INDICES: [PublishedIndex; 5] = [
    PublishedIndex {
        key: "egdi",
        code: "EGDI",
        name: "E-Government Development Index",
    },
    PublishedIndex {
        key: "osi",
        code: "OSI",
        name: "Online Services Index",
    },
    PublishedIndex {
        key: "hci",
        code: "HCI",
        name: "Human Capital Index",
    },
    PublishedIndex {
        key: "tii",
        code: "TII",
        name: "Telecommunication Infrastructure Index",
    },
    PublishedIndex {
        key: "epi",
        code: "EPI",
        name: "E-Participation Index",
    },
];

/// The keys `[indices]` and framework conditions may use: `egdi`, `osi`, ...
impl PublishedIndex {
    /// The index's name in the plan's language: "E-Government Development
    /// Index"; [`PublishedIndex::name`] is the English one.
    pub fn name_in_language(&self) -> &'static str {
        say(&format!("vocabulary.index_{}", self.key))
    }
}

pub fn index_keys() -> Vec<&'static str> {
    INDICES.iter().map(|i| i.key).collect()
}

/// The value of the index `key` among five values given in [`INDICES`] order.
pub fn index_value<T: Copy>(key: &str, values: [T; 5]) -> Option<T> {
    INDICES.iter().position(|i| i.key == key).map(|i| values[i])
}

/// A sector or hazard as the framework's vocabulary spells it: lower case,
/// words joined by underscores, so that "Sea-level rise", "sea level rise"
/// and "sea_level_rise" are one word.
pub fn normalise_word(word: &str) -> String {
    let lower = word.trim().to_lowercase();
    let parts: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|p| !p.is_empty())
        .collect();
    parts.join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_written_in_words_are_read_for_their_code() {
        let code = |w: &str| code_for_name(w).map(|(c, _)| c);
        assert_eq!(code("Lower middle income"), Some("LMIC"));
        assert_eq!(code("lower-middle-income economies"), Some("LMIC"));
        assert_eq!(code("Low income"), Some("LIC"));
        assert_eq!(code("UMC"), Some("UMIC"));
        assert_eq!(code("High income countries"), Some("HIC"));
        assert_eq!(code("Least developed countries"), Some("LDC"));
        assert_eq!(code("Small Island Developing States"), Some("SIDS"));
        assert_eq!(code("LLDCs"), Some("LLDC"));
        assert_eq!(code("middle income"), None);
        assert_eq!(code("income"), None);
        assert_eq!(code("partial"), None);
    }

    #[test]
    fn index_values_are_taken_by_key() {
        let values = [0.1, 0.2, 0.3, 0.4, 0.5];
        assert_eq!(index_value("egdi", values), Some(0.1));
        assert_eq!(index_value("epi", values), Some(0.5));
        assert_eq!(index_value("gdp", values), None);
        assert_eq!(index_keys(), ["egdi", "osi", "hci", "tii", "epi"]);
    }

    #[test]
    fn case_spaces_and_hyphens_do_not_make_a_new_word() {
        for written in ["Sea-level rise", "sea level  rise", " SEA_LEVEL_RISE "] {
            assert_eq!(normalise_word(written), "sea_level_rise", "{written}");
        }
        assert_eq!(normalise_word("Santé"), "santé");
        assert_eq!(normalise_word("  "), "");
    }
}
