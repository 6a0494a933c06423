//! Renderers: they only format a [`Plan`]; every choice was made by the engine.
//!
//! The Markdown documents come from tera templates. The built-in templates
//! are embedded in the binary; a user folder (`--templates DIR`) replaces any
//! of them by file name, and may add partials of its own.

pub mod abbreviations;
pub mod alt;
pub mod blocks;
pub mod budget;
pub mod charts;
pub mod checks;
pub mod docx;
pub mod draw;
pub mod font_program;
pub mod fonts;
pub mod layout;
pub mod pdf;
pub mod pdf_file;
pub mod png;
pub mod structure;
pub mod svg;
pub mod tagged;
pub mod typography;
pub mod view;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tera::{Context, Tera};

use crate::compare::{ComparedPlan, Comparison};
use crate::diagnostics::{Diagnostic, Diagnostics, MAX_SHOWN, SourceFile};
use crate::language::{Language, say, say_with};
use crate::plan::{GlossaryTerm, Plan};
use crate::words::{join_words, long_date};
use view::{DocView, phrase};

/// Built-in templates of one language, by file name.
type Builtin = [(&'static str, &'static str); 5];

/// Built-in templates in English, by file name; those of another language
/// are in `templates/<code>/` under the same names.
const BUILTIN: Builtin = [
    (
        "master-plan.md",
        include_str!("../../templates/master-plan.md"),
    ),
    ("roadmap.md", include_str!("../../templates/roadmap.md")),
    ("brief.md", include_str!("../../templates/brief.md")),
    (
        "comparison.md",
        include_str!("../../templates/comparison.md"),
    ),
    ("macros.md", include_str!("../../templates/macros.md")),
];

const BUILTIN_FR: Builtin = [
    (
        "master-plan.md",
        include_str!("../../templates/fr/master-plan.md"),
    ),
    ("roadmap.md", include_str!("../../templates/fr/roadmap.md")),
    ("brief.md", include_str!("../../templates/fr/brief.md")),
    (
        "comparison.md",
        include_str!("../../templates/fr/comparison.md"),
    ),
    ("macros.md", include_str!("../../templates/fr/macros.md")),
];

const BUILTIN_ES: Builtin = [
    (
        "master-plan.md",
        include_str!("../../templates/es/master-plan.md"),
    ),
    ("roadmap.md", include_str!("../../templates/es/roadmap.md")),
    ("brief.md", include_str!("../../templates/es/brief.md")),
    (
        "comparison.md",
        include_str!("../../templates/es/comparison.md"),
    ),
    ("macros.md", include_str!("../../templates/es/macros.md")),
];

/// The built-in templates of `language`, and the folder they live in.
fn builtin(language: Language) -> (&'static Builtin, String) {
    match language {
        Language::En => (&BUILTIN, "templates".to_string()),
        Language::Fr => (&BUILTIN_FR, "templates/fr".to_string()),
        Language::Es => (&BUILTIN_ES, "templates/es".to_string()),
    }
}

/// The templates of one language, with where each came from (for error
/// messages).
struct TemplateSet {
    tera: Tera,
    sources: BTreeMap<String, SourceFile>,
}

/// The template sets, one per language: English read and checked when
/// loaded, another language when a plan in it is first rendered.
pub struct Templates {
    folder: Option<PathBuf>,
    sets: [OnceLock<Result<TemplateSet, Diagnostic>>; 3],
    /// User templates were given: render under the budget of [`budget`].
    budgeted: bool,
    /// What the command should warn about, such as a template dgplan does not use.
    pub warnings: Vec<String>,
}

fn slot(language: Language) -> usize {
    match language {
        Language::En => 0,
        Language::Fr => 1,
        Language::Es => 2,
    }
}

impl Templates {
    /// The built-in templates, overridden by name by the `.md` files in
    /// `folder` (English) and in its `fr/` and `es/` subfolders.
    pub fn load(folder: Option<&Path>) -> Result<Templates, Diagnostics> {
        let mut warnings = Vec::new();
        let english = TemplateSet::load(Language::En, folder, &mut warnings)?;
        let sets = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let _ = sets[0].set(Ok(english));
        Ok(Templates {
            folder: folder.map(Path::to_path_buf),
            sets,
            budgeted: folder.is_some(),
            warnings,
        })
    }

    /// The templates of the language in force.
    fn set(&self) -> Result<&TemplateSet, Diagnostic> {
        let language = crate::language::current();
        self.sets[slot(language)]
            .get_or_init(|| {
                let folder = self.folder.as_ref().map(|f| f.join(language.code()));
                let folder = folder.as_deref().filter(|f| f.is_dir());
                TemplateSet::load(language, folder, &mut Vec::new()).map_err(|mut all| {
                    all.0.truncate(1);
                    all.0.pop().unwrap_or_else(|| {
                        Diagnostic::file(Path::new("templates"), "the templates cannot be read")
                    })
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Checks that the templates of every language parse; `load` reads only
    /// English.
    pub fn check_all_languages(&self) -> Result<(), Diagnostic> {
        for language in Language::ALL {
            let _speaking = crate::language::speaking(language);
            self.set()?;
        }
        Ok(())
    }
}

impl TemplateSet {
    fn load(
        language: Language,
        folder: Option<&Path>,
        warnings: &mut Vec<String>,
    ) -> Result<TemplateSet, Diagnostics> {
        let (builtin, home) = builtin(language);
        let mut sources: BTreeMap<String, SourceFile> = builtin
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    SourceFile::new(format!("<built-in>/{home}/{name}"), *text),
                )
            })
            .collect();
        if let Some(folder) = folder {
            let mut user = BTreeSet::new();
            for (name, source) in read_folder(folder)? {
                user.insert(name.clone());
                sources.insert(name, source);
            }
            check_user(&sources, &user)?;
            *warnings = checks::unused(&sources, &user, &builtin.map(|(n, _)| n));
            if warnings.len() > MAX_SHOWN {
                let more = warnings.len() - MAX_SHOWN;
                warnings.truncate(MAX_SHOWN);
                warnings.push(format!(
                    "... and {more} more templates that dgplan does not use"
                ));
            }
        }
        let mut tera = Tera::default();
        // Markdown escaping for every value a template prints, unless marked `| safe`.
        tera.autoescape_on(vec![".md", ".MD", ".Md", ".mD"]);
        tera.set_escape_fn(escape_markdown);
        // Templates may read the plan and other templates, nothing else.
        tera.register_function(
            "get_env",
            |_: &std::collections::HashMap<String, tera::Value>| {
                Err(tera::Error::msg("templates cannot read the environment"))
            },
        );
        // tera builds every number of a range first: this one refuses too many.
        tera.register_function("range", budget::range);
        // "de" before "le Sénégal" reads "du Sénégal": a template writes
        // `{{ doc.country | after(word="de") }}` where the language joins a
        // preposition to the name's article.
        tera.register_filter("after", after_word);
        let all: Vec<(&str, &str)> = sources
            .iter()
            .map(|(name, source)| (name.as_str(), source.text.as_str()))
            .collect();
        let parsed = if folder.is_some() {
            // tera's parser recurses: user templates are parsed on a deep stack.
            budget::run(
                || tera.add_raw_templates(all),
                |breach| {
                    stop(&budget_breach(
                        folder.unwrap_or(Path::new("templates")),
                        "reading the templates of this folder",
                        &breach,
                    ))
                },
            )
        } else {
            tera.add_raw_templates(all)
        };
        if let Err(error) = parsed {
            return Err(template_error(&error, &sources).into());
        }
        Ok(TemplateSet { tera, sources })
    }
}

impl Templates {
    /// Renders one document for a plan.
    pub fn render(&self, name: &str, plan: &Plan) -> Result<String, Diagnostic> {
        self.render_listing(name, plan, &[])
    }

    /// Renders one document for a plan with the abbreviations it uses
    /// (`abbreviations` in the template; empty in [`Templates::render`]).
    pub fn render_listing(
        &self,
        name: &str,
        plan: &Plan,
        abbreviations: &[GlossaryTerm],
    ) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("plan", plan);
        context.insert("doc", &DocView::new(plan));
        context.insert("abbreviations", abbreviations);
        self.render_with(name, &context)
    }

    /// The master plan and the roadmap. The master plan lists the
    /// abbreviations both use: it is rendered once to find them, then again
    /// with the list when there is one.
    pub fn render_plan(&self, plan: &Plan) -> Result<(String, String), Diagnostic> {
        let roadmap = self.render("roadmap.md", plan)?;
        let draft = self.render("master-plan.md", plan)?;
        let terms = abbreviations::used(&plan.glossary, &[&draft, &roadmap]);
        let master = if terms.is_empty() {
            draft
        } else {
            self.render_listing("master-plan.md", plan, &terms)?
        };
        Ok((master, roadmap))
    }

    /// Renders the cabinet brief of a plan: `brief` beside `plan` and `doc`.
    /// Like the master plan, it lists the abbreviations it uses: it is
    /// rendered once to find them, then again with the list.
    pub fn render_brief(&self, plan: &Plan) -> Result<String, Diagnostic> {
        let doc = DocView::new(plan);
        let brief = view::BriefDoc::new(plan, &doc);
        let render = |terms: &[GlossaryTerm]| {
            let mut context = Context::new();
            context.insert("plan", plan);
            context.insert("brief", &brief);
            context.insert("doc", &doc);
            context.insert("abbreviations", terms);
            self.render_with("brief.md", &context)
        };
        let draft = render(&[])?;
        let terms = abbreviations::used(&plan.glossary, &[&draft]);
        if terms.is_empty() {
            Ok(draft)
        } else {
            render(&terms)
        }
    }

    /// Renders the comparison document.
    pub fn render_comparison(&self, comparison: &Comparison) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("comparison", comparison);
        context.insert("date", &long_date(&comparison.generated_on));
        self.render_with("comparison.md", &context)
    }

