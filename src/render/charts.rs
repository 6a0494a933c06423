//! Charts drawn from the plan: the readiness radar, the roadmap Gantt chart
//! and costs per year. One model serves both outputs: each chart is a
//! [`Picture`] that the PDF layout places on a page and the SVG writer turns
//! into a file beside the Markdown.

use std::f32::consts::PI;

use super::draw::*;
use super::fonts::Fonts;
use crate::plan::{ComponentKind, DimensionView, Plan};
use crate::words::{format_number, format_score, long_date};

/// A phrase of `[render.charts]`, with the typography of its language.
fn said(key: &str) -> String {
    super::typography::typeset(crate::language::say(&format!("render.charts.{key}")))
}

/// A phrase of `[render.charts]` with its placeholders filled.
fn said_with(key: &str, values: &[(&str, &str)]) -> String {
    super::typography::typeset(&super::view::phrase(
        &format!("render.charts.{key}"),
        values,
    ))
}

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
    // Each character's advance is measured once and summed as `width` sums
    // them, left to right, so the cut is the one measuring the whole text
    // each time would give, in time linear in the text's length.
    let advance = |c: char| fonts.width(face, 1.0, c.encode_utf8(&mut [0; 4]));
    let ellipsis = advance('…');
    let mut kept = 0;
    let mut sum = 0.0_f32;
    for (i, c) in text.char_indices() {
        if (sum + ellipsis) * size <= width {
            kept = i;
        } else {
            break;
        }
        sum += advance(c);
    }
    // Every character fits with the ellipsis: only the whole text did not.
    if (sum + ellipsis) * size <= width {
        kept = text.len();
    }
    format!("{}…", text[..kept].trim_end())
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

/// The dashed red line of a target or an envelope.
fn target_line(points: Vec<(f32, f32)>) -> Draw {
    Draw::Line {
        points,
        color: RED,
        width: 1.0,
        dashed: true,
    }
}

/// A milestone: a red diamond centred on (x, y).
fn milestone_mark(x: f32, y: f32, stroke: Option<(Rgb, f32)>) -> Draw {
    Draw::Polygon {
        points: vec![(x, y - 3.5), (x + 3.5, y), (x, y + 3.5), (x - 3.5, y)],
        fill: Some(RED),
        stroke,
    }
}

/// Fill of the country's scores on the radar and in its legend.
const SCORE_FILL: Rgb = Rgb::hex(0xc9d9ea);

/// The radar's geometry: `n` spokes from the centre, scores 0 to 5 along each.
struct Radar {
    n: usize,
    cx: f32,
    cy: f32,
    radius: f32,
}

impl Radar {
    /// The angle of spoke `i`, the first pointing up.
    fn angle(&self, i: usize) -> f32 {
        -PI / 2.0 + 2.0 * PI * i as f32 / self.n as f32
    }

    fn point(&self, i: usize, value: f32) -> (f32, f32) {
        let angle = self.angle(i);
        (
            self.cx + self.radius * value / 5.0 * angle.cos(),
            self.cy + self.radius * value / 5.0 * angle.sin(),
        )
    }

    /// The closed outline at one value on every spoke.
    fn ring(&self, value: f32) -> Vec<(f32, f32)> {
        let mut ring: Vec<(f32, f32)> = (0..self.n).map(|i| self.point(i, value)).collect();
        ring.push(ring[0]);
        ring
    }
}

/// The readiness radar: each dimension's score against the target profile.
/// A dimension not assessed is a gap in the outline, never a zero.
pub fn readiness(plan: &Plan, fonts: &Fonts) -> Picture {
    readiness_of_height(plan, fonts, READINESS_HEIGHT)
}

/// The readiness chart's height in the master plan.
pub const READINESS_HEIGHT: f32 = 340.0;

