//! Issue 17, a cleaner PDF: pages that are not left nearly empty, a cover
//! laid out as one block without tool wording, quarters that never break,
//! and KPI tables whose cells stay short. Measured on the draw list the PDF
//! is written from, and on the PDF the binary writes.

mod common;

use common::*;

use dgplan::compare::ComparedPlan;
use dgplan::plan::Plan;
use dgplan::render::draw::{Draw, Face, NAVY};
use dgplan::render::layout::{CONTENT_BOTTOM, CONTENT_TOP, Laid, MARGIN_LEFT};

/// Every sample folder, not only the five the other tests use.
fn all_samples() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| sample(name).join("profile.toml").exists())
        .collect();
    names.sort();
    names
}

fn plan(name: &str) -> Plan {
    let framework = dgplan::framework::Framework::builtin().unwrap();
    // In the plan's own language, with the framework translated into it.
    dgplan::pipeline::plan_folder(&sample(name), &framework, "2026-12-29").unwrap()
}

/// Every sample's plan laid out, made once for all the tests of this file.
fn every_sample_laid() -> &'static [(String, Laid)] {
    static LAID: std::sync::OnceLock<Vec<(String, Laid)>> = std::sync::OnceLock::new();
    LAID.get_or_init(|| {
        all_samples()
            .into_iter()
            .map(|name| {
                let laid = laid(&plan(&name));
                (name, laid)
            })
            .collect()
    })
}

fn laid(plan: &Plan) -> Laid {
    let fonts = dgplan::render::fonts::Fonts::load().unwrap();
    let templates = dgplan::render::Templates::load(None).unwrap();
    dgplan::render::render(&templates, &fonts, plan)
        .unwrap()
        .laid
}

/// How far down the text area a page's content reaches, from 0 (empty) to
/// 1 (full). The running header and footer lie outside the text area.
fn filled(page: &[Draw]) -> f32 {
    let bottom = page
        .iter()
        .filter_map(|draw| match draw {
            Draw::Text { y, .. } => Some(*y),
            Draw::Rect { y, h, .. } => Some(y + h),
            Draw::Line { points, .. } | Draw::Polygon { points, .. } => {
                points.iter().map(|(_, y)| *y).reduce(f32::max)
            }
        })
        .filter(|y| (CONTENT_TOP - 1.0..=CONTENT_BOTTOM + 1.0).contains(y))
        .fold(CONTENT_TOP, f32::max);
    (bottom - CONTENT_TOP) / (CONTENT_BOTTOM - CONTENT_TOP)
}

/// The pages under a quarter full that are not the documented cases: the
/// cover, the contents, the last page of a part (the page before a part
/// starts) and the last page. Given as "page N (M% full)".
fn nearly_empty_pages(laid: &Laid) -> Vec<String> {
    let first_part = laid.parts.first().copied().unwrap_or(1);
    (1..=laid.pages.len())
        .filter(|&number| number >= first_part)
        .filter(|&number| number < laid.pages.len() && !laid.parts.contains(&(number + 1)))
        .filter_map(|number| {
            let full = filled(&laid.pages[number - 1]);
            (full < 0.25).then(|| format!("page {number} ({:.0}% full)", full * 100.0))
        })
        .collect()
}

#[test]
fn no_page_of_a_plan_is_under_a_quarter_full_except_the_last_of_a_part() {
    for (name, laid) in every_sample_laid() {
        // Parts are few: the exception cannot excuse every page.
        assert!(
            (2..=8).contains(&laid.parts.len()),
            "{name}: parts start on pages {:?}",
            laid.parts
        );
        let bad = nearly_empty_pages(laid);
        assert!(bad.is_empty(), "{name}: nearly empty: {bad:?}");
    }
}

#[test]
fn chapters_flow_and_only_the_parts_start_a_page() {
    let (_, laid) = every_sample_laid()
        .iter()
        .find(|(name, _)| name == "lao-pdr")
        .unwrap();
    let page_of = |title: &str| {
        laid.chapters
            .iter()
            .find(|(t, _)| t.starts_with(title))
            .unwrap_or_else(|| panic!("no chapter {title}: {:?}", laid.chapters))
            .1
    };
    // The body starts a part; the chapters after it follow on the same
    // page as the one before them when there is room.
    assert!(laid.parts.contains(&page_of("1. Executive summary")));
    assert!(laid.parts.contains(&page_of("2. National context")));
    assert!(laid.parts.contains(&page_of("Annex A.")));
    assert!(
        laid.parts
            .contains(&page_of("Annex D. Lao PDR: digital government roadmap"))
    );
    let shared = ["3.", "4.", "5.", "6.", "7.", "8.", "9.", "10.", "11."]
        .iter()
        .filter(|chapter| !laid.parts.contains(&page_of(chapter)))
        .filter(|chapter| {
            let page = &laid.pages[page_of(chapter) - 1];
            // Its heading is not the first text under the running header.
            !page.iter().any(|d| {
                matches!(d, Draw::Text { text, y, .. } if text.starts_with(**chapter) && *y < CONTENT_TOP + 25.0)
            })
        })
        .count();
    assert!(shared >= 3, "only {shared} chapters share a page");
    // Fewer pages than when every chapter opened one (50 for Lao PDR).
    assert!(laid.pages.len() < 50, "{} pages", laid.pages.len());
}

