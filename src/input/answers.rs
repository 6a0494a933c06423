//! `[answers]` in readiness.toml: the readiness checklist, answered, and the
//! score each answered dimension gets from it.

use indexmap::IndexMap;
use toml::Spanned;

use super::{Checker, ChecklistAnswer, ChecklistScore, RawScores, Whole};
use crate::diagnostics::Diagnostics;
use crate::framework::{Dimension, Framework, Question};
use crate::tomldoc::{TomlDoc, unknown_key};

/// `[answers]` as written: dimension -> question -> answer number.
pub(super) type RawAnswers = IndexMap<Spanned<String>, IndexMap<Spanned<String>, Spanned<Whole>>>;

/// Reads `[answers]`. Its shape is unusual (a table per dimension), so a
/// value of the wrong type is told what answers its question takes, and a
/// problem that comes without a hint gets one on how answers are written.
pub(super) fn read_answers(
    doc: &TomlDoc,
    framework: &Framework,
    diagnostics: &mut Diagnostics,
) -> Option<RawAnswers> {
    let before = diagnostics.len();
    let answers = doc.section("answers", false, diagnostics);
    for d in &mut diagnostics.0[before..] {
        let path: Vec<&str> = d.field.as_deref().unwrap_or_default().split('.').collect();
        let dimension = path.get(1).and_then(|id| framework.dimension(id));
        let question = dimension.zip(path.get(2)).and_then(|(d, q)| d.question(q));
        let hint = match (dimension, question) {
            (_, Some(question)) if d.message.starts_with("wrong type") => Some(format!(
                "write the answer's number without quotes, such as {}; {}",
                question.answers.len().saturating_sub(1).min(1),
                answer_options(question)
            )),
            (Some(dimension), None) if path.len() == 2 => dimension.questions.first().map(|q| {
                format!(
                    "answer each question of `{id}` on its own line, such as `{id}.{} = {}`; \
                         `dgplan assess` lists the questions and their answers",
                    q.id.name,
                    q.answers.len().saturating_sub(1).min(1),
                    id = dimension.id.name
                )
            }),
            _ => None,
        };
        if let Some(hint) = hint {
            d.hint = Some(hint);
        } else if d.hint.is_none() || d.hint.as_deref().is_some_and(|h| h.contains("2026")) {
            d.hint = Some(
                "answer each question on its own line as DIMENSION.QUESTION = NUMBER, such as \
                 `leadership.sponsor = 2`; `dgplan assess` lists the questions and their answers"
                    .into(),
            );
        }
    }
    answers
}

/// A question's answers by number: `the answers to "Is there ...?" are
/// 0 = None. 1 = ...`.
fn answer_options(question: &Question) -> String {
    let options: Vec<String> = question
        .answers
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{i} = {a}"))
        .collect();
    format!(
        "the answers to \"{}\" are {}",
        question.ask,
        options.join(" ")
    )
}

/// Checks checklist answers against the framework's questions and derives a
/// score for each dimension answered, in the framework's order.
pub(super) fn check_answers(
    raw: Option<&RawAnswers>,
    scores: Option<&RawScores>,
    framework: &Framework,
    check: &mut Checker,
) -> IndexMap<String, ChecklistScore> {
    let mut given: IndexMap<String, IndexMap<String, u8>> = IndexMap::new();
    for (dimension_key, answers) in raw.into_iter().flatten() {
        let Some(dimension) = check.dimension(framework, dimension_key, "answers") else {
            continue;
        };
        if scores.is_some_and(|s| s.keys().any(|k| k.get_ref() == dimension_key.get_ref())) {
            check.error(
                dimension_key,
                &format!("answers.{}", dimension_key.get_ref()),
                format!(
                    "`{}` has both a score in [scores] and checklist answers",
                    dimension_key.get_ref()
                ),
                "keep one: delete the score to use the answers, or delete the answers to keep the score",
            );
            continue;
        }
        let entry = given.entry(dimension.id.name.clone()).or_default();
        for (question_key, answer) in answers {
            if let Some((question, value)) =
                check_answer(dimension, dimension_key, question_key, answer, check)
            {
                entry.insert(question, value);
            }
        }
    }
    checklist_scores(framework, &given)
}