/// The readiness radar in a picture `height` high (at least 200): a
/// smaller radar for a short document, with the labels and the legend at
/// the same size as in the full chart, so that it prints as legibly.
pub fn readiness_of_height(plan: &Plan, fonts: &Fonts, height: f32) -> Picture {
    let dims = &plan.readiness.dimensions;
    let (width, height) = (CHART_WIDTH, height.max(200.0));
    // Room above the radar for the top label, and below it for the
    // bottom label and the legend.
    let radius = (height - 116.0) / 2.0;
    let radar = Radar {
        n: dims.len().max(3),
        cx: width / 2.0,
        cy: 56.0 + radius,
        radius,
    };
    let mut draws = radar_grid(&radar);
    draws.push(target_line(radar.ring(plan.readiness.target_score as f32)));
    let scores: Vec<Option<f32>> = dims.iter().map(|d| d.score.map(|s| s as f32)).collect();
    draws.extend(score_outline(&radar, &scores));
    let numbers = level_numbers(&radar, fonts, &draws);
    draws.extend(numbers);
    for (i, d) in dims.iter().enumerate() {
        draws.extend(dimension_label(&radar, fonts, i, d));
    }
    draws.extend(readiness_legend(
        plan,
        height - 10.0,
        scores.iter().any(Option::is_none),
    ));
    Picture {
        width,
        height,
        draws,
    }
}

/// Rings at each level, numbered on the first spoke, and the spokes.
fn radar_grid(radar: &Radar) -> Vec<Draw> {
    let mut draws = Vec::new();
    for level in 1..=5 {
        draws.push(Draw::Line {
            points: radar.ring(level as f32),
            color: LIGHT_GREY,
            width: 0.6,
            dashed: false,
        });
    }
    for i in 0..radar.n {
        draws.push(Draw::line(
            (radar.cx, radar.cy),
            radar.point(i, 5.0),
            LIGHT_GREY,
            0.6,
        ));
    }
    draws
}

/// Each ring's level, by its top corner: right of the first spoke, else
/// left of it, where no line already drawn strikes through the number (above
/// the corner, the ring's own edges fall away on either side). When the
/// score or target outline passes on both sides, the number is set on a
/// white ground on the right.
fn level_numbers(radar: &Radar, fonts: &Fonts, drawn: &[Draw]) -> Vec<Draw> {
    let mut draws = Vec::new();
    for level in 1..=5 {
        let (x, y) = radar.point(0, level as f32);
        let number = |dx: f32, anchor| {
            Draw::text(x + dx, y - 2.0, 6.0, Face::Sans, GREY, level.to_string()).anchored(anchor)
        };
        let candidates = [number(2.5, Anchor::Start), number(-2.5, Anchor::End)];
        match candidates
            .iter()
            .find(|c| !text_bounds(fonts, c).struck_by_any(drawn))
        {
            Some(clear) => draws.push(clear.clone()),
            None => draws.extend(on_white(fonts, candidates[0].clone())),
        }
    }
    draws
}

/// A text on a white rectangle a point wider than the text on every side.
fn on_white(fonts: &Fonts, text: Draw) -> [Draw; 2] {
    let b = text_bounds(fonts, &text);
    [
        Draw::fill(
            b.left - 1.0,
            b.top - 1.0,
            b.right - b.left + 2.0,
            b.bottom - b.top + 2.0,
            WHITE,
        ),
        text,
    ]
}

/// A box on the picture, as (left, top, right, bottom).
#[derive(Debug, Clone, Copy)]
struct Bounds {
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
}

impl Bounds {
    /// Whether the segment from `a` to `b` passes through the box.
    fn crossed_by(&self, a: (f32, f32), b: (f32, f32)) -> bool {
        let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
        for (start, delta, low, high) in [
            (a.0, b.0 - a.0, self.left, self.right),
            (a.1, b.1 - a.1, self.top, self.bottom),
        ] {
            if delta.abs() < 1e-6 {
                if start <= low || start >= high {
                    return false;
                }
                continue;
            }
            let (u0, u1) = ((low - start) / delta, (high - start) / delta);
            t0 = t0.max(u0.min(u1));
            t1 = t1.min(u0.max(u1));
            if t0 >= t1 {
                return false;
            }
        }
        true
    }

    /// Whether any line, or any outline of a shape, crosses the box.
    fn struck_by_any(&self, draws: &[Draw]) -> bool {
        draws.iter().any(|d| match d {
            Draw::Line { points, .. } => points.windows(2).any(|w| self.crossed_by(w[0], w[1])),
            Draw::Polygon {
                points,
                stroke: Some(_),
                ..
            } => (0..points.len())
                .any(|i| self.crossed_by(points[i], points[(i + 1) % points.len()])),
            _ => false,
        })
    }
}

