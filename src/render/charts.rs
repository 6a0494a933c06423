//! Charts drawn from the plan: the readiness radar, the roadmap Gantt chart
//! and costs per year. One model serves both outputs: each chart is a
//! [`Picture`] that the PDF layout places on a page and the SVG writer turns
//! into a file beside the Markdown.

use std::f32::consts::PI;

use super::draw::*;
use super::fonts::Fonts;
use crate::plan::Plan;
use crate::words::{format_number, format_score, long_date};

/// Width of a chart: the text width of an A4 page with 20 mm margins.
pub const CHART_WIDTH: f32 = 483.0;

/// Fill colours for the three pillars, in framework order.
const PILLAR_COLORS: [Rgb; 4] = [
    Rgb::hex(0x1f3a5f),
    Rgb::hex(0x2a9d8f),
    Rgb::hex(0xd9892b),
    Rgb::hex(0x7a5c99),
];
const PHASE_SHADES: [Rgb; 3] = [Rgb::hex(0xf1f5f9), Rgb::hex(0xf4f8f1), Rgb::hex(0xfbf6ee)];

fn pillar_color(index: usize) -> Rgb {
    PILLAR_COLORS[index % PILLAR_COLORS.len()]
}

/// Cuts a text to fit a width, ending it with "…" if it was cut.
pub fn fit(fonts: &Fonts, face: Face, size: f32, text: &str, width: f32) -> String {
    if fonts.width(face, size, text) <= width {
        return text.to_string();
    }
    let mut cut: String = text.to_string();
    while !cut.is_empty() && fonts.width(face, size, &format!("{cut}…")) > width {
        cut.pop();
    }
    format!("{}…", cut.trim_end())
}