    fn render_with(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        let set = self.set()?;
        if !self.budgeted {
            return set
                .tera
                .render(name, context)
                .map(|text| typography::typeset(&tidy(&text)))
                .map_err(|error| template_error(&error, &set.sources));
        }
        let source = &set.sources[name];
        let text = budget::run(
            || set.tera.render(name, context),
            |breach| {
                stop(
                    &budget_breach(&source.path, "the template", &breach)
                        .with_hint(loops_hint(source)),
                )
            },
        )
        .map_err(|error| template_error(&error, &set.sources))?;
        if text.len() > budget::MAX_OUTPUT_BYTES {
            return Err(Diagnostic::file(
                &source.path,
                format!(
                    "the document this template makes is {:.1} MiB, more than the {} MiB a document may have",
                    text.len() as f64 / (1024.0 * 1024.0),
                    budget::MAX_OUTPUT_BYTES / (1024 * 1024)
                ),
            )
            .with_hint(loops_hint(source)));
        }
        Ok(typography::typeset(&tidy(&text)))
    }
}

/// The `after` filter: `word`, then the value, joined as the language in
/// force joins a preposition to an article.
fn after_word(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("the `after` filter takes text"))?;
    let word = args
        .get("word")
        .and_then(tera::Value::as_str)
        .ok_or_else(|| tera::Error::msg("the `after` filter needs word=\"...\""))?;
    let mut out = format!("{word} ");
    crate::words::append_value(&mut out, text);
    Ok(tera::Value::String(out))
}

/// The checks of user templates made before tera parses them.
fn check_user(
    sources: &BTreeMap<String, SourceFile>,
    user: &BTreeSet<String>,
) -> Result<(), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    for name in user {
        if let Err(d) = checks::nesting(&sources[name]) {
            diagnostics.push(d);
        }
    }
    // A cycle is looked for only when tera could parse every template, and
    // the depth across templates only when there is no cycle.
    if diagnostics.is_empty()
        && let Err(d) = checks::cycles(sources).and_then(|()| checks::depth(sources))
    {
        diagnostics.push(d);
    }
    diagnostics.into_result(())
}

/// A template's rendering passed the memory or time budget.
fn budget_breach(path: &Path, what: &str, breach: &budget::Breach) -> Diagnostic {
    let message = match breach {
        budget::Breach::Memory => format!(
            "rendering stopped: {what} needed more than {} MiB of memory, the most one document may use",
            budget::MAX_RENDER_BYTES / (1024 * 1024)
        ),
        budget::Breach::Time => format!(
            "rendering stopped: {what} ran for more than {} seconds, the most one document may take",
            budget::MAX_RENDER_TIME.as_secs()
        ),
    };
    Diagnostic::file(path, message)
}

/// What to look at when a template made too much: its loops.
fn loops_hint(source: &SourceFile) -> String {
    let lines: Vec<String> = source
        .text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.contains("{% for") || line.contains("{%- for"))
        .map(|(i, _)| (i + 1).to_string())
        .take(10)
        .collect();
    let at = match lines.len() {
        0 => "in the templates it includes or the macros it calls".to_string(),
        1 => format!("at line {}", lines[0]),
        _ => format!("at lines {}", join_words(&lines)),
    };
    format!(
        "a template should produce a document of a few hundred KB in well under a second; check the {{% for %}} loops {at}, and texts made longer in a loop with `~`"
    )
}

/// Reports a budget breach and ends the process: the rendering thread cannot
/// be stopped. Files are written only after all rendering, so the plan
/// being rendered has no file written.
fn stop(diagnostic: &Diagnostic) -> ! {
    eprintln!(
        "{diagnostic}\nNothing was written for this plan; dgplan stopped (plans finished before it are complete)."
    );
    std::process::exit(1)
}

/// A kind of output `generate --formats` can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    /// master-plan.md, roadmap.md and brief.md, with the SVG charts they show.
    Md,
    /// master-plan.pdf and brief.pdf.
    Pdf,
    /// master-plan.docx and brief.docx, for Word.
    Docx,
    /// plan.json, the plan as data.
    Json,
}

