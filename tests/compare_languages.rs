//! `dgplan compare --language`: plans written in different languages (a
//! French Senegal and a Spanish Bolivia) make a comparison that reads in
//! the comparison's own language, whatever the plans' languages.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// What a comparison in one language must say, and what it must not. The
/// reasons quoted from a plan (why it alone selected a component) are the
/// plan's own sentences, in its language: names are checked in cells.
struct Expected {
    code: &'static str,
    says: &'static [&'static str],
    never: &'static [&'static str],
}

const ENGLISH: Expected = Expected {
    code: "en",
    says: &[
        "# Comparison of national digital government plans",
        "| Bolivia | BOL | LLDC | LMIC |",
        "| Senegal | SEN | LDC | LMIC |",
        "Bolivia, drafted on 29 December 2026 by dgplan",
        "| Average of assessed dimensions |",
        "| All compared (2) |",
        "average readiness",
        "Its plan funds ",
        "per person",
        "**Senegal.** ",
    ],
    never: &[
        "| Sénégal |",
        "| Bolivie |",
        "| PMA |",
        "maturité",
        "preparación",
        "| reportée |",
        "| aplazado |",
        "par habitant",
        "por habitante",
        "établi le",
        "elaborado el",
    ],
};

const FRENCH: Expected = Expected {
    code: "fr",
    says: &[
        "# Comparaison des plans nationaux de gouvernement numérique",
        "| Bolivie | BOL | PDSL | Revenu intermédiaire inférieur |",
        "| Sénégal | SEN | PMA | Revenu intermédiaire inférieur |",
        "Bolivie, établi le 29\u{a0}décembre 2026 par dgplan",
        "| Moyenne des dimensions évaluées |",
        "| Ensemble des pays comparés (2) |",
        "maturité moyenne",
        "Son plan finance ",
        "par habitant",
        "**Sénégal.** ",
    ],
    never: &[
        "| Senegal |",
        "**Senegal.**",
        "| Bolivia |",
        "**Bolivia.**",
        "| LDC |",
        "| LMIC |",
        "average readiness",
        "preparación",
        "| deferred |",
        "| aplazado |",
        "per person",
        "por habitante",
        "drafted on",
        "elaborado el",
    ],
};

const SPANISH: Expected = Expected {
    code: "es",
    says: &[
        "# Comparación de planes nacionales de gobierno digital",
        "| Bolivia | BOL | PDSL | Ingreso mediano bajo |",
        "| Senegal | SEN | PMA | Ingreso mediano bajo |",
        "Bolivia, elaborado el 29\u{a0}de diciembre de 2026 con dgplan",
        "| Promedio de las dimensiones evaluadas |",
        "| Todos los países comparados (2) |",
        "preparación media",
        "Su plan financia ",
        "por habitante",
        "**Senegal.** ",
    ],
    never: &[
        "| Sénégal |",
        "**Sénégal.**",
        "| Bolivie |",
        "| LDC |",
        "| LMIC |",
        "average readiness",
        "maturité",
        "| deferred |",
        "| reportée |",
        "per person",
        "par habitant",
        "drafted on",
        "établi le",
    ],
};

/// The plan.json of a sample, generated into `out`.
fn plan_json(name: &str, out: &Path) -> PathBuf {
    let output = generate(&[&sample(name)], out);
    assert!(output.status.success(), "{}", stderr(&output));
    let country = std::fs::read_dir(out).unwrap().next().unwrap().unwrap();
    country.path().join("plan.json")
}

fn compare_in(inputs: &[&Path], language: &str, out: &Path) -> (String, Value) {
    let mut args: Vec<String> = vec!["compare".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["--language".into(), language.into()]);
    args.extend(["--out".into(), out.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = dgplan(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let md = std::fs::read_to_string(out.join("comparison.md")).unwrap();
    let json = std::fs::read_to_string(out.join("comparison.json")).unwrap();
    (md, serde_json::from_str(&json).unwrap())
}

#[test]
fn a_french_and_a_spanish_plan_compare_in_the_comparison_s_language() {
    let (sn, bo) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    let senegal = plan_json("senegal", sn.path());
    let bolivia = plan_json("bolivia", bo.path());
    let languages = |p: &Path| -> String {
        let plan: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        plan["language"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(
        (languages(&senegal), languages(&bolivia)),
        ("fr".to_string(), "es".to_string()),
        "the samples are a French and a Spanish plan"
    );
    for expected in [ENGLISH, FRENCH, SPANISH] {
        let out = TempDir::new().unwrap();
        let (md, json) = compare_in(&[&senegal, &bolivia], expected.code, out.path());
        assert_eq!(json["language"], expected.code);
        for said in expected.says {
            assert!(md.contains(said), "{}: no {said:?} in\n{md}", expected.code);
        }
        for word in expected.never {
            assert!(!md.contains(word), "{}: {word:?} in\n{md}", expected.code);
        }
        // Every name a comparison gives a country is in its language.
        let names: Vec<&str> = json["countries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        let wanted = match expected.code {
            "fr" => ["Bolivie", "Sénégal"],
            _ => ["Bolivia", "Senegal"],
        };
        assert_eq!(names, wanted, "{}", expected.code);
        for n in json["narratives"].as_array().unwrap() {
            assert!(
                wanted.contains(&n["name"].as_str().unwrap()),
                "{}: {n}",
                expected.code
            );
        }
    }
}

#[test]
fn versions_of_a_french_plan_compared_in_spanish_read_in_spanish() {
    let out = TempDir::new().unwrap();
    let senegal = sample("senegal");
    let (md, json) = compare_in(&[&senegal, &senegal], "es", out.path());
    assert_eq!(
        json["title"],
        "Cambios entre versiones de un plan nacional de gobierno digital"
    );
    assert_eq!(
        json["subtitle"],
        "Dos versiones del plan del Senegal en paralelo"
    );
    assert!(
        md.contains("| Versión 1 | 29\u{a0}de diciembre de 2026 con dgplan"),
        "{md}"
    );
    assert!(
        md.contains("Ambas versiones se elaboraron el 29\u{a0}de diciembre de 2026"),
        "{md}"
    );
    assert!(
        md.contains("Las versiones de un plan elaboradas el mismo día"),
        "{md}"
    );
    for word in ["Sénégal", "Version 1", "établi", "Both versions"] {
        assert!(!md.contains(word), "{word:?} in\n{md}");
    }
}
