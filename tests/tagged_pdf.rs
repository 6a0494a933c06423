//! The PDFs are tagged for PDF/UA-1: read back with lopdf as assistive
//! software reads them, through the structure tree and the marked content
//! of the pages, never through dgplan's own types.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use common::*;
use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};
use tempfile::TempDir;

/// An element of the structure tree as a reader gets it: its type, its
/// attributes and the text of its content, and its children.
#[derive(Debug)]
struct Element {
    role: String,
    alt: Option<String>,
    scope: Option<String>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn all(&self) -> Vec<&Element> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.all());
        }
        out
    }

    /// The element's own text and that of everything under it.
    fn full_text(&self) -> String {
        let mut text = self.text.clone();
        for child in &self.children {
            text.push_str(&child.full_text());
        }
        text
    }
}

/// The tagged PDF, read: the tree, and the painting operators found outside
/// any marked content (which a reader would meet untagged).
struct Tagged {
    doc: Document,
    root: Element,
    untagged: Vec<String>,
}

fn decode_text(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// A font's glyph-to-text map, from its `/ToUnicode` CMap.
fn to_unicode(doc: &Document, font: &lopdf::Dictionary) -> HashMap<u16, String> {
    let mut map = HashMap::new();
    let Ok(stream) = font
        .get(b"ToUnicode")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream)
    else {
        return map;
    };
    let bytes = stream
        .decompressed_content()
        .unwrap_or(stream.content.clone());
    let text = String::from_utf8_lossy(&bytes);
    let hex = |s: &str| u32::from_str_radix(s.trim_matches(|c| c == '<' || c == '>'), 16).ok();
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.len() == 2
            && let (Some(glyph), Some(unit)) = (hex(parts[0]), hex(parts[1]))
            && let Some(c) = char::from_u32(unit)
        {
            map.insert(glyph as u16, c.to_string());
        }
    }
    map
}

/// The text of each MCID of a page, and the painting operators outside
/// marked content.
fn page_marks(doc: &Document, page: ObjectId) -> (BTreeMap<i64, String>, Vec<String>) {
    let fonts: HashMap<Vec<u8>, HashMap<u16, String>> = doc
        .get_page_fonts(page)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, font)| (name, to_unicode(doc, font)))
        .collect();
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let mut texts: BTreeMap<i64, String> = BTreeMap::new();
    let mut untagged = Vec::new();
    // Open marked-content sequences: the MCID of each, if it has one.
    let mut open: Vec<Option<i64>> = Vec::new();
    let mut font: Vec<u8> = Vec::new();
    for op in content.operations {
        match op.operator.as_str() {
            "BDC" => {
                let mcid = op
                    .operands
                    .get(1)
                    .and_then(|o| o.as_dict().ok())
                    .and_then(|d| d.get(b"MCID").ok())
                    .and_then(|m| m.as_i64().ok());
                open.push(mcid);
            }
            "BMC" => open.push(None),
            "EMC" => {
                open.pop();
            }
            "Tf" => font = op.operands[0].as_name().unwrap().to_vec(),
            "Tj" | "TJ" | "f" | "S" | "B" | "b" | "s" | "F" | "f*" | "B*" | "Do" | "sh" => {
                if open.is_empty() {
                    untagged.push(op.operator.clone());
                }
                if op.operator == "Tj"
                    && let Some(Some(mcid)) = open.iter().rev().find(|m| m.is_some())
                {
                    let bytes = op.operands[0].as_str().unwrap();
                    let map = &fonts[&font];
                    let text: String = bytes
                        .chunks(2)
                        .map(|g| {
                            map.get(&u16::from_be_bytes([g[0], g[1]]))
                                .cloned()
                                .unwrap_or_default()
                        })
                        .collect();
                    // Runs join as drawn, with no space added: the words
                    // must carry their own.
                    texts.entry(*mcid).or_default().push_str(&text);
                }
            }
            _ => {}
        }
    }
    (texts, untagged)
}

