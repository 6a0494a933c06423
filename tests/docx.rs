//! The Word file (master-plan.docx) and `generate --formats`, through the
//! real binary: the DOCX is unzipped and its XML read back as Word would
//! read it.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use serde_json::Value;
use tempfile::TempDir;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

/// Lao PDR's folder, generated once for the tests that only read it.
fn lao() -> &'static Path {
    static GENERATED: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    &GENERATED.get_or_init(|| generate_one(&sample("lao-pdr"))).1
}

/// Every part of a DOCX by name.
fn parts(docx: &Path) -> BTreeMap<String, Vec<u8>> {
    let file = std::fs::File::open(docx).unwrap();
    let mut archive = zip::ZipArchive::new(file).expect("the DOCX is a ZIP archive");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().to_string(), bytes)
        })
        .collect()
}

fn text_of(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone(),
    )
    .unwrap()
}

/// The paragraphs of a part: (style id, text).
fn paragraphs(xml: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("the part is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name((W, "pStyle")))
                .and_then(|s| s.attribute((W, "val")))
                .unwrap_or("Normal")
                .to_string();
            let text: String = p
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|t| t.text())
                .collect();
            (style, text)
        })
        .collect()
}

/// The headings of a rendered Markdown document at `level` (`## ` = 2),
/// outside the passages marked for print documents to skip (the title
/// block, which the Word file shows as a cover instead).
fn markdown_headings(markdown: &str, level: usize) -> Vec<String> {
    let marker = format!("{} ", "#".repeat(level));
    let mut skipping = false;
    markdown
        .lines()
        .filter(|line| {
            match line.trim() {
                "<!-- pdf:skip -->" => skipping = true,
                "<!-- /pdf:skip -->" => skipping = false,
                _ => {}
            }
            !skipping
        })
        .filter_map(|line| line.strip_prefix(&marker))
        .map(|h| h.replace('\\', ""))
        .collect()
}

#[test]
fn every_chapter_is_a_word_heading_and_every_component_is_named() {
    let folder = lao();
    let parts = parts(&folder.join("master-plan.docx"));
    let paragraphs = paragraphs(&text_of(&parts, "word/document.xml"));
    let headings = |style: &str| -> Vec<String> {
        paragraphs
            .iter()
            .filter(|(s, _)| s == style)
            .map(|(_, t)| t.clone())
            .collect()
    };
    let master = std::fs::read_to_string(folder.join("master-plan.md")).unwrap();
    let roadmap = std::fs::read_to_string(folder.join("roadmap.md")).unwrap();
    // The master plan's chapters and the roadmap's title are Heading 1, in order.
    // The roadmap is bound in as the annex after the plan's last (Annex D),
    // as in the PDF.
    let mut chapters = markdown_headings(&master, 2);
    chapters.extend(
        markdown_headings(&roadmap, 1)
            .into_iter()
            .map(|title| format!("Annex D. {title}")),
    );
    assert!(chapters.len() > 10, "{chapters:?}");
    assert_eq!(headings("Heading1"), chapters);
    assert_eq!(headings("Heading2"), {
        let mut sections = markdown_headings(&master, 3);
        sections.extend(markdown_headings(&roadmap, 2));
        sections
    });
    let plan: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("plan.json")).unwrap()).unwrap();
    let text: String = paragraphs.iter().map(|(_, t)| format!("{t}\n")).collect();
    let titles: Vec<&str> = plan["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert!(titles.len() > 10);
    for title in titles {
        assert!(
            text.contains(title),
            "component {title} is not in the Word file"
        );
    }
    // Lists are Word lists, numbered or bulleted.
    assert!(paragraphs.iter().any(|(s, _)| s == "ListNumber"));
    assert!(paragraphs.iter().any(|(s, _)| s == "ListBullet"));
}

#[test]
fn the_styles_are_words_own_so_a_ministry_template_restyles_them() {
    let parts = parts(&lao().join("master-plan.docx"));
    let styles = roxmltree::Document::parse(&text_of(&parts, "word/styles.xml"))
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .map(|s| {
            s.children()
                .find(|n| n.has_tag_name((W, "name")))
                .and_then(|n| n.attribute((W, "val")))
                .unwrap_or_default()
                .to_string()
        })
        .collect::<Vec<_>>();
    for name in [
        "Normal",
        "Title",
        "heading 1",
        "heading 2",
        "heading 3",
        "List Bullet",
        "List Number",
        "Caption",
        "Plan Table",
    ] {
        assert!(
            styles.iter().any(|s| s == name),
            "no style {name}: {styles:?}"
        );
    }
}