/// The box a text covers: its measured width from its anchor, from 0.75 of
/// its size above the baseline to 0.2 of it below (ascenders, descenders).
fn text_bounds(fonts: &Fonts, draw: &Draw) -> Bounds {
    match draw {
        Draw::Text {
            x,
            y,
            size,
            face,
            anchor,
            text,
            ..
        } => {
            let w = fonts.width(*face, *size, text);
            let left = match anchor {
                Anchor::Start => *x,
                Anchor::Middle => x - w / 2.0,
                Anchor::End => x - w,
            };
            Bounds {
                left,
                top: y - 0.75 * size,
                right: left + w,
                bottom: y + 0.2 * size,
            }
        }
        _ => Bounds {
            left: 0.0,
            top: 0.0,
            right: 0.0,
            bottom: 0.0,
        },
    }
}

/// The country's scores: a filled shape when every dimension is assessed,
/// otherwise only the edges between assessed neighbours; a dot on each score.
fn score_outline(radar: &Radar, scores: &[Option<f32>]) -> Vec<Draw> {
    let mut draws = Vec::new();
    if scores.iter().all(Option::is_some) && !scores.is_empty() {
        let points: Vec<(f32, f32)> = scores
            .iter()
            .enumerate()
            .map(|(i, s)| radar.point(i, s.unwrap_or(0.0)))
            .collect();
        draws.push(Draw::Polygon {
            points,
            fill: Some(SCORE_FILL),
            stroke: Some((BLUE, 1.6)),
        });
    } else {
        for i in 0..scores.len() {
            let j = (i + 1) % scores.len();
            if let (Some(a), Some(b)) = (scores[i], scores[j]) {
                draws.push(Draw::line(radar.point(i, a), radar.point(j, b), BLUE, 1.6));
            }
        }
    }
    for (i, score) in scores.iter().enumerate() {
        if let Some(s) = score {
            let (x, y) = radar.point(i, *s);
            draws.push(Draw::fill(x - 2.2, y - 2.2, 4.4, 4.4, BLUE));
        }
    }
    draws
}

/// A dimension's name and score outside the end of its spoke, set away
/// from the radar on whichever side the spoke points.
fn dimension_label(radar: &Radar, fonts: &Fonts, i: usize, d: &DimensionView) -> Vec<Draw> {
    let angle = radar.angle(i);
    let (x, y) = (
        radar.cx + (radar.radius + 12.0) * angle.cos(),
        radar.cy + (radar.radius + 12.0) * angle.sin(),
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
        None => said("not_assessed"),
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
    let mut draws = Vec::new();
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
        draws.push(Draw::text(x, top + k as f32 * 8.5, 7.0, face, color, line).anchored(anchor));
    }
    draws
}

fn readiness_legend(plan: &Plan, y: f32, gaps: bool) -> Vec<Draw> {
    let mut draws = vec![
        swatch(0.0, y, SCORE_FILL),
        Draw::text(
            13.0,
            y,
            7.5,
            Face::Sans,
            BLACK,
            said_with(
                "assessment_of",
                &[("date", &long_date(&plan.assessment.date))],
            ),
        ),
        target_line(vec![(170.0, y - 3.0), (185.0, y - 3.0)]),
        Draw::text(
            189.0,
            y,
            7.5,
            Face::Sans,
            BLACK,
            said_with(
                "target_for",
                &[
                    ("year", &plan.horizon.end_year.to_string()),
                    ("score", &format_score(plan.readiness.target_score)),
                ],
            ),
        ),
    ];
    if gaps {
        draws.push(Draw::text(
            320.0,
            y,
            7.5,
            Face::SansOblique,
            GREY,
            said("gaps_not_assessed"),
        ));
    }
    draws
}

/// Where the months of the horizon fall across the roadmap.
struct Timescale {
    x0: f32,
    x1: f32,
    months: f32,
}

impl Timescale {
    fn x(&self, month: u32) -> f32 {
        self.x0 + (self.x1 - self.x0) * month as f32 / self.months
    }
}

const ROADMAP_LABEL_WIDTH: f32 = 178.0;
/// Distance between the lines of a wrapped component title.
const LABEL_LEADING: f32 = 8.0;