/// One answer: its question's id and the answer's number, or `None` once
/// what is wrong with it is reported.
fn check_answer(
    dimension: &Dimension,
    dimension_key: &Spanned<String>,
    question_key: &Spanned<String>,
    answer: &Spanned<Whole>,
    check: &mut Checker,
) -> Option<(String, u8)> {
    let field = format!(
        "answers.{}.{}",
        dimension_key.get_ref(),
        question_key.get_ref()
    );
    let Some(question) = dimension.question(question_key.get_ref()) else {
        let question_ids: Vec<&str> = dimension.questions.iter().map(|q| &*q.id).collect();
        let mut d = unknown_key(
            check.source,
            question_key.span(),
            question_key.get_ref(),
            &question_ids,
            Some(&format!("answers.{}", dimension_key.get_ref())),
        );
        d.message = format!(
            "`{}` is not a checklist question of `{}`",
            question_key.get_ref(),
            dimension_key.get_ref()
        );
        check.diagnostics.push(d.with_field(field));
        return None;
    };
    let highest = question.answers.len().saturating_sub(1) as i64;
    let value = answer.get_ref().0;
    if !(0..=highest).contains(&value) {
        let written = check.written(answer);
        check.error(
            answer,
            &field,
            format!("{written} is not an answer: expected a whole number from 0 to {highest}"),
            &answer_options(question),
        );
        return None;
    }
    Some((question.id.name.clone(), value as u8))
}

/// The score of every dimension with at least one valid answer, working shown.
fn checklist_scores(
    framework: &Framework,
    given: &IndexMap<String, IndexMap<String, u8>>,
) -> IndexMap<String, ChecklistScore> {
    framework
        .dimensions
        .iter()
        .filter_map(|dimension| {
            let answers = given.get(&dimension.id.name).filter(|a| !a.is_empty())?;
            let mut answered = Vec::new();
            let mut unanswered = Vec::new();
            for question in &dimension.questions {
                match answers.get(&question.id.name) {
                    Some(&answer) => answered.push(ChecklistAnswer {
                        question: question.id.name.clone(),
                        answer,
                        highest: question.answers.len().saturating_sub(1) as u8,
                    }),
                    None => unanswered.push(question.id.name.clone()),
                }
            }
            Some((
                dimension.id.name.clone(),
                ChecklistScore::from_answers(answered, unanswered),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::SourceFile;
    use crate::framework::Framework;
    use crate::input::check_texts;

    fn readiness_problems(answers: &str) -> Vec<String> {
        let framework = Framework::builtin().unwrap();
        let profile = SourceFile::new(
            "profile.toml",
            "[country]\nname = \"Fiji\"\niso3 = \"FJI\"\n[plan]\nstart_year = 2027\nlead_institution = \"Ministry\"\n",
        );
        let readiness = SourceFile::new(
            "readiness.toml",
            format!(
                "[assessment]\ndate = 2026-05-01\nmethod = \"Workshop\"\n[scores]\nleadership = 2.0\n[answers]\n{answers}"
            ),
        );
        match check_texts(&profile, &readiness, &framework) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn unknown_questions_and_dimensions_are_named_with_what_is_allowed() {
        let problems = readiness_problems("resilience.bakup = 1\nresilence.backup = 1\n");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains("readiness.toml:7:12"),
            "{}",
            problems[0]
        );
        assert!(problems[0].contains("`bakup` is not a checklist question of `resilience`"));
        assert!(
            problems[0].contains("did you mean `backup`?"),
            "{}",
            problems[0]
        );
        assert!(problems[1].contains("`resilence` is not a readiness dimension"));
    }

    #[test]
    fn answers_derive_scores_beside_direct_ones() {
        assert!(
            readiness_problems("resilience.backup = 3\nresilience.continuity = 0\n").is_empty()
        );
        let problems = readiness_problems("resilience = 2\n");
        assert!(problems[0].contains("expected a table"), "{problems:?}");
        assert!(
            problems[0].contains("such as `resilience.backup = 1`"),
            "{problems:?}"
        );
        let problems = readiness_problems("resilience.backup = -1\n");
        assert!(problems[0].contains("-1 is not an answer"), "{problems:?}");
    }
}
