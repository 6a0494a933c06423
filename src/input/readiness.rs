//! readiness.toml: the assessment, the scores (given, or derived from the
//! checklist's answers), the evidence behind them and published index values.

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use super::answers::{RawAnswers, check_answers, read_answers};
use super::{
    Assessment, Checker, ChecklistScore, DATE_YEARS, Indices, MAX_NOTE_CHARS, RawScores, Readiness,
    Whole,
};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::framework::Framework;
use crate::tomldoc::{TomlDoc, keys_of};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAssessment {
    date: Spanned<toml::value::Datetime>,
    method: Spanned<String>,
    #[serde(default)]
    source: Option<Spanned<String>>,
    /// Scores computed from published indices by `init --from-egdi`,
    /// not measured: the documents must not call them an assessment.
    #[serde(default)]
    derived_from_indices: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndices {
    #[serde(default)]
    egdi_year: Option<Spanned<Whole>>,
    #[serde(default)]
    egdi: Option<Spanned<f64>>,
    #[serde(default)]
    osi: Option<Spanned<f64>>,
    #[serde(default)]
    hci: Option<Spanned<f64>>,
    #[serde(default)]
    tii: Option<Spanned<f64>>,
    #[serde(default)]
    epi: Option<Spanned<f64>>,
}

/// `[evidence]` as written: dimension -> note.
type RawEvidence = IndexMap<Spanned<String>, Spanned<String>>;

/// The sections of readiness.toml, read but not yet checked.
struct RawReadiness {
    assessment: Option<RawAssessment>,
    scores: Option<RawScores>,
    answers: Option<RawAnswers>,
    evidence: Option<RawEvidence>,
    indices: Option<RawIndices>,
    /// False when an optional section is there but could not be read.
    optional_ok: bool,
}

/// Checks readiness.toml, or `None` when it cannot give a complete result.
pub(super) fn check_readiness(
    source: &SourceFile,
    framework: &Framework,
    diagnostics: &mut Diagnostics,
) -> Option<Readiness> {
    let doc = TomlDoc::parse_reporting(source, diagnostics)?.with_layout(&[
        ("assessment", keys_of::<RawAssessment>()),
        ("indices", keys_of::<RawIndices>()),
    ]);
    let raw = read_sections(&doc, framework, diagnostics);
    let mut check = Checker {
        source,
        diagnostics,
    };
    let assessment = raw.assessment.map(|raw| check_assessment(raw, &mut check));
    let checklist = check_answers(
        raw.answers.as_ref(),
        raw.scores.as_ref(),
        framework,
        &mut check,
    );
    let scores = raw
        .scores
        .map(|raw| check_scores(&raw, &checklist, framework, &mut check));
    let evidence = check_evidence(raw.evidence.as_ref(), framework, &mut check);
    let indices = raw.indices.and_then(|raw| check_indices(raw, &mut check));

    match (assessment, scores, raw.optional_ok) {
        (Some(assessment), Some(scores), true) => Some(Readiness {
            assessment,
            scores,
            checklist,
            evidence,
            indices,
        }),
        _ => None,
    }
}

fn read_sections(
    doc: &TomlDoc,
    framework: &Framework,
    diagnostics: &mut Diagnostics,
) -> RawReadiness {
    doc.check_sections(
        &["assessment", "scores", "answers", "evidence", "indices"],
        diagnostics,
    );
    let assessment = doc.section("assessment", true, diagnostics);
    let scores = read_scores(doc, diagnostics);
    let answers = read_answers(doc, framework, diagnostics);
    let evidence: Option<RawEvidence> = doc.section("evidence", false, diagnostics);
    let indices: Option<RawIndices> = doc.section("indices", false, diagnostics);
    let optional_ok = (evidence.is_some() || !doc.has("evidence"))
        && (indices.is_some() || !doc.has("indices"))
        && (answers.is_some() || !doc.has("answers"));
    RawReadiness {
        assessment,
        scores,
        answers,
        evidence,
        indices,
        optional_ok,
    }
}

/// Scores may come from checklist answers instead; one of the two is needed.
fn read_scores(doc: &TomlDoc, diagnostics: &mut Diagnostics) -> Option<RawScores> {
    if doc.has("answers") {
        return doc
            .section("scores", false, diagnostics)
            .or_else(|| (!doc.has("scores")).then(IndexMap::new));
    }
    let before = diagnostics.len();
    let scores = doc.section("scores", true, diagnostics);
    for d in &mut diagnostics.0[before..] {
        if d.message.contains("is missing") {
            d.hint = Some(
                "add a `[scores]` section with a score from 0 to 5 per dimension assessed, \
                 or an `[answers]` section with the readiness checklist's answers \
                 (`dgplan init` writes both, commented)"
                    .into(),
            );
        }
    }
    scores
}

fn check_assessment(raw: RawAssessment, check: &mut Checker) -> Assessment {
    let date = raw.date.get_ref();
    if date.date.is_none() || date.offset.is_some() {
        check.error(
            &raw.date,
            "assessment.date",
            format!("{date} is not a calendar date"),
            "write the date without quotes as YYYY-MM-DD, such as 2026-05-01",
        );
    } else if let Some(day) = date.date.filter(|d| !DATE_YEARS.contains(&d.year)) {
        check.error(
            &raw.date,
            "assessment.date",
            format!(
                "{day} is outside the years {} to {}",
                DATE_YEARS.start(),
                DATE_YEARS.end()
            ),
            "give the date the assessment was made, such as 2026-05-01",
        );
    }
    Assessment {
        date: date.date.map(|d| d.to_string()).unwrap_or_default(),
        method: check.note(&raw.method, "assessment.method"),
        source: check.optional_text(raw.source.as_ref(), "assessment.source", MAX_NOTE_CHARS),
        derived_from_indices: raw.derived_from_indices,
    }
}

/// The scores given, beside those derived from checklist answers, in the
/// framework's order so that every plan lists dimensions the same way.
fn check_scores(
    raw: &RawScores,
    checklist: &IndexMap<String, ChecklistScore>,
    framework: &Framework,
    check: &mut Checker,
) -> IndexMap<String, f64> {
    let mut scores: IndexMap<String, f64> = checklist
        .iter()
        .map(|(dimension, derived)| (dimension.clone(), derived.score))
        .collect();
    for (key, value) in raw {
        let score = check.number(
            value,
            &format!("scores.{}", key.get_ref()),
            0.0,
            5.0,
            "scores run from 0 (absent) to 5 (leading); leave a dimension out if it was not assessed",
        );
        if check.dimension(framework, key, "scores").is_some() {
            scores.insert(key.get_ref().clone(), score);
        }
    }
    framework
        .dimensions
        .iter()
        .filter_map(|d| scores.get(&d.id.name).map(|s| (d.id.name.clone(), *s)))
        .collect()
}

fn check_evidence(
    raw: Option<&RawEvidence>,
    framework: &Framework,
    check: &mut Checker,
) -> IndexMap<String, String> {
    let mut evidence = IndexMap::new();
    for (key, value) in raw.into_iter().flatten() {
        let text = check.note(value, &format!("evidence.{}", key.get_ref()));
        if check.dimension(framework, key, "evidence").is_some() {
            evidence.insert(key.get_ref().clone(), text);
        }
    }
    evidence
}

/// Published index values given in readiness.toml; `None` when none are
/// given, so that the reference data's values are used instead.
fn check_indices(raw: RawIndices, check: &mut Checker) -> Option<Indices> {
    let mut value = |v: &Option<Spanned<f64>>, name: &str| {
        v.as_ref().map(|v| {
            check.number(
                v,
                &format!("indices.{name}"),
                0.0,
                1.0,
                "UN E-Government Survey indices run from 0 to 1, such as 0.4404",
            )
        })
    };
    let egdi = value(&raw.egdi, "egdi");
    let osi = value(&raw.osi, "osi");
    let hci = value(&raw.hci, "hci");
    let tii = value(&raw.tii, "tii");
    let epi = value(&raw.epi, "epi");
    let any = [egdi, osi, hci, tii, epi].iter().any(Option::is_some);
    let year = match &raw.egdi_year {
        Some(y) => check_egdi_year(y, check),
        None if any => {
            check.diagnostics.push(
                Diagnostic::file(
                    &check.source.path,
                    "index values are given without the survey year",
                )
                .with_field("indices.egdi_year")
                .with_hint(
                    "add `egdi_year = 2024` (the edition the values come from) to [indices]",
                ),
            );
            0
        }
        None => return None,
    };
    Some(Indices {
        from_reference: false,
        year,
        egdi,
        osi,
        hci,
        tii,
        epi,
    })
}

/// The survey edition the values come from: one the reference data holds,
/// so that a plan never cites an edition that does not exist.
fn check_egdi_year(year: &Spanned<Whole>, check: &mut Checker) -> i32 {
    let editions: Vec<String> = crate::reference::Reference::builtin()
        .editions
        .iter()
        .map(|e| e.year.to_string())
        .collect();
    let value = year.get_ref().0;
    if !editions.contains(&value.to_string()) {
        let written = check.written(year);
        let listed = match editions.as_slice() {
            [] => String::new(),
            [only] => only.clone(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        };
        check.error(
            year,
            "indices.egdi_year",
            format!(
                "{written} is not an edition of the UN E-Government Survey that dgplan holds: expected {listed}"
            ),
            "give the edition the values come from; for an edition dgplan does not hold, leave [indices] out and dgplan uses the latest it holds",
        );
    }
    value.clamp(0, 9999) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_neither_scores_nor_answers_is_told_of_both() {
        let framework = Framework::builtin().unwrap();
        let mut diagnostics = Diagnostics::default();
        let source = SourceFile::new(
            "readiness.toml",
            "[assessment]\ndate = 2026-05-01\nmethod = \"Workshop\"\n",
        );
        assert!(check_readiness(&source, &framework, &mut diagnostics).is_none());
        let hint = diagnostics.0[0].hint.as_deref().unwrap_or_default();
        assert!(
            hint.contains("[scores]") && hint.contains("[answers]"),
            "{hint}"
        );
        // Answers alone are enough.
        let mut diagnostics = Diagnostics::default();
        let source = SourceFile::new(
            "readiness.toml",
            "[assessment]\ndate = 2026-05-01\nmethod = \"Workshop\"\n[answers]\nleadership.sponsor = 3\n",
        );
        let readiness = check_readiness(&source, &framework, &mut diagnostics).unwrap();
        assert_eq!(readiness.scores.get("leadership"), Some(&5.0));
        assert_eq!(readiness.checklist["leadership"].unanswered.len(), 3);
    }
}
