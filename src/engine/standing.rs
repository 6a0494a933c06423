//! Stage 0: where the country stands before anything is decided: how a
//! score maps to a maturity level ([`level_of`], used by the texts and the
//! readiness view), and the weakest and strongest dimensions ([`extremes`]).
//!
//! It comes first because the framework's texts may name the weakest and
//! strongest dimensions, and every later stage writes texts.

use super::Given;

/// Ids of the weakest and strongest assessed dimensions.
pub struct Extremes {
    /// Up to three below the average score, weakest first.
    pub weakest: Vec<String>,
    /// Up to three above the average score, strongest first.
    pub strongest: Vec<String>,
}

/// Up to three assessed dimensions below the average score (weakest first)
/// and up to three above it (strongest first); ties in framework order. A
/// dimension at the average is neither, so the two lists never overlap.
pub fn extremes(given: &Given) -> Extremes {
    let (input, framework) = (given.input, given.framework);
    let mut assessed: Vec<(usize, &str, f64)> = framework
        .dimensions
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            input
                .readiness
                .scores
                .get(&d.id.name)
                .map(|s| (i, d.id.name.as_str(), *s))
        })
        .collect();
    if assessed.is_empty() {
        return Extremes {
            weakest: Vec::new(),
            strongest: Vec::new(),
        };
    }
    let average = assessed.iter().map(|a| a.2).sum::<f64>() / assessed.len() as f64;
    assessed.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)));
    let weakest = assessed
        .iter()
        .filter(|a| a.2 < average - 1e-9)
        .take(3)
        .map(|(_, id, _)| id.to_string())
        .collect();
    assessed.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    let strongest = assessed
        .iter()
        .filter(|a| a.2 > average + 1e-9)
        .take(3)
        .map(|(_, id, _)| id.to_string())
        .collect();
    Extremes { weakest, strongest }
}

/// Whole maturity level of a score: 2.7 is level 2.
pub fn level_of(score: f64) -> u8 {
    score.floor().clamp(0.0, 5.0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing;

    #[test]
    fn the_weakest_are_below_the_average_and_the_strongest_above() {
        for (framework, input) in [testing::lao(), testing::fiji(), testing::korea()] {
            let given = Given::new(&input, &framework);
            let extremes = extremes(&given);
            let scores = &input.readiness.scores;
            let average = scores.values().sum::<f64>() / scores.len() as f64;
            assert!(extremes.weakest.len() <= 3 && extremes.strongest.len() <= 3);
            for id in &extremes.weakest {
                assert!(scores[id] < average && !extremes.strongest.contains(id));
            }
            for id in &extremes.strongest {
                assert!(scores[id] > average);
            }
        }
    }
}
