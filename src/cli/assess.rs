//! `dgplan assess`: the readiness checklist of one country folder.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::report;
use super::{EXIT_INVALID_INPUT, EXIT_OK, Ended};
use crate::framework::{Dimension, Framework, Question};
use crate::input::{Readiness, load_readiness};

pub fn run(folder: &Path, framework_folder: Option<&Path>) -> Ended {
    let stderr = &mut report::stderr();
    let framework_folder = super::framework_folder_for(folder, framework_folder);
    let framework =
        super::framework_or_exit(framework_folder.as_deref(), "no checklist can be shown")?;
    match load_readiness(folder, &framework) {
        Ok(readiness) => {
            let text = checklist_report(
                &folder
                    .join(crate::input::READINESS_FILE)
                    .display()
                    .to_string(),
                &framework,
                &readiness,
            );
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(ExitCode::from(EXIT_OK))
        }
        Err(errors) => {
            let _ = write!(stderr, "{errors}");
            let _ = writeln!(
                stderr,
                "{}: {} problem(s); fix them to see the checklist.",
                folder.display(),
                errors.len()
            );
            Ok(ExitCode::from(EXIT_INVALID_INPUT))
        }
    }
}

fn question_lines(out: &mut String, dimension: &Dimension, question: &Question) {
    out.push_str(&format!(
        "    {}.{}: {}\n",
        dimension.id.name, question.id.name, question.ask
    ));
    for (number, answer) in question.answers.iter().enumerate() {
        out.push_str(&format!("        {number} = {answer}\n"));
    }
}

/// The checklist report: per dimension, where its score comes from, the
/// working for a checklist score, and every question still to answer.
pub fn checklist_report(path: &str, framework: &Framework, readiness: &Readiness) -> String {
    let mut out = format!(
        "Readiness checklist for {path}\nFramework {} {}. Answers run from 0 (weakest) to the highest number shown; a score is the mean of answer/highest, times 5.\n\n",
        framework.meta.id, framework.meta.version
    );
    let (mut from_checklist, mut direct, mut not_assessed, mut open) = (0, 0, 0, 0);
    for dimension in &framework.dimensions {
        let id = &dimension.id.name;
        if let Some(derived) = readiness.checklist.get(id) {
            from_checklist += 1;
            out.push_str(&format!(
                "{}: {:.1} of 5, from the checklist\n  {}\n",
                dimension.name,
                derived.score,
                derived.working()
            ));
            for answer in &derived.answered {
                if let Some(q) = dimension.question(&answer.question) {
                    out.push_str(&format!(
                        "    {id}.{} = {}: {}\n",
                        answer.question,
                        answer.answer,
                        q.answers
                            .get(answer.answer as usize)
                            .map_or("", String::as_str)
                    ));
                }
            }
            if !derived.unanswered.is_empty() {
                out.push_str("  Still to answer:\n");
                for question in &derived.unanswered {
                    if let Some(q) = dimension.question(question) {
                        open += 1;
                        question_lines(&mut out, dimension, q);
                    }
                }
            }
        } else if let Some(score) = readiness.scores.get(id) {
            direct += 1;
            out.push_str(&format!(
                "{}: {score:.1} of 5, {}{}\n",
                dimension.name,
                if readiness.assessment.derived_from_indices {
                    "derived from a published index under [scores]; not an assessment"
                } else {
                    "scored directly under [scores]"
                },
                if dimension.questions.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; its {} checklist questions may replace the score",
                        dimension.questions.len()
                    )
                }
            ));
        } else {
            not_assessed += 1;
            out.push_str(&format!(
                "{}: not assessed; the plan will start by assessing it\n",
                dimension.name
            ));
            if !dimension.questions.is_empty() {
                out.push_str("  Still to answer:\n");
            }
            for q in &dimension.questions {
                open += 1;
                question_lines(&mut out, dimension, q);
            }
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "Summary: {from_checklist} dimension(s) scored from the checklist, {direct} scored directly, {not_assessed} not assessed; {open} question(s) unanswered.\n"
    ));
    if open > 0 {
        out.push_str(
            "To answer a question, add its line under [answers] in readiness.toml with the number of the statement that fits best, such as `leadership.sponsor = 2`.\n",
        );
    }
    out
}
