//! The list of abbreviations: the terms of the plan's glossary that its
//! rendered documents use.
//!
//! Which terms a plan uses is known only from the rendered text (a template
//! may print a term from the framework, a profile or its own words), so the
//! master plan is rendered once without the list, the terms are looked up
//! in that text and the roadmap's, and the master plan is rendered again
//! with the list. The second rendering costs one more pass of the template:
//! in a debug build, the seven samples took 10% longer to generate with the
//! list than without it (the list's page included).

use crate::plan::GlossaryTerm;

/// The terms that `texts` use, with the terms their meanings use in turn,
/// in alphabetical order. A term is used when a word of a text is the
/// abbreviation or its plural ("KPIs"); words are split at every character
/// that is not a letter or a digit, so "CERT-EE" uses CERT, and "it" is not
/// "IT".
pub fn used(glossary: &[GlossaryTerm], texts: &[&str]) -> Vec<GlossaryTerm> {
    let mut words: std::collections::BTreeSet<&str> = texts.iter().flat_map(|t| words(t)).collect();
    let mut listed: Vec<GlossaryTerm> = Vec::new();
    // A meaning may use another term ("UN Office of ..."): add until no
    // listed meaning brings a new one.
    loop {
        let new: Vec<&GlossaryTerm> = glossary
            .iter()
            .filter(|t| !listed.iter().any(|l| l.abbreviation == t.abbreviation))
            .filter(|t| is_used(&words, &t.abbreviation))
            .collect();
        if new.is_empty() {
            break;
        }
        for term in new {
            words.extend(self::words(&term.meaning));
            listed.push(term.clone());
        }
    }
    listed.sort_by(|a, b| a.abbreviation.cmp(&b.abbreviation));
    listed
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn is_used(words: &std::collections::BTreeSet<&str>, abbreviation: &str) -> bool {
    words.contains(abbreviation) || words.contains(format!("{abbreviation}s").as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(abbreviation: &str, meaning: &str) -> GlossaryTerm {
        GlossaryTerm {
            abbreviation: abbreviation.into(),
            meaning: meaning.into(),
        }
    }

    #[test]
    fn terms_used_as_whole_words_or_plurals_are_listed_in_order() {
        let glossary = [
            term("KPI", "key performance indicator"),
            term("IT", "information technology"),
            term("CERT", "computer emergency response team"),
            term("OHRLLS", "UN Office for the LDCs"),
            term("UN", "United Nations"),
            term("LDC", "least developed country"),
            term("SIDS", "small island developing States"),
        ];
        let listed = used(
            &glossary,
            &["Three KPIs; it runs CERT-EE. See the OHRLLS list.", "SIDSX"],
        );
        let names: Vec<&str> = listed.iter().map(|t| t.abbreviation.as_str()).collect();
        assert_eq!(names, ["CERT", "KPI", "LDC", "OHRLLS", "UN"]);
    }
}