#[test]
fn no_page_of_a_comparison_is_under_a_quarter_full_except_the_last_of_a_part() {
    let fonts = dgplan::render::fonts::Fonts::load().unwrap();
    let templates = dgplan::render::Templates::load(None).unwrap();
    let mut plans: Vec<ComparedPlan> = ["lao-pdr", "fiji", "rwanda"]
        .iter()
        .map(|name| ComparedPlan {
            label: name.to_string(),
            plan: plan(name),
        })
        .collect();
    let comparison =
        dgplan::compare::compare(&mut plans, "2026-12-29", dgplan::language::Language::En);
    let laid = dgplan::render::lay_out_comparison(&templates, &fonts, &comparison).unwrap();
    let bad = nearly_empty_pages(&laid);
    assert!(bad.is_empty(), "nearly empty: {bad:?}");
    assert!(!laid.parts.is_empty());
}

/// The texts of a page from top to bottom.
fn texts(page: &[Draw]) -> Vec<(f32, String)> {
    let mut texts: Vec<(f32, String)> = page
        .iter()
        .filter_map(|d| match d {
            Draw::Text { y, text, .. } => Some((*y, text.clone())),
            _ => None,
        })
        .collect();
    texts.sort_by(|a, b| a.0.total_cmp(&b.0));
    texts
}

#[test]
fn the_cover_is_one_block_with_title_period_country_lead_status_and_date() {
    let (_, laid) = every_sample_laid()
        .iter()
        .find(|(name, _)| name == "lao-pdr")
        .unwrap();
    let page = texts(&laid.pages[0]);
    // The navy band at the head of the page names the issuing government.
    let band: Vec<&String> = page
        .iter()
        .filter(|(y, _)| *y < 150.0)
        .map(|(_, t)| t)
        .collect();
    assert!(
        band.iter().any(|t| t
            .to_lowercase()
            .contains("lao people's democratic republic")),
        "the band: {band:?}"
    );
    let cover: Vec<(f32, String)> = page.into_iter().filter(|(y, _)| *y > 156.0).collect();
    // Read top to bottom, a wrapped line joined to the next (a wrapped
    // line keeps the space it broke at).
    let all: String = cover
        .iter()
        .map(|(_, t)| format!("{} ", t.trim_end()))
        .collect();
    let position = |what: &str| {
        all.find(what)
            .unwrap_or_else(|| panic!("the cover lacks {what:?}:\n{all}"))
    };
    let order = [
        position("National Digital Government Master Plan"),
        position("2027-2031"),
        position("Lao People's Democratic Republic"),
        position("Ministry of Technology and Communications"),
        position("Draft for consultation"),
        position("29 December 2026"),
    ];
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "order {order:?}:\n{all}"
    );
    assert!(all.contains("Costs are indicative."), "{all}");
    assert!(!all.contains("indicative assumptions"), "{all}");
    assert!(!all.to_lowercase().contains("dgplan"), "{all}");
    assert!(!all.contains("with its implementation roadmap"), "{all}");
    // One block: no gap between its lines taller than a third of the page.
    let ys: Vec<f32> = cover.iter().map(|(y, _)| *y).collect();
    let widest_gap = ys.windows(2).map(|w| w[1] - w[0]).fold(0.0, f32::max);
    assert!(widest_gap < 120.0, "a gap of {widest_gap} pt:\n{all}");
}