#[test]
fn every_table_is_a_word_table_whose_header_row_repeats() {
    let folder = lao();
    let parts = parts(&folder.join("master-plan.docx"));
    let xml = text_of(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let tables: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .collect();
    // As many tables as the Markdown has (each has one delimiter row).
    let markdown: String = ["master-plan.md", "roadmap.md"]
        .iter()
        .map(|f| std::fs::read_to_string(folder.join(f)).unwrap())
        .collect();
    let expected = markdown
        .lines()
        .filter(|l| l.starts_with("|-") || l.starts_with("| -") || l.starts_with("|:"))
        .count();
    assert!(expected > 10);
    assert_eq!(tables.len(), expected);
    for table in tables {
        let rows: Vec<_> = table
            .children()
            .filter(|n| n.has_tag_name((W, "tr")))
            .collect();
        let repeats =
            |row: &roxmltree::Node| row.descendants().any(|n| n.has_tag_name((W, "tblHeader")));
        assert!(repeats(&rows[0]), "a table's header row does not repeat");
        assert!(
            rows[1..].iter().all(|r| !repeats(r)),
            "a body row is marked as a header"
        );
        let style = table
            .descendants()
            .find(|n| n.has_tag_name((W, "tblStyle")))
            .and_then(|s| s.attribute((W, "val")));
        assert_eq!(style, Some("PlanTable"));
    }
}

/// Width and height in pixels from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[test]
fn the_three_charts_are_print_quality_pictures_with_alternative_text() {
    let folder = lao();
    let parts = parts(&folder.join("master-plan.docx"));
    let xml = text_of(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let drawings: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((WP, "inline")))
        .collect();
    assert_eq!(drawings.len(), 3);
    let media: Vec<&Vec<u8>> = parts
        .iter()
        .filter(|(name, _)| name.starts_with("word/media/") && name.ends_with(".png"))
        .map(|(_, bytes)| bytes)
        .collect();
    assert_eq!(media.len(), 3);
    let mut alts = Vec::new();
    for (drawing, png) in drawings.iter().zip(&media) {
        let described = drawing
            .children()
            .find(|n| n.has_tag_name((WP, "docPr")))
            .and_then(|d| d.attribute("descr"))
            .unwrap_or_default();
        assert!(described.len() > 40, "{described:?}");
        alts.push(described.to_string());
        // Printed width in inches from the extent (914400 EMU to the inch).
        let extent = drawing
            .children()
            .find(|n| n.has_tag_name((WP, "extent")))
            .unwrap();
        let inches: f64 = extent.attribute("cx").unwrap().parse::<f64>().unwrap() / 914_400.0;
        let (width_px, _) = png_size(png);
        let dpi = f64::from(width_px) / inches;
        assert!((200.0..=320.0).contains(&dpi), "{dpi} dots per inch");
    }
    // Each alternative text states the chart's figures.
    let plan: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("plan.json")).unwrap()).unwrap();
    let readiness = alts
        .iter()
        .find(|a| a.starts_with("Readiness by dimension"))
        .unwrap();
    for d in plan["readiness"]["dimensions"].as_array().unwrap() {
        let name = d["name"].as_str().unwrap();
        let said = match d["score"].as_f64() {
            Some(score) => format!("{name} {score:.1} of 5"),
            None => format!("{name} not assessed"),
        };
        assert!(readiness.contains(&said), "{said} is not in {readiness}");
    }
    let costs = alts
        .iter()
        .find(|a| a.starts_with("Cost per year"))
        .unwrap();
    for year in plan["financing"]["by_year"].as_array().unwrap() {
        assert!(costs.contains(&format!("{} USD ", year["year"])), "{costs}");
    }
    let roadmap = alts.iter().find(|a| a.starts_with("Roadmap")).unwrap();
    assert!(roadmap.contains(plan["components"][0]["title"].as_str().unwrap()));
    // Each chart has a caption under it.
    let captions: Vec<String> = paragraphs(&xml)
        .into_iter()
        .filter(|(s, _)| s == "Caption")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(captions.len(), 3, "{captions:?}");
    assert!(captions[0].starts_with("Figure 1. "));
}

#[test]
fn contents_page_numbers_header_and_properties_are_there() {
    let folder = lao();
    let plan: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("plan.json")).unwrap()).unwrap();
    let parts = parts(&folder.join("master-plan.docx"));
    let document = text_of(&parts, "word/document.xml");
    // A table of contents field, which Word is asked to fill on opening.
    assert!(
        document.contains("<w:instrText>TOC \\o &quot;1-3&quot;"),
        "no TOC field"
    );
    assert!(text_of(&parts, "word/settings.xml").contains("<w:updateFields w:val=\"true\""));
    // Every page: the title in the header, the page number in the footer.
    let header = text_of(&parts, "word/header1.xml");
    assert!(
        header.contains("National Digital Government Master Plan"),
        "{header}"
    );
    let footer = text_of(&parts, "word/footer1.xml");
    assert!(
        footer.contains("<w:instrText>PAGE</w:instrText>"),
        "{footer}"
    );
    // Document properties: title, author = the lead institution, the plan's date.
    let core = text_of(&parts, "docProps/core.xml");
    let lead = plan["settings"]["lead_institution"].as_str().unwrap();
    let core_doc = roxmltree::Document::parse(&core).unwrap();
    let property = |name: &str| {
        core_doc
            .descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(property("creator"), lead);
    assert!(property("title").starts_with("National Digital Government Master Plan"));
    assert!(property("subject").contains("Lao PDR"));
    assert!(property("keywords").contains("LAO"));
    assert_eq!(property("created"), "2026-12-29T00:00:00Z");
    // The tool is named in the properties, never on the cover.
    assert!(text_of(&parts, "docProps/app.xml").contains("<Application>dgplan "));
    let cover: Vec<(String, String)> = paragraphs(&document)
        .into_iter()
        .take_while(|(s, _)| s != "TOCHeading")
        .collect();
    let cover_text: String = cover.iter().map(|(_, t)| format!("{t}\n")).collect();
    assert!(cover[0].0 == "Title", "{cover:?}");
    for expected in [
        "Lao People's Democratic Republic",
        "2027-2031",
        lead,
        "Status: ",
        "Date: 29 December 2026",
    ] {
        assert!(
            cover_text.contains(expected),
            "{expected} not on the cover:\n{cover_text}"
        );
    }
    assert!(
        !cover_text.to_lowercase().contains("dgplan"),
        "{cover_text}"
    );
}

