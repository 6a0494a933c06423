//! master-plan.pdf and the SVG charts, read back as a reader's software would.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

use dgplan::render::draw::Draw;
use dgplan::render::layout::{MARGIN_LEFT, MARGIN_RIGHT, PAGE_HEIGHT, PAGE_WIDTH, extent};

struct Output {
    _dir: TempDir,
    folder: PathBuf,
}

fn generate_one(sample_name: &str) -> Output {
    let (dir, folder) = common::generate_one(&sample(sample_name));
    Output { _dir: dir, folder }
}

fn page_texts(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let count = doc.get_pages().len() as u32;
    (1..=count)
        .map(|p| doc.extract_text(&[p]).unwrap_or_default())
        .collect()
}

fn plan_json(folder: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(folder.join("plan.json")).unwrap()).unwrap()
}

#[test]
fn every_chapter_and_component_is_in_the_pdf_as_text() {
    for name in ["lao-pdr", "fiji"] {
        let out = generate_one(name);
        let pages = page_texts(&out.folder.join("master-plan.pdf"));
        assert!(
            (25..=120).contains(&pages.len()),
            "{name}: {} pages",
            pages.len()
        );
        let all = pages.join("\n");
        for chapter in CHAPTERS {
            assert!(all.contains(chapter), "{name}: chapter {chapter} missing");
        }
        let plan = plan_json(&out.folder);
        assert!(all.contains(&format!(
            "{}: digital government roadmap",
            plan["country"]["display_name"].as_str().unwrap()
        )));
        for c in plan["components"].as_array().unwrap() {
            let title = c["title"].as_str().unwrap();
            assert!(all.contains(title), "{name}: component {title} missing");
        }
        // The title page names the country and the status.
        assert!(pages[0].contains("Draft for consultation"));
        assert!(pages[0].contains(plan["settings"]["lead_institution"].as_str().unwrap()));
        // Footers count pages.
        let total = pages.len();
        assert!(pages[total - 1].contains(&format!("Page {total} of {total}")));
    }
}

#[test]
fn contents_page_numbers_point_at_the_chapters() {
    let out = generate_one("kenya");
    let pages = page_texts(&out.folder.join("master-plan.pdf"));
    let contents = &pages[1];
    assert!(contents.starts_with("Contents"));
    // Extracted text runs together: "1. Executive summary. . . .32. National ...",
    // so each page number is what lies between an entry's dots and the next entry.
    let mut starts: Vec<usize> = Vec::new();
    let mut from = 0;
    for chapter in CHAPTERS {
        let at = from
            + contents[from..]
                .find(chapter)
                .unwrap_or_else(|| panic!("{chapter} not in contents"));
        starts.push(at);
        from = at + chapter.len();
    }
    starts.push(
        contents
            .find(": digital government roadmap")
            .map_or(contents.len(), |r| {
                contents[..r]
                    .rfind(|c: char| c.is_ascii_digit())
                    .map_or(r, |d| d + 1)
            }),
    );
    for (i, chapter) in CHAPTERS.iter().enumerate() {
        let between = &contents[starts[i] + chapter.len()..starts[i + 1]];
        let number: String = between.chars().filter(char::is_ascii_digit).collect();
        let page: usize = number
            .parse()
            .unwrap_or_else(|_| panic!("no page number after {chapter}: {between}"));
        assert!(
            pages[page - 1].contains(chapter),
            "contents says {chapter} is on page {page}, but it is not there"
        );
    }
}