/// The roadmap: components by pillar over the quarters of the horizon, phases
/// shaded, milestones marked at each component's end.
pub fn roadmap(plan: &Plan, fonts: &Fonts) -> Picture {
    let width = CHART_WIDTH;
    let scale = Timescale {
        x0: ROADMAP_LABEL_WIDTH + 6.0,
        x1: width - 4.0,
        months: plan.horizon.months.max(1) as f32,
    };
    let top = 30.0;
    let (rows, y) = roadmap_rows(plan, fonts, &scale, top);
    let bottom = y + 4.0;
    // Phase bands and years behind the rows.
    let mut draws = roadmap_grid(plan, fonts, &scale, top, bottom);
    draws.extend(rows);
    let (legend, y) = roadmap_legend(plan, fonts, bottom + 14.0);
    draws.extend(legend);
    Picture {
        width,
        height: y + 6.0,
        draws,
    }
}

/// Each pillar with components, named, then a bar and a milestone for each
/// of its components. Returns the drawings and the y below the last row.
fn roadmap_rows(plan: &Plan, fonts: &Fonts, scale: &Timescale, top: f32) -> (Vec<Draw>, f32) {
    let (row_h, pillar_h) = (11.0, 14.0);
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
            // A long title wraps onto more lines and its row grows: a cut
            // title would hide what the component is.
            let lines = wrap(fonts, Face::Sans, 6.8, &c.title, ROADMAP_LABEL_WIDTH - 8.0);
            let extra = (lines.len().max(1) - 1) as f32 * LABEL_LEADING;
            y += row_h + extra;
            for (k, line) in lines.into_iter().enumerate() {
                let baseline = y - 3.0 - extra + k as f32 * LABEL_LEADING;
                rows.push(Draw::text(8.0, baseline, 6.8, Face::Sans, BLACK, line));
            }
            // The bar sits level with the middle of the title's lines.
            let mid = y - 5.0 - extra / 2.0;
            let (bx0, bx1) = (scale.x(c.start_month), scale.x(c.end_month));
            rows.push(Draw::fill(
                bx0,
                mid - 3.5,
                (bx1 - bx0).max(1.5),
                7.0,
                pillar_color(p),
            ));
            if c.kind == ComponentKind::Function {
                // A standing function keeps running after it is set up.
                let end = scale.x(plan.horizon.months);
                rows.push(Draw::fill(
                    bx1,
                    mid - 1.0,
                    (end - bx1).max(0.0),
                    2.0,
                    pillar_color(p),
                ));
            }
            rows.push(milestone_mark(bx1, mid, Some((WHITE, 0.5))));
        }
    }
    (rows, y)
}

/// Phase bands named at the top, years along the top with a line at each
/// year's start.
fn roadmap_grid(plan: &Plan, fonts: &Fonts, scale: &Timescale, top: f32, bottom: f32) -> Vec<Draw> {
    let mut draws: Vec<Draw> = Vec::new();
    for (i, phase) in plan.phases.iter().enumerate() {
        let (a, b) = (scale.x(phase.start_month), scale.x(phase.end_month));
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
    for (k, year) in (plan.horizon.start_year..=plan.horizon.end_year).enumerate() {
        let a = scale.x(k as u32 * 12);
        let b = scale.x(((k as u32 + 1) * 12).min(plan.horizon.months));
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
        draws.extend(year_rule(a, top, bottom));
    }
    draws.extend(year_rule(scale.x1, top, bottom));
    draws
}

/// The line at a year's start: a tick under the years, then a rule from the
/// first row down, broken where the phases are named so that no rule
/// strikes through a phase's name.
fn year_rule(x: f32, top: f32, bottom: f32) -> [Draw; 2] {
    [
        Draw::line((x, 11.0), (x, top - 12.0), RULE_GREY, 0.5),
        Draw::line((x, top), (x, bottom), RULE_GREY, 0.5),
    ]
}

/// The legend, then the deferred components, from `y` down. Returns the
/// drawings and the baseline of the last line.
fn roadmap_legend(plan: &Plan, fonts: &Fonts, mut y: f32) -> (Vec<Draw>, f32) {
    let mut draws = vec![milestone_mark(4.0, y - 3.0, None)];
    let key = said("roadmap_key");
    for (i, line) in wrap(fonts, Face::Sans, 7.0, &key, CHART_WIDTH - 12.0)
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            y += 10.0;
        }
        draws.push(Draw::text(12.0, y, 7.0, Face::Sans, BLACK, line));
    }
    if !plan.deferred.is_empty() {
        let titles: Vec<String> = plan.deferred.iter().map(|d| d.title.clone()).collect();
        let text = said_with("not_funded", &[("titles", &titles.join("; "))]);
        for line in wrap(fonts, Face::SansOblique, 7.0, &text, CHART_WIDTH) {
            y += 10.0;
            draws.push(Draw::text(0.0, y, 7.0, Face::SansOblique, GREY, line));
        }
    }
    (draws, y)
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

