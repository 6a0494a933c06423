//! Entry points for fuzzing and robustness tests.
//!
//! Each function takes arbitrary bytes as the content of one input file and
//! runs everything dgplan would do with it. None may panic: bad bytes must
//! end as diagnostics, good ones as a plan and its documents. The fuzz
//! targets in `fuzz/` call these; `tests/fuzz_corpus.rs` replays the saved
//! corpus through them on every test run.

use std::sync::OnceLock;

use crate::diagnostics::SourceFile;
use crate::framework::{FRAMEWORK_FILES, Framework, FrameworkSources};
use crate::input::check_texts;
use crate::render::{Templates, fonts::Fonts};

const SAMPLE_PROFILE: &str = include_str!("../samples/fiji/profile.toml");
const SAMPLE_READINESS: &str = include_str!("../samples/fiji/readiness.toml");

struct Shared {
    framework: Framework,
    templates: Templates,
    fonts: Fonts,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| Shared {
        framework: Framework::builtin().expect("the built-in framework is valid"),
        templates: Templates::load(None).expect("the built-in templates are valid"),
        fonts: Fonts::load().expect("the built-in fonts load"),
    })
}

fn text(data: &[u8]) -> Option<String> {
    // Reading a file refuses what is not UTF-8 or too large; do the same.
    if data.len() > crate::diagnostics::MAX_INPUT_BYTES {
        return None;
    }
    std::str::from_utf8(data).ok().map(str::to_string)
}

/// Runs the whole pipeline for a country and checks what must always hold.
fn plan_and_render(profile: &str, readiness: &str) {
    let s = shared();
    let profile = SourceFile::new("profile.toml", profile);
    let readiness = SourceFile::new("readiness.toml", readiness);
    let Ok(input) = check_texts(&profile, &readiness, &s.framework) else {
        return;
    };
    let plan = crate::engine::build_plan(&input, &s.framework, "2026-12-29");
    for c in &plan.components {
        assert!(c.start_month < c.end_month && c.end_month <= plan.horizon.months);
    }
    read_back(&plan);
    let rendered =
        crate::render::render(&s.templates, &s.fonts, &plan).expect("built-in templates render");
    let _ = crate::render::pdf::write_pdf(&s.fonts, &rendered.laid, &rendered.metadata);
}

/// Every plan dgplan writes can be read back by `compare`: its numbers lie
/// within the ranges a plan.json is checked against, and its texts hold
/// what dgplan writes.
fn read_back(plan: &crate::plan::Plan) {
    let json = SourceFile::new("plan.json", crate::output::plan_json(plan));
    if let Err(problem) = crate::plan_check::check(&json, &plan.country.iso3) {
        panic!("a plan dgplan drafted fails its own read-back check: {problem}");
    }
}

/// `data` as a profile.toml, with a valid readiness.toml.
pub fn profile(data: &[u8]) {
    if let Some(text) = text(data) {
        plan_and_render(&text, SAMPLE_READINESS);
    }
}

/// `data` as a readiness.toml, with a valid profile.toml.
pub fn readiness(data: &[u8]) {
    if let Some(text) = text(data) {
        plan_and_render(SAMPLE_PROFILE, &text);
    }
}

/// `data` as one file of a framework folder: the first byte picks which
/// (in `FRAMEWORK_FILES` order, modulo their number: 7 is precedents.toml),
/// the rest is its content; the other files are the built-in ones.
pub fn framework(data: &[u8]) {
    let Some((choice, content)) = data.split_first() else {
        return;
    };
    let Some(content) = text(content) else { return };
    let mut sources = FrameworkSources::builtin();
    let index = usize::from(*choice) % FRAMEWORK_FILES.len();
    sources.files[index] = SourceFile::new(FRAMEWORK_FILES[index], content);
    if let Ok(framework) = sources.load(None) {
        let profile = SourceFile::new("profile.toml", SAMPLE_PROFILE);
        let readiness = SourceFile::new("readiness.toml", SAMPLE_READINESS);
        if let Ok(input) = check_texts(&profile, &readiness, &framework) {
            let plan = crate::engine::build_plan(&input, &framework, "2026-12-29");
            read_back(&plan);
        }
    }
}