#[test]
fn fonts_are_embedded_subset_and_outline_lists_chapters() {
    let out = generate_one("rwanda");
    let doc = lopdf::Document::load(out.folder.join("master-plan.pdf")).unwrap();
    let mut fonts = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor".as_slice()) {
            continue;
        }
        fonts += 1;
        let name =
            String::from_utf8_lossy(dict.get(b"FontName").unwrap().as_name().unwrap()).to_string();
        let (tag, family) = name.split_once('+').expect("subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        assert!(family.starts_with("DejaVu"), "{name}");
        let file = dict
            .get(b"FontFile2")
            .and_then(|f| f.as_reference())
            .expect("embedded font file");
        let stream = doc.get_object(file).unwrap().as_stream().unwrap();
        let size = stream
            .decompressed_content()
            .map(|c| c.len())
            .unwrap_or(stream.content.len());
        assert!(size < 300_000, "{name} is not subset: {size} bytes");
    }
    assert!(fonts >= 4, "{fonts} fonts");
    // An outline entry per chapter, plus the contents, the list of
    // abbreviations and the roadmap.
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_object(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let count = outlines
        .as_dict()
        .unwrap()
        .get(b"Count")
        .unwrap()
        .as_i64()
        .unwrap();
    assert_eq!(count as usize, CHAPTERS.len() + 3);
    // Document information.
    let info = doc
        .get_object(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap()
        .as_dict()
        .unwrap();
    // PDF text strings are PDFDocEncoding or UTF-16BE with a byte order mark.
    let text = |key: &[u8]| {
        let bytes = info.get(key).unwrap().as_str().unwrap();
        match bytes {
            [0xfe, 0xff, rest @ ..] => String::from_utf16_lossy(
                &rest
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                    .collect::<Vec<_>>(),
            ),
            _ => String::from_utf8_lossy(bytes).to_string(),
        }
    };
    assert!(text(b"Title").contains("National Digital Government Master Plan 2027-2031"));
    assert_eq!(text(b"Author"), "Ministry of ICT and Innovation");
    assert!(
        text(b"CreationDate").starts_with("D:20261229"),
        "{}",
        text(b"CreationDate")
    );
    assert!(
        info.get(b"GTS_PDFXVersion").is_err(),
        "no false PDF/X claim"
    );
}

#[test]
fn pdfs_are_byte_identical_across_runs_and_batches() {
    let a = TempDir::new().unwrap();
    let b = TempDir::new().unwrap();
    assert!(generate(&[&sample("fiji")], a.path()).status.success());
    // In a batch, other documents are written first in the same process.
    assert!(
        generate(
            &[&sample("kenya"), &sample("lao-pdr"), &sample("fiji")],
            b.path()
        )
        .status
        .success()
    );
    for file in [
        "master-plan.pdf",
        "readiness.svg",
        "roadmap.svg",
        "costs.svg",
    ] {
        let x = std::fs::read(a.path().join("fji").join(file)).unwrap();
        let y = std::fs::read(b.path().join("fji").join(file)).unwrap();
        assert!(x == y, "{file} differs between a single run and a batch");
    }
    let doc = lopdf::Document::load(a.path().join("fji/master-plan.pdf")).unwrap();
    let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_ne!(
        id[0].as_str().unwrap(),
        &[0u8; 16][..],
        "the /ID placeholder was replaced"
    );
}

#[test]
fn no_text_or_shape_runs_outside_the_page_margins() {
    let framework = dgplan::framework::Framework::builtin().unwrap();
    let fonts = dgplan::render::fonts::Fonts::load().unwrap();
    let templates = dgplan::render::Templates::load(None).unwrap();
    for name in SAMPLES {
        let input = dgplan::input::load_country(&sample(name), &framework).unwrap();
        let plan = dgplan::engine::build_plan(&input, &framework, "2026-12-29");
        let rendered = dgplan::render::render(&templates, &fonts, &plan).unwrap();
        for (p, page) in rendered.laid.pages.iter().enumerate().skip(1) {
            for draw in page {
                let (left, right) = extent(&fonts, draw);
                let inside = left >= MARGIN_LEFT - 0.5 && right <= PAGE_WIDTH - MARGIN_RIGHT + 0.5;
                assert!(
                    inside,
                    "{name}, page {}: outside the margins: {draw:?}",
                    p + 1
                );
                if let Draw::Text { y, .. } = draw {
                    assert!(
                        *y > 30.0 && *y < PAGE_HEIGHT - 25.0,
                        "{name}, page {}: text off the page",
                        p + 1
                    );
                }
            }
        }
    }
}

#[test]
fn charts_are_written_as_svg_and_linked_from_the_markdown() {
    let out = generate_one("rwanda");
    let master = std::fs::read_to_string(out.folder.join("master-plan.md")).unwrap();
    let roadmap = std::fs::read_to_string(out.folder.join("roadmap.md")).unwrap();
    assert!(master.contains("](readiness.svg)"));
    assert!(master.contains("](costs.svg)"));
    assert!(roadmap.contains("](roadmap.svg)"));
    let plan = plan_json(&out.folder);
    for file in ["readiness.svg", "roadmap.svg", "costs.svg"] {
        let svg = std::fs::read_to_string(out.folder.join(file)).unwrap();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{file}"
        );
        assert!(svg.trim_end().ends_with("</svg>"), "{file}");
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    }
    // The radar names every dimension and marks the unassessed one as such.
    let radar = std::fs::read_to_string(out.folder.join("readiness.svg")).unwrap();
    assert!(radar.contains("not assessed"));
    assert!(radar.contains("Gaps in the outline: not assessed"));
    // The Gantt chart has a bar for every component (one rect per component plus bands and swatches).
    let gantt = std::fs::read_to_string(out.folder.join("roadmap.svg")).unwrap();
    let components = plan["components"].as_array().unwrap().len();
    assert!(gantt.matches("<rect").count() > components);
}