/// Splits a text into lines no wider than `width`, breaking at spaces.
pub fn wrap(fonts: &Fonts, face: Face, size: f32, text: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if fonts.width(face, size, &candidate) <= width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn swatch(x: f32, y: f32, color: Rgb) -> Draw {
    Draw::fill(x, y - 7.0, 9.0, 9.0, color)
}

/// The readiness radar: each dimension's score against the target profile.
/// A dimension not assessed is a gap in the outline, never a zero.
pub fn readiness(plan: &Plan, fonts: &Fonts) -> Picture {
    let dims = &plan.readiness.dimensions;
    let n = dims.len().max(3);
    let (width, height) = (CHART_WIDTH, 340.0);
    let (cx, cy, radius) = (width / 2.0, 168.0, 112.0);
    let point = |i: usize, value: f32| -> (f32, f32) {
        let angle = -PI / 2.0 + 2.0 * PI * i as f32 / n as f32;
        (
            cx + radius * value / 5.0 * angle.cos(),
            cy + radius * value / 5.0 * angle.sin(),
        )
    };
    let mut draws = Vec::new();
    for level in 1..=5 {
        let mut ring: Vec<(f32, f32)> = (0..n).map(|i| point(i, level as f32)).collect();
        ring.push(ring[0]);
        draws.push(Draw::Line {
            points: ring,
            color: LIGHT_GREY,
            width: 0.6,
            dashed: false,
        });
        let (x, y) = point(0, level as f32);
        draws.push(Draw::text(
            x + 3.0,
            y + 3.0,
            6.0,
            Face::Sans,
            GREY,
            level.to_string(),
        ));
    }
    for i in 0..n {
        draws.push(Draw::line((cx, cy), point(i, 5.0), LIGHT_GREY, 0.6));
    }
    // Target profile.
    let target = plan.readiness.target_score as f32;
    let mut outline: Vec<(f32, f32)> = (0..n).map(|i| point(i, target)).collect();
    outline.push(outline[0]);
    draws.push(Draw::Line {
        points: outline,
        color: Rgb::hex(0xc0392b),
        width: 1.0,
        dashed: true,
    });
    // The country's scores.
    let scores: Vec<Option<f32>> = dims.iter().map(|d| d.score.map(|s| s as f32)).collect();
    if scores.iter().all(Option::is_some) && !scores.is_empty() {
        let points: Vec<(f32, f32)> = scores
            .iter()
            .enumerate()
            .map(|(i, s)| point(i, s.unwrap_or(0.0)))
            .collect();
        draws.push(Draw::Polygon {
            points,
            fill: Some(Rgb::hex(0xc9d9ea)),
            stroke: Some((BLUE, 1.6)),
        });
    } else {
        for i in 0..scores.len() {
            let j = (i + 1) % scores.len();
            if let (Some(a), Some(b)) = (scores[i], scores[j]) {
                draws.push(Draw::line(point(i, a), point(j, b), BLUE, 1.6));
            }
        }
    }
    for (i, score) in scores.iter().enumerate() {
        if let Some(s) = score {
            let (x, y) = point(i, *s);
            draws.push(Draw::fill(x - 2.2, y - 2.2, 4.4, 4.4, BLUE));
        }
    }
    // Labels around the outside.
    for (i, d) in dims.iter().enumerate() {
        let angle = -PI / 2.0 + 2.0 * PI * i as f32 / n as f32;
        let (x, y) = (
            cx + (radius + 12.0) * angle.cos(),
            cy + (radius + 12.0) * angle.sin(),
        );
        let anchor = if angle.cos() > 0.2 {
            Anchor::Start
        } else if angle.cos() < -0.2 {
            Anchor::End
        } else {
            Anchor::Middle
        };
        let mut lines = wrap(fonts, Face::Sans, 7.0, &d.name, 100.0);
        let value = match d.score {
            Some(s) => format_score(s),
            None => "not assessed".to_string(),
        };
        lines.push(value);
        let total = lines.len() as f32 * 8.5;
        let top = if angle.sin() < -0.5 {
            y - total + 4.0
        } else if angle.sin() > 0.5 {
            y + 6.0
        } else {
            y - total / 2.0 + 6.0
        };
        let last = lines.len() - 1;
        for (k, line) in lines.into_iter().enumerate() {
            let (face, color) = if k == last {
                if d.score.is_some() {
                    (Face::SansBold, BLUE)
                } else {
                    (Face::SansOblique, GREY)
                }
            } else {
                (Face::Sans, BLACK)
            };
            draws
                .push(Draw::text(x, top + k as f32 * 8.5, 7.0, face, color, line).anchored(anchor));
        }
    }
    // Legend.
    let y = height - 10.0;
    draws.push(swatch(0.0, y, Rgb::hex(0xc9d9ea)));
    draws.push(Draw::text(
        13.0,
        y,
        7.5,
        Face::Sans,
        BLACK,
        format!("Assessment of {}", long_date(&plan.assessment.date)),
    ));
    draws.push(Draw::Line {
        points: vec![(170.0, y - 3.0), (185.0, y - 3.0)],
        color: Rgb::hex(0xc0392b),
        width: 1.0,
        dashed: true,
    });
    draws.push(Draw::text(
        189.0,
        y,
        7.5,
        Face::Sans,
        BLACK,
        format!(
            "Target for {}: {}",
            plan.horizon.end_year,
            format_score(plan.readiness.target_score)
        ),
    ));
    if scores.iter().any(Option::is_none) {
        draws.push(Draw::text(
            320.0,
            y,
            7.5,
            Face::SansOblique,
            GREY,
            "Gaps in the outline: not assessed",
        ));
    }
    Picture {
        width,
        height,
        draws,
    }
}

/// The roadmap: components by pillar over the quarters of the horizon, phases
/// shaded, milestones marked at each component's end.
pub fn roadmap(plan: &Plan, fonts: &Fonts) -> Picture {
    let width = CHART_WIDTH;
    let label_width = 178.0;
    let x0 = label_width + 6.0;
    let x1 = width - 4.0;
    let months = plan.horizon.months.max(1) as f32;
    let x_of = |month: u32| x0 + (x1 - x0) * month as f32 / months;
    let (row_h, pillar_h, top) = (11.0, 14.0, 30.0);

    let mut rows: Vec<Draw> = Vec::new();
    let mut y = top;
    for (p, pillar) in plan.pillars.iter().enumerate() {
        let members: Vec<_> = plan
            .components
            .iter()
            .filter(|c| c.pillar == pillar.id)
            .collect();
        if members.is_empty() {
            continue;
        }
        y += pillar_h;
        rows.push(swatch(0.0, y - 2.5, pillar_color(p)));
        rows.push(Draw::text(
            13.0,
            y - 3.0,
            7.5,
            Face::SansBold,
            BLACK,
            pillar.name.clone(),
        ));
        for c in members {
            y += row_h;
            let label = fit(fonts, Face::Sans, 6.8, &c.title, label_width - 8.0);
            rows.push(Draw::text(8.0, y - 3.0, 6.8, Face::Sans, BLACK, label));
            let (bx0, bx1) = (x_of(c.start_month), x_of(c.end_month));
            rows.push(Draw::fill(
                bx0,
                y - 8.5,
                (bx1 - bx0).max(1.5),
                7.0,
                pillar_color(p),
            ));
            let (mx, my) = (bx1, y - 5.0);
            rows.push(Draw::Polygon {
                points: vec![
                    (mx, my - 3.5),
                    (mx + 3.5, my),
                    (mx, my + 3.5),
                    (mx - 3.5, my),
                ],
                fill: Some(Rgb::hex(0xc0392b)),
                stroke: Some((WHITE, 0.5)),
            });
        }
    }
    let bottom = y + 4.0;

    let mut draws: Vec<Draw> = Vec::new();
    // Phase bands behind everything, named at the top.
    for (i, phase) in plan.phases.iter().enumerate() {
        let (a, b) = (x_of(phase.start_month), x_of(phase.end_month));
        draws.push(Draw::fill(
            a,
            top - 12.0,
            b - a,
            bottom - top + 12.0,
            PHASE_SHADES[i % 3],
        ));
        let name = fit(fonts, Face::SansOblique, 6.5, &phase.name, b - a - 4.0);
        draws.push(
            Draw::text((a + b) / 2.0, top - 3.0, 6.5, Face::SansOblique, GREY, name)
                .anchored(Anchor::Middle),
        );
    }
    // Years along the top, with a line at each year's start.
    for (k, year) in (plan.horizon.start_year..=plan.horizon.end_year).enumerate() {
        let a = x_of(k as u32 * 12);
        let b = x_of(((k as u32 + 1) * 12).min(plan.horizon.months));
        draws.push(
            Draw::text(
                (a + b) / 2.0,
                8.0,
                7.5,
                Face::SansBold,
                BLACK,
                year.to_string(),
            )
            .anchored(Anchor::Middle),
        );
        draws.push(Draw::line((a, 11.0), (a, bottom), RULE_GREY, 0.5));
    }
    draws.push(Draw::line((x1, 11.0), (x1, bottom), RULE_GREY, 0.5));
    draws.extend(rows);

    // Legend and deferred items below.
    let mut y = bottom + 14.0;
    draws.push(Draw::Polygon {
        points: vec![
            (4.0, y - 6.5),
            (7.5, y - 3.0),
            (4.0, y + 0.5),
            (0.5, y - 3.0),
        ],
        fill: Some(Rgb::hex(0xc0392b)),
        stroke: None,
    });
    draws.push(Draw::text(
        12.0,
        y,
        7.0,
        Face::Sans,
        BLACK,
        "Milestone at the end of each component; shaded bands are the phases",
    ));
    if !plan.deferred.is_empty() {
        let titles: Vec<String> = plan.deferred.iter().map(|d| d.title.clone()).collect();
        let text = format!("Deferred to the next plan: {}.", titles.join("; "));
        for line in wrap(fonts, Face::SansOblique, 7.0, &text, width) {
            y += 10.0;
            draws.push(Draw::text(0.0, y, 7.0, Face::SansOblique, GREY, line));
        }
    }
    Picture {
        width,
        height: y + 6.0,
        draws,
    }
}

/// A round step for an axis that shows `max` in about five steps.
fn nice_step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let normalised = raw / magnitude;
    let step = if normalised <= 1.0 {
        1.0
    } else if normalised <= 2.0 {
        2.0
    } else if normalised <= 2.5 {
        2.5
    } else if normalised <= 5.0 {
        5.0
    } else {
        10.0
    };
    step * magnitude
}