/// The files each format writes for a plan, in writing order: the one
/// table to extend when a document is added.
pub const FORMAT_FILES: [(Format, &[&str]); 4] = [
    (
        Format::Md,
        &[
            "master-plan.md",
            "roadmap.md",
            "brief.md",
            "readiness.svg",
            "roadmap.svg",
            "costs.svg",
        ],
    ),
    (Format::Pdf, &["master-plan.pdf", "brief.pdf"]),
    (Format::Docx, &["master-plan.docx", "brief.docx"]),
    (Format::Json, &["plan.json"]),
];

/// Every format, as `generate` writes them when none are named.
pub const ALL_FORMATS: [Format; 4] = [Format::Md, Format::Pdf, Format::Docx, Format::Json];

/// The files the formats write, in writing order.
pub fn files_of(formats: &[Format]) -> Vec<&'static str> {
    FORMAT_FILES
        .iter()
        .filter(|(format, _)| formats.contains(format))
        .flat_map(|(_, files)| files.iter().copied())
        .collect()
}

/// Every file written for one plan, in writing order.
pub fn output_files() -> Vec<&'static str> {
    files_of(&ALL_FORMATS)
}

/// Everything rendered for a plan, before it is written out.
pub struct Rendered {
    pub master: String,
    pub roadmap: String,
    /// The PDF's pages, laid out.
    pub laid: layout::Laid,
    /// The charts by file name, as drawn in the PDF and written as SVG.
    pub charts: Vec<(&'static str, draw::Picture, String)>,
    pub metadata: pdf::Metadata,
}

/// Renders the documents of a plan: the Markdown, the PDF layout (master
/// plan with the roadmap as its last chapter) and the charts.
pub fn render(
    templates: &Templates,
    fonts: &fonts::Fonts,
    plan: &Plan,
) -> Result<Rendered, Diagnostic> {
    let _language = crate::language::speaking(plan.language);
    let (master, roadmap) = templates.render_plan(plan)?;
    let (laid, charts) = templates.lay_out(&["master-plan.md", "roadmap.md"], || {
        lay_out_plan(fonts, plan, &master, &roadmap)
    })?;
    Ok(Rendered {
        master,
        roadmap,
        laid,
        metadata: plan_metadata(plan, &DocView::new(plan)),
        charts,
    })
}

/// The PDF's pages and the charts of a plan whose documents are rendered.
type PlanLayout = (layout::Laid, Vec<(&'static str, draw::Picture, String)>);

fn lay_out_plan(
    fonts: &fonts::Fonts,
    plan: &Plan,
    master: &str,
    roadmap: &str,
) -> Result<PlanLayout, layout::TooLarge> {
    let doc = DocView::new(plan);
    let charts = chart_files(plan, fonts, &doc.country);
    let blocks = plan_blocks(master, roadmap);
    let laid = lay_out_blocks(fonts, plan, &doc, &blocks, &charts)?;
    Ok((laid, charts))
}

/// The blocks of the master plan with the roadmap as its last chapter, as
/// the PDF and the Word file show them.
fn plan_blocks(master: &str, roadmap: &str) -> Vec<blocks::Block> {
    let mut blocks = blocks::parse(master);
    // The roadmap becomes the last annex: its headings move down a level,
    // and its title is lettered after the plan's last annex, as the
    // contents list it and as chapter 8 refers to it.
    let mut label = next_annex_label(&blocks);
    blocks.extend(blocks::parse(roadmap).into_iter().map(|block| match block {
        blocks::Block::Heading { level, mut spans } => {
            if let Some(label) = label.take().filter(|_| level == 1) {
                let span = blocks::Span {
                    text: format!("{label} "),
                    bold: false,
                    italic: false,
                    code: false,
                };
                spans.insert(0, span);
            }
            blocks::Block::Heading {
                level: (level + 1).min(6),
                spans,
            }
        }
        other => other,
    }));
    blocks
}

fn lay_out_blocks(
    fonts: &fonts::Fonts,
    plan: &Plan,
    doc: &DocView,
    blocks: &[blocks::Block],
    charts: &[(&'static str, draw::Picture, String)],
) -> Result<layout::Laid, layout::TooLarge> {
    let pictures = |name: &str| -> Option<(draw::Picture, String)> {
        charts
            .iter()
            .find(|(file, _, _)| file.trim_end_matches(".svg") == name)
            .map(|(_, picture, _)| {
                let alt = alt::chart_alt(plan, name).unwrap_or_default();
                (picture.clone(), alt)
            })
    };
    layout::lay_out(fonts, &plan_title_page(plan, doc), blocks, &pictures)
}

/// The Word file of a plan: the same blocks and charts as the PDF.
fn plan_docx(
    plan: &Plan,
    doc: &DocView,
    blocks: &[blocks::Block],
    charts: &[(&'static str, draw::Picture, String)],
) -> Result<Vec<u8>, String> {
    let pictures = |name: &str| -> Option<docx::DocxPicture> {
        let (_, picture, title) = charts
            .iter()
            .find(|(file, _, _)| file.trim_end_matches(".svg") == name)?;
        Some(docx::DocxPicture {
            picture: picture.clone(),
            title: title.clone(),
            alt: alt::chart_alt(plan, name)?,
        })
    };
    // The charts are drawn first, at once: drawing them is most of the
    // Word file's time, and what is drawn is kept for the writer. (Not
    // under a user template's budget, whose meter sees this thread only.)
    if !budget::is_metered() {
        use rayon::prelude::*;
        charts.par_iter().for_each(|(_, picture, title)| {
            let _ = png::to_png(picture, title, png::PRINT_DPI);
        });
    }
    docx::write(blocks, &pictures, &plan_docx_meta(plan, doc))
}

fn plan_docx_meta(plan: &Plan, doc: &DocView) -> docx::DocxMeta {
    let metadata = plan_metadata(plan, doc);
    // The PDF's cover, word for word.
    let front = plan_title_page(plan, doc);
    let mut details = front.details;
    details.push((say("render.mod.status").to_string(), front.status));
    details.push((say("render.mod.date").to_string(), front.date));
    docx::DocxMeta {
        cover: docx::Cover {
            title: front.title,
            lines: vec![front.subtitle, front.country],
            details,
        },
        running_header: typography::typeset(&format!("{} - {}", doc.title, plan.country.name)),
        contents: true,
        title: metadata.title,
        author: metadata.author,
        subject: metadata.subject,
        keywords: metadata.keywords,
        created: plan.generated_on.clone(),
        application: format!("dgplan {}", env!("CARGO_PKG_VERSION")),
    }
}

/// The label of the annex after the last one a document has ("Annex D."
/// after "Annex C. ...", "Annexe D." after "Annexe C. ..."); None when it
/// has no lettered annex.
fn next_annex_label(blocks: &[blocks::Block]) -> Option<String> {
    // "Annex {letter}.": what comes before and after the letter.
    let (before, after) = say("render.mod.annex").split_once("{letter}")?;
    let last = blocks.iter().rev().find_map(|block| match block {
        blocks::Block::Heading {
            level: 1 | 2,
            spans,
        } => {
            let text = blocks::plain(spans);
            let rest = text.strip_prefix(before)?;
            let letter = rest.chars().next()?;
            (letter.is_ascii_uppercase() && rest[1..].starts_with(after)).then_some(letter)
        }
        _ => None,
    })?;
    let next = char::from_u32(last as u32 + 1).filter(char::is_ascii_uppercase)?;
    Some(say_with(
        "render.mod.annex",
        &[("letter", &next.to_string())],
    ))
}

impl Templates {
    /// Runs `work`, the layout (and PDF) of the documents the templates
    /// `names` made: under the budget when they are user templates, and
    /// with an error naming them when the document passes a layout limit.
    fn lay_out<T: Send>(
        &self,
        names: &[&str],
        work: impl FnOnce() -> Result<T, layout::TooLarge> + Send,
    ) -> Result<T, Diagnostic> {
        // The template to name: the user's, if one of them is.
        let set = self.set()?;
        let source = names
            .iter()
            .map(|name| &set.sources[*name])
            .find(|s| !s.path.starts_with("<built-in>"))
            .unwrap_or(&set.sources[names[0]]);
        let result = if self.budgeted {
            budget::run(work, |breach| {
                let what = "laying out the PDF made from the template";
                stop(&budget_breach(&source.path, what, &breach).with_hint(loops_hint(source)))
            })
        } else {
            work()
        };
        result.map_err(|too_large| too_large_error(source, &too_large))
    }
}

/// A document passed a layout limit: the template that made it.
fn too_large_error(source: &SourceFile, too_large: &layout::TooLarge) -> Diagnostic {
    match too_large {
        layout::TooLarge::Pages => Diagnostic::file(
            &source.path,
            format!(
                "the PDF made from this template would have more than {} pages, the most a document may have",
                layout::MAX_PAGES
            ),
        )
        .with_hint(format!(
            "each part marked <!-- pdf:part --> starts a page and chapters follow on; the built-in master plan has about 45 pages. {}",
            loops_hint(source)
        )),
        layout::TooLarge::Columns(columns) => Diagnostic::file(
            &source.path,
            format!(
                "a table in the document this template makes has {columns} columns, more than the {} a table may have",
                layout::MAX_TABLE_COLUMNS
            ),
        )
        .with_hint("split the table into several narrower ones; a PDF page fits about 10 columns"),
    }
}

/// The charts of a plan by file name, with their titles.
fn chart_files(
    plan: &Plan,
    fonts: &fonts::Fonts,
    country: &str,
) -> Vec<(&'static str, draw::Picture, String)> {
    vec![
        (
            "readiness.svg",
            charts::readiness(plan, fonts),
            phrase("render.mod.chart_readiness", &[("country", country)]),
        ),
        (
            "roadmap.svg",
            charts::roadmap(plan, fonts),
            phrase("render.mod.chart_roadmap", &[("country", country)]),
        ),
        (
            "costs.svg",
            charts::costs(plan, fonts),
            phrase("render.mod.chart_costs", &[("country", country)]),
        ),
    ]
}

/// The cover of a plan: the title without its period, which has a line
/// of its own.
fn plan_title_page(plan: &Plan, doc: &DocView) -> layout::TitlePage {
    let title = doc
        .title
        .strip_suffix(doc.period.as_str())
        .map_or(doc.title.as_str(), str::trim_end);
    layout::TitlePage {
        title: title.to_string(),
        subtitle: doc.period.clone(),
        country: plan.country.name.clone(),
        // The plan holds the country's name, not its government's official
        // style ("Government of ..."), so the band names the country.
        issuer: plan.country.name.clone(),
        details: vec![
            (
                say("render.mod.lead_institution").to_string(),
                plan.settings.lead_institution.clone(),
            ),
            (
                say("render.mod.sponsor").to_string(),
                plan.settings.sponsor.clone(),
            ),
        ],
        status: doc.status.to_string(),
        date: doc.date.clone(),
        note: if plan.assessment.derived_from_indices {
            layout::cover_note_indices()
        } else {
            layout::cover_note()
        }
        .to_string(),
        running_header: typography::typeset(&doc.title.clone()),
    }
}

/// The cabinet brief's rendered Markdown and its PDF pages.
pub fn brief_layout(
    templates: &Templates,
    fonts: &fonts::Fonts,
    plan: &Plan,
) -> Result<(String, layout::Laid), Diagnostic> {
    let _language = crate::language::speaking(plan.language);
    let brief = templates.render_brief(plan)?;
    let laid = templates.lay_out(&["brief.md"], || lay_out_brief(fonts, plan, &brief))?;
    Ok((brief, laid))
}

/// How tall the brief draws the readiness chart, radar and legend.
const BRIEF_READINESS_HEIGHT: f32 = 280.0;

/// The brief's pages: no cover; its sections' headings (level 2 in the
/// Markdown, for readers of the file) move down a level so that they are
/// set as compact sections, not as chapters with a rule and an entry in
/// the bookmarks. It draws the readiness chart.
fn lay_out_brief(
    fonts: &fonts::Fonts,
    plan: &Plan,
    brief: &str,
) -> Result<layout::Laid, layout::TooLarge> {
    let doc = DocView::new(plan);
    let blocks: Vec<blocks::Block> = blocks::parse(brief)
        .into_iter()
        .map(|block| match block {
            blocks::Block::Heading { level, spans } => blocks::Block::Heading {
                level: (level + 1).clamp(3, 6),
                spans,
            },
            other => other,
        })
        .collect();
    // A third of a page for the radar, so that the decisions start on the
    // first page (review finding 29).
    let readiness = |name: &str| {
        (name == "readiness").then(|| {
            (
                charts::readiness_of_height(plan, fonts, BRIEF_READINESS_HEIGHT),
                alt::chart_alt(plan, "readiness").unwrap_or_default(),
            )
        })
    };
    let title = view::BriefDoc::new(plan, &doc).title;
    let front = layout::TitlePage {
        running_header: typography::typeset(&title.clone()),
        title,
        details: vec![
            (
                say("render.mod.country").to_string(),
                plan.country.name.clone(),
            ),
            (
                say("render.mod.lead_institution").to_string(),
                plan.settings.lead_institution.clone(),
            ),
            (say("render.mod.date").to_string(), doc.date.clone()),
        ],
        ..plan_title_page(plan, &doc)
    };
    layout::lay_out_without_cover(fonts, &front, &blocks, &readiness)
}

fn brief_metadata(plan: &Plan) -> pdf::Metadata {
    let doc = DocView::new(plan);
    pdf::Metadata {
        title: format!(
            "{} - {}",
            view::BriefDoc::new(plan, &doc).title,
            plan.country.name
        ),
        subject: phrase("render.mod.subject_brief", &[("country", &doc.country)]),
        ..plan_metadata(plan, &doc)
    }
}

fn plan_metadata(plan: &Plan, doc: &DocView) -> pdf::Metadata {
    pdf::Metadata {
        title: format!("{} - {}", doc.title, plan.country.name),
        author: plan.settings.lead_institution.clone(),
        subject: phrase("render.mod.subject_plan", &[("country", &doc.country)]),
        keywords: vec![
            say("render.mod.keyword_digital_government").to_string(),
            say("render.mod.keyword_master_plan").to_string(),
            say("render.mod.keyword_roadmap").to_string(),
            plan.country.name.clone(),
            plan.country.iso3.clone(),
        ],
        created: crate::output::date_to_epoch(&plan.generated_on).unwrap_or(0),
    }
}

/// Input texts with characters the PDF's fonts cannot show (they appear as
/// "?" in the PDF; the Markdown and JSON keep them), as warnings to print.
pub fn unprintable(fonts: &fonts::Fonts, plan: &Plan) -> Vec<String> {
    let mut fields: Vec<(String, &str)> = vec![
        ("country.name".into(), plan.country.name.as_str()),
        (
            "plan.lead_institution".into(),
            plan.settings.lead_institution.as_str(),
        ),
        ("plan.sponsor".into(), plan.settings.sponsor.as_str()),
        ("assessment.method".into(), plan.assessment.method.as_str()),
    ];
    if let Some(short) = &plan.country.short_name {
        fields.push(("country.short_name".into(), short));
    }
    if let Some(region) = &plan.country.region {
        fields.push(("country.region".into(), region));
    }
    if let Some(source) = &plan.assessment.source {
        fields.push(("assessment.source".into(), source));
    }
    for d in &plan.readiness.dimensions {
        if let Some(e) = &d.evidence {
            fields.push((format!("evidence.{}", d.id), e));
        }
    }
    fields
        .into_iter()
        .filter_map(|(field, text)| {
            let missing = fonts.missing(draw::Face::Serif, text);
            (!missing.is_empty()).then(|| {
                format!(
                    "`{field}` holds characters the PDF's fonts cannot show ({}); they appear as \"?\" in master-plan.pdf. The Markdown and JSON keep them.",
                    missing.iter().collect::<String>()
                )
            })
        })
        .collect()
}

/// The files of the asked `formats` for a plan, with their bytes, in
/// [`FORMAT_FILES`] order. Only what those formats need is rendered.
pub fn render_all(
    templates: &Templates,
    fonts: &fonts::Fonts,
    plan: &Plan,
    formats: &[Format],
) -> Result<Vec<(&'static str, Vec<u8>)>, Diagnostic> {
    let _language = crate::language::speaking(plan.language);
    let wants = |format: Format| formats.contains(&format);
    let mut files: Vec<(&'static str, Vec<u8>)> = Vec::new();
    if wants(Format::Md) || wants(Format::Pdf) || wants(Format::Docx) {
        let (master, roadmap) = templates.render_plan(plan)?;
        // The PDF, the Word file and the charts are made under the budget too.
        let documents = templates.lay_out(&["master-plan.md", "roadmap.md"], || {
            render_documents(fonts, plan, &master, &roadmap, formats)
        })?;
        let documents = documents.map_err(|defect| word_defect("master-plan.docx", &defect))?;
        let brief = templates.render_brief(plan)?;
        let brief_documents = templates.lay_out(&["brief.md"], || {
            render_brief_documents(fonts, plan, &brief, formats)
        })?;
        let brief_documents =
            brief_documents.map_err(|defect| word_defect("brief.docx", &defect))?;
        if wants(Format::Md) {
            files.push(("master-plan.md", master.into_bytes()));
            files.push(("roadmap.md", roadmap.into_bytes()));
            files.push(("brief.md", brief.into_bytes()));
        }
        files.extend(documents);
        files.extend(brief_documents);
    }
    if wants(Format::Json) {
        files.push(("plan.json", crate::output::plan_json(plan).into_bytes()));
    }
    let order = files_of(formats);
    files.sort_by_key(|(name, _)| order.iter().position(|n| n == name));
    Ok(files)
}

/// A plan's documents made from its rendered Markdown: the PDF, the Word
/// file and the SVG charts, those of them the formats ask for. The inner
/// error is a defect of dgplan's own Word writer.
type Documents = Result<Vec<(&'static str, Vec<u8>)>, String>;

fn render_documents(
    fonts: &fonts::Fonts,
    plan: &Plan,
    master: &str,
    roadmap: &str,
    formats: &[Format],
) -> Result<Documents, layout::TooLarge> {
    let doc = DocView::new(plan);
    let charts = chart_files(plan, fonts, &doc.country);
    let blocks = plan_blocks(master, roadmap);
    // The PDF and the Word file are made side by side: they share only
    // what is read here.
    let mut files = match side_by_side(
        plan,
        formats,
        ("master-plan.pdf", "master-plan.docx"),
        || {
            let laid = lay_out_blocks(fonts, plan, &doc, &blocks, &charts)?;
            Ok(pdf::write_pdf(fonts, &laid, &plan_metadata(plan, &doc)))
        },
        || plan_docx(plan, &doc, &blocks, &charts),
    )? {
        Ok(made) => made,
        Err(defect) => return Ok(Err(defect)),
    };
    if formats.contains(&Format::Md) {
        files.extend(
            charts
                .iter()
                .map(|(name, picture, title)| (*name, svg::to_svg(picture, title).into_bytes())),
        );
    }
    Ok(Ok(files))
}

/// dgplan's own Word writer failed: a defect to report, not the user's.
fn word_defect(file: &str, defect: &str) -> Diagnostic {
    Diagnostic::file(
        Path::new(file),
        format!("the Word file cannot be made: {defect}"),
    )
}

/// The brief's PDF and Word file, those of them the formats ask for.
fn render_brief_documents(
    fonts: &fonts::Fonts,
    plan: &Plan,
    brief: &str,
    formats: &[Format],
) -> Result<Documents, layout::TooLarge> {
    side_by_side(
        plan,
        formats,
        ("brief.pdf", "brief.docx"),
        || {
            let laid = lay_out_brief(fonts, plan, brief)?;
            Ok(pdf::write_pdf(fonts, &laid, &brief_metadata(plan)))
        },
        || brief_docx(fonts, plan, brief),
    )
}

/// A plan's PDF and Word file, those of them the formats ask for, under
/// their file names; the inner error is a defect of the Word writer. They
/// are made at once, each in the plan's language (which is set per
/// thread). Under a user template's budget they are made one after the
/// other on this thread, so that the budget's meter sees all they hold,
/// and the Word file not at all when the PDF finds the document too large.
fn side_by_side(
    plan: &Plan,
    formats: &[Format],
    (pdf_name, word_name): (&'static str, &'static str),
    pdf: impl FnOnce() -> Result<Vec<u8>, layout::TooLarge> + Send,
    word: impl FnOnce() -> Result<Vec<u8>, String> + Send,
) -> Result<Documents, layout::TooLarge> {
    let pdf = || formats.contains(&Format::Pdf).then(pdf).transpose();
    let word = || formats.contains(&Format::Docx).then(word);
    let (pdf, word) = if budget::is_metered() {
        let pdf = pdf()?;
        (pdf, word())
    } else {
        let language = plan.language;
        let (pdf, word) = rayon::join(
            || {
                let _language = crate::language::speaking(language);
                pdf()
            },
            || {
                let _language = crate::language::speaking(language);
                word()
            },
        );
        (pdf?, word)
    };
    let mut files = Vec::new();
    if let Some(bytes) = pdf {
        files.push((pdf_name, bytes));
    }
    match word.transpose() {
        Ok(Some(bytes)) => files.push((word_name, bytes)),
        Ok(None) => {}
        Err(defect) => return Ok(Err(defect)),
    }
    Ok(Ok(files))
}

/// The brief for Word: a title block and no contents page; the readiness
/// chart as a picture.
fn brief_docx(fonts: &fonts::Fonts, plan: &Plan, brief: &str) -> Result<Vec<u8>, String> {
    let doc = DocView::new(plan);
    let pictures = |name: &str| -> Option<docx::DocxPicture> {
        (name == "readiness").then(|| docx::DocxPicture {
            picture: charts::readiness(plan, fonts),
            title: phrase("render.mod.chart_readiness", &[("country", &doc.country)]),
            alt: alt::chart_alt(plan, name).unwrap_or_default(),
        })
    };
    let title = view::BriefDoc::new(plan, &doc).title;
    let metadata = brief_metadata(plan);
    let plan_meta = plan_docx_meta(plan, &doc);
    let meta = docx::DocxMeta {
        cover: docx::Cover {
            title: title.clone(),
            lines: vec![plan.country.name.clone()],
            details: plan_meta
                .cover
                .details
                .into_iter()
                .filter(|(label, _)| label != say("render.mod.sponsor"))
                .collect(),
        },
        running_header: typography::typeset(&format!("{title} - {}", plan.country.name)),
        contents: false,
        title: metadata.title,
        subject: metadata.subject,
        ..plan_meta
    };
    docx::write(&blocks::parse(brief), &pictures, &meta)
}

/// The comparison files, in writing order.
pub const COMPARISON_FILES: [&str; 4] = [
    "comparison.md",
    "comparison.pdf",
    "comparison.csv",
    "comparison.json",
];

/// Renders a comparison: Markdown, PDF, CSV (every plan, every measure) and JSON.
pub fn render_comparison(
    templates: &Templates,
    fonts: &fonts::Fonts,
    comparison: &Comparison,
    inputs: &[ComparedPlan],
) -> Result<Vec<(&'static str, Vec<u8>)>, Diagnostic> {
    let _language = crate::language::speaking(comparison.language);
    let markdown = templates.render_comparison(comparison)?;
    let count = comparison.countries.len();
    let title = comparison_title_page(comparison);
    let metadata = pdf::Metadata {
        title: comparison.title.clone(),
        author: "dgplan".to_string(),
        subject: match &comparison.versions {
            Some(_) => comparison.subtitle.clone(),
            None => say_with(
                "render.mod.subject_comparison",
                &[("count", &count.to_string())],
            ),
        },
        keywords: comparison
            .countries
            .iter()
            .map(|c| c.iso3.clone())
            .collect(),
        created: crate::output::date_to_epoch(&comparison.generated_on).unwrap_or(0),
    };
    let pdf = templates.lay_out(&["comparison.md"], || {
        let laid = layout::lay_out(fonts, &title, &blocks::parse(&markdown), &|_| None)?;
        Ok(pdf::write_pdf(fonts, &laid, &metadata))
    })?;
    let mut json =
        serde_json::to_string_pretty(comparison).expect("a comparison always serialises");
    json.push('\n');
    Ok(vec![
        ("comparison.md", markdown.into_bytes()),
        ("comparison.pdf", pdf),
        (
            "comparison.csv",
            crate::compare::to_csv(comparison, inputs).into_bytes(),
        ),
        ("comparison.json", json.into_bytes()),
    ])
}

/// The comparison's PDF pages, laid out as `render_comparison` lays them
/// out.
pub fn lay_out_comparison(
    templates: &Templates,
    fonts: &fonts::Fonts,
    comparison: &Comparison,
) -> Result<layout::Laid, Diagnostic> {
    let _language = crate::language::speaking(comparison.language);
    let markdown = templates.render_comparison(comparison)?;
    let title = comparison_title_page(comparison);
    templates.lay_out(&["comparison.md"], || {
        layout::lay_out(fonts, &title, &blocks::parse(&markdown), &|_| None)
    })
}

/// The cover of a comparison: of countries, or of versions of one plan.
fn comparison_title_page(comparison: &Comparison) -> layout::TitlePage {
    let count = comparison.countries.len();
    let (country, details) = match &comparison.versions {
        Some(versions) => (
            versions.country.clone(),
            vec![(
                say("render.mod.versions").to_string(),
                versions.count.to_string(),
            )],
        ),
        None => {
            let names: Vec<String> = comparison
                .countries
                .iter()
                .map(|c| c.name.clone())
                .collect();
            let key = if count == 1 {
                "render.mod.country_count_one"
            } else {
                "render.mod.country_count_many"
            };
            (
                say_with(key, &[("count", &count.to_string())]),
                vec![(say("render.mod.countries").to_string(), join_words(&names))],
            )
        }
    };
    layout::TitlePage {
        title: comparison.title.clone(),
        subtitle: comparison.subtitle.clone(),
        // Versions of one country's plan are issued by it; a comparison
        // of countries by none of them.
        issuer: comparison
            .versions
            .as_ref()
            .map_or(String::new(), |v| v.country.clone()),
        country,
        details,
        status: say("render.mod.analysis_status").to_string(),
        date: long_date(&comparison.generated_on),
        note: layout::cover_note().to_string(),
        running_header: typography::typeset(&comparison.title.clone()),
    }
}

/// Why the built-in templates were not exported.
pub enum NotExported {
    /// These files are already there (a link counts too); nothing was written.
    Exist(Vec<PathBuf>),
    /// Writing failed; the files there before are unchanged.
    Write(crate::output::WriteError),
}

/// Writes the built-in templates into `folder` for editing; returns the
/// paths. Templates already there, perhaps edited, are replaced only when
/// `force` is given; otherwise nothing is written.
pub fn export_builtin(folder: &Path, force: bool) -> Result<Vec<PathBuf>, NotExported> {
    // English in the folder, each other language in its subfolder.
    let sets: Vec<(PathBuf, &Builtin)> = Language::ALL
        .iter()
        .map(|&language| {
            let place = match language {
                Language::En => folder.to_path_buf(),
                other => folder.join(other.code()),
            };
            (place, builtin(language).0)
        })
        .collect();
    let paths: Vec<PathBuf> = sets
        .iter()
        .flat_map(|(place, set)| set.iter().map(move |(name, _)| place.join(name)))
        .collect();
    let existing: Vec<PathBuf> = paths
        .iter()
        .filter(|path| std::fs::symlink_metadata(path).is_ok())
        .cloned()
        .collect();
    if !existing.is_empty() && !force {
        return Err(NotExported::Exist(existing));
    }
    for (place, set) in &sets {
        let files = set.map(|(name, text)| (name, text.as_bytes()));
        crate::output::write_all_atomic(place, &files).map_err(NotExported::Write)?;
    }
    Ok(paths)
}

/// Most `.md` files a templates folder may hold (a real set has 4 to 10).
pub const MAX_TEMPLATE_FILES: usize = 100;
/// Most bytes all the `.md` files of a templates folder may hold together.
pub const MAX_TEMPLATE_FOLDER_BYTES: u64 = 8 * 1024 * 1024;

/// The `.md` files of a templates folder (`.MD` and other capitals too),
/// sorted; refused when there are none or too many.
fn template_paths(folder: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let entries = std::fs::read_dir(folder).map_err(|err| {
        Diagnostic::file(folder, format!("cannot read the templates folder: {err}"))
            .with_hint("give a folder of .md templates; `dgplan templates export DIR` writes the built-in ones")
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        // Not only ordinary files: a `.md` that is a pipe, a device or a
        // folder is refused by name below, not skipped without a word.
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Diagnostic::file(folder, "the templates folder holds no .md template")
            .with_hint(format!(
                "put templates named like the built-in ones ({}) in it; `dgplan templates export DIR` writes them",
                BUILTIN.map(|(n, _)| n).join(", ")
            )));
    }
    if paths.len() > MAX_TEMPLATE_FILES {
        return Err(Diagnostic::file(
            folder,
            format!(
                "the templates folder holds {} .md files; dgplan reads at most {MAX_TEMPLATE_FILES}",
                paths.len()
            ),
        )
        .with_hint("a templates folder needs only the templates you change (master-plan.md, roadmap.md, brief.md, comparison.md, macros.md) and the parts they include; move the other files elsewhere"));
    }
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
        .sum();
    if bytes > MAX_TEMPLATE_FOLDER_BYTES {
        return Err(too_many_bytes(folder, bytes));
    }
    Ok(paths)
}

fn too_many_bytes(folder: &Path, bytes: u64) -> Diagnostic {
    Diagnostic::file(
        folder,
        format!(
            "the .md files of the templates folder hold {:.1} MiB together, more than the {} MiB dgplan reads",
            bytes as f64 / (1024.0 * 1024.0),
            MAX_TEMPLATE_FOLDER_BYTES / (1024 * 1024)
        ),
    )
    .with_hint("the built-in templates hold about 40 KB together; remove large files from the templates folder")
}

fn read_folder(folder: &Path) -> Result<Vec<(String, SourceFile)>, Diagnostics> {
    let paths = template_paths(folder)?;
    let mut diagnostics = Diagnostics::default();
    let mut found = Vec::new();
    let mut bytes = 0u64;
    for path in paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if let Err(d) = checks::inside(folder, &path) {
            diagnostics.push(d);
            continue;
        }
        match SourceFile::read(&path) {
            Ok(source) => {
                // Files may grow between the count and the reading.
                bytes += source.text.len() as u64;
                if bytes > MAX_TEMPLATE_FOLDER_BYTES {
                    return Err(too_many_bytes(folder, bytes).into());
                }
                found.push((name, source))
            }
            Err(d) => diagnostics.push(d),
        }
    }
    diagnostics.into_result(found)
}

/// A tera error as a diagnostic naming the template file and line.
fn template_error(error: &tera::Error, sources: &BTreeMap<String, SourceFile>) -> Diagnostic {
    let chain = error_chain(error);
    let text = chain.join("\n");
    // tera names the template in quotes: "Failed to parse 'roadmap.md'".
    let source = sources
        .iter()
        .find(|(name, _)| text.contains(&format!("'{name}'")))
        .map(|(_, source)| source);
    let position = parse_position(&text);
    // Render errors name the variable they could not find.
    let variable = text
        .split("Variable `")
        .nth(1)
        .and_then(|rest| rest.split('`').next());
    let message = format!("template error: {}", summary(&chain, &text, variable));
    let line = position
        .map(|(l, _)| l)
        .or_else(|| first_use(source?, &chain, variable));
    let (diagnostic, at_end) = match (source, line) {
        (Some(source), Some(line)) => {
            let column = position.map_or(0, |(_, c)| c.saturating_sub(1));
            (
                at_line(source, line, column, message),
                line > source.text.lines().count(),
            )
        }
        _ => {
            let path = source.map_or_else(|| PathBuf::from("templates"), |s| s.path.clone());
            (Diagnostic::file(&path, message), false)
        }
    };
    diagnostic.with_hint(if text.contains("a template may loop over") {
        "a plan has tens of components and phases: loop over the lists in `plan` or `doc`, or give `range` a smaller end"
    } else if variable.is_some() {
        "templates can use `plan` (as in plan.json) and `doc` (see docs/templates.md); check the spelling"
    } else if at_end {
        "the template ends too early: an {% if %}, {% for %} or {% macro %} is not closed by its {% endif %}, {% endfor %} or {% endmacro %}"
    } else if position.is_some() {
        "check the tera syntax near this line: {{ value }}, {% if %}...{% endif %}, {% for %}...{% endfor %}"
    } else {
        "docs/templates.md lists what templates can use: the values `plan` and `doc`, tera's own filters and the macros in macros.md"
    })
}

/// An error's message and the messages of its causes, outermost first.
fn error_chain(error: &tera::Error) -> Vec<String> {
    let mut chain = vec![error.to_string()];
    let mut next = std::error::Error::source(error);
    while let Some(cause) = next {
        chain.push(cause.to_string());
        next = cause.source();
    }
    chain
}

/// Where a parse error is: its messages carry " --> line:column".
fn parse_position(text: &str) -> Option<(usize, usize)> {
    text.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("--> ")?;
        let (line, column) = rest.split_once(':')?;
        Some((
            line.trim().parse::<usize>().ok()?,
            column.trim().parse::<usize>().ok()?,
        ))
    })
}

/// The deepest cause says what is wrong; pest's "= expected ..." line for
/// syntax errors.
fn summary(chain: &[String], text: &str, variable: Option<&str>) -> String {
    if let Some(variable) = variable {
        format!("unknown variable `{variable}`")
    } else if let Some(expected) = text.lines().find_map(|l| l.trim().strip_prefix("= ")) {
        format!("syntax error: {expected}")
    } else if chain.len() > 1 {
        chain[1..].join(": ")
    } else {
        chain[0].clone()
    }
}

/// For errors without a position, the first line using the named thing:
/// the variable, or the filter or function in quotes ('nofilter').
fn first_use(source: &SourceFile, chain: &[String], variable: Option<&str>) -> Option<usize> {
    let named = variable.or_else(|| chain[1..].iter().find_map(|c| c.split('\'').nth(1)))?;
    source
        .text
        .lines()
        .position(|l| l.contains(named))
        .map(|i| i + 1)
}

/// A diagnostic pointing at a 1-based line and 0-based column of a template.
fn at_line(source: &SourceFile, line: usize, column: usize, message: String) -> Diagnostic {
    let offset: usize = source
        .text
        .lines()
        .take(line - 1)
        .map(|l| l.len() + 1)
        .sum();
    let at = (offset + column).min(source.text.len());
    Diagnostic::at(source, at..at + 1, message)
}

/// Escapes text from the plan so Markdown reads it literally, and only where
/// Markdown would otherwise misread it: a value may land at the start of a
/// line, in a table cell or in running text, so each rule assumes the worst
/// place but looks at the characters around. What stays plain: `+0.05`,
/// `human_capacity`, `score 1 < 2.5`, `R&D`, `#1`.
///
/// - `\`, `` ` ``, `*`, `|` and `~` always (code, emphasis, table cells,
///   strikethrough);
/// - `_` unless it sits between two letters or digits (CommonMark never
///   reads such an underscore as emphasis);
/// - `<` before a letter, `/`, `!` or `?` (an HTML tag or an autolink);
/// - `&` that would spell a character reference (`&amp;`, `&#38;`);
/// - `[` and `]` when the text holds both (a link or a reference);
/// - at the start of the text, anything that would open a block: a list
///   marker (`-`, `+`, `*` before a space, `1.` or `1)` before a space), a
///   heading (`#` before a space), a quote (`>`), or a line of `-` or `=`;
/// - `#` before a space or the end after a space (a heading's closing
///   sequence would be dropped).
///
/// Line breaks and tabs become spaces.
pub fn escape_markdown(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let bracket_pair = chars.contains(&'[') && chars.contains(&']');
    let opener = block_opener(&chars);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '|' | '~' => true,
            '_' => {
                !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric))
            }
            '<' => after.is_some_and(|a| a.is_ascii_alphabetic() || matches!(a, '/' | '!' | '?')),
            '&' => spells_reference(&chars[i + 1..]),
            '[' | ']' => bracket_pair,
            '#' => closes_heading(&chars, i),
            _ => false,
        };
        if escape || opener == Some(i) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Where the character to escape is when `chars`, put at the start of a
/// line, would open a block: a list, a heading, a quote, a thematic break
/// or a heading underline.
fn block_opener(chars: &[char]) -> Option<usize> {
    let spaced = |i: usize| chars.get(i).is_none_or(|c| *c == ' ');
    match chars.first()? {
        '-' | '+' | '*' if spaced(1) => Some(0),
        '-' | '=' if chars.iter().all(|c| matches!(c, '-' | '=' | ' ')) => Some(0),
        '>' => Some(0),
        '#' => {
            let run = chars.iter().take_while(|c| **c == '#').count();
            (run <= 6 && spaced(run)).then_some(0)
        }
        c if c.is_ascii_digit() => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            let marked = matches!(chars.get(digits), Some('.' | ')'));
            (digits <= 9 && marked && spaced(digits + 1)).then_some(digits)
        }
        _ => None,
    }
}

/// Whether the `#` at `i` starts a run of `#` that a heading would read as
/// its closing sequence: after a space and before a space or the end.
fn closes_heading(chars: &[char], i: usize) -> bool {
    if i > 0 && chars[i - 1] != ' ' {
        return false;
    }
    let run = chars[i..].iter().take_while(|c| **c == '#').count();
    chars.get(i + run).is_none_or(|c| *c == ' ')
}

/// Whether the text after an `&` spells a character reference such as
/// `amp;`, `#38;` or `#x26;`.
fn spells_reference(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

/// Collapses runs of blank lines left by template logic and ends with one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    let trimmed = out.trim();
    format!("{trimmed}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_specials_are_escaped_only_where_markdown_would_misread_them() {
        assert_eq!(escape_markdown("A|B *C* <D> #1"), "A\\|B \\*C\\* \\<D> #1");
        assert_eq!(escape_markdown("- item"), "\\- item");
        assert_eq!(escape_markdown("2024. A year"), "2024\\. A year");
        assert_eq!(escape_markdown("two\nlines"), "two lines");
        assert_eq!(escape_markdown("Côte d'Ivoire"), "Côte d'Ivoire");
        // What the issue found: escapes a person editing the file would trip over.
        assert_eq!(escape_markdown("+0.0683"), "+0.0683");
        assert_eq!(
            escape_markdown("human_capacity score 1 < 2.5"),
            "human_capacity score 1 < 2.5"
        );
        assert_eq!(escape_markdown("R&D, 3 > 2, -0.05"), "R&D, 3 > 2, -0.05");
    }

    /// The plain text Markdown shows for `markdown`: the text of every
    /// paragraph, heading, list item and table body cell, or an error naming
    /// the first construct that is not plain text (emphasis, a link, HTML,
    /// code, a nested list, a quote...).
    fn shown(markdown: &str) -> Result<String, String> {
        use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
        let mut text = String::new();
        let mut in_head = false;
        let mut lists = 0;
        for event in Parser::new_ext(
            markdown,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        ) {
            match event {
                Event::Text(t) if !in_head => text.push_str(&t),
                Event::Text(_) => {}
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::List(_)) if lists == 0 => lists += 1,
                Event::Start(
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::Item
                    | Tag::Table(_)
                    | Tag::TableRow
                    | Tag::TableCell,
                )
                | Event::End(_) => {}
                other => return Err(format!("{other:?}")),
            }
        }
        Ok(text)
    }

    /// Reads `text` escaped in each place a template puts a value: alone on
    /// a line, in running text, as a list item, a heading and a table cell.
    fn round_trip(text: &str) {
        let e = escape_markdown(text);
        let places = [
            (e.clone(), text.to_string()),
            (format!("Before {e} after"), format!("Before {text} after")),
            (format!("- {e}"), text.to_string()),
            (format!("## {e}"), text.to_string()),
            (format!("| head |\n|---|\n| {e} |"), text.to_string()),
        ];
        for (markdown, expected) in places {
            assert_eq!(
                shown(&markdown).as_deref(),
                Ok(expected.as_str()),
                "{text:?} escaped as {e:?} reads differently in {markdown:?}"
            );
        }
    }

    #[test]
    fn escaped_text_reads_back_as_the_original_in_every_place() {
        for text in [
            "+0.0683",
            "-0.0544",
            "- item",
            "+ item",
            "* item",
            "1. first",
            "2024) year",
            "123456789. long",
            "# heading",
            "###### six",
            "####### seven",
            "C# and F#",
            "Title #",
            "> quote",
            "3 > 2",
            "---",
            "===",
            "- - -",
            "_ _ _",
            "***",
            "human_capacity score 1 < 2.5",
            "_lead_ and snake_case_",
            "__init__",
            "a_b_c",
            "x_.y",
            "*bold* and **strong**",
            "`code`",
            "a \\ b \\* c",
            "ends with \\",
            "<b>html</b>",
            "<https://example.org>",
            "<!-- comment -->",
            "<?php",
            "a < b and c<d",
            "R&D",
            "&amp; &#38; &#x26; &copy;",
            "[link](https://example.org)",
            "[ref]: https://example.org",
            "![image](a.png)",
            "[1]",
            "a [ b",
            "a ] b",
            "A|B | C",
            "~~struck~~ and ~single~",
            "Côte d'Ivoire",
            "50%, USD 1.5 million (2026)",
        ] {
            round_trip(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_back_as_the_original(
            raw in "[a-c1 _*+#<>&;\\[\\]()|`~!=.:/\\\\-]{1,14}"
        ) {
            let text = raw.trim();
            proptest::prop_assume!(!text.is_empty());
            round_trip(text);
        }
    }

    #[test]
    fn blank_runs_collapse() {
        assert_eq!(tidy("a\n\n\n\nb  \n\n"), "a\n\nb\n");
    }

    #[test]
    fn builtin_templates_parse() {
        if let Err(errors) = Templates::load(None) {
            panic!("{errors}");
        }
    }
}