#[test]
fn provenance_is_in_the_pdf_metadata_and_annex_c_not_on_the_cover() {
    let (_out, folder) = generate_one(&sample("fiji"));
    let pdf = std::fs::read(folder.join("master-plan.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let cover = doc.extract_text(&[1]).unwrap();
    assert!(cover.contains("Fiji"), "{cover}");
    assert!(!cover.to_lowercase().contains("dgplan"), "{cover}");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|r| doc.dereference(r))
        .unwrap()
        .1;
    let creator = info
        .as_dict()
        .unwrap()
        .get(b"Creator")
        .unwrap()
        .as_str()
        .unwrap();
    // A text string in UTF-16BE after its byte order mark.
    let units: Vec<u16> = creator[2..]
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    assert!(
        String::from_utf16_lossy(&units).starts_with("dgplan"),
        "{creator:?}"
    );
    let markdown = std::fs::read_to_string(folder.join("master-plan.md")).unwrap();
    let annex_c = chapter(&markdown, "Annex C.");
    assert!(annex_c.contains("dgplan"), "{annex_c}");
}

#[test]
fn no_line_of_any_plan_ends_inside_a_quarter_label() {
    for (name, laid) in every_sample_laid() {
        for (p, page) in laid.pages.iter().enumerate() {
            for (_, text) in texts(page) {
                let last = text.split_whitespace().last().unwrap_or("");
                let last = last.trim_start_matches(|c: char| !c.is_alphanumeric());
                assert!(
                    !matches!(last, "Q1" | "Q2" | "Q3" | "Q4" | "T1" | "T2" | "T3" | "T4"),
                    "{name}, page {}: a line ends with a quarter: {text:?}",
                    p + 1
                );
            }
        }
    }
}

/// The cells of the KPI tables on a page, as lines per cell: a table
/// starts at its header cell "KPI" (French "ICP", Spanish "ICD") and runs while the drawings are table
/// text, fills and rules; rules separate the rows; a cell's lines are the
/// lines of text that start at its left edge within a row.
fn kpi_cells(page: &[Draw]) -> Vec<(String, usize)> {
    let mut cells: Vec<(String, usize)> = Vec::new();
    let mut in_table = false;
    let mut row_cells: Vec<(f32, String, usize)> = Vec::new();
    for draw in page {
        match draw {
            Draw::Text {
                text,
                face,
                color,
                x,
                ..
            } if matches!(text.as_str(), "KPI" | "ICP" | "ICD")
                && *face == Face::SansBold
                && *color == NAVY
                && (*x - MARGIN_LEFT).abs() < 5.0 =>
            {
                in_table = true;
                row_cells.clear();
            }
            Draw::Text { x, size, text, .. } if in_table && *size < 8.0 => {
                match row_cells
                    .iter_mut()
                    .find(|(left, _, _)| (left - x).abs() < 0.01)
                {
                    Some((_, first, lines)) => {
                        *lines += 1;
                        let _ = first;
                    }
                    None => row_cells.push((*x, text.clone(), 1)),
                }
            }
            Draw::Line { .. } | Draw::Rect { .. } if in_table => {
                cells.extend(row_cells.drain(..).map(|(_, text, lines)| (text, lines)));
            }
            _ => {
                cells.extend(row_cells.drain(..).map(|(_, text, lines)| (text, lines)));
                in_table = false;
            }
        }
    }
    cells.extend(row_cells.drain(..).map(|(_, text, lines)| (text, lines)));
    cells
}

#[test]
fn no_cell_of_a_kpi_table_wraps_onto_more_than_three_lines() {
    for (name, laid) in every_sample_laid() {
        let cells: Vec<(String, usize)> = laid.pages.iter().flat_map(|p| kpi_cells(p)).collect();
        assert!(cells.len() > 20, "{name}: the KPI tables were not found");
        let tall: Vec<&(String, usize)> = cells.iter().filter(|(_, lines)| *lines > 3).collect();
        assert!(
            tall.is_empty(),
            "{name}: cells of more than three lines: {tall:?}"
        );
    }
}

/// The pages that open with the rest of a list item begun on the page
/// before: their first line of body text is indented as an item's text,
/// with no item marker (a bullet or a number) before it on the page.
fn pages_opening_inside_a_list_item(laid: &Laid) -> Vec<usize> {
    let item_x = MARGIN_LEFT + 16.0;
    (2..=laid.pages.len())
        .filter(|&number| {
            let page = &laid.pages[number - 1];
            let first = page
                .iter()
                .filter_map(|d| match d {
                    Draw::Text {
                        x, y, size, face, ..
                    } if (CONTENT_TOP..CONTENT_BOTTOM).contains(y) => Some((*x, *size, *face)),
                    _ => None,
                })
                .next();
            first.is_some_and(|(x, size, face)| {
                (x - item_x).abs() < 0.01
                    && (size - 10.0).abs() < 0.01
                    && matches!(face, Face::Serif | Face::SerifBold | Face::SerifItalic)
            })
        })
        .collect()
}

#[test]
fn no_list_item_of_a_plan_or_a_brief_is_split_across_pages() {
    let fonts = dgplan::render::fonts::Fonts::load().unwrap();
    let templates = dgplan::render::Templates::load(None).unwrap();
    let mut split = Vec::new();
    for (name, laid) in every_sample_laid() {
        let pages = pages_opening_inside_a_list_item(laid);
        if !pages.is_empty() {
            split.push(format!("{name} master plan: pages {pages:?}"));
        }
        let (_, brief) = dgplan::render::brief_layout(&templates, &fonts, &plan(name)).unwrap();
        let pages = pages_opening_inside_a_list_item(&brief);
        if !pages.is_empty() {
            split.push(format!("{name} brief: pages {pages:?}"));
        }
    }
    assert!(split.is_empty(), "list items split: {split:#?}");
}

/// How tall the brief's readiness chart is on the page that holds it: from
/// the top of the radar's outermost ring to the legend under it.
fn brief_chart_height(laid: &Laid) -> f32 {
    let legend_of = |page: &Vec<Draw>| {
        page.iter().find_map(|d| match d {
            Draw::Text { text, y, .. } if text.starts_with("Assessment of") => Some(*y),
            _ => None,
        })
    };
    let (page, legend) = laid
        .pages
        .iter()
        .find_map(|page| legend_of(page).map(|legend| (page, legend)))
        .expect("no legend under the radar in the brief");
    let top = page
        .iter()
        .filter_map(|d| match d {
            // The rings: closed lines of a point per dimension.
            Draw::Line { points, .. } if points.len() > 3 => {
                points.iter().map(|(_, y)| *y).reduce(f32::min)
            }
            _ => None,
        })
        .reduce(f32::min)
        .expect("no radar on the page of its legend");
    legend - top
}

#[test]
fn the_brief_draws_its_readiness_chart_at_most_a_third_of_a_page_high() {
    let fonts = dgplan::render::fonts::Fonts::load().unwrap();
    let templates = dgplan::render::Templates::load(None).unwrap();
    for name in ["lao-pdr", "estonia", "fiji"] {
        let (_, brief) = dgplan::render::brief_layout(&templates, &fonts, &plan(name)).unwrap();
        let height = brief_chart_height(&brief);
        assert!(
            height <= (CONTENT_BOTTOM - CONTENT_TOP) / 3.0,
            "{name}: the radar is {height} pt high"
        );
    }
}

#[test]
fn the_roadmap_is_the_last_annex_of_the_pdf_and_chapter_8_says_where_it_is() {
    let (_out, folder) = generate_one(&sample("lao-pdr"));
    let markdown = std::fs::read_to_string(folder.join("master-plan.md")).unwrap();
    let roadmap = std::fs::read_to_string(folder.join("roadmap.md")).unwrap();
    let title = "Lao PDR: digital government roadmap 2027-2031";
    assert!(roadmap.contains(&format!("# {title}")), "{roadmap}");
    // Chapter 8 names the roadmap by its title and says where the printed
    // plan carries it; it calls it neither separate nor by a file name.
    let summary = chapter(&markdown, "8. Implementation roadmap summary");
    assert!(summary.contains(title), "{summary}");
    assert!(summary.contains("last annex"), "{summary}");
    assert!(!summary.contains("separate roadmap"), "{summary}");
    assert!(!summary.contains(".md"), "{summary}");
    // In the PDF the roadmap is that last annex, after Annex C, in the
    // contents and in its heading.
    let (_, laid) = every_sample_laid()
        .iter()
        .find(|(name, _)| name == "lao-pdr")
        .unwrap();
    let titles: Vec<&str> = laid.chapters.iter().map(|(t, _)| t.as_str()).collect();
    let last = titles.last().unwrap();
    assert_eq!(*last, format!("Annex D. {title}"), "{titles:?}");
    assert!(
        titles[titles.len() - 2].starts_with("Annex C."),
        "{titles:?}"
    );
    let page = &laid.pages[laid.chapters.last().unwrap().1 - 1];
    assert!(
        texts(page)
            .iter()
            .any(|(_, t)| t.starts_with("Annex D. Lao PDR")),
        "{:?}",
        texts(page)
    );
}

/// The pages under a quarter full other than the cover, the contents and
/// the last page of the document.
fn nearly_empty_pages_strict(laid: &Laid) -> Vec<String> {
    let first_part = laid.parts.first().copied().unwrap_or(1);
    (first_part..laid.pages.len())
        .filter_map(|number| {
            let full = filled(&laid.pages[number - 1]);
            (full < 0.25).then(|| format!("page {number} ({:.0}% full)", full * 100.0))
        })
        .collect()
}

#[test]
fn no_page_of_the_lao_and_estonia_plans_is_under_a_quarter_full_but_the_last() {
    let mut bad = Vec::new();
    for (name, laid) in every_sample_laid() {
        if name == "lao-pdr" || name == "estonia" {
            for page in nearly_empty_pages_strict(laid) {
                bad.push(format!("{name}: {page}"));
            }
        }
    }
    assert!(bad.is_empty(), "nearly empty: {bad:#?}");
}

#[test]
fn the_gantt_starts_on_the_roadmap_annex_first_page_and_its_opener_does_not_repeat_chapter_8() {
    for (name, laid) in every_sample_laid() {
        if name != "lao-pdr" && name != "estonia" {
            continue;
        }
        let (title, page) = laid.chapters.last().unwrap();
        assert!(title.starts_with("Annex D."), "{name}: {title}");
        let page = texts(&laid.pages[page - 1]);
        assert!(
            page.iter()
                .any(|(_, t)| t.starts_with("Milestone at the end")),
            "{name}: the Gantt is not on the page of {title}: {page:?}"
        );
        // The pace is explained in chapter 8; the bound-in roadmap does
        // not say it again.
        assert!(
            !page.iter().any(|(_, t)| t.contains("The pace is")),
            "{name}: {page:?}"
        );
    }
}

/// A table's cells on a page, as (the cell's text, how many lines it has): a table starts at a header's pale fill, its columns
/// start where the header's texts do, and a rule ends each row.
fn table_cells(page: &[Draw]) -> Vec<(String, usize)> {
    use dgplan::render::draw::PALE_BLUE;
    let mut cells = Vec::new();
    // Column starts, and per column: first text and the baselines seen.
    let mut columns: Vec<f32> = Vec::new();
    let mut in_header = false;
    let mut row: Vec<(String, Vec<f32>)> = Vec::new();
    let close = |row: &mut Vec<(String, Vec<f32>)>, cells: &mut Vec<(String, usize)>| {
        for (text, lines) in row.drain(..) {
            if !lines.is_empty() {
                cells.push((text, lines.len()));
            }
        }
    };
    for (i, draw) in page.iter().enumerate() {
        match draw {
            Draw::Rect {
                fill: Some(fill),
                x,
                ..
            } if *fill == PALE_BLUE
                && (*x - MARGIN_LEFT).abs() < 0.5
                && matches!(page.get(i + 1), Some(Draw::Text { .. })) =>
            {
                close(&mut row, &mut cells);
                columns.clear();
                in_header = true;
            }
            Draw::Text {
                x, y, size, text, ..
            } if *size < 8.0 && (in_header || !columns.is_empty()) => {
                if in_header {
                    if !columns.iter().any(|c| (c - x).abs() < 0.5) {
                        columns.push(*x);
                    }
                    continue;
                }
                let Some(c) = columns.iter().rposition(|left| *left <= x + 0.5) else {
                    continue;
                };
                if row.len() < columns.len() {
                    row.resize(columns.len(), (String::new(), Vec::new()));
                }
                let (whole, lines) = &mut row[c];
                whole.push_str(text);
                whole.push(' ');
                if !lines.iter().any(|l| (l - y).abs() < 0.5) {
                    lines.push(*y);
                }
            }
            Draw::Line { .. } if in_header || !columns.is_empty() => {
                in_header = false;
                close(&mut row, &mut cells);
            }
            Draw::Rect { .. } => {}
            _ => {
                close(&mut row, &mut cells);
                columns.clear();
                in_header = false;
            }
        }
    }
    close(&mut row, &mut cells);
    cells
}

#[test]
fn no_short_table_cell_of_a_sample_plan_wraps_onto_more_than_four_lines() {
    // A cell of a dozen words or fewer ("Limited capacity to design and
    // manage digital government programmes", "23 components, USD 50.3
    // million") wraps onto more than four lines only when its column is
    // starved of width another column has to spare.
    let mut tall = Vec::new();
    let mut found = 0;
    for (name, laid) in every_sample_laid() {
        for (p, page) in laid.pages.iter().enumerate() {
            for (text, lines) in table_cells(page) {
                found += 1;
                if lines > 4 && text.split_whitespace().count() <= 12 {
                    tall.push(format!("{name} p.{}: {text:?} on {lines} lines", p + 1));
                }
            }
        }
    }
    assert!(found > 1000, "the tables were not found: {found} cells");
    assert!(tall.is_empty(), "{} tall cells: {tall:#?}", tall.len());
}
