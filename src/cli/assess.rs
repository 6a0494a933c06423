//! `dgplan assess`: the readiness checklist of one country folder.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{EXIT_INVALID_INPUT, EXIT_OK, Ended};
use super::{plural, report};
use crate::framework::{Dimension, Framework, Question};
use crate::input::{ChecklistScore, Readiness, load_readiness};

pub fn run(folder: &Path, framework_folder: Option<&Path>, all: bool) -> Ended {
    let stderr = &mut report::stderr();
    let framework_folder = super::framework_folder_for(folder, framework_folder);
    let framework =
        super::framework_or_exit(framework_folder.as_deref(), "no checklist can be shown")?;
    match load_readiness(folder, &framework) {
        Ok((readiness, elsewhere)) => {
            for problem in &elsewhere.0 {
                let _ = writeln!(stderr, "warning: {}", problem.without_severity());
            }
            if !elsewhere.is_empty() {
                let _ = writeln!(
                    stderr,
                    "{}: {}; the checklist follows, but `dgplan check` refuses the folder until {} fixed.\n",
                    folder.display(),
                    plural(elsewhere.len(), "problem", "problems"),
                    if elsewhere.len() == 1 {
                        "it is"
                    } else {
                        "they are"
                    }
                );
            }
            let text = checklist_report(
                &folder
                    .join(crate::input::READINESS_FILE)
                    .display()
                    .to_string(),
                &folder.display().to_string(),
                &framework,
                &readiness,
                all,
            );
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(ExitCode::from(EXIT_OK))
        }
        Err(errors) => {
            let _ = write!(stderr, "{errors}");
            let _ = writeln!(
                stderr,
                "{}: {}; fix {} to see the checklist.",
                folder.display(),
                plural(errors.len(), "problem", "problems"),
                if errors.len() == 1 { "it" } else { "them" }
            );
            Ok(ExitCode::from(EXIT_INVALID_INPUT))
        }
    }
}

/// How many unanswered questions a dimension shows, unless `--all`.
const QUESTIONS_SHOWN: usize = 2;

/// How many dimensions not assessed show their first questions, unless
/// `--all`; the ones after them take one line each.
const UNASSESSED_SHOWN: usize = 2;

fn question_lines(out: &mut String, dimension: &Dimension, question: &Question) {
    out.push_str(&format!(
        "    {}.{}: {}\n",
        dimension.id.name, question.id.name, question.ask
    ));
    for (number, answer) in question.answers.iter().enumerate() {
        out.push_str(&format!("        {number} = {answer}\n"));
    }
}

/// What the report has counted so far.
#[derive(Default)]
struct Tally {
    from_checklist: usize,
    direct: usize,
    not_assessed: usize,
    /// Unanswered questions, shown or not.
    open: usize,
    /// Unanswered questions left out of this report.
    hidden: usize,
}

/// Lists a dimension's unanswered questions: all of them, or the first
/// `shown` and a count of the rest.
fn open_questions(
    out: &mut String,
    dimension: &Dimension,
    questions: &[&Question],
    shown: usize,
    tally: &mut Tally,
) {
    if questions.is_empty() {
        return;
    }
    tally.open += questions.len();
    out.push_str("  Still to answer:\n");
    for q in questions.iter().take(shown) {
        question_lines(out, dimension, q);
    }
    let more = questions.len().saturating_sub(shown);
    if more > 0 {
        tally.hidden += more;
        out.push_str(&format!(
            "    and {more} more question{}\n",
            if more == 1 { "" } else { "s" }
        ));
    }
}

/// A dimension scored from its checklist answers: the working, the
/// answers, and the questions still open.
fn from_checklist(
    out: &mut String,
    dimension: &Dimension,
    derived: &ChecklistScore,
    shown: usize,
    tally: &mut Tally,
) {
    let id = &dimension.id.name;
    tally.from_checklist += 1;
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
    let open: Vec<&Question> = derived
        .unanswered
        .iter()
        .filter_map(|q| dimension.question(q))
        .collect();
    open_questions(out, dimension, &open, shown, tally);
}

/// A dimension with neither a score nor answers: its questions, the first
/// few of them, or one line with their count.
fn not_assessed(out: &mut String, dimension: &Dimension, all: bool, tally: &mut Tally) {
    tally.not_assessed += 1;
    let questions: Vec<&Question> = dimension.questions.iter().collect();
    let first = "not assessed; the plan will start by assessing it";
    if all || tally.not_assessed <= UNASSESSED_SHOWN || questions.is_empty() {
        out.push_str(&format!("{}: {first}\n", dimension.name));
        let shown = if all { usize::MAX } else { QUESTIONS_SHOWN };
        open_questions(out, dimension, &questions, shown, tally);
    } else {
        tally.open += questions.len();
        tally.hidden += questions.len();
        out.push_str(&format!(
            "{}: {first}; {} question{} to answer\n",
            dimension.name,
            questions.len(),
            if questions.len() == 1 { "" } else { "s" }
        ));
    }
}

/// The checklist report: per dimension, where its score comes from, the
/// working for a checklist score, and the questions still to answer. With
/// `all`, every unanswered question with its answers; without, the first
/// few of each dimension and a count of the rest, and the command that
/// lists them all (`folder` as the user wrote it).
pub fn checklist_report(
    path: &str,
    folder: &str,
    framework: &Framework,
    readiness: &Readiness,
    all: bool,
) -> String {
    let mut out = format!(
        "Readiness checklist for {path}\nFramework {} {}. Answers run from 0 (weakest) to the highest number shown; a score is the mean of answer/highest, times 5.\n\n",
        framework.meta.id, framework.meta.version
    );
    let mut tally = Tally::default();
    let shown = if all { usize::MAX } else { QUESTIONS_SHOWN };
    for dimension in &framework.dimensions {
        let id = &dimension.id.name;
        if let Some(derived) = readiness.checklist.get(id) {
            from_checklist(&mut out, dimension, derived, shown, &mut tally);
        } else if let Some(score) = readiness.scores.get(id) {
            tally.direct += 1;
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
            not_assessed(&mut out, dimension, all, &mut tally);
        }
        out.push('\n');
    }
    let Tally {
        from_checklist,
        direct,
        not_assessed,
        open,
        hidden,
    } = tally;
    out.push_str(&format!(
        "Summary: {} scored from the checklist, {direct} scored directly, {not_assessed} not assessed; {} unanswered.\n",
        plural(from_checklist, "dimension", "dimensions"),
        plural(open, "question", "questions")
    ));
    if open > 0 {
        out.push_str(
            "To answer a question, add its line under [answers] in readiness.toml with the number of the statement that fits best, such as `leadership.sponsor = 2`.\n",
        );
    }
    if hidden > 0 {
        out.push_str(&format!(
            "{} of the {open} unanswered questions are shown. To see them all with their answers, run: dgplan assess {folder} --all\n",
            open - hidden
        ));
    }
    out
}