/// The costs chart's plot area and value axis.
struct CostAxis {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    step: f64,
    max: f64,
}

impl CostAxis {
    fn y(&self, value: f64) -> f32 {
        self.bottom - (self.bottom - self.top) * (value / self.max) as f32
    }
}

/// Cost per year, one-off and running, against the envelope spread over
/// the years: the plan's own yearly figures, not recomputed here.
pub fn costs(plan: &Plan, fonts: &Fonts) -> Picture {
    let (width, height) = (CHART_WIDTH, 250.0);
    let cost: Vec<Vec<f64>> = plan
        .financing
        .by_year
        .iter()
        .map(|y| vec![y.capex_usd_millions, y.opex_usd_millions])
        .collect();
    let totals: Vec<f64> = plan
        .financing
        .by_year
        .iter()
        .map(|y| y.cost_usd_millions)
        .collect();
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
    let axis = CostAxis {
        left: 46.0,
        right: width - 8.0,
        top: 16.0,
        bottom: 200.0,
        step,
        max: (peak * 1.08 / step).ceil().max(1.0) * step,
    };
    let mut draws = cost_grid(&axis);
    let years: Vec<i32> = plan.financing.by_year.iter().map(|y| y.year).collect();
    draws.extend(cost_bars(&axis, &years, &cost));
    let envelope_y = envelope_per_year.map(|e| axis.y(e));
    if let Some(y) = envelope_y {
        draws.push(target_line(vec![(axis.left, y), (axis.right, y)]));
    }
    draws.extend(cost_labels(fonts, &axis, &years, &totals, envelope_y));
    let (one_off, running) = (said("series_one_off"), said("series_running"));
    let series = [one_off.as_str(), running.as_str()];
    let mut x = axis.left;
    draws.extend(legend(fonts, &series, &mut x, height - 24.0));
    if let Some(e) = envelope_per_year {
        // Named on a line of its own under the legend, where no bar can
        // cover the words, with its unit and what it means: the plan keeps
        // to the total, not to each year's share.
        let key_y = height - 8.0 - 2.5;
        draws.push(target_line(vec![
            (axis.left, key_y),
            (axis.left + 14.0, key_y),
        ]));
        draws.push(Draw::text(
            axis.left + 18.0,
            height - 8.0,
            7.0,
            Face::Sans,
            BLACK,
            said_with(
                "envelope_spread",
                &[
                    ("amount", &format_number(e, 1)),
                    ("years", &plan.horizon.years.max(1).to_string()),
                ],
            ),
        ));
    }
    Picture {
        width,
        height,
        draws,
    }
}

/// Grid lines at each step of the axis, with their values, and the unit.
fn cost_grid(axis: &CostAxis) -> Vec<Draw> {
    let mut draws = Vec::new();
    let mut tick = 0.0;
    while tick <= axis.max + 1e-9 {
        let y = axis.y(tick);
        draws.push(Draw::line(
            (axis.left, y),
            (axis.right, y),
            if tick == 0.0 { GREY } else { LIGHT_GREY },
            0.5,
        ));
        draws.push(
            Draw::text(
                axis.left - 4.0,
                y + 2.5,
                7.0,
                Face::Sans,
                GREY,
                format_number(tick, 2),
            )
            .anchored(Anchor::End),
        );
        tick += axis.step;
    }
    draws.push(Draw::text(
        0.0,
        axis.top - 6.0,
        7.0,
        Face::SansOblique,
        GREY,
        said("usd_million_per_year"),
    ));
    draws
}

/// Where each year's bar stands: its left edge and its width.
fn bar_slots(axis: &CostAxis, years: usize) -> impl Iterator<Item = (f32, f32)> + '_ {
    let slot = (axis.right - axis.left) / years.max(1) as f32;
    let bar = slot * 0.5;
    (0..years).map(move |i| (axis.left + slot * i as f32 + (slot - bar) / 2.0, bar))
}