fn read_tagged(path: &Path) -> Tagged {
    let doc = Document::load(path).unwrap();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut marks: HashMap<ObjectId, BTreeMap<i64, String>> = HashMap::new();
    let mut untagged = Vec::new();
    for page in &pages {
        let (texts, outside) = page_marks(&doc, *page);
        marks.insert(*page, texts);
        untagged.extend(outside);
    }
    let catalog = doc.catalog().unwrap();
    let tree_root = doc
        .get_object(
            catalog
                .get(b"StructTreeRoot")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .unwrap()
        .as_dict()
        .unwrap();
    let document = tree_root.get(b"K").unwrap().as_reference().unwrap();
    let root = element(&doc, document, &marks);
    Tagged {
        doc,
        root,
        untagged,
    }
}

fn element(
    doc: &Document,
    id: ObjectId,
    marks: &HashMap<ObjectId, BTreeMap<i64, String>>,
) -> Element {
    let dict = doc.get_object(id).unwrap().as_dict().unwrap();
    let page = dict.get(b"Pg").ok().and_then(|p| p.as_reference().ok());
    let kids = match dict.get(b"K") {
        Ok(Object::Array(items)) => items.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    let mut text = String::new();
    let mut children = Vec::new();
    let mut add = |more: &str| text.push_str(more);
    for kid in kids {
        match kid {
            Object::Integer(mcid) => add(&marks[&page.unwrap()][&mcid]),
            Object::Dictionary(mcr) => {
                let page = mcr.get(b"Pg").unwrap().as_reference().unwrap();
                let mcid = mcr.get(b"MCID").unwrap().as_i64().unwrap();
                add(&marks[&page][&mcid]);
            }
            Object::Reference(child) => children.push(element(doc, child, marks)),
            other => panic!("unexpected kid {other:?}"),
        }
    }
    let scope = dict
        .get(b"A")
        .ok()
        .and_then(|a| a.as_dict().ok())
        .and_then(|a| a.get(b"Scope").ok())
        .and_then(|s| s.as_name().ok())
        .map(|s| String::from_utf8_lossy(s).into_owned());
    Element {
        role: String::from_utf8_lossy(dict.get(b"S").unwrap().as_name().unwrap()).into_owned(),
        alt: dict
            .get(b"Alt")
            .ok()
            .and_then(|a| a.as_str().ok())
            .map(decode_text),
        scope,
        text,
        children,
    }
}

/// Headings of the Markdown as the PDF shows them: the text of each `#`
/// line outside the passages the PDF skips.
fn markdown_headings(markdown: &str) -> Vec<String> {
    let mut skipping = false;
    let mut headings = Vec::new();
    for line in markdown.lines() {
        if line.contains("<!-- pdf:skip -->") {
            skipping = true;
        } else if line.contains("<!-- /pdf:skip -->") {
            skipping = false;
        } else if !skipping && line.starts_with('#') {
            let text = line.trim_start_matches('#').trim();
            headings.push(text.replace(['\\', '*'], ""));
        }
    }
    headings
}

/// Text with every space taken out: the PDF's lines break where the
/// Markdown's do not.
fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

fn generated(sample_name: &str, language: Option<&str>) -> (TempDir, std::path::PathBuf) {
    let dir = TempDir::new().unwrap();
    let mut args = vec![
        "generate".to_string(),
        sample(sample_name).display().to_string(),
        "--out".to_string(),
        dir.path().display().to_string(),
        "--formats".to_string(),
        "md,pdf,json".to_string(),
    ];
    if let Some(code) = language {
        args.extend(["--language".to_string(), code.to_string()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = dgplan(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let folder = country_folder(dir.path());
    (dir, folder)
}

#[test]
fn every_heading_of_the_plan_is_a_heading_element_with_its_text_in_reading_order() {
    for (name, language) in [("lao-pdr", None), ("senegal", None), ("fiji", Some("es"))] {
        let (_dir, folder) = generated(name, language);
        let tagged = read_tagged(&folder.join("master-plan.pdf"));
        let headings: Vec<String> = tagged
            .root
            .all()
            .into_iter()
            .filter(|e| e.role.starts_with('H') && e.role.len() == 2)
            .map(|e| squeezed(&e.text))
            .collect();
        let master = std::fs::read_to_string(folder.join("master-plan.md")).unwrap();
        let roadmap = std::fs::read_to_string(folder.join("roadmap.md")).unwrap();
        let mut expected: Vec<String> = markdown_headings(&master);
        expected.extend(markdown_headings(&roadmap));
        // The cover's title and the contents come first; then the body's
        // headings, each with its text, in the Markdown's order.
        let body: Vec<&String> = headings.iter().skip(2).collect();
        assert_eq!(body.len(), expected.len(), "{name}: {headings:#?}");
        // (The roadmap's title gains its annex label in the PDF.)
        for (found, wanted) in body.iter().zip(&expected) {
            assert!(
                found.ends_with(&squeezed(wanted)),
                "{name}: {found} for {wanted}"
            );
        }
        // No level is skipped going down, as PDF/UA asks.
        let mut level = 0;
        for e in tagged.root.all() {
            if let Some(n) = e.role.strip_prefix('H').and_then(|n| n.parse::<u32>().ok()) {
                assert!(n <= level + 1, "{name}: H{n} after H{level}");
                level = n;
            }
        }
    }
}

#[test]
fn tables_have_header_cells_for_their_columns_and_every_row_its_cells() {
    let (_dir, folder) = generated("kenya", None);
    for file in ["master-plan.pdf", "brief.pdf"] {
        let tagged = read_tagged(&folder.join(file));
        let tables: Vec<&Element> = tagged
            .root
            .all()
            .into_iter()
            .filter(|e| e.role == "Table")
            .collect();
        assert!(tables.len() >= 3, "{file}: {} tables", tables.len());
        for table in tables {
            let roles: Vec<&str> = table.children.iter().map(|c| c.role.as_str()).collect();
            assert_eq!(roles, ["THead", "TBody"], "{file}");
            let head = &table.children[0].children[0];
            let columns = head.children.len();
            assert!(columns >= 2, "{file}");
            for th in &head.children {
                assert_eq!(th.role, "TH");
                assert_eq!(th.scope.as_deref(), Some("Column"));
                assert!(!th.text.is_empty(), "{file}: an empty column header");
            }
            let rows = &table.children[1].children;
            assert!(!rows.is_empty(), "{file}");
            for row in rows {
                assert_eq!(row.role, "TR");
                assert_eq!(row.children.len(), columns, "{file}");
                assert!(row.children.iter().all(|c| c.role == "TD"));
            }
        }
    }
}

#[test]
fn every_chart_is_a_figure_whose_alternative_text_gives_its_figures() {
    let (_dir, folder) = generated("lao-pdr", None);
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("plan.json")).unwrap()).unwrap();
    for (file, charts) in [("master-plan.pdf", 3), ("brief.pdf", 1)] {
        let tagged = read_tagged(&folder.join(file));
        let figures: Vec<&Element> = tagged
            .root
            .all()
            .into_iter()
            .filter(|e| e.role == "Figure")
            .collect();
        assert_eq!(figures.len(), charts, "{file}");
        let readiness = figures[0].alt.as_deref().unwrap();
        for dimension in plan["readiness"]["dimensions"].as_array().unwrap() {
            let name = dimension["name"].as_str().unwrap();
            assert!(
                readiness.contains(name),
                "{file}: {name} not in {readiness}"
            );
        }
        assert!(readiness.contains(" of 5"), "{readiness}");
        for figure in figures {
            assert!(figure.alt.as_ref().is_some_and(|a| a.len() > 40), "{file}");
        }
    }
}

#[test]
fn nothing_is_painted_outside_tagged_content_or_artifacts() {
    let (_dir, folder) = generated("fiji", Some("fr"));
    for file in ["master-plan.pdf", "brief.pdf"] {
        let tagged = read_tagged(&folder.join(file));
        assert!(tagged.untagged.is_empty(), "{file}: {:?}", tagged.untagged);
        // Running headers and page numbers are artifacts: no element's
        // text holds the page footer.
        let page_of = tagged
            .root
            .all()
            .into_iter()
            .filter(|e| e.text.starts_with("Page ") && e.text.contains(" sur "))
            .count();
        assert_eq!(page_of, 0, "{file}");
    }
}

#[test]
fn the_catalogue_says_tagged_pdf_ua_in_the_plans_language_with_its_title_shown() {
    let (_dir, folder) = generated("senegal", None);
    for file in ["master-plan.pdf", "brief.pdf"] {
        let tagged = read_tagged(&folder.join(file));
        let doc = &tagged.doc;
        let catalog = doc.catalog().unwrap();
        let marked = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
        assert!(marked.get(b"Marked").unwrap().as_bool().unwrap());
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"fr-FR");
        let preferences = catalog
            .get(b"ViewerPreferences")
            .unwrap()
            .as_dict()
            .unwrap();
        assert!(
            preferences
                .get(b"DisplayDocTitle")
                .unwrap()
                .as_bool()
                .unwrap()
        );
        let metadata = doc
            .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
            .unwrap()
            .as_stream()
            .unwrap();
        let xmp = String::from_utf8(metadata.content.clone()).unwrap();
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
        assert!(xmp.contains("<rdf:li>fr-FR</rdf:li>"));
        let info = doc
            .get_object(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
            .unwrap()
            .as_dict()
            .unwrap();
        let title = decode_text(info.get(b"Title").unwrap().as_str().unwrap());
        assert!(!title.is_empty());
        assert!(
            xmp.contains(&title.replace('&', "&amp;")),
            "{title} not in {xmp}"
        );
        assert_eq!(tagged.root.role, "Document");
    }
}

#[test]
fn the_comparison_is_tagged_too() {
    let dir = TempDir::new().unwrap();
    let comparison = dir.path().join("comparison");
    let output = compare(&[&sample("lao-pdr"), &sample("kenya")], &comparison);
    assert!(output.status.success(), "{}", stderr(&output));
    let tagged = read_tagged(&comparison.join("comparison.pdf"));
    assert!(tagged.untagged.is_empty());
    let roles: Vec<&str> = tagged.root.all().iter().map(|e| e.role.as_str()).collect();
    assert!(roles.contains(&"Table") && roles.contains(&"TH") && roles.contains(&"H2"));
    assert!(tagged.root.full_text().contains("Kenya"));
}

/// Markdown as plain words: emphasis marks and escapes gone, whitespace
/// single spaces.
fn plain_words(markdown: &str) -> String {
    markdown
        .replace("**", "")
        .replace('\\', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn paragraphs_and_list_items_read_aloud_with_their_words_apart() {
    for (name, language) in [("kenya", None), ("bolivia", None)] {
        let (_dir, folder) = generated(name, language);
        let tagged = read_tagged(&folder.join("brief.pdf"));
        let markdown = plain_words(&std::fs::read_to_string(folder.join("brief.md")).unwrap());
        let mut checked = 0;
        // The title block above the first chapter is composed, not Markdown.
        let mut in_body = false;
        for element in tagged.root.all() {
            in_body |= element.role == "H2";
            if !in_body
                || !matches!(element.role.as_str(), "P" | "LBody")
                || element.text.len() < 40
            {
                continue;
            }
            // Where a line broke or a bold run ended, the words still
            // have their space between them.
            let text = plain_words(&element.text);
            assert!(
                markdown.contains(&text),
                "{name}: \"{text}\" is not as the brief writes it"
            );
            checked += 1;
        }
        assert!(checked >= 10, "{name}: {checked} passages");
    }
}

#[test]
fn contents_entries_read_as_title_then_page_and_numbered_lists_say_so() {
    let (_dir, folder) = generated("kenya", None);
    let doc = Document::load(folder.join("master-plan.pdf")).unwrap();
    let tagged = read_tagged(&folder.join("master-plan.pdf"));
    let entries: Vec<&Element> = tagged
        .root
        .all()
        .into_iter()
        .filter(|e| e.role == "TOCI")
        .collect();
    assert!(entries.len() >= 10);
    for entry in entries {
        let text = entry.full_text();
        let (title, page) = text.rsplit_once(' ').unwrap();
        assert!(
            !title.trim().is_empty() && page.parse::<u32>().is_ok(),
            "{text}"
        );
    }
    // Numbered lists carry their numbering for the reader to announce.
    let numbering: Vec<Vec<u8>> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"L".as_slice()))
        .filter_map(|d| {
            d.get(b"A")
                .ok()?
                .as_dict()
                .ok()?
                .get(b"ListNumbering")
                .ok()?
                .as_name()
                .ok()
                .map(<[u8]>::to_vec)
        })
        .collect();
    assert!(numbering.iter().any(|n| n == b"Decimal"), "{numbering:?}");
    assert!(numbering.iter().any(|n| n == b"Disc"));
}

#[test]
fn the_cover_and_title_block_read_with_their_words_apart() {
    let (_dir, folder) = generated("kenya", None);
    for file in ["master-plan.pdf", "brief.pdf"] {
        let tagged = read_tagged(&folder.join(file));
        let title = tagged
            .root
            .all()
            .into_iter()
            .find(|e| e.role == "H1")
            .unwrap();
        assert!(
            !title.text.contains("GovernmentMaster"),
            "{file}: {}",
            title.text
        );
        // Each detail of the title block is a paragraph of its own.
        let glued = tagged
            .root
            .all()
            .into_iter()
            .filter(|e| {
                e.role == "P" && e.text.contains("Kenya") && e.text.contains("Lead institution")
            })
            .count();
        assert_eq!(glued, 0, "{file}");
    }
    // Headings that look alike in the brief have one level.
    let tagged = read_tagged(&folder.join("brief.pdf"));
    let levels: Vec<&str> = tagged
        .root
        .all()
        .into_iter()
        .filter(|e| e.role.starts_with('H'))
        .map(|e| e.role.as_str())
        .collect();
    assert_eq!(levels[0], "H1");
    assert!(levels[1..].iter().all(|l| *l == "H2"), "{levels:?}");
}

#[test]
fn figures_say_where_they_are_and_page_furniture_says_what_it_is() {
    let (_dir, folder) = generated("fiji", None);
    let doc = Document::load(folder.join("master-plan.pdf")).unwrap();
    let figures: Vec<&lopdf::Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"Figure".as_slice()))
        .collect();
    assert_eq!(figures.len(), 3);
    for figure in figures {
        let layout = figure.get(b"A").unwrap().as_dict().unwrap();
        assert_eq!(layout.get(b"O").unwrap().as_name().unwrap(), b"Layout");
        let bbox: Vec<f32> = layout
            .get(b"BBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect();
        // On the page, and the size of a chart, not of a line.
        assert!(
            bbox[0] >= 0.0 && bbox[2] <= 596.0 && bbox[1] >= 0.0 && bbox[3] <= 842.0,
            "{bbox:?}"
        );
        assert!(
            bbox[2] - bbox[0] > 200.0 && bbox[3] - bbox[1] > 100.0,
            "{bbox:?}"
        );
    }
    for (number, page) in doc.get_pages() {
        let content = String::from_utf8_lossy(&doc.get_page_content(page)).into_owned();
        if number > 1 {
            assert!(content.contains("/Artifact <</Type /Pagination /Subtype /Header>> BDC"));
            assert!(content.contains("/Artifact <</Type /Pagination /Subtype /Footer>> BDC"));
        }
    }
}
