//! Embeds every UN E-Government Survey edition found in data/egdi/, so that
//! a new edition is added by dropping its CSV file there, without code changes.

use std::env;
use std::fmt::Write;
use std::fs;
use std::path::Path;

fn main() {
    let dir = Path::new("data/egdi");
    println!("cargo:rerun-if-changed=data/egdi");
    let mut files: Vec<String> = fs::read_dir(dir)
        .expect("data/egdi exists")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".csv"))
        .collect();
    files.sort();
    let mut code = String::from(
        "/// Survey editions embedded at build time: (file name, CSV text).\npub const EDITIONS: &[(&str, &str)] = &[\n",
    );
    for name in &files {
        println!("cargo:rerun-if-changed=data/egdi/{name}");
        let path = fs::canonicalize(dir.join(name)).expect("the file exists");
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("editions.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