/// Cost per year, stacked by pillar, against the envelope spread over the years.
pub fn costs(plan: &Plan, fonts: &Fonts) -> Picture {
    let (width, height) = (CHART_WIDTH, 250.0);
    let (left, right, top, bottom) = (46.0, 8.0, 16.0, 200.0);
    let years: Vec<i32> = (plan.horizon.start_year..=plan.horizon.end_year).collect();
    // Cost of each pillar in each year, from each component's months.
    let mut cost = vec![vec![0.0f64; plan.pillars.len()]; years.len()];
    for c in &plan.components {
        let Some(p) = plan.pillars.iter().position(|p| p.id == c.pillar) else {
            continue;
        };
        let per_month = c.cost_usd_millions / f64::from((c.end_month - c.start_month).max(1));
        for m in c.start_month..c.end_month {
            let y = (m / 12) as usize;
            if y < years.len() {
                cost[y][p] += per_month;
            }
        }
    }
    let totals: Vec<f64> = cost.iter().map(|row| row.iter().sum()).collect();
    let envelope_per_year = plan
        .financing
        .envelope_usd_millions
        .map(|e| e / f64::from(plan.horizon.years.max(1)));
    let peak = totals
        .iter()
        .copied()
        .chain(envelope_per_year)
        .fold(0.0f64, f64::max);
    let step = nice_step(peak * 1.08);
    let axis_max = (peak * 1.08 / step).ceil().max(1.0) * step;
    let y_of = |v: f64| bottom - (bottom - top) * (v / axis_max) as f32;

    let mut draws = Vec::new();
    let mut tick = 0.0;
    while tick <= axis_max + 1e-9 {
        let y = y_of(tick);
        draws.push(Draw::line(
            (left, y),
            (width - right, y),
            if tick == 0.0 { GREY } else { LIGHT_GREY },
            0.5,
        ));
        draws.push(
            Draw::text(
                left - 4.0,
                y + 2.5,
                7.0,
                Face::Sans,
                GREY,
                format_number(tick, 2),
            )
            .anchored(Anchor::End),
        );
        tick += step;
    }
    draws.push(Draw::text(
        0.0,
        top - 6.0,
        7.0,
        Face::SansOblique,
        GREY,
        "USD million per year",
    ));
    let slot = (width - left - right) / years.len().max(1) as f32;
    let bar = slot * 0.5;
    for (i, year) in years.iter().enumerate() {
        let x = left + slot * i as f32 + (slot - bar) / 2.0;
        let mut base = 0.0;
        for (p, value) in cost[i].iter().enumerate() {
            if *value <= 0.0 {
                continue;
            }
            let (y_top, y_bottom) = (y_of(base + value), y_of(base));
            draws.push(Draw::fill(x, y_top, bar, y_bottom - y_top, pillar_color(p)));
            base += value;
        }
        draws.push(
            Draw::text(
                x + bar / 2.0,
                y_of(totals[i]) - 3.0,
                7.0,
                Face::SansBold,
                BLACK,
                format_number(totals[i], 1),
            )
            .anchored(Anchor::Middle),
        );
        draws.push(
            Draw::text(
                x + bar / 2.0,
                bottom + 11.0,
                7.5,
                Face::Sans,
                BLACK,
                year.to_string(),
            )
            .anchored(Anchor::Middle),
        );
    }
    if let Some(e) = envelope_per_year {
        let y = y_of(e);
        draws.push(Draw::Line {
            points: vec![(left, y), (width - right, y)],
            color: Rgb::hex(0xc0392b),
            width: 1.0,
            dashed: true,
        });
        draws.push(
            Draw::text(
                width - right,
                y - 3.0,
                7.0,
                Face::Sans,
                Rgb::hex(0xc0392b),
                format!("Envelope spread evenly: {} a year", format_number(e, 1)),
            )
            .anchored(Anchor::End),
        );
    }
    // Legend.
    let mut x = left;
    let y = height - 12.0;
    for (p, pillar) in plan.pillars.iter().enumerate() {
        draws.push(swatch(x, y, pillar_color(p)));
        draws.push(Draw::text(
            x + 13.0,
            y,
            7.0,
            Face::Sans,
            BLACK,
            pillar.name.clone(),
        ));
        x += 22.0 + fonts.width(Face::Sans, 7.0, &pillar.name);
    }
    Picture {
        width,
        height,
        draws,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(nice_step(27.0), 10.0);
        assert_eq!(nice_step(9.0), 2.0);
        assert_eq!(nice_step(120.0), 25.0);
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        let fonts = Fonts::load().unwrap();
        let cut = fit(
            &fonts,
            Face::Sans,
            7.0,
            "Digital literacy for women, rural and vulnerable groups",
            100.0,
        );
        assert!(cut.ends_with('…'));
        assert!(fonts.width(Face::Sans, 7.0, &cut) <= 100.0);
        assert_eq!(fit(&fonts, Face::Sans, 7.0, "Short", 100.0), "Short");
    }

    #[test]
    fn wrapping_keeps_every_word() {
        let fonts = Fonts::load().unwrap();
        let lines = wrap(
            &fonts,
            Face::Sans,
            7.0,
            "Digital identity, trust and cybersecurity",
            60.0,
        );
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), "Digital identity, trust and cybersecurity");
    }
}