/// A bar for each year, one-off cost below running cost.
fn cost_bars(axis: &CostAxis, years: &[i32], cost: &[Vec<f64>]) -> Vec<Draw> {
    let mut draws = Vec::new();
    for (i, (x, bar)) in bar_slots(axis, years.len()).enumerate() {
        let mut base = 0.0;
        for (p, value) in cost[i].iter().enumerate() {
            if *value <= 0.0 {
                continue;
            }
            let (y_top, y_bottom) = (axis.y(base + value), axis.y(base));
            draws.push(Draw::fill(x, y_top, bar, y_bottom - y_top, pillar_color(p)));
            base += value;
        }
    }
    draws
}

/// Each year's total above its bar and the year below it. A total is set on
/// a white ground so that no grid line runs through it, and above the
/// envelope's dashed line when the line would otherwise strike through it
/// (the bar then ends below the line, so the total stays clear of it).
fn cost_labels(
    fonts: &Fonts,
    axis: &CostAxis,
    years: &[i32],
    totals: &[f64],
    envelope_y: Option<f32>,
) -> Vec<Draw> {
    let mut draws = Vec::new();
    for (i, (x, bar)) in bar_slots(axis, years.len()).enumerate() {
        let size = 7.0;
        let mut baseline = axis.y(totals[i]) - 3.0;
        if let Some(line) = envelope_y {
            // The label's white ground reaches a point past its box.
            let (top, bottom) = (baseline - 0.75 * size - 1.5, baseline + 0.2 * size + 1.5);
            if line > top && line < bottom {
                baseline = line - 0.2 * size - 2.0;
            }
        }
        let total = Draw::text(
            x + bar / 2.0,
            baseline,
            size,
            Face::SansBold,
            BLACK,
            format_number(totals[i], 1),
        )
        .anchored(Anchor::Middle);
        draws.extend(on_white(fonts, total));
        draws.push(
            Draw::text(
                x + bar / 2.0,
                axis.bottom + 11.0,
                7.5,
                Face::Sans,
                BLACK,
                years[i].to_string(),
            )
            .anchored(Anchor::Middle),
        );
    }
    draws
}

/// Series colours and names in a row from (x, y); `x` ends after the last.
fn legend(fonts: &Fonts, names: &[&str], x: &mut f32, y: f32) -> Vec<Draw> {
    let mut draws = Vec::new();
    for (p, name) in names.iter().enumerate() {
        draws.push(swatch(*x, y, pillar_color(p)));
        draws.push(Draw::text(
            *x + 13.0,
            y,
            7.0,
            Face::Sans,
            BLACK,
            name.to_string(),
        ));
        *x += 22.0 + fonts.width(Face::Sans, 7.0, name);
    }
    draws
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

    /// The cut as it was made before: one character dropped at a time, the
    /// whole text measured each time.
    fn fit_by_dropping(fonts: &Fonts, size: f32, text: &str, width: f32) -> String {
        if fonts.width(Face::Sans, size, text) <= width {
            return text.to_string();
        }
        let mut cut: String = text.to_string();
        while !cut.is_empty() && fonts.width(Face::Sans, size, &format!("{cut}…")) > width {
            cut.pop();
        }
        format!("{}…", cut.trim_end())
    }

    #[test]
    fn fitting_cuts_where_dropping_one_character_at_a_time_did() {
        let fonts = Fonts::load().unwrap();
        let labels = [
            "Digital literacy for women, rural and vulnerable groups",
            "Government enterprise architecture and interoperability framework",
            "Lao People's Democratic Republic",
            "Côte d'Ivoire: ministère de l'Économie numérique",
            "ກະຊວງ ເຕັກໂນໂລຊີ ແລະ ການສື່ສານ",
            "a  b  c  d  e  f  g  h",
            "W",
        ];
        for label in labels {
            for width in [0.0, 5.0, 20.0, 47.5, 100.0, 180.0, 400.0] {
                assert_eq!(
                    fit(&fonts, Face::Sans, 7.0, label, width),
                    fit_by_dropping(&fonts, 7.0, label, width),
                    "{label} in {width}"
                );
            }
        }
    }

    #[test]
    fn fitting_a_very_long_name_takes_linear_time() {
        let fonts = Fonts::load().unwrap();
        let long = "Republic ".repeat(20_000);
        let start = std::time::Instant::now();
        let cut = fit(&fonts, Face::Sans, 7.0, &long, 150.0);
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!(cut, fit_by_dropping(&fonts, 7.0, &long[..200], 150.0));
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
