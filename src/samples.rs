//! The sample country folders of `samples/`, built into dgplan so that
//! `dgplan samples` and `dgplan init DIR --sample NAME` work from any folder.
//! `samples/` stays the source: the files are included from there as they
//! are, and a test checks that every folder there is in this table.

/// One sample country folder: its folder name, why it is worth a look, and
/// the text of its two files.
pub struct Sample {
    /// The folder name under `samples/`, such as `lao-pdr`.
    pub name: &'static str,
    /// Why this sample is worth a look, in a few words.
    pub note: &'static str,
    /// The text of its `profile.toml`.
    pub profile: &'static str,
    /// The text of its `readiness.toml`.
    pub readiness: &'static str,
}

macro_rules! sample {
    ($name:literal, $note:literal) => {
        Sample {
            name: $name,
            note: $note,
            profile: include_str!(concat!("../samples/", $name, "/profile.toml")),
            readiness: include_str!(concat!("../samples/", $name, "/readiness.toml")),
        }
    };
}

/// Every sample, by folder name.
pub const SAMPLES: &[Sample] = &[
    sample!(
        "bolivia",
        "landlocked, lower-middle income; a plan in Spanish"
    ),
    sample!(
        "estonia",
        "high income; an advanced EU member that names the systems it already runs"
    ),
    sample!(
        "fiji",
        "small island developing state, upper-middle income; two dimensions answered through the checklist"
    ),
    sample!(
        "kenya",
        "lower-middle income, 56 million people; a portal and a data protection law in place"
    ),
    sample!(
        "lao-pdr",
        "least developed and landlocked, lower-middle income"
    ),
    sample!(
        "liberia",
        "least developed, low income, exposed to epidemics; a mining sector not in the framework"
    ),
    sample!(
        "republic-of-korea",
        "high income and high readiness; no budget envelope given"
    ),
    sample!("rwanda", "least developed and landlocked, low income"),
    sample!(
        "senegal",
        "least developed, lower-middle income, coastal; a plan in French"
    ),
];

impl Sample {
    /// The country's name as its profile writes it in running text: the
    /// short name when given, otherwise the full name.
    pub fn country(&self) -> String {
        let profile: toml::Table = self.profile.parse().unwrap_or_default();
        let country = profile.get("country").and_then(|c| c.as_table());
        ["short_name", "name"]
            .iter()
            .find_map(|key| country?.get(*key)?.as_str())
            .unwrap_or(self.name)
            .to_string()
    }

    /// The files of the sample's folder: (file name, text).
    pub fn files(&self) -> [(&'static str, &'static str); 2] {
        [
            (crate::input::PROFILE_FILE, self.profile),
            (crate::input::READINESS_FILE, self.readiness),
        ]
    }
}

/// The sample of this folder name (in any case).
pub fn find(name: &str) -> Option<&'static Sample> {
    let name = name.trim();
    SAMPLES.iter().find(|s| s.name.eq_ignore_ascii_case(name))
}

/// The sample a mistyped or partial name most likely means: one whose
/// folder name or country name holds it (`lao`, `korea`), or one spelt
/// nearly the same (`fijj`).
pub fn closest(name: &str) -> Option<&'static str> {
    let given = name.trim().to_lowercase();
    if given.chars().count() >= 3
        && let Some(sample) = SAMPLES
            .iter()
            .find(|s| s.name.contains(&given) || s.country().to_lowercase().contains(&given))
    {
        return Some(sample.name);
    }
    crate::diagnostics::did_you_mean(&given, SAMPLES.iter().map(|s| s.name))
}

/// The folder names of every sample, as a list in words: "estonia, fiji and rwanda".
pub fn names() -> String {
    let names: Vec<String> = SAMPLES.iter().map(|s| s.name.to_string()).collect();
    crate::words::join_words(&names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_note_says_what_the_sample_data_says() {
        for sample in SAMPLES {
            let profile: toml::Table = sample.profile.parse().unwrap();
            let country = profile["country"].as_table().unwrap();
            let groups: Vec<&str> = country["groups"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|g| g.as_str())
                .collect();
            let note = sample.note;
            for (group, words) in [
                ("LDC", "least developed"),
                ("LLDC", "landlocked"),
                ("SIDS", "small island"),
            ] {
                assert_eq!(
                    groups.contains(&group),
                    note.contains(words),
                    "{}: the note `{note}` and the groups {groups:?} disagree on {group}",
                    sample.name
                );
            }
            let income = match country["income_group"].as_str().unwrap() {
                "LIC" => "low income",
                "LMIC" => "lower-middle income",
                "UMIC" => "upper-middle income",
                _ => "high income",
            };
            assert!(
                note.starts_with(income) || note.contains(&format!(", {income}")),
                "{}: the note `{note}` does not say `{income}`",
                sample.name
            );
        }
    }

    #[test]
    fn notes_on_what_a_sample_holds_are_true() {
        let text = |name: &str| {
            let s = find(name).unwrap();
            format!("{}{}", s.profile, s.readiness)
        };
        assert!(text("fiji").contains("\n[answers]"));
        assert!(text("estonia").contains("\n[in_place]"));
        assert!(text("kenya").contains("population_millions = 56.4"));
        assert!(text("kenya").contains("national_portal = true"));
        assert!(text("kenya").contains("data_protection_law = true"));
        assert!(text("liberia").contains("\"mining\""));
        assert!(text("liberia").contains("\"epidemic\""));
        assert!(!text("republic-of-korea").contains("budget_usd_millions"));
    }

    #[test]
    fn names_are_found_in_any_case_and_near_misses_suggested() {
        assert_eq!(find("Fiji").unwrap().name, "fiji");
        assert!(find("fijj").is_none());
        assert_eq!(closest("fijj"), Some("fiji"));
        assert_eq!(closest("lao"), Some("lao-pdr"));
        assert_eq!(closest("Korea"), Some("republic-of-korea"));
        assert_eq!(closest("tonga"), None);
        assert_eq!(find("lao-pdr").unwrap().country(), "Lao PDR");
        assert_eq!(
            find("republic-of-korea").unwrap().country(),
            "Republic of Korea"
        );
        assert!(names().ends_with("rwanda and senegal"));
    }
}