#[test]
fn the_same_inputs_give_the_same_word_file_alone_or_in_a_batch() {
    let alone = TempDir::new().unwrap();
    let args = |folders: &[&Path], out: &Path| -> Vec<String> {
        let mut args = vec!["generate".to_string()];
        args.extend(folders.iter().map(|f| f.display().to_string()));
        args.extend(["--formats", "docx", "--out"].map(String::from));
        args.push(out.display().to_string());
        args
    };
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = dgplan(&args);
        assert!(output.status.success(), "{}", stderr(&output));
    };
    run(args(&[&sample("fiji")], alone.path()));
    let first = std::fs::read(alone.path().join("fji/master-plan.docx")).unwrap();
    run(args(&[&sample("fiji")], alone.path()));
    let again = std::fs::read(alone.path().join("fji/master-plan.docx")).unwrap();
    assert!(first == again, "two runs made different Word files");
    // In a batch, other documents are made first on the same threads.
    let batch = TempDir::new().unwrap();
    run(args(&[&sample("kenya"), &sample("fiji")], batch.path()));
    let batched = std::fs::read(batch.path().join("fji/master-plan.docx")).unwrap();
    assert!(first == batched, "the Word file differs in a batch");
}

/// The names in a folder, sorted.
fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn generate_formats(formats: &str, out: &Path) -> std::process::Output {
    dgplan(&[
        "generate",
        &sample("fiji").display().to_string(),
        "--formats",
        formats,
        "--out",
        &out.display().to_string(),
    ])
}

#[test]
fn only_the_files_of_the_asked_formats_are_written() {
    let out = TempDir::new().unwrap();
    let output = generate_formats("json,docx", out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        names(&out.path().join("fji")),
        ["brief.docx", "master-plan.docx", "plan.json"]
    );
    let out = TempDir::new().unwrap();
    let output = generate_formats("md", out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        names(&out.path().join("fji")),
        [
            "brief.md",
            "costs.svg",
            "master-plan.md",
            "readiness.svg",
            "roadmap.md",
            "roadmap.svg"
        ]
    );
    let out = TempDir::new().unwrap();
    let output = generate_formats("pdf", out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        names(&out.path().join("fji")),
        ["brief.pdf", "master-plan.pdf"]
    );
}

#[test]
fn an_unknown_or_empty_format_is_refused_naming_the_accepted_ones() {
    for bad in ["pdf,xls", ""] {
        let out = TempDir::new().unwrap();
        let output = generate_formats(bad, out.path());
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
        let message = stderr(&output);
        assert!(message.contains("md, pdf, docx, json"), "{message}");
        if !bad.is_empty() {
            assert!(message.contains("'xls'"), "{message}");
        }
        assert!(
            !out.path().join("fji").exists(),
            "something was written for {bad:?}"
        );
    }
}

#[test]
fn files_of_formats_not_asked_for_are_kept_as_they_were_and_named() {
    let out = TempDir::new().unwrap();
    assert!(generate_formats("pdf,json", out.path()).status.success());
    let folder = out.path().join("fji");
    let pdf = std::fs::read(folder.join("master-plan.pdf")).unwrap();
    let output = generate_formats("md", out.path());
    assert!(output.status.success(), "{}", stderr(&output));
    // Nothing the user did not ask to delete is deleted...
    assert_eq!(std::fs::read(folder.join("master-plan.pdf")).unwrap(), pdf);
    assert!(folder.join("plan.json").is_file());
    assert!(folder.join("master-plan.md").is_file());
    // ... and the run says which files are older than the new plan.
    let message = stderr(&output);
    assert!(
        message.contains("master-plan.pdf, brief.pdf and plan.json")
            && message.contains("may not match the new plan"),
        "{message}"
    );
    // A run of every format warns of nothing.
    let output = generate_formats("md,pdf,docx,json", out.path());
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}
